"""Unit tests of the eval's checks: each passes the right thing and fails the wrong one, with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.evaluation.cases import load_case
from assistant.evaluation.checks import check, term_in
from assistant.evaluation.report import compare_to_baseline
from assistant.evaluation.wellformed import input_problems, phrase_problems, question_problems
from assistant.state import DetectionQuestion
from tests.evalkit import conversation, echo_target, ideal_state

ROOT = Path(__file__).resolve().parent.parent
EN = ROOT / "eval" / "cases" / "retail-fresh-ordering-en.yaml"
JA = ROOT / "eval" / "cases" / "conveni-onigiri-ordering-ja.yaml"


@pytest.mark.parametrize(
    ("term", "text", "lang", "found"),
    [
        ("leak", "whether a logger hears a real leak", "en", True),
        ("leak", "leaks on the network", "en", True),
        ("age", "usage of the storage tank", "en", False),
        ("lab", "a label on each pallet", "en", False),
        ("sell", "units sold per item", "en", False),
        ("欠け", "鋳物の欠けがあるか", "ja", True),
        ("故障", "設備の停止", "ja", False),
    ],
)
def test_terms_match_as_words_not_as_any_substring(term, text, lang, found):
    assert term_in(term, text, lang) is found


@pytest.mark.parametrize(
    "text",
    [
        "The judgment is whether this applicant will repay",
        "I'd like to know how many will sell",
        "which customers will leave, honestly",
        "how many cases we will get next week",
        "whether the batch passes. Then we ship it",
        "how bad the damage is (roughly",
        "the expected yield of the",
        "units sold per item, store and",
        "acceptance criteria for",
        "the yield of the",
    ],
)
def test_english_phrases_that_betray_a_paste_are_not_well_formed(text):
    assert phrase_problems(text, "en")


@pytest.mark.parametrize(
    "text",
    [
        "whether this applicant will repay",
        "units sold per item and day",
        "which customers are likely to leave in the next three months",
        "the compression strength of a reel (in kN/m)",
        "which team it belongs to",
        "the article it's on",
    ],
)
def test_clean_english_phrases_are_well_formed(text):
    assert phrase_problems(text, "en") == []


@pytest.mark.parametrize(
    "text",
    [
        "耐熱性の予測が一番大事",
        "何個売れるか知りたい",
        "えーと、不良が出るか",
        "実際にいくらで売れるか、",
        "故障しそうです",
        "経験で当たりをつけ",
    ],
)
def test_japanese_phrases_that_betray_a_paste_are_not_well_formed(text):
    assert phrase_problems(text, "ja")


@pytest.mark.parametrize(
    "text", ["各商品の販売数", "設備が故障するか", "ロットの耐熱性（℃）", "漏水かどうか", "生産者からの聞き取り"]
)
def test_clean_japanese_phrases_are_well_formed(text):
    assert phrase_problems(text, "ja") == []


@pytest.mark.parametrize(
    ("item", "lang"),
    [("gut", "en"), ("actually", "en"), ("usual stuff", "en"), ("idk", "en"), ("たま", "ja"), ("すみません", "ja")],
)
def test_fillers_and_vague_words_are_not_inputs(item, lang):
    assert input_problems(item, lang)


@pytest.mark.parametrize(
    ("item", "lang"),
    [("weather", "en"), ("the noise level through the night", "en"), ("天気予報", "ja"), ("過去の売上", "ja")],
)
def test_real_inputs_are_clean(item, lang):
    assert input_problems(item, lang) == []


def test_the_question_form_is_checked_in_both_languages():
    assert question_problems("Based on sales and weather, detect units sold per item.", "en") == []
    assert question_problems("Based on Only the text of the comment, detect abusive comments.", "en")
    assert question_problems("Detect units sold.", "en")
    assert question_problems("過去の売上と天気を基に、各商品の販売数を検出する", "ja") == []
    assert question_problems("経験で当たりをつけを基に、耐熱性を検出する", "ja")


def test_check_reports_why_each_check_failed(kb):
    case = load_case(EN)
    state = ideal_state(case, kb)
    assert check(case, conversation(state), kb).ok
    echo_target(state, "The judgment is whether we run out, I'd like to know earlier")
    result = check(case, conversation(state), kb)
    assert not result.passed["well_formed"] and "first person" in result.why["well_formed"]


def test_a_target_that_is_not_the_employees_fails(kb):
    case = load_case(JA)
    state = ideal_state(case, kb)
    pain = state.pains[0]
    assert pain.target is not None
    pain.target = pain.target.model_copy(update={"quote": pain.target.quote.model_copy(update={"source": "pattern"})})
    result = check(case, conversation(state), kb)
    assert not result.passed["target"] and "not from the employee" in result.why["target"]


def test_an_unknown_value_fails_value_and_facts_kept_when_the_answers_give_one(kb):
    case = load_case(EN)
    assert case.expect.value is not None
    state = ideal_state(case, kb)
    state.themes[0].value = state.themes[0].value.model_copy(update={"per_year": None})
    result = check(case, conversation(state), kb)
    assert not result.passed["value"] and not result.passed["facts_kept"]


def test_inputs_that_are_fillers_fail_clean_inputs(kb):
    case = load_case(EN)
    state = ideal_state(case, kb)
    top = state.themes[0]
    top.question = DetectionQuestion(text=top.question.text, target=top.question.target, inputs=["gut", "actually"])
    result = check(case, conversation(state), kb)
    assert not result.passed["clean_inputs"] and "gut" in result.why["clean_inputs"]


def _report(ids_passed: dict[str, bool]) -> dict:
    cases = [{"id": i, "passed": p, "checks": {"x": p}} for i, p in ids_passed.items()]
    rate = sum(ids_passed.values()) / len(ids_passed)
    return {"summary": {"total": len(cases), "pass_rate": rate, "by_lang": {}}, "cases": cases}


def test_the_gate_compares_totals_ids_rates_and_cases():
    base = _report({"a": True, "b": False, "c": True})
    assert compare_to_baseline(_report({"a": True, "b": False, "c": True}), base) == []
    assert compare_to_baseline(_report({"a": True, "b": True, "c": True}), base) == []  # better is fine
    dropped = compare_to_baseline(_report({"a": True, "c": True}), base)
    assert any("missing from this run: b" in p for p in dropped)
    regressed = compare_to_baseline(_report({"a": False, "b": False, "c": True}), base)
    assert any("case a passed in the baseline and now fails" in p for p in regressed)
    added = compare_to_baseline(_report({"a": True, "b": False, "c": True, "d": True}), base)
    assert any("not in the baseline: d" in p for p in added)


def test_an_abbreviation_is_no_second_sentence():
    from assistant.evaluation.wellformed import input_problems

    assert input_problems("our price vs. the going rate", "en") == []
    assert input_problems("cleaning frequency, e.g. daily or weekly", "en") == []
    assert "holds more than one sentence" in " ".join(input_problems("the price. the rate", "en"))
