"""Readings of what was said that decide which number goes with which: the latest figure of each kind, which
shares apply to a count, a working day per person, a share of a stated figure, one cost stream per count."""

from __future__ import annotations

import re

from assistant.core.update import Quantity
from assistant.state import Measure

Quantities = dict[str, list[Quantity]]

#: ("what": "3 to 5% of what we pay out" is a share of the money said)
PRONOUN = {"them", "those", "these", "it", "that", "this", "time", "times", "cases", "ones", "what"}


def shares_that_apply(q: Quantities) -> Quantities:
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


def full_days_are_each(q: Quantities) -> Quantities:
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


#: the money a share is of, named in its sentence: "on a fuel bill of", "of our $2M budget", 「薬品代」
_SHARE_OF_IT = re.compile(
    r"\b(?:on|of|from)\s+(?:a|an|the|our|my)?\s*(?:[a-z-]+\s+){0,2}?(?:bill|budget|spend|costs?)\b|代|費", re.I
)
_MONEY_NOUN = re.compile(r"revenue|sales|turnover|budget|spend|costs?|bill|payroll|売上|予算|費用|代金?", re.I)


def shares_of_stated(q: Quantities, yearly: list[Quantity], turns: dict[int, int | None]) -> list[list[Quantity]]:
    """ "We spend $2M a year on overtime and 20% of that is avoidable", "maybe 3% of revenue? we do $20M a year",
    「薬品代が年3,000万円です。4割は入れすぎかな」: a share said in the same answer as the yearly figure (of it, of
    the money, or of nothing named) is the part of it that is the pain. For each yearly figure, its shares."""
    out: list[list[Quantity]] = []
    for x in yearly:
        near = [s for s in q.get("share", []) if s.quote == x.quote and _SHARE_OF_IT.search(x.quote)]
        shares = [
            s
            for s in q.get("share", [])
            if (s.quote == x.quote or (_same_turn(s, x, turns) and not _LOSS.search(x.quote)))
            and (s.of is None or s.of in PRONOUN or _MONEY_NOUN.fullmatch(s.of))
        ]
        # "we burn ~1.5% extra fuel, on a fuel bill of about $28M a year": a share said with its bill is of that
        # bill, whatever is counted elsewhere in the answer
        out.append(near or (shares if shares and not q.get("events") and not q.get("base") else []))
    return out


#: Said of an amount that already includes the other costs named ("all in", 「全部込みで」「合わせて」)
ALL_IN = re.compile(
    r"\ball[- ]in\b|\ball told\b|\ball together\b|\baltogether\b|\bin total\b|"
    r"込み|込々|全部で|合わせて|合計|トータル",
    re.IGNORECASE,
)


def same_noun(a: str, b: str) -> bool:
    """ "the rooms" and "210 room hotel": the same noun, singular or plural."""
    a, b = a.lower().rstrip("s"), b.lower().rstrip("s")
    return a == b or a.startswith(b) or b.startswith(a)


def latest(measures: list[Measure]) -> Quantities:
    """Per kind, the quantities of the latest turn that gave that kind (a later figure corrects an earlier one).
    A share without a period counts with the count it was said with or after: "half the floor" in an earlier
    answer is no share of this year's admissions. A cost or time "each" counts once per sentence:
    "25 minutes on average, some 5, some an hour" is one figure with examples, not three costs."""
    by_kind: dict[str, list[Measure]] = {}
    for m in measures:
        kind: str = "stock" if m.quantity.kind == "base" and m.quantity.per is None else m.quantity.kind
        by_kind.setdefault(kind, []).append(m)
    out: Quantities = {}
    turns: dict[str, int] = {}
    for kind, items in by_kind.items():
        last = max((m.turn if m.turn is not None else -1) for m in items)
        chosen = [m.quantity for m in items if (m.turn if m.turn is not None else -1) == last]
        if kind in ("cost_each", "time_each"):
            said: dict[str, list[Quantity]] = {}
            for q in chosen:
                said.setdefault(q.quote, []).append(q)
            # 「送料1,200円、お詫び500円、全部込みで2,000円」: the figure said to include the others is the one
            whole = kind == "cost_each"
            chosen = [qs[-1] if whole and ALL_IN.search(quote) else qs[0] for quote, qs in said.items()]
        out[kind], turns[kind] = chosen, last
    flow_turn = turns.get("base", turns.get("events", turns.get("money_total")))
    # a share said before the count it would apply to belongs elsewhere ("half the floor wears the socks");
    # one said with it or after it refines it ("about a third of them injure themselves")
    if "share" in out and flow_turn is not None and turns["share"] < flow_turn and not any(x.per for x in out["share"]):
        del out["share"]
    return out


def streams(q: Quantities) -> list[Quantities]:
    """One or more event streams, each with its own cost. "600 screenings a year, half a day each; 5 defaults a
    year at ¥8M each": a cost said in the sentence of a count goes with that count; any other cost goes with the
    first count. With one count (or a share), there is one stream."""
    shares = q.get("share", [])
    flows = [x for x in q.get("events", []) + (q.get("base", []) if shares else []) if x.per]
    flows.sort(key=lambda x: x.kind != "base")  # a base a share cuts comes first, as the one-stream reading has it
    if len(flows) < 2:
        return [q]
    if shares and not any(s.quote != flows[0].quote for s in shares) and all(f.quote == flows[0].quote for f in flows):
        return [q]
    costs = q.get("cost_each", []) + q.get("time_each", [])
    out = []
    used: set[int] = set()
    for i, flow in enumerate(flows):
        mine = [c for c in costs if c.quote == flow.quote and id(c) not in used]  # each cost counts once
        if i == 0:
            mine += [c for c in costs if all(c.quote != f.quote for f in flows)]
        used.update(id(c) for c in mine)
        # "120 a year, a third fail, 2k each … 15k a go, once or twice a year": a share cuts the count of its own
        # sentence (or the first count), never another stream's
        own = [s for s in shares if s.quote == flow.quote or (i == 0 and all(s.quote != f.quote for f in flows))]
        stream = {**q, "events": [flow] if flow.kind == "events" else [], "share": own}
        stream["base"] = [flow] if flow.kind == "base" else []
        stream["cost_each"] = [c for c in mine if c.kind == "cost_each"]
        stream["time_each"] = [c for c in mine if c.kind == "time_each"]
        out.append(stream)
    return out


def wage_like(currency: str, per_hour: float) -> bool:
    """Is this amount per hour a plausible staff wage (so money and hours said together are one cost)?"""
    low, high = (1_000, 30_000) if currency == "JPY" else (10, 300)
    return low <= per_hour <= high
