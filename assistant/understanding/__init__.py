"""The offline parser: one employee message in, a `TurnUpdate` (assistant.core.update) out, by rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.edits import Readers


def edit_readers() -> Readers:
    """The parser's readers for the Edit tab (numbers, records, cost lines), as `assistant.edits.Readers`."""
    from assistant.edits import Readers
    from assistant.understanding.costing import cost_lines
    from assistant.understanding.quantities import read_quantities
    from assistant.understanding.records import read_data

    return Readers(numbers=read_quantities, data=read_data, lines=cost_lines)
