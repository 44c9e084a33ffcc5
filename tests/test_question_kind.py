"""The task kind a question's own form asks for, and what the theme does with it when no pattern is close."""

from __future__ import annotations

import pytest

from assistant.grounding import task_kind
from assistant.question_kind import asked_kind, compatible, weak_theme_kind
from assistant.state import PatternMatch


@pytest.mark.parametrize(
    ("target", "lang", "kind"),
    [
        ("whether a returned laptop was really dropped", "en", "classification"),
        ("which of tonight's flights will leave late", "en", "classification"),
        ("if the pump sounds different from usual", "en", "anomaly_detection"),
        ("how many parcels the depot will get tomorrow", "en", "forecasting"),
        ("how long each repair job will take", "en", "regression"),
        ("how much resin to add to each batch", "en", "optimization"),
        ("the cheapest mix of trucks for the week", "en", "optimization"),
        ("which leads to call first", "en", "ranking"),
        ("where the dents are on the panel", "en", "object_detection"),
        ("old complaints that look like this one", "en", "similarity"),
        ("which ones are going to need a second visit", "en", "classification"),
        ("この部品が不良かどうか", "ja", "classification"),
        ("届いた荷物が本当に破損品か", "ja", "classification"),
        ("来週の入庫が何台になるか", "ja", "forecasting"),
        ("修理に何時間かかるか", "ja", "regression"),
        ("どの順番で回れば一番早く終わるか", "ja", "optimization"),
        ("どの案件から優先して見るか", "ja", "ranking"),
        ("写真のどこに傷があるか", "ja", "object_detection"),
        ("似たような過去の事故報告", "ja", "similarity"),
        ("ポンプの音がいつもと違うかどうか", "ja", "anomaly_detection"),
        ("the bus's health", "en", None),
    ],
)
def test_the_form_of_the_question_names_its_kind(target, lang, kind):
    assert asked_kind(target, lang) == kind


def _weak(kind: str) -> list[PatternMatch]:
    match = PatternMatch(id="p", title="p", task_kind=kind, modalities=["text"], score=1.0, confidence=0.1, weak=True)
    return [match]


def test_a_weak_pattern_of_another_kind_does_not_name_the_theme_kind():
    """A surgery's duration is no fall-risk classification because the nearest pattern was one."""
    assert task_kind(_weak("classification"), "how long each surgery will take", "en") == "regression"
    assert task_kind(_weak("clustering"), "何室が当日キャンセルになるか", "ja") == "regression"


def test_a_weak_pattern_that_agrees_in_substance_keeps_its_kind():
    # a yes/no about an amount is answered by predicting it; a forecast is a more precise estimate
    assert task_kind(_weak("forecasting"), "whether we'll be short of cash in week 3", "en") == "forecasting"
    assert task_kind(_weak("forecasting"), "how much we'll sell", "en") == "forecasting"
    assert weak_theme_kind(None, "ranking") == "ranking"


def test_a_close_pattern_names_the_kind_whatever_the_form():
    close = [PatternMatch(id="p", title="p", task_kind="classification", modalities=["tabular"], score=1.0)]
    assert task_kind(close, "how many guests won't show up", "en") == "classification"


def test_a_plan_a_reading_or_a_grouping_answers_only_its_own_question():
    assert compatible("regression", "classification")  # a count of yes/no events
    assert not compatible("classification", "optimization")
    assert not compatible("regression", "clustering")
    assert not compatible("optimization", "forecasting")


def test_a_pattern_of_a_kind_that_cannot_answer_leads_only_without_a_close_fitting_one(kb):
    from assistant.grounding import _of_the_asked_kind
    from assistant.retrieval import Hit
    from assistant.state import Fact, InterviewState, Pain, Quote

    plan = next(p for p in kb.patterns.values() if p.task_kind == "optimization")
    label = next(p for p in kb.patterns.values() if p.task_kind == "classification")
    pain = Pain(text="buses break down", quote=Quote(text="buses break down"))
    pain.target = Fact(value="which buses will break down next week", quote=Quote(text="x"))
    state = InterviewState(lang="en")
    close = (Hit(plan, 1.0, 0.6, 3.0, 0.9), Hit(label, 0.9, 0.55, 2.5, 0.7))
    assert [h.pattern.id for h in _of_the_asked_kind(close, pain, state)] == [label.id, plan.id]
    far = (Hit(plan, 1.0, 0.6, 3.0, 0.9), Hit(label, 0.5, 0.3, 0.5, 0.2))
    assert [h.pattern.id for h in _of_the_asked_kind(far, pain, state)] == [plan.id, label.id]
