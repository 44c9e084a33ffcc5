"""The ready proposal as every door shows it: built by code, then polished (the optional prose rewrite).

The polish's model use is recorded in the interview like a turn's, so it counts against the token budget; the
caller saves it with the state (with a turn, an edit, or at once when a proposal is asked for outside a turn).
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.knowledge import KnowledgeBase
from assistant.proposal import Proposal, build_proposal
from assistant.state import InterviewState, TurnUsage

Polish = Callable[[Proposal, InterviewState], tuple[Proposal, TurnUsage | None]]
"""Rewords a built proposal: the proposal to show, and the model use to record (None: no call was made)."""


def polished(state: InterviewState, kb: KnowledgeBase, polish: Polish | None, spent: list[TurnUsage]) -> Proposal:
    """The ready proposal with `polish` applied. Its model use joins `spent`, and all of `spent` is recorded in
    `state`: a retry on a newer copy of the state records what an earlier try spent (the rewrite is remembered
    then, not asked for again, so that try's use would otherwise be lost)."""
    proposal, usage = build_proposal(state, kb), None
    if polish is not None:
        proposal, usage = polish(proposal, state)
    if usage is not None:
        spent.append(usage)
    record(state, spent)
    return proposal


def record(state: InterviewState, spent: list[TurnUsage]) -> None:
    for usage in spent:
        state.record_usage(usage)
