"""Numbers with units in plain Japanese and English: frequencies, money and staff time."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

Period = Literal["occurrence", "hour", "day", "week", "month", "quarter", "year"]

from assistant.numbers import NUM, normalize_numbers  # noqa: E402


@dataclass(frozen=True)
class Quantity:
    """A number found in text. `assumed` marks numbers read from vague words ("a few", 数十)."""

    value: float
    unit: str
    """`count`, `hours`, or a currency code (JPY, USD, EUR, GBP)."""
    per: Period
    text: str
    assumed: bool = False


_PERIOD_EN = {
    "hour": "hour",
    "day": "day",
    "morning": "day",
    "night": "day",
    "shift": "day",
    "evening": "day",
    "week": "week",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "annum": "year",
}
_PERIOD_JA = {
    "日": "day",
    "朝": "day",
    "晩": "day",
    "夜": "day",
    "週": "week",
    "月": "month",
    "年": "year",
    "四半期": "quarter",
    "期": "quarter",
}


def _period_after(text: str, end: int) -> Period | None:
    """The period that a quantity is counted per, from the words right after it."""
    tail = text[end : end + 40].lower()
    m = re.match(
        r"\s*(?:times?\s+|cases?\s+|of them\s+|\w+\s+)?(?:a|an|per|each|every|/)\s*"
        r"(hour|day|morning|evening|night|shift|week|month|quarter|year|annum)\b",
        tail,
    )
    if m and m.group(1) == "hour":
        return "hour"
    if m:
        return _PERIOD_EN[m.group(1)]  # type: ignore[return-value]
    if re.match(r"\s*(?:annually|yearly)\b", tail):
        return "year"
    if re.match(r"\s*(?:daily)\b", tail):
        return "day"
    if re.match(r"\s*(?:weekly)\b", tail):
        return "week"
    if re.match(r"\s*(?:monthly)\b", tail):
        return "month"
    return None


def _period_before(text: str, start: int) -> Period | None:
    head = text[max(0, start - 24) : start].lower()
    if re.search(r"(?:(?:1|一)時間(?:あたり|当たり|につき)?|時給)\s*(?:約|およそ|だいたい)?\s*$", head):
        return "hour"  # 「1時間3000円」「時給1500円」: a rate
    m = re.search(
        r"(毎|1|一|年に|月に|週に|日に|年間|月間|週間|年|月|週|日)(日|朝|晩|夜|週|月|年|四半期)?(に|で|あたり|当たり|間)?"
        r"(?:\s*(?:約|およそ|だいたい|大体|ざっと|平均))?\s*$",
        head,
    )
    if m:
        if m.group(1) == "毎" and m.group(2):
            return _PERIOD_JA[m.group(2)]  # type: ignore[return-value]
        key = m.group(2) if m.group(1) in ("1", "一") and m.group(2) else m.group(1)[:1]
        if key in _PERIOD_JA:
            return _PERIOD_JA[key]  # type: ignore[return-value]
    m = re.search(
        r"\b(?:every|each|per|a)\s+(day|morning|night|shift|week|month|quarter|year)\b[\s,]*"
        r"(?:it's|its|it takes|that's|we spend|i spend|about|around|roughly|some|costs?)?\s*"
        r"(?:about|around|roughly|some|nearly|almost|over)?\s*[$€£¥]?\s*$",
        head,
    )
    if m:
        return _PERIOD_EN[m.group(1)]  # type: ignore[return-value]
    m = re.search(r"\b(daily|weekly|monthly|yearly|annually)\b[^.]{0,12}$", head)
    if m:
        return {"daily": "day", "weekly": "week", "monthly": "month"}.get(m.group(1), "year")  # type: ignore[return-value]
    return None


def _find_money(text: str) -> list[Quantity]:
    """Amounts of money with their currency and the period they are counted per."""
    norm, vague = normalize_numbers(text)
    found: list[Quantity] = []
    patterns = [
        (rf"[$＄]\s*({NUM})", "USD"),
        (rf"€\s*({NUM})", "EUR"),
        (rf"£\s*({NUM})", "GBP"),
        (rf"[¥￥]\s*({NUM})", "JPY"),
        (rf"({NUM})\s*(?:dollars?|usd|bucks)\b", "USD"),
        (rf"({NUM})\s*(?:euros?|eur)\b", "EUR"),
        (rf"({NUM})\s*(?:pounds|gbp)\b", "GBP"),
        (rf"({NUM})\s*(?:円|yen|jpy)", "JPY"),
    ]
    taken: list[tuple[int, int]] = []
    for pattern, currency in patterns:
        for m in re.finditer(pattern, norm, flags=re.IGNORECASE):
            if any(s <= m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            per = _period_after(norm, m.end()) or _period_before(norm, m.start()) or "occurrence"
            found.append(Quantity(float(m.group(1)), currency, per, m.group(0).strip(), vague))
    return found


def _find_hours(text: str) -> list[Quantity]:
    """Staff time (in hours) with the period it is spent per; a day counts as 8 hours."""
    norm, vague = normalize_numbers(text)
    found: list[Quantity] = []
    special = [
        (r"(?:1|a) day and a half|1日半", 12.0),
        (r"half (?:a|the|my|our|his|her) (?:work ?)?day|半日", 4.0),
        (r"(?:a )?full day|丸一日|丸1日|一日中|1日中|one whole day|all day", 8.0),
        (r"half an hour", 0.5),
    ]
    spans: list[tuple[int, int]] = []
    for pattern, hours in special:
        for m in re.finditer(pattern, norm, flags=re.IGNORECASE):
            if any(s <= m.start() < e for s, e in spans):
                continue
            spans.append((m.start(), m.end()))
            per = _period_after(norm, m.end()) or _period_before(norm, m.start()) or "occurrence"
            found.append(Quantity(hours, "hours", per, m.group(0), vague))
    unit_re = (
        rf"({NUM})\s*(?:-\s*)?(hours?|hrs?|h\b|minutes?|mins?|person[- ]days?|man[- ]days?|days?|weeks?|"
        r"時間|分|人日|人月|日間|日(?:かかる|がかり|仕事|も|くらい|ほど|程度|かけ)|週間|か月|ヶ月|カ月)"
    )
    for m in re.finditer(unit_re, norm, flags=re.IGNORECASE):
        if any(s <= m.start() < e for s, e in spans):
            continue
        head = norm[max(0, m.start() - 12) : m.start()]
        tail = norm[m.end() : m.end() + 30].lower()
        days = m.group(2).startswith(("日", "day"))
        if (days and re.search(r"(年|月|週)に\s*$|毎\s*$", head)) or re.search(
            r"(?:within|after|for the last|over|past|last|every)\s+$", head, re.I
        ):
            continue  # "月に3日" is how often, "within 30 days" a window, not time spent
        if re.search(r"(dollars?|euros?|yen|usd|円)\s*(?:an?|per|/)\s*$", head, re.I) or re.match(
            r"\s*(?:of (?:history|data|records|logs?)|分のデータ|分の記録)", tail
        ):
            continue
        if re.match(
            r"\s*(?:later|ago|after|before|ahead|early|earlier|in advance|out|from now|後|前|以内|先|早)", tail, re.I
        ):
            continue  # "two days later", "3日前": when, not how long
        if re.match(r"\s*(?:あたり|当たり|につき)?\s*[\d,.]+\s*(?:万)?円", tail):
            continue  # 「1時間3000円」 is a rate, read by find_money
        unit = m.group(2).lower()
        n = float(m.group(1))
        if unit.startswith(("min", "分")):
            hours = n / 60
        elif unit.startswith(("week", "週")):
            hours = n * 40
        elif unit in ("人月", "か月", "ヶ月", "カ月"):
            hours = n * 160
        elif unit.startswith(("day", "person", "man", "人日", "日")):
            hours = n * 8
        else:
            hours = n
        per = _period_after(norm, m.end()) or _period_before(norm, m.start()) or "occurrence"
        if per == "hour":
            continue
        found.append(Quantity(hours, "hours", per, m.group(0), vague))
    return found


_COUNTERS_JA = (
    r"(?:回|件|度|個|台|本|枚|日|便|ロット|バッチ|人|社|通|品目|店|棟|戸|頭|箱|口|案件|検体|サンプル|"
    r"ケース|品|種|社|機|基|ライン|回程度)"
)
_TIME_NOUNS = re.compile(r"^(hours?|hrs?|minutes?|mins?|days?|weeks?|months?|years?|percent|dollars?|euros?|yen)$")


def _find_frequency(text: str) -> Quantity | None:
    """How often the pain happens: `value` occurrences per `per`. Picks the first clear statement."""
    norm, vague = normalize_numbers(text)
    low = norm.lower()
    candidates: list[tuple[int, Quantity]] = []
    conn = r"(?:a|an|per|each|every|/|1|in a|a single)"
    for m in re.finditer(
        rf"({NUM})\s*((?:[a-z][a-z'-]*\s+){{0,3}}?)(?:times?\s+)?{conn}\s*"
        r"(day|morning|shift|week|month|quarter|year)\b",
        low,
    ):
        words = m.group(2).split()
        if words and (_TIME_NOUNS.match(words[-1]) or words[-1] in ("of", "at", "for", "about", "each")):
            continue
        if re.search(r"(dollars?|euros?|yen|usd|円|[$€£¥])\s*$", low[max(0, m.start() - 10) : m.start()]):
            continue
        candidates.append(
            (
                m.start(),
                Quantity(
                    float(m.group(1)),
                    "count",
                    _PERIOD_EN[m.group(3)],  # type: ignore[arg-type]
                    m.group(0),
                    vague,
                ),
            )
        )
    for m in re.finditer(rf"\b(once|twice)\s+{conn}\s*(day|week|month|quarter|year)\b", low):
        n = 1.0 if m.group(1) == "once" else 2.0
        candidates.append((m.start(), Quantity(n, "count", _PERIOD_EN[m.group(2)], m.group(0), vague)))  # type: ignore[arg-type]
    for m in re.finditer(
        r"\b(every|each)\s+(day|morning|night|shift|week|month|quarter|year)\b|\b(daily|weekly|"
        r"monthly|yearly|annually|quarterly)\b",
        low,
    ):
        key = m.group(2) or {
            "daily": "day",
            "weekly": "week",
            "monthly": "month",
            "quarterly": "quarter",
        }.get(m.group(3), "year")
        candidates.append((m.start() + 1000, Quantity(1.0, "count", _PERIOD_EN[key], m.group(0), False)))  # type: ignore[arg-type]
    for m in re.finditer(
        rf"(年|月|週|日|1日|一日|半年|年間|月間)(?:に|で|間|あたり|当たり)?\s*(?:約|およそ|だいたい|大体|平均|ほぼ)?\s*"
        rf"({NUM})\s*{_COUNTERS_JA}",
        norm,
    ):
        unit = m.group(1).replace("間", "")[-1]
        per: Period = _PERIOD_JA[unit]  # type: ignore[assignment]
        value = float(m.group(2))
        if m.group(1) == "半年":
            per, value = "year", value * 2
        candidates.append((m.start(), Quantity(value, "count", per, m.group(0), vague)))
    for m in re.finditer(rf"({NUM})\s*(日|週間|週|か月|ヶ月|カ月|年)に\s*({NUM})\s*(?:回|度)", norm):
        per_unit = {"日": "day", "週": "week", "週間": "week", "年": "year"}.get(m.group(2), "month")
        candidates.append(
            (
                m.start(),
                Quantity(
                    float(m.group(3)) / float(m.group(1)),
                    "count",
                    per_unit,  # type: ignore[arg-type]
                    m.group(0),
                    vague,
                ),
            )
        )
    for m in re.finditer(rf"\bevery\s+({NUM})\s+(day|week|month|year)s\b", low):
        candidates.append(
            (
                m.start(),
                Quantity(
                    1 / float(m.group(1)),
                    "count",
                    _PERIOD_EN[m.group(2)],  # type: ignore[arg-type]
                    m.group(0),
                    vague,
                ),
            )
        )
    for m in re.finditer(r"毎(日|朝|晩|夜|週|月|年)|(日次|週次|月次|年次)", norm):
        key = m.group(1) or {"日次": "日", "週次": "週", "月次": "月", "年次": "年"}[m.group(2)]
        candidates.append((m.start() + 1000, Quantity(1.0, "count", _PERIOD_JA[key], m.group(0), False)))  # type: ignore[arg-type]
    if not candidates:
        return None
    return min(candidates, key=lambda c: c[0])[1]


def _find_people(text: str) -> Quantity | None:
    """How many people spend the time ("two engineers", "3人がかり", "so do eleven other paralegals")."""
    norm, vague = normalize_numbers(text)
    m = re.search(
        rf"({NUM})\s*(?:other\s+)?(?:people|persons|engineers|staff|workers|operators|nurses|clerks|"
        r"analysts|inspectors|planners|buyers|paralegals|agents|reps|technicians|of us)\b",
        norm,
        flags=re.IGNORECASE,
    )
    if m and re.search(r"\b(between|together|in total|combined|across)\b[^.]{0,12}$", norm[: m.start()], re.IGNORECASE):
        return None  # "60 hours a week between the two of us" is already the total
    if m:
        n = float(m.group(1)) + (1 if re.search(r"\bother\b", m.group(0), re.IGNORECASE) else 0)
    else:
        m = re.search(rf"({NUM})\s*人(?:がかり|で|の|体制|分|が|とも)", norm)
        n = float(m.group(1)) if m else 0
    if m and n > 1:
        return Quantity(n, "people", "occurrence", m.group(0), vague)
    return None


_CLAUSE_SPLIT = re.compile(r"(?<=[.!?。！？;；])\s*|(?<=[,、，])(?!\d{3})\s*|\n+")


def _original_words(text: str, q: Quantity) -> Quantity:
    """The employee's own clause that holds the quantity (numbers are normalized for parsing, but what is
    quoted back must be what they said: "five times a year", not "5 times a year")."""
    wanted = q.text.strip().lower()
    for pieces in (_CLAUSE_SPLIT.split(text), re.split(r"(?<=[.!?。！？])\s*", text)):
        for piece in pieces:
            norm, vague = normalize_numbers(piece) if piece else ("", False)
            if piece and wanted in norm.lower():
                return replace(q, text=piece.strip(" ,、，"), assumed=vague)
    return replace(q, text=text.strip())


def find_money(text: str) -> list[Quantity]:
    """Amounts of money with their currency and the period they are counted per (quoted in the original words)."""
    return [_original_words(text, q) for q in _find_money(text)]


def find_hours(text: str) -> list[Quantity]:
    """Staff time in hours with the period it is spent per (quoted in the original words)."""
    return [_original_words(text, q) for q in _find_hours(text)]


def find_frequency(text: str) -> Quantity | None:
    """How often the pain happens (quoted in the original words)."""
    q = _find_frequency(text)
    return _original_words(text, q) if q else None


def find_people(text: str) -> Quantity | None:
    q = _find_people(text)
    return _original_words(text, q) if q else None


PER_YEAR = {"year": 1.0, "quarter": 4.0, "month": 12.0, "week": 52.0}


def per_year(q: Quantity, workdays: int) -> float | None:
    """Occurrences per year of a frequency; days use the work-day count (an assumption)."""
    if q.per == "day":
        return q.value * workdays
    if q.per in ("occurrence", "hour"):
        return None
    return q.value * PER_YEAR[q.per]
