"""Readings of what was said that reshape the numbers before the arithmetic: which shares apply, losses that
last, a working day per person, a share of a stated figure."""

from __future__ import annotations

import re

from assistant.understanding.update import Quantity
from assistant.value_work import Work, num, same_noun

PRONOUN = {"them", "those", "these", "it", "that", "this", "time", "times", "cases", "ones"}


def shares_that_apply(q: dict[str, list[Quantity]]) -> dict[str, list[Quantity]]:
    """ "20% of emails go astray … 300 renewals lost a year": a share of one thing does not cut a count of another.
    When every share names a noun and every flow names a different one, the shares are left out of the count."""
    money = {x.quote for x in q.get("money_total", []) if x.per}
    # "the print budget is $500k a year and half of it is wasted": a share of the money said with it counts no items
    of_money = [s for s in q.get("share", []) if s.quote in money and s.of in PRONOUN]
    if of_money:
        q = {**q, "share": [s for s in q.get("share", []) if s not in of_money]}
    shares, flows = q.get("share", []), [x for x in q.get("base", []) + q.get("events", []) if x.per]
    # only plural count nouns name populations ("messages", "cancellations"); "12% of production" of a flow of kWh
    # is a share of that flow
    named = [x.of for x in flows if x.of and re.fullmatch(r"[a-z-]{2,}s", x.of)]
    if not shares or not flows or len(named) < len(flows):
        return q
    plural = [s.of for s in shares if s.of and s.of not in PRONOUN and re.fullmatch(r"[a-z-]{2,}s", s.of)]
    if len(plural) == len(shares) and not any(same_noun(a, n) for a in plural for n in named):
        return {**q, "share": []}
    return q


_DAYS_IN = {"day": 1.0, "shift": 1.0, "week": 7.0, "month": 30.4, "quarter": 91.0, "year": 365.0}


def lasting(w: Work, q: dict[str, list[Quantity]]) -> dict[str, list[Quantity]]:
    """ "A member pays ¥25,000 a month and would have stayed another 8 months": an amount per period, lost for as
    long as one loss lasts, is what each loss costs. Only when losses are counted (a flow or a share)."""
    spans = q.get("span", [])
    flows = q.get("events") or q.get("share") or q.get("base")
    if not spans or not flows:
        return q
    span = spans[0]
    span_days = w.mid(span) * _DAYS_IN.get(span.per or "month", 30.4)
    recurring = [x for x in q.get("money_total", []) + q.get("cost_each", []) if x.per in ("day", "week", "month")]
    if not recurring:
        return q
    each = []
    for x in recurring:
        periods = span_days / _DAYS_IN[x.per or "month"]
        value = w.mid(x) * periods
        w.lines.append(f"{w.money(w.mid(x))}{w.period(x)} × {num(periods)} = {w.money(value)}")
        each.append(x.model_copy(update={"kind": "cost_each", "value": value, "high": None, "per": None}))
    keep = {id(x) for x in recurring}
    return {
        **q,
        "money_total": [x for x in q.get("money_total", []) if id(x) not in keep],
        "cost_each": [x for x in q.get("cost_each", []) if id(x) not in keep] + each,
    }


def full_days_are_each(q: dict[str, list[Quantity]]) -> dict[str, list[Quantity]]:
    """ "40 operators, 8 hours a day": a working day of hours beside a headcount is each person's day; nobody
    means that 40 people share one 8-hour day."""
    people = sum(x.value for x in q.get("people", []))
    if people <= 1:
        return q
    days = [
        x.model_copy(update={"per_person": True}) if x.per in ("day", "shift") and x.value >= 6 else x
        for x in q.get("time_total", [])
    ]
    return {**q, "time_total": days} if days else q


#: "we lost about $1M last year", 「100万円くらい損した」: the figure is the loss itself; a share in another sentence
#: ("yields drop 20-30%") says how it came about, it does not cut it
_LOSS = re.compile(r"\b(?:lost|lose|losing|loss|wasted?|write-?offs?)\b|損|ロス|無駄", re.I)


def _same_turn(a: Quantity, b: Quantity, turns: dict[int, int | None]) -> bool:
    return turns.get(id(a)) is not None and turns.get(id(a)) == turns.get(id(b))


_MONEY_NOUN = re.compile(r"revenue|sales|turnover|budget|spend|costs?|bill|payroll|売上|予算|費用|代金?", re.I)


def share_of_stated(
    w: Work, q: dict[str, list[Quantity]], yearly: list[Quantity], turns: dict[int, int | None]
) -> list[Quantity]:
    """ "We spend $2M a year on overtime and 20% of that is avoidable", "maybe 3% of revenue? we do $20M a year",
    「薬品代が年3,000万円です。4割は入れすぎかな」: a share said in the same answer as the yearly figure (of it, of
    the money, or of nothing named) is the part of it that is the pain."""
    out = []
    for x in yearly:
        shares = [
            s
            for s in q.get("share", [])
            if (s.quote == x.quote or (_same_turn(s, x, turns) and not _LOSS.search(x.quote)))
            and (s.of is None or s.of in PRONOUN or _MONEY_NOUN.fullmatch(s.of))
        ]
        if shares and not q.get("events") and not q.get("base"):
            x = x.model_copy(update={"value": w.mid(x) * w.share_cut(shares), "high": None})
        out.append(x)
    return out
