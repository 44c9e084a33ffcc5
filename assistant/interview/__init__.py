"""Interviewers: the seam every backend (guided offline engine, LLM agent) implements."""

from __future__ import annotations

from collections.abc import Iterator
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


def reply_stream(interviewer: Interviewer, state: InterviewState, turn: int) -> Iterator[str | Reply]:
    """The reply's text in pieces as it is written, then the `Reply` (which counts: it may replace what was
    streamed). An interviewer without `respond_stream` (the offline engine) gives its whole text as one piece."""
    stream = getattr(interviewer, "respond_stream", None)
    if stream is not None:
        yield from stream(state, turn)
        return
    reply = interviewer.respond(state, turn)
    yield reply.text
    yield reply
