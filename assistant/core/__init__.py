"""The core's contract with both producers of understanding: the typed update of one turn and its cost lines."""
