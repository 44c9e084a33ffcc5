"""Streamed turns through ChatService and the web chat handler: growing text, commits, fallbacks.

A scripted chat model streams word by word, so these prove the wiring (what is yielded, stored and when), not
what a real model would say. tests/test_llm_server.py streams from a real one on 127.0.0.1.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from langchain_core.messages import BaseMessage
from pydantic import Field

from assistant import prompts
from assistant.adapters.web_views import WebUI
from assistant.core.money import Rates
from assistant.interview.guided import GuidedInterviewer
from assistant.interview.llm import AgentConfig, LLMInterviewer
from assistant.service import ChatService
from assistant.store import SessionStore
from tests.fake_chat import FakeChat, record

OPENING = "I run the press line at a stamping plant. The presses stop without warning, 180 breaks a year, say 10k each."
UPDATE = {
    "pains": [{"text": "presses stop without warning", "quote": "The presses stop without warning"}],
    "cost_lines": [
        {
            "what": "press breaks",
            "form": "events",
            "count": {"value": 180, "per": "year", "quote": "180 breaks a year"},
            "each": {"value": 10000, "currency": "USD", "quote": "say 10k each"},
        }
    ],
}
QUESTION = "Ouch, that adds up. What would you most like to know earlier about those stops?"


class WatchedChat(FakeChat):
    """A fake model that runs `before_call` before answering (to look at the store mid-turn)."""

    before_call: Any = None
    calls_seen: list[Any] = Field(default_factory=list)

    def _next(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> Any:
        if self.before_call is not None:
            self.calls_seen.append(self.before_call())
        return super()._next(messages, kwargs)


@pytest.fixture()
def store(tmp_path):
    s = SessionStore(f"sqlite:///{tmp_path / 's.db'}")
    yield s
    s.close()


def _llm(model: FakeChat, kb: Any, index: Any) -> LLMInterviewer:
    return LLMInterviewer(model, GuidedInterviewer(index, kb), index, kb, Rates(), AgentConfig())


def test_the_reply_grows_in_pieces_and_the_last_is_the_stored_reply(store, kb, index):
    model = FakeChat().enqueue(record(UPDATE), QUESTION)
    service = ChatService(store, _llm(model, kb, index), kb)
    assert service.streams
    state = service.new_session("u")
    stream = service.send_stream(state, OPENING)
    shown = list(stream)
    assert len(shown) > 3
    assert all(later.startswith(earlier) for earlier, later in pairwise(shown))
    assert stream.result is not None and shown[-1] == stream.result.reply
    stored = store.load(state.id)
    assert stored is not None and [t.text for t in stored.transcript] == [OPENING, shown[-1]]
    assert shown[-1].endswith(QUESTION) and "$1,800,000" in shown[-1]  # the play-back by code, then the model
    assert stored.asking == "judgment" and stored.focus_pain() is not None


def test_the_message_is_committed_before_any_model_call_and_the_reply_after(store, kb, index):
    model = WatchedChat().enqueue(record(UPDATE), QUESTION)
    service = ChatService(store, _llm(model, kb, index), kb)
    state = service.new_session("u")  # a new session: not stored until its first message
    model.before_call = lambda: [(t.role, t.text) for t in store.load(state.id).transcript]
    stream = iter(service.send_stream(state, OPENING))
    while "Ouch" not in next(stream):  # the model has begun its question
        pass
    assert model.calls_seen == [[("user", OPENING)], [("user", OPENING)]]  # understand, then ask
    assert [t.role for t in store.load(state.id).transcript] == ["user"]  # mid-stream: no reply stored yet
    stream.close()  # the browser went away: the message is kept all the same
    assert [t.text for t in store.load(state.id).transcript] == [OPENING]


def test_the_offline_engine_gives_one_piece(store, kb, index):
    service = ChatService(store, GuidedInterviewer(index, kb), kb)
    assert not service.streams
    state = service.new_session("u")
    stream = service.send_stream(state, "I run a bakery and we throw away bread every night.")
    shown = list(stream)
    assert stream.result is not None and shown == [stream.result.reply]
    assert store.load(state.id).transcript[-1].text == shown[0]


def test_a_streamed_question_that_fails_a_check_is_replaced_by_the_template(store, kb, index):
    model = FakeChat().enqueue(record(UPDATE), "Tell me about the machine learning model you want?")
    service = ChatService(store, _llm(model, kb, index), kb)
    state = service.new_session("u")
    stream = service.send_stream(state, OPENING)
    shown = list(stream)
    assert any("machine learning" in s for s in shown[:-1])  # it was streamed...
    assert "machine learning" not in shown[-1]  # ...and the stored reply replaces it
    assert stream.result is not None and stream.result.state.llm_usage[-1].ask_fallback == "jargon"
    assert store.load(state.id).transcript[-1].text == shown[-1]


def test_empty_input_streams_the_notice_and_stores_nothing(store, kb, index):
    service = ChatService(store, _llm(FakeChat(), kb, index), kb)
    state = service.new_session("u")
    shown = list(service.send_stream(state, "   "))
    assert len(shown) == 1 and "didn't receive any text" in shown[0]
    assert store.load(state.id) is None


def test_saved_elsewhere_mid_turn_the_turn_is_answered_again_and_both_are_kept(store, kb, index):
    model = WatchedChat().enqueue(record(UPDATE), QUESTION, record(UPDATE), QUESTION)
    service = ChatService(store, _llm(model, kb, index), kb)
    state = service.new_session("u", lang="en")
    list(service.send_stream(state, "I run the press line at a stamping plant."))
    model.enqueue(record(UPDATE), QUESTION)

    def other_tab() -> None:
        if len(model.calls_seen) == 1:  # while this turn is being answered, another tab picks Japanese
            service.set_language(state.id, "ja")

    model.calls_seen.clear()
    model.before_call = other_tab
    stream = service.send_stream(store.load(state.id), OPENING)
    shown = list(stream)
    stored = store.load(state.id)
    assert stored is not None and stored.lang == "ja"  # the other tab's change is kept...
    assert [t.text for t in stored.transcript].count(OPENING) == 1  # ...the message once...
    assert stored.transcript[-1].role == "assistant" and stored.transcript[-1].text == shown[-1]  # ...and its reply
    assert stream.result is not None and len(model.calls_seen) == 4  # answered twice: understand + ask each
    assert shown[-1].startswith(prompts.render("continued_elsewhere", "ja"))


def test_the_web_chat_handler_yields_the_reply_as_it_is_written(app, kb, index):
    model = FakeChat().enqueue(record(UPDATE), QUESTION)
    app.__dict__["service"] = ChatService(app.store, _llm(model, kb, index), kb)
    updates = list(WebUI(app).send(OPENING, "", "en"))
    bubbles = [u[2][-1]["content"] for u in updates[1:-1]]  # between the pending bubble and the whole page
    assert len(bubbles) > 3 and all(b2.startswith(b1[:-1]) for b1, b2 in pairwise(bubbles))
    final = updates[-1][2]["value"]
    assert final[-1]["role"] == "assistant" and QUESTION in final[-1]["content"]
    assert QUESTION in bubbles[-1]


def test_a_streamed_first_message_stores_and_binds_a_conversation_and_empty_ones_are_hinted_once(store, kb, index):
    """The streamed path keeps the same rules: a thread's interview is stored and bound with its first message
    (not before), and a row of empty messages gets one hint and stores nothing."""
    model = FakeChat().enqueue(record(UPDATE), QUESTION)
    service = ChatService(store, _llm(model, kb, index), kb)
    key = "slack:T1:C1:1700000000.000200"
    state = service.session_for(key, "slack:T1:U1")
    blank = service.send_stream(state, "  ")
    assert "didn't receive any text" in list(blank)[-1] and store.recent() == [] and store.lookup(key) is None
    assert [list(service.send_stream(service.session_for(key, "slack:T1:U1"), "")) for _ in range(3)] == [[""]] * 3
    first = service.send_stream(service.session_for(key, "slack:T1:U1"), OPENING)
    assert list(first)[-1].endswith(QUESTION) and first.result is not None and first.result.started
    assert store.lookup(key) == state.id and [s.id for s in store.recent()] == [state.id]
    stored = store.load(state.id)
    assert stored is not None and [t.role for t in stored.transcript] == ["user", "assistant"]
