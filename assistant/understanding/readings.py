"""Sentence-level readings of how a cost is structured that no single number carries: only part of the year
("from December to February", 「11月から2月だけ」), once every few years, how long a shift is, and money said
not to be a loss ("the agency bill, we'd pay that anyway", 「それは必要な分」)."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: a month by its first three letters, as the range pattern below matches it ("sept" and "september" are "sep")
_MONTHS_EN = {
    m: i
    for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)
}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_RANGE_EN = re.compile(
    rf"\b(?:from\s+)?{_MONTH}\s*(?:to|through|thru|till|until|-|–)\s*(?:the end of\s+)?{_MONTH}\b", re.I
)
_RANGE_JA = re.compile(r"(\d{1,2})月(?:頃|ごろ)?(?:から|〜|~|－|-|ー)(\d{1,2})月")
_SPAN_EN = re.compile(
    r"\b(?:only\s+(?:for\s+)?(?:about\s+)?)?(\d+(?:\.\d+)?)[- ](month|week)s?\s+(?:a|per|of the|each)\s+year\b|"
    r"\b(?:a|the)\s+(\d+(?:\.\d+)?)[- ](month|week)\s+season\b|\bseason\s+(?:is|lasts|runs)\s+(?:about\s+|around\s+)?"
    r"(\d+(?:\.\d+)?)\s+(month|week)s?\b|\bonly\s+(?:for\s+)?(?:about\s+)?(\d+(?:\.\d+)?)\s+(month|week)s\b",
    re.I,
)
_SPAN_JA = re.compile(
    r"(?:年に|1年のうち|一年のうち|繁忙期の?|シーズンの?|時期の?)(?:約|およそ)?(\d+(?:\.\d+)?)(?:か月|ヶ月|カ月|ヵ月|ケ月)(?:間)?|"
    r"(\d+(?:\.\d+)?)(?:か月|ヶ月|カ月|ヵ月|ケ月)(?:間)?(?:ほど|くらい)?(?:だけ|のみ)|"
    r"(?:年に|1年のうち|繁忙期の?|シーズンの?)(?:約|およそ)?(\d+(?:\.\d+)?)週(?:間)?|(\d+(?:\.\d+)?)週間(?:だけ|のみ)"
)
_EVERY_YEARS = re.compile(
    r"\b(?:(?:about |maybe |roughly )?once |one time )?every\s+(\d+(?:\.\d+)?)(?:\s*(?:-|–|to|or)\s*(\d+(?:\.\d+)?))?\s+years?\b|"
    r"\bevery other year\b|\bonce in (\d+(?:\.\d+)?)\s+years\b|"
    r"(\d+(?:\.\d+)?)(?:〜(\d+(?:\.\d+)?))?年に(?:1|一)(?:回|度)|数年に(?:1|一)(?:回|度)",
    re.I,
)
_SHIFT = re.compile(
    r"\b(\d+(?:\.\d+)?)[- ]hour\s+(?:shift|day|night)s?\b|(?:1回|一回|1日|一日)?(\d+(?:\.\d+)?)時間(?:の)?(?:シフト|勤務|夜勤)",
    re.I,
)
#: Money the employee says is no loss: a bill they would pay anyway, a cost that is needed.
_NO_LOSS = re.compile(
    r"\b(?:we'?d|we would|we'?ll|we will|we have to|we need to|we must)\s+pay\s+(?:that|it|them|those)?\s*anyway\b|"
    r"\b(?:that'?s|it'?s|which is|those are)\s+(?:just\s+)?(?:fine|normal|necessary|needed|unavoidable|the cost of doing business)\b|"
    r"\b(?:not|isn'?t|no)\s+(?:really\s+)?(?:a|the)\s+(?:loss|problem)\b|\bpay\s+(?:it|that)\s+anyway\b|"
    r"(?:それは|そこは|これは)?(?:必要な(?:分|経費|費用|お金)|必要経費|仕方(?:ない|がない|のない)|問題(?:ではない|じゃない|ではありません)|"
    r"損(?:ではない|じゃない)|どのみち払う|どうせ払う|払うしかない)",
    re.I,
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _months_between(a: int, b: int) -> int:
    return (b - a) % 12 + 1


def season(text: str) -> tuple[float, str, Span] | None:
    """How much of the year the work runs, when said: (months or weeks, "month"/"week", where it was said)."""
    m = _RANGE_EN.search(text)
    if m:
        a, b = _MONTHS_EN[m.group(1).lower()[:3]], _MONTHS_EN[m.group(2).lower()[:3]]
        return float(_months_between(a, b)), "month", Span(m.start(), m.end())
    m = _RANGE_JA.search(text)
    if m and 1 <= int(m.group(1)) <= 12 and 1 <= int(m.group(2)) <= 12:
        return float(_months_between(int(m.group(1)), int(m.group(2)))), "month", Span(m.start(), m.end())
    for pattern in (_SPAN_EN, _SPAN_JA):
        m = pattern.search(text)
        if m:
            groups = [g for g in m.groups()]
            pairs = list(zip(groups[0::2], groups[1::2], strict=False)) if pattern is _SPAN_EN else None
            if pairs is not None:
                n, unit = next((float(v), u.lower()) for v, u in pairs if v)
            else:
                n = next(float(v) for v in groups if v)
                unit = "week" if "週" in m.group(0) else "month"
            limit = 12 if unit == "month" else 52
            if 0 < n < limit:
                return n, unit, Span(m.start(), m.end())
    return None


def every_years(text: str) -> tuple[float, float | None, Span] | None:
    """ "maybe once every 5 years", 「5年に1回」: (years between, the high end of a range, where it was said)."""
    m = _EVERY_YEARS.search(text)
    if not m:
        return None
    said = m.group(0)
    if "other" in said.lower():
        return 2.0, None, Span(m.start(), m.end())
    if "数年" in said:
        return 3.0, None, Span(m.start(), m.end())
    low = next(g for g in (m.group(1), m.group(3), m.group(4)) if g)
    high = m.group(2) or m.group(5)
    return float(low), float(high) if high else None, Span(m.start(), m.end())


def shift_hours(text: str) -> tuple[float, Span] | None:
    """ "10-hour shifts", 「1回10時間のシフト」: how long one working day is for this work."""
    m = _SHIFT.search(text)
    if not m:
        return None
    return float(m.group(1) or m.group(2)), Span(m.start(), m.end())


def no_loss(text: str) -> bool:
    """The sentence says its money is no loss ("we'd pay that anyway", 「それは必要な分です」)."""
    return bool(_NO_LOSS.search(text))
