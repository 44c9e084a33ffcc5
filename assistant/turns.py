"""What one turn gives back: the reply, the theme board and the proposal as events, whole or streamed."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass, field

from assistant.proposal import Proposal
from assistant.state import InterviewState, Theme


@dataclass(frozen=True)
class ReplyEvent:
    text: str
    topic: str | None


@dataclass(frozen=True)
class BoardEvent:
    """The themes found so far, ranked (the live theme board)."""

    themes: list[Theme]


@dataclass(frozen=True)
class ProposalEvent:
    proposal: Proposal


Event = ReplyEvent | BoardEvent | ProposalEvent


@dataclass
class TurnResult:
    session_id: str
    state: InterviewState
    events: list[Event] = field(default_factory=list)
    started: bool = False
    """This turn stored a new interview (its first message): an adapter shows the id now."""

    @property
    def reply(self) -> str:
        return "\n\n".join(e.text for e in self.events if isinstance(e, ReplyEvent))

    @property
    def proposal(self) -> Proposal | None:
        return next((e.proposal for e in self.events if isinstance(e, ProposalEvent)), None)


class TurnStream:
    """A turn whose reply grows as it is written: iterating gives the whole reply so far, each time longer (the
    last is the stored reply, which may replace a streamed question that failed a check); `result` is the
    turn's result once the iteration has ended."""

    def __init__(self, turn: Generator[str, None, TurnResult]) -> None:
        self._turn = turn
        self.result: TurnResult | None = None

    def __iter__(self) -> Iterator[str]:
        self.result = yield from self._turn
