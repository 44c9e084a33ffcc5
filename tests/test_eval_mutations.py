"""The eval must be able to fail: wrong patterns, "I don't know" to everything and pasted answers fail every suite.

A check that cannot fail is a defect. Each mutation starts from the ideal end state of a case (which must
pass, or the checks could not pass either) and spoils one thing; the real-run mutation plays every case
with an employee who answers "I don't know" to every question.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.evaluation.cases import Case, load_cases
from assistant.evaluation.checks import check
from assistant.evaluation.runner import converse
from assistant.evaluation.simulator import DONT_KNOW
from tests.evalkit import conversation, echo_target, force_pattern, ideal_state

ROOT = Path(__file__).resolve().parent.parent
SUITES = ["cases", "holdout", "blind", "natural", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6"]
#: "Most cases" of a suite.
MOST = 0.5
#: Suites whose blind writer was told to leave `patterns_any` out when no pattern of the catalogue fits (six fresh6
#: cases): those cases check everything but the pattern, and the pattern check stays live for the rest.
NO_FIT_ALLOWED = {"fresh6"}


def _ml_cases(suite: str) -> list[Case]:
    return [c for c in load_cases(ROOT / "eval" / suite) if c.expect.ml_theme]


@pytest.mark.parametrize("suite", SUITES)
def test_every_ml_case_carries_patterns_any_and_value(suite):
    cases = _ml_cases(suite)
    for case in cases:
        assert case.expect.patterns_any or suite in NO_FIT_ALLOWED, f"{case.id}: give expect.patterns_any"
        assert case.expect.checks_value, f"{case.id}: give expect.value (a range, or null)"
    assert sum(bool(c.expect.patterns_any) for c in cases) > MOST * len(cases) / 2


@pytest.mark.parametrize("suite", SUITES)
def test_the_ideal_end_state_passes_every_check(suite, kb):
    for case in _ml_cases(suite):
        result = check(case, conversation(ideal_state(case, kb)), kb)
        assert result.ok, f"{case.id}: {result.why}"


@pytest.mark.parametrize("suite", SUITES)
def test_a_fixed_wrong_pattern_fails_every_case(suite, kb):
    for case in [c for c in _ml_cases(suite) if c.expect.patterns_any]:
        state = ideal_state(case, kb)
        force_pattern(state, kb, avoid=case.expect.patterns_any)
        result = check(case, conversation(state), kb)
        assert not result.passed["pattern"], case.id


@pytest.mark.parametrize("suite", SUITES)
def test_the_raw_answer_echoed_as_the_target_fails_most_cases(suite, kb):
    cases = [c for c in _ml_cases(suite) if c.answers.judgment]
    failed = 0
    for case in cases:
        state = ideal_state(case, kb)
        echo_target(state, case.answers.judgment or "")
        failed += not check(case, conversation(state), kb).ok
    assert failed > MOST * len(cases), f"only {failed}/{len(cases)} failed"


@pytest.mark.parametrize("suite", SUITES)
def test_a_value_five_times_off_fails_every_case_with_a_range(suite, kb):
    for case in _ml_cases(suite):
        if case.expect.value is None:
            continue
        state = ideal_state(case, kb)
        value = state.themes[0].value
        state.themes[0].value = value.model_copy(update={"per_year": (value.per_year or 0) * 5})
        assert not check(case, conversation(state), kb).passed["value"], case.id


@pytest.mark.slow
@pytest.mark.parametrize("suite", SUITES)
def test_answering_i_dont_know_to_everything_fails_most_cases(suite, app, kb, monkeypatch):
    monkeypatch.setattr("assistant.evaluation.runner.answer", lambda case, topic: DONT_KNOW[case.lang])
    cases = load_cases(ROOT / "eval" / suite)
    failed = 0
    for case in cases:
        conv = converse(app.service, case)
        failed += not check(case, conv, kb).ok
    assert failed > MOST * len(cases), f"only {failed}/{len(cases)} failed"
