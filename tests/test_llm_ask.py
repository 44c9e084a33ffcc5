"""The ask step keeps what the core decided: a correction note and the value play-back survive the model's wording.

The notes are written by code before the model's question, so they hold even when the model's own words leave
them out. The fake chat model proves this wiring; it says nothing about how well a real model words a question.
"""

from __future__ import annotations

import string
from typing import Any

import pytest

from assistant.core.money import Rates
from assistant.interview.guided import GuidedInterviewer
from assistant.interview.llm import AgentConfig, LLMInterviewer
from assistant.interview.llm import prompts as llm_prompts
from assistant.service import ChatService
from assistant.state import InterviewState
from assistant.store import SessionStore
from tests.fake_chat import FakeChat, record

EN_OPENING = "I run a press line. The presses stop without warning, 180 breaks a year, say 10k each."
EN_VALUE = {
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
EN_TARGET = "I'd like to know whether a press will stop within a week."
EN_CORRECTION = "No, it's more about which die is wearing out."
JA_OPENING = "プレス工場でラインを担当しています。プレス機が予告なく止まります。年に180回、1回10万円くらいです。"
JA_VALUE = {
    "pains": [{"text": "プレス機の突然の停止", "quote": "プレス機が予告なく止まります"}],
    "cost_lines": [
        {
            "what": "停止",
            "form": "events",
            "count": {"value": 180, "per": "year", "quote": "年に180回"},
            "each": {"value": 100000, "currency": "JPY", "quote": "1回10万円くらい"},
        }
    ],
}
JA_TARGET = "1週間以内にプレス機が止まるかどうかを知りたいです。"
JA_CORRECTION = "いや、むしろどの金型が摩耗しているかです。"


@pytest.fixture()
def service(tmp_path, kb, index):
    def make(model: FakeChat) -> ChatService:
        agent = LLMInterviewer(model, GuidedInterviewer(index, kb), index, kb, Rates(), AgentConfig())
        return ChatService(SessionStore(f"sqlite:///{tmp_path / 's.db'}"), agent, kb)

    return make


def _ask_prompt(model: FakeChat) -> str:
    """The system prompt of the last ask call."""
    return str(model.requests[-1]["messages"][0].content)


@pytest.mark.parametrize(
    ("opening", "update", "question", "figure", "said"),
    [
        (EN_OPENING, EN_VALUE, "What would you most like to know earlier?", "$1,800,000", "a year"),
        (JA_OPENING, JA_VALUE, "何をもっと早く知りたいですか？", "1,800万円", "年間で"),
    ],
)
def test_the_value_play_back_survives_a_question_that_omits_it(service, opening, update, question, figure, said):
    model = FakeChat().enqueue(record(update), question)  # the model's words say nothing of the figure
    result = service(model).handle_state(InterviewState(), opening)
    reply = result.reply
    assert result.state.llm_usage[-1].ask_fallback is None  # the model's question is used...
    assert reply.endswith(question)
    assert figure in reply and said in reply  # ...after the figure computed by code
    assert reply.index(figure) < reply.index(question)
    assert figure in _ask_prompt(model)  # the model is told what was said, so it does not say it again


def _target(text: str, quote: str) -> dict[str, Any]:
    return {"target": {"text": text, "quote": quote}}


@pytest.mark.parametrize(
    ("lang", "turns", "correction", "question", "note"),
    [
        (
            "en",
            [
                (EN_OPENING, EN_VALUE, "What would you like to know earlier?"),
                (EN_TARGET, _target("whether a press will stop within a week", "whether a press will stop"), "And?"),
            ],
            (EN_CORRECTION, "which die is wearing out", "which die is wearing out"),
            "I see, the dies then. What do you look at today?",
            "I've updated the target (what to detect)",
        ),
        (
            "ja",
            [
                (JA_OPENING, JA_VALUE, "何を早く知りたいですか？"),
                (JA_TARGET, _target("1週間以内のプレス停止", "プレス機が止まるかどうか"), "何を見ていますか？"),
            ],
            (JA_CORRECTION, "どの金型の摩耗", "どの金型が摩耗しているか"),
            "金型のことですね。今は何を見て判断していますか？",
            "検出したいこと（ターゲット）を更新しました",
        ),
    ],
)
def test_the_correction_note_survives_a_question_that_omits_it(service, lang, turns, correction, question, note):
    model = FakeChat()
    svc = service(model)
    state = InterviewState()
    for text, update, asked in turns:
        model.enqueue(record(update), asked)
        state = svc.handle_state(state, text).state
    said, text, quote = correction
    model.enqueue(record({**_target(text, quote), "corrections": [{"slot": "target", "quote": quote}]}), question)
    result = svc.handle_state(state, said)
    assert result.state.lang == lang and result.state.llm_usage[-1].ask_fallback is None
    focus = result.state.focus_pain()
    assert focus is not None and focus.target is not None and focus.target.value == text
    assert note in result.reply and result.reply.endswith(question)
    assert result.reply.index(note) < result.reply.index(question)


def test_without_notes_the_model_speaks_first_and_the_prompt_says_nothing_was_said(service):
    work = {"work": {"text": "press line", "quote": "I run the press line"}}
    model = FakeChat().enqueue(record(work), "Nice. What in that work is slow or costly?")
    result = service(model).handle_state(InterviewState(), "I run the press line at a stamping plant.")
    assert result.reply == "Nice. What in that work is slow or costly?"
    assert "word for word (never repeat or contradict it): -" in _ask_prompt(model)


def test_the_llm_prompts_have_the_same_names_and_variables_in_both_languages():
    fields = {
        lang: {
            name: {f for _, f, _, _ in string.Formatter().parse(llm_prompts._templates(lang)[name]) if f}
            for name in llm_prompts.names(lang)
        }
        for lang in ("en", "ja")
    }
    assert fields["en"] == fields["ja"]
