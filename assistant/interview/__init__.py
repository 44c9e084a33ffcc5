"""Interviewers: the seam every backend (guided offline engine, LLM agent) implements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from assistant.state import InterviewState
from assistant.vocabulary import Topic


@dataclass(frozen=True)
class Reply:
    """What the interviewer says next, and which topic its question is about (None: it asks nothing)."""

    text: str
    topic: Topic | None


class Interviewer(Protocol):
    """Reads the employee's message (already appended to `state.transcript` at index `turn`), updates
    the state in place and returns the next message. The same state works for every backend."""

    name: str

    def respond(self, state: InterviewState, turn: int) -> Reply: ...

    def refresh(self, state: InterviewState) -> None:
        """Re-ground and re-rank the themes after the state changed outside a turn (an edit)."""
        ...
