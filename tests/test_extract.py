"""Pains split from one answer, and the not-ML verdicts (moved from the round-1 extractor, same behaviour)."""

from __future__ import annotations

import pytest

from assistant.understanding.pains import split_pains
from assistant.understanding.records import read_data
from assistant.understanding.verdicts import not_ml_reason


def test_several_pains_are_split():
    pains = split_pains("Two things. First, the fresh waste every night. Second, ordering takes three hours a day.")
    assert pains == ["the fresh waste every night", "ordering takes three hours a day"]
    ja = split_pains("1つ目は廃棄が多いこと、2つ目は品切れで売り逃すことです。")
    assert ja == ["廃棄が多いこと", "品切れで売り逃すことです"]
    assert split_pains("We throw away too much bread.") == ["We throw away too much bread"]


@pytest.mark.parametrize(
    ("judgment", "data", "reason"),
    [
        ("There's no real decision, I just retype what's on the screen.", "", "no_decision"),
        ("判断することは特にありません。そのまま打つだけです。", "", "no_decision"),
        ("The rule is fixed: anything over 30 kg goes by freight.", "", "fixed_rule"),
        (
            "Nothing depends on it; nobody changes anything because of it.",
            "We never find out what happened afterwards.",
            "no_outcome",
        ),
        (
            "I decide which loans to approve; it's hard to tell who will pay back.",
            "We keep 5 years of loans.",
            None,
        ),
    ],
)
def test_not_ml_reasons(judgment, data, reason):
    assert not_ml_reason(judgment, data, "ja" if any(ord(c) > 0x3000 for c in judgment) else "en") == reason


def test_data_reading():
    r = read_data("We keep 5 years of records in Excel and we also note whether the part failed.", "en")
    assert r is not None and r.recorded and r.outcomes_recorded and r.amount and "5 years" in r.amount
    r = read_data("記録はしていません。", "ja")
    assert r is not None and r.recorded == "no"
