"""Test helpers for the eval's own tests: a theme that meets a case's expectations, and ways to spoil it."""

from __future__ import annotations

from assistant.core.lines import CostLine, Money
from assistant.evaluation.cases import Case
from assistant.evaluation.checks import Conversation
from assistant.grounding import detection_sentence
from assistant.knowledge import KnowledgeBase
from assistant.state import (
    DataFacts,
    DetectionQuestion,
    Fact,
    InterviewState,
    Pain,
    PatternMatch,
    Quote,
    Theme,
    ValueEstimate,
)

REPLY = {"en": "Thanks, that helps. Here is what I understood.", "ja": "ありがとうございます。整理しました。"}


def _said(text: str) -> Fact:
    return Fact(value=text, quote=Quote(text=text, turn=0))


def ideal_state(case: Case, kb: KnowledgeBase) -> InterviewState:
    """The end state of an interview that got everything right: the case's first acceptable pattern, a target and
    inputs made of its expected words, and a value in the middle of its range."""
    state = InterviewState(lang=case.lang)
    state.add_turn("user", case.opening)
    state.add_turn("assistant", REPLY[case.lang])
    exp = case.expect
    pid = exp.patterns_any[0] if exp.patterns_any else next(p.id for p in kb if p.task_kind in exp.task_kinds)
    p = kb.get(pid)
    # the expected words made into clean phrases (「りん」 alone reads as an adverb to MeCab)
    target = f"{exp.target_any[0]}の見込み" if case.lang == "ja" else exp.target_any[0]
    inputs = [f"{i}のデータ" if case.lang == "ja" else i for i in dict.fromkeys(exp.inputs_any)][:3]
    pain = Pain(text=case.opening, quote=Quote(text=case.opening, turn=0))
    pain.target = _said(target)
    pain.judgment = _said(case.answers.judgment or target)
    pain.inputs = [_said(i) for i in inputs]
    pain.data = DataFacts(exists=True, labels=True, amount="3 years", quote=Quote(text="3 years", turn=0))
    value = ValueEstimate()
    if exp.value is not None:
        mid = (exp.value.min + exp.value.max) / 2
        value = ValueEstimate(per_year=mid, currency=exp.value.currency, arithmetic=[f"{mid:,.0f}"])
        amount = Money(value=mid, currency=exp.value.currency, per="year", quote="x")
        pain.cost = [CostLine(what="x", form="stated", amount=amount)]
    else:
        pain.skipped.append("value")
    state.pains = [pain]
    state.focus = pain.id
    question = DetectionQuestion(text=detection_sentence(inputs, target, case.lang), target=target, inputs=inputs)
    match = PatternMatch(
        id=p.id, title=p.title.get(case.lang), task_kind=p.task_kind, modalities=list(p.modalities), score=0.9
    )
    state.themes = [
        Theme(id="t", pain_id=pain.id, question=question, patterns=[match], value=value, complete=True, rank=1)
    ]
    state.phase = "review"
    return state


def conversation(state: InterviewState) -> Conversation:
    return Conversation(state=state, turns=state.assistant_turns(), finished=True)


def force_pattern(state: InterviewState, kb: KnowledgeBase, avoid: list[str]) -> None:
    """Replace the top theme's patterns with one fixed pattern (a different one when the case accepts it)."""
    pid = next(i for i in ("document-sorting", "house-price") if i not in avoid)
    p = kb.get(pid)
    top = state.themes[0]
    top.patterns = [
        PatternMatch(id=p.id, title=p.title.en, task_kind=p.task_kind, modalities=list(p.modalities), score=0.9)
    ]


def echo_target(state: InterviewState, raw: str) -> None:
    """Paste the employee's raw answer in as the target, as the round-1 engine did."""
    top = state.themes[0]
    pain = state.pain(top.pain_id)
    assert pain is not None
    pain.target = _said(raw)
    lang = state.lang
    top.question = DetectionQuestion(
        text=detection_sentence(top.question.inputs, raw, lang), target=raw, inputs=top.question.inputs
    )
