from __future__ import annotations

import pytest

from assistant.quantities import find_frequency, find_hours, find_money, find_people


@pytest.mark.parametrize(
    ("text", "value", "per"),
    [
        ("年に3回くらい止まります", 3, "year"),
        ("月に2、3件", 2.5, "month"),
        ("毎日", 1, "day"),
        ("12 a year", 12, "year"),
        ("it happens roughly once a month", 1, "month"),
        ("six to eight unplanned removals a year", 7, "year"),
        ("about 60 permits a week", 60, "week"),
        ("三日に一回", 1 / 3, "day"),
    ],
)
def test_frequency(text, value, per):
    q = find_frequency(text)
    assert q is not None and q.per == per and q.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value", "currency", "per"),
    [
        ("1回500万円の損失", 5_000_000, "JPY", "occurrence"),
        ("2 million dollars a year", 2_000_000, "USD", "year"),
        ("年間で1億2000万円ほど", 120_000_000, "JPY", "year"),
        ("1日1万5千円くらい", 15_000, "JPY", "day"),
        ("each costs about 1.5 million dollars", 1_500_000, "USD", "occurrence"),
        ("at about 90 dollars an hour", 90, "USD", "hour"),
        ("€12,000 per case", 12_000, "EUR", "occurrence"),
    ],
)
def test_money(text, value, currency, per):
    found = find_money(text)
    assert found and found[0].value == pytest.approx(value)
    assert found[0].unit == currency and found[0].per == per


@pytest.mark.parametrize(
    ("text", "hours", "per"),
    [
        ("毎日3時間", 3, "day"),
        ("three hours a day", 3, "day"),
        ("半日", 4, "occurrence"),
        ("a day and a half a week", 12, "week"),
        ("ten minutes each", 1 / 6, "occurrence"),
    ],
)
def test_hours(text, hours, per):
    found = find_hours(text)
    assert found and found[0].value == pytest.approx(hours) and found[0].per == per


def test_rates_and_windows_are_not_time_spent():
    assert find_hours("15,000 dollars an hour") == []
    assert find_hours("readmitted within 30 days") == []


@pytest.mark.parametrize(
    ("text", "people"),
    [("two engineers", 2), ("技術者2人がかり", 2), ("so do eleven other paralegals", 12), ("ten of us", 10)],
)
def test_people(text, people):
    q = find_people(text)
    assert q is not None and q.value == people


def test_vague_amounts_are_marked_as_assumed():
    q = find_money("1件あたり数十万円")[0]
    assert q.value == 300_000 and q.assumed
