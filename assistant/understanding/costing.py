"""The offline parser's cost lines: every number read so far for a pain, put into lines the core multiplies.

The readings (`Quantity`, kept per pain across turns) say what each number measures; this module says which
number goes with which: a count with the cost said in its sentence, a share with its base or its stated bill, a
headcount with the time that is per person, a season with the daily figures, a loss that lasts with its monthly
amount. The arithmetic is the core's (`assistant.core.estimate`), the same for the LLM's lines.
"""

from __future__ import annotations

from typing import Any, cast

from assistant import prompts
from assistant.core.lines import CostLine, Count, Duration, Figure, Money, Period, Season, Share
from assistant.core.money import money
from assistant.core.update import Quantity
from assistant.state import InterviewState, Measure
from assistant.understanding.costing_rules import (
    ALL_IN,
    Quantities,
    full_days_are_each,
    latest,
    same_noun,
    shares_of_stated,
    shares_that_apply,
    streams,
    wage_like,
)
from assistant.vocabulary import Lang

_SPAN_UNIT = {"day": "day", "shift": "day", "week": "week", "month": "month", "quarter": "month", "year": "year"}


def _fig(q: Quantity, value: float | None = None) -> Figure:
    return Figure(value=q.value if value is None else value, high=q.high, quote=q.quote, approximate=q.approximate)


def _money(q: Quantity, lang: Lang, **extra: Any) -> Money:
    currency = q.currency or ("JPY" if lang == "ja" else "USD")
    return Money(value=q.value, high=q.high, quote=q.quote, approximate=q.approximate, currency=currency, **extra)


def _hours(q: Quantity, per: Period | None = None) -> Duration:
    return Duration(value=q.value, high=q.high, quote=q.quote, approximate=q.approximate, unit="h", per=per)


def _period(q: Quantity) -> Period | None:
    return None if q.per in (None, "event") else cast(Period, q.per)


_STUFF_UNITS = ("kg", "kWh", "L")  # what the parser converts amounts of stuff into (units.canonical_units)


def _count(q: Quantity) -> Count:
    period = _period(q)
    unit = q.of if q.of in _STUFF_UNITS else None
    return Count(value=q.value, high=q.high, quote=q.quote, approximate=q.approximate, per=period, unit=unit)


def _share(shares: list[Quantity]) -> Share | None:
    """Shares chain ("1.5% of admissions fall, a third of falls injure"): one share, their product."""
    if not shares:
        return None
    low = high = 1.0
    for x in shares:
        low *= x.value
        high *= x.high if x.high is not None else x.value
    first = shares[0]
    quote = " / ".join(dict.fromkeys(x.quote for x in shares))
    per = next((x.per for x in shares if x.per not in (None, "event")), None)
    return Share(value=low, high=high if high != low else None, quote=quote, of=first.of, per=per)  # type: ignore[arg-type]


def _season(q: Quantities, per: str | None) -> Season | None:
    """Only part of the year, for figures per `per`: "only from December to February" (a season in months or weeks)
    for daily, weekly and monthly figures; "the season is 120 days" (days it runs) for daily ones."""
    runs = q.get("season")
    if runs and per in ("day", "shift", "week", "month"):
        x = runs[-1]
        return Season(value=x.value, high=x.high, quote=x.quote, unit="week" if x.per == "week" else "month")
    days = q.get("days")
    if not days or per not in ("day", "shift"):
        return None
    n = days[0].value / 8.0 if days[0].value > 366 else days[0].value  # "1,200 hours a season" is in hours
    return Season(value=n, quote=days[0].quote, unit="day")


def _what(pain: str, q: Quantity | None) -> str:
    return (q.of if q is not None and q.of and len(q.of) > 2 else pain)[:80] or "cost"


def _each_costs(q: Quantities, lang: Lang, line: CostLine, skip_time: bool) -> CostLine:
    """Money lost each time and staff time each time: a loss said to happen only now and then is left out when a
    regular cost exists; money said as the time's wage ("4 hours, about ¥20,000 in wages") is not added twice."""
    costs = q.get("cost_each", [])
    regular = [x for x in costs if not x.occasional]
    notes = list(line.notes)
    if (regular or (q.get("time_each") and not skip_time)) and len(regular) < len(costs):
        for x in costs:
            if x.occasional:
                currency = x.currency or ("JPY" if lang == "ja" else "USD")
                notes.append(prompts.render("assume_occasional_left_out", lang, amount=money(_mid(x), currency, lang)))
        costs = regular
    each, lasts = _lasting(q, costs, lang)
    time = None
    if not skip_time:
        spent = [
            x
            for x in q.get("time_each", [])
            # 「1件4時間くらいで、人件費にすると1件2万円」: the same cost, in hours and in money
            if not any(
                c.quote == x.quote and c.currency and wage_like(c.currency, c.value / max(_mid(x), 1e-9)) for c in costs
            )
        ]
        if len(spent) == 1:
            time = _hours(spent[0])  # time each is per item, whoever does it: a headcount does not multiply it
        elif spent:
            quote = " / ".join(dict.fromkeys(x.quote for x in spent))
            time = Duration(value=sum(_mid(x) for x in spent), quote=quote, unit="h")
    rate = q.get("rate", [])
    return line.model_copy(
        update={
            "each": each,
            "lasts": lasts,
            "time": time,
            "rate": _money(rate[0], lang, per_unit="h") if rate else None,
            "notes": notes,
        }
    )


def _lasting(q: Quantities, costs: list[Quantity], lang: Lang) -> tuple[Money | None, Duration | None]:
    """ "A member pays ¥25,000 a month and would have stayed another 8 months": an amount per period, lost for as long
    as one loss lasts, is what each loss costs."""
    spans = q.get("span", [])
    recurring = [x for x in q.get("money_total", []) + costs if x.per in ("day", "week", "month")]
    if spans and recurring and (q.get("events") or q.get("share") or q.get("base")):
        span, x = spans[0], recurring[0]
        unit = _SPAN_UNIT.get(span.per or "month", "month")
        lasts = Duration(value=span.value, high=span.high, quote=span.quote, unit=unit)  # type: ignore[arg-type]
        return _money(x, lang, per=x.per), lasts
    if not costs:
        return None, None
    whole = [x for x in costs if ALL_IN.search(x.quote)]
    if len(costs) == 1 or whole:
        # "the sale price is about $1,800 … so like 2k each all in": the amount said to include the rest is the cost
        return _money((whole or costs)[-1], lang), None
    total = sum(_mid(x) for x in costs)  # two costs each time ("$200 in parts and $150 in labour each")
    quote = " / ".join(x.quote for x in costs)
    return Money(value=total, quote=quote, currency=costs[0].currency or "USD"), None


def _events(q: Quantities, lang: Lang, pain: str, skip_time: bool) -> CostLine | None:
    """One stream: how often (stated, a share of a base, a share a year of a standing number) x what each costs."""
    q = shares_that_apply(q)
    sites = q.get("sites", [])
    shares = q.get("share", [])
    line: CostLine | None = None
    flows = [x for x in (q.get("base", []) + q.get("events", [])) if x.per] if shares else q.get("events", [])
    flow = next((x for x in flows if x.per), None)
    if flow is not None:
        inner = q.get("per_each", [])
        flowing = _count(flow).model_copy(update={"within": _product(inner)})
        line = CostLine(what=_what(pain, flow), form="events", count=flowing, share=_share(shares))
        line.every_day = flow.every_day
        if flow.per_site and sites:
            line.sites = _fig(sites[0], sum(_mid(x) for x in sites))
    elif [x for x in shares if x.per]:
        stocks = q.get("stock", [])
        named = [b for b in stocks if any(x.of and b.of and same_noun(x.of, b.of) for x in shares)]
        population = named or q.get("people") or q.get("sites") or stocks[-1:]
        standing = _count(population[0]).model_copy(update={"per": None}) if population else None
        line = CostLine(what=_what(pain, shares[0]), form="events", count=standing, share=_share(shares))
        line.every_day = any(x.every_day for x in shares)  # "4% of the rooms each night … we're open every night"
    elif q.get("cost_each") or q.get("time_each"):
        line = CostLine(what=pain[:80] or "cost", form="events")  # what each costs, not yet how often
    if line is None:
        return None
    line = _each_costs(q, lang, line, skip_time)
    line.runs = _season(q, line.count.per if line.count is not None else None)
    return line


def _product(inner: list[Quantity]) -> Figure | None:
    if not inner:
        return None
    value = 1.0
    for x in inner:
        value *= _mid(x)
    return Figure(value=value, quote=" / ".join(x.quote for x in inner))


def _totals(q: Quantities, lang: Lang, pain: str, cut: list[Quantity]) -> list[CostLine]:
    """Money and staff time stated per period: a loss stated (or the share of it that is the loss), or time spent
    per period, per person or per site where said so."""
    lines: list[CostLine] = []
    sites, people, rate = q.get("sites", []), q.get("people", []), q.get("rate", [])
    for x in q.get("money_total", []) + q.get("time_total", []):
        if x.per in (None, "event"):
            continue
        what = pain[:80] or "cost"
        if x.kind == "money_total":
            line = CostLine(what=what, form="share" if cut else "stated", amount=_money(x, lang, per=x.per))
        else:
            many = people if x.per_person and people else []
            crowd = _fig(many[0], sum(_mid(p) for p in many)) if many else Figure(value=1, quote=x.quote)
            line = CostLine(
                what=what,
                form="people",
                people=crowd,
                time=_hours(x, per=_period(x)),
                rate=_money(rate[0], lang, per_unit="h") if rate else None,
            )
        if cut:
            line.share = _share(cut)
        if x.per_site and sites:
            line.sites = _fig(sites[0], sum(_mid(s) for s in sites))
        line.every_day = x.every_day
        line.runs = _season(q, x.per)
        lines.append(line)
    return lines


def _mid(q: Quantity) -> float:
    return (q.value + q.high) / 2 if q.high is not None else q.value


def cost_lines(measures: list[Measure], lang: Lang, pain: str = "") -> list[CostLine]:
    """The lines of one pain from every number read for it (the latest turn's figure of each kind wins)."""
    if not measures:
        return []
    q = full_days_are_each(latest(measures))
    money_total = [x for x in q.get("money_total", []) if x.per not in (None, "event")]
    yearly = [x for x in money_total if x.per == "year" and not x.per_site]
    turns = {id(m.quantity): m.turn for m in measures}
    cuts = shares_of_stated(q, yearly, turns) if yearly else []
    if any(cuts):
        # "$2M a year on overtime, 20% of it avoidable": the share of the stated bill is the loss, not of a count
        q = {**q, "share": [s for s in q.get("share", []) if not any(s in c for c in cuts)]}
    lines: list[CostLine] = []
    has_time_total = bool(q.get("time_total"))
    if q.get("span") and (q.get("events") or q.get("share") or q.get("base")):
        # "pays ¥25,000 a month and would have stayed 8 months": that monthly amount is what each loss costs
        recurring = [x for x in q.get("money_total", []) if x.per in ("day", "week", "month")]
        q = {
            **q,
            "cost_each": recurring[:1] + q.get("cost_each", []),
            "money_total": [x for x in q.get("money_total", []) if x not in recurring[:1]],
        }
    for stream in streams(q):
        line = _events(stream, lang, pain, skip_time=has_time_total)
        if line is not None:
            lines.append(line)
    counted = any(line.count is not None and line.count.per is not None for line in lines)
    cut = next((c for c in cuts if c), [])
    if not counted and not yearly and q.get("share") and (money_total or q.get("time_total")):
        # "waste is 5% of sales", "staff sit idle 10% of the time": the share of the stated total is the loss
        cut = q["share"]
        lines = [line for line in lines if line.count is not None]
    return lines + _totals(q, lang, pain, cut)


def lines_from_readings(state: InterviewState) -> bool:
    """Sessions saved before cost lines kept only the parser's readings: their pains get lines from them (True
    when any did)."""
    changed = False
    for pain in state.pains:
        if pain.measures and not pain.cost:
            pain.cost = cost_lines(pain.measures, state.lang, pain.text)
            changed = changed or bool(pain.cost)
    return changed
