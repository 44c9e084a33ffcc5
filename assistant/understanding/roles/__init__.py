"""Clause roles learned from labelled examples: what each clause of a message is (a pain, a filler, a command...)."""
