"""The optional prose rewrite of the proposal: used when every figure and quote is kept, else the original stands.

A scripted chat model stands in for the rewriting model: these prove the checks and the wiring (off by default,
applied to proposals the service builds), not how well a real model writes.
"""

from __future__ import annotations

from typing import Any
from unittest.mock import ANY

import httpx2
import openai
import pytest
from langchain_core.messages import AIMessage

from assistant.app import App
from assistant.interview.guided import GuidedInterviewer
from assistant.interview.llm import budget
from assistant.interview.llm.rewrite import ProseRewriter, dropped, prose_items, protected
from assistant.proposal import Proposal
from assistant.service import ChatService
from assistant.settings import Settings
from assistant.state import InterviewState, TurnUsage
from assistant.store import SessionStore
from tests.conversations import EN_PRESS, JA_FRESH
from tests.fake_chat import FakeChat, tool


def _interview(kb: Any, index: Any, lines: list[str]) -> tuple[ChatService, InterviewState]:
    service = ChatService(SessionStore("sqlite://"), GuidedInterviewer(index, kb), kb)
    state = service.new_session("u")
    for line in lines:
        state = service.handle_state(state, line).state
    assert state.proposal_ready
    return service, state


def _answer(proposal: Proposal, reword: Any) -> Any:
    """A rewrite_prose call rewording every prose sentence with `reword(id, text)`."""
    items = [{"id": k, "text": reword(k, i.text)} for k, i in prose_items(proposal).items()]
    return AIMessage(content="", tool_calls=[tool("rewrite_prose", {"items": items})])


def test_figures_and_quotes_are_what_must_be_kept():
    text = "About 1,000 past examples at $40,000 each, 12% drift, as they said “only Ken knows” and 「ベテランの勘」."
    assert protected(text) == ["1,000", "$40,000", "12%", "only ken knows", "ベテランの勘"]
    assert dropped(text, text.replace("1,000", "a thousand")) == ["1,000"]
    assert dropped("約１，０００件", "過去の事例が約1,000件") == []  # full-width digits are the same figure


@pytest.mark.parametrize(("lines", "prefix"), [(EN_PRESS, "For the presses: "), (JA_FRESH, "この案件では、")])
def test_a_rewrite_that_keeps_every_figure_is_used(kb, index, lines, prefix):
    service, state = _interview(kb, index, lines)
    original = service.proposal(state.id)
    assert original is not None and len(prose_items(original)) >= 5
    model = FakeChat().enqueue(_answer(original, lambda _k, text: prefix + text))
    rewriter = ProseRewriter(model)
    done = rewriter.rewrite(original, state)
    assert done.problem is None
    texts = [i.text for i in prose_items(done.proposal).values()]
    assert texts and all(t.startswith(prefix) for t in texts)
    # everything that is not prose is untouched: the employee's words, the arithmetic, the table
    for before, after in zip(original.sections, done.proposal.sections, strict=True):
        if before.key in ("background", "question", "value", "poc_plan"):
            assert before == after
    assert model.requests[0]["tool_choice"] == "rewrite_prose"
    assert rewriter.rewrite(original, state).proposal == done.proposal and len(model.requests) == 1  # remembered


def test_a_rewrite_that_drops_a_figure_keeps_the_original(kb, index):
    service, state = _interview(kb, index, EN_PRESS)
    original = service.proposal(state.id)
    assert original is not None
    with_figure = next(k for k, i in prose_items(original).items() if protected(i.text))
    figure = protected(prose_items(original)[with_figure].text)[0]

    def reword(k: int, text: str) -> str:
        return text.replace(figure, "many") if k == with_figure else "Put simply: " + text

    done = ProseRewriter(FakeChat().enqueue(_answer(original, reword))).rewrite(original, state)
    assert done.problem == f"dropped: {figure}" and done.proposal == original
    assert done.usage is not None and done.usage.fallback == "dropped"  # the kind, not the employee's figures


def test_a_failed_call_or_a_missing_item_keeps_the_original(kb, index):
    service, state = _interview(kb, index, EN_PRESS)
    original = service.proposal(state.id)
    assert original is not None
    timeout = openai.APITimeoutError(request=httpx2.Request("POST", "http://127.0.0.1:9/v1"))
    model = FakeChat().enqueue(timeout, _answer(original, lambda _k, t: t))
    model.queue[-1].tool_calls[0]["args"]["items"].pop()  # one sentence left out
    rewriter = ProseRewriter(model)
    failed = rewriter.rewrite(original, state)
    assert failed.problem == "timeout" and failed.usage is not None
    assert (failed.usage.calls, failed.usage.tokens_in, failed.usage.fallback) == (1, 0, "timeout")  # never answered
    assert rewriter.rewrite(original, state).problem == "ids"  # a failed call is tried again next time


def test_an_interview_over_its_token_budget_gets_no_rewrite_call(kb, index):
    service, state = _interview(kb, index, EN_PRESS)
    original = service.proposal(state.id)
    assert original is not None
    state.record_usage(TurnUsage(turn=0, tokens_in=500))
    model = FakeChat()
    assert ProseRewriter(model, token_budget=100).rewrite(original, state).problem == "budget"
    assert model.requests == []


def test_the_service_applies_the_rewrite_to_the_proposals_it_builds(kb, index):
    plain, state = _interview(kb, index, EN_PRESS)
    original = plain.proposal(state.id)  # the offline engine is deterministic: the same interview, the same prose
    assert original is not None
    model = FakeChat().enqueue(_answer(original, lambda _k, t: "In short, " + t))
    polished = ChatService(SessionStore("sqlite://"), GuidedInterviewer(index, kb), kb, polish=ProseRewriter(model))
    state = polished.new_session("u")
    for line in EN_PRESS:
        result = polished.handle_state(state, line)
        state = result.state
    assert result.proposal is not None and len(model.requests) == 1
    assert all(i.text.startswith("In short, ") for i in prose_items(result.proposal).values())
    assert polished.proposal(state.id) == result.proposal.model_copy(update={"generated_at": ANY})
    assert len(model.requests) == 1  # the same proposal again: the rewrite is remembered, not asked for again


def test_the_rewrite_is_on_by_default_in_llm_mode_and_off_with_its_setting(tmp_path, kb, index):
    base = {"data_dir": tmp_path / "d", "backend": "llm", "llm_base_url": "http://127.0.0.1:9/v1"}
    for on in (False, True):
        app = App(Settings(**base, llm_rewrite_prose=on))  # type: ignore[arg-type]
        app.__dict__["kb"], app.__dict__["index"] = kb, index
        assert isinstance(app.service.polish, ProseRewriter) is on
        app.store.close()
    assert Settings().llm_rewrite_prose is True


def test_the_rewrite_call_is_recorded_in_the_interview_and_counts_against_its_budget(kb, index):
    plain, state = _interview(kb, index, EN_PRESS)
    original = plain.proposal(state.id)
    assert original is not None
    model = FakeChat().enqueue(_answer(original, lambda _k, t: "In short, " + t))
    rewriter = ProseRewriter(model, token_budget=1)  # the first call is within it (nothing spent yet), no more
    polished = ChatService(plain.store, GuidedInterviewer(index, kb), kb, polish=rewriter)
    assert polished.proposal(state.id) != original  # asked for outside a turn (a reload, propose): saved at once
    stored = polished.get(state.id)
    row = stored.llm_usage[-1]
    assert (row.kind, row.calls, row.fallback, row.turn) == ("rewrite", 1, None, len(stored.transcript) - 2)
    assert row.tokens_in > 0 and row.tokens_out > 0
    assert stored.llm_totals.rewrites == 1 and stored.llm_totals.turns == 0  # the offline engine spent nothing
    assert budget.spent(stored) == row.tokens_in + row.tokens_out
    # a new proposal (the interview switched to Japanese) is over the budget the rewrite spent: no second call
    ja = polished.proposal(polished.set_language(state.id, "ja").id)
    built = plain.proposal_of(polished.get(state.id))
    assert ja is not None and built is not None and len(model.requests) == 1
    assert ja == built.model_copy(update={"generated_at": ANY})


def test_a_rewrite_on_the_turn_that_readies_the_proposal_is_saved_with_that_turn(kb, index):
    plain, state = _interview(kb, index, EN_PRESS)
    original = plain.proposal(state.id)
    assert original is not None
    model = FakeChat().enqueue(_answer(original, lambda _k, t: "In short, " + t))
    service = ChatService(SessionStore("sqlite://"), GuidedInterviewer(index, kb), kb, polish=ProseRewriter(model))
    state = service.new_session("u")
    for line in EN_PRESS:
        state = service.handle_state(state, line).state
    stored = service.get(state.id)
    assert [u.kind for u in stored.llm_usage] == ["rewrite"] and stored.llm_totals.calls == 1
    assert stored.model_dump() == state.model_dump()  # the caller's copy is the saved one: no conflict next turn
