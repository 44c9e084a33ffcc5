"""The value model: money per year from the numbers the employee gave, each step written out.

Numbers carry what they measure and what they are per (see `understanding.update.Quantity`), so the
arithmetic follows what was said: a share applies to its base ("9% of 600 loads a week"), a headcount
multiplies time only when the time is per person, a per-shop figure is multiplied by the shops, a 24/7
or nightly figure runs 365 days, and a yearly figure the employee states wins over any product.
A later turn that gives the same kind of number replaces the earlier one (a correction).
"""

from __future__ import annotations

from assistant import prompts
from assistant.scoring import Rates
from assistant.state import Measure, Pain, ValueEstimate
from assistant.understanding.update import Quantity
from assistant.value_rules import full_days_are_each, lasting, share_of_stated, shares_that_apply
from assistant.value_work import Work, num, same_noun
from assistant.vocabulary import Lang


def _latest(measures: list[Measure]) -> dict[str, list[Quantity]]:
    """Per kind, the quantities of the latest turn that gave that kind (a later figure corrects an earlier one).
    A share without a period counts with the count it was said with or after: "half the floor" in an earlier
    answer is no share of this year's admissions. A cost or time "each" counts once per sentence:
    "25 minutes on average, some 5, some an hour" is one figure with examples, not three costs."""
    by_kind: dict[str, list[Measure]] = {}
    for m in measures:
        kind: str = "stock" if m.quantity.kind == "base" and m.quantity.per is None else m.quantity.kind
        by_kind.setdefault(kind, []).append(m)
    out: dict[str, list[Quantity]] = {}
    turns: dict[str, int] = {}
    for kind, items in by_kind.items():
        last = max((m.turn if m.turn is not None else -1) for m in items)
        chosen = [m.quantity for m in items if (m.turn if m.turn is not None else -1) == last]
        if kind in ("cost_each", "time_each"):
            seen: set[str] = set()
            chosen = [q for q in chosen if not (q.quote in seen or seen.add(q.quote))]  # type: ignore[func-returns-value]
        out[kind], turns[kind] = chosen, last
    flow_turn = turns.get("base", turns.get("events", turns.get("money_total")))
    # a share said before the count it would apply to belongs elsewhere ("half the floor wears the socks");
    # one said with it or after it refines it ("about a third of them injure themselves")
    if "share" in out and flow_turn is not None and turns["share"] < flow_turn and not any(x.per for x in out["share"]):
        del out["share"]
    return out


def _currency(q: dict[str, list[Quantity]], lang: Lang) -> str:
    for kind in ("money_total", "cost_each", "rate"):
        for x in q.get(kind, []):
            if x.currency:
                return x.currency
    return "JPY" if lang == "ja" else "USD"


def _count(w: Work, q: dict[str, list[Quantity]], kind: str) -> float | None:
    items = q.get(kind)
    return sum(w.mid(x) for x in items) if items else None


def _events_per_year(w: Work, q: dict[str, list[Quantity]]) -> float | None:
    """How many times a year the pain happens: the count of its containers times what each holds ("30 audits a
    year, 25 files each" is 750 files)."""
    outer = _outer_events_per_year(w, q)
    inner = q.get("per_each", [])
    if outer is None or not inner:
        return outer
    each = 1.0
    for x in inner:
        each *= w.mid(x)
    total = outer * each
    unit = "回/年" if w.lang == "ja" else " a year"
    w.lines.append(f"{num(outer)} × {num(each)} = {num(total)}{unit}")
    return total


def _outer_events_per_year(w: Work, q: dict[str, list[Quantity]]) -> float | None:
    """How many times a year the pain happens: stated, or a share of a base."""
    q = shares_that_apply(q)
    sites = _count(w, q, "sites")
    for x in [] if q.get("share") else q.get("events", []):
        n = w.per_year(x)
        if n is None:
            continue
        each = w.mid(x)
        many = sites if (x.per_site and sites) else 1.0
        total = each * n * many
        site_text = f" × {num(many)}" if many != 1 else ""
        if n != 1 or many != 1:  # "5 a year" needs no line of its own
            w.lines.append(
                f"{num(each)}{w.period(x)}{site_text} × {num(n)} = {num(total)}回/年"
                if w.lang == "ja"
                else f"{num(each)}{w.period(x)}{site_text} × {num(n)} = {num(total)} a year"
            )
        return total
    shares = q.get("share", [])
    share = 1.0
    for x in shares:
        share *= w.mid(x)  # "1.5% of admissions fall, a third of falls injure": shares chain
    shown = " × ".join(f"{w.mid(x):.1%}".replace(".0%", "%") for x in shares)
    for base in q.get("base", []) + q.get("events", []):
        n = w.per_year(base)
        if n is None:
            continue
        many = sites if (base.per_site and sites) else 1.0
        total = share * w.mid(base) * n * many
        w.lines.append(
            f"{shown} × {num(w.mid(base))}{w.period(base)} × {num(n * many)} = {num(total)}"
            + ("回/年" if w.lang == "ja" else " a year")
        )
        return total
    periodic = [x for x in shares if x.per]
    stocks = q.get("stock", [])
    named = [b for b in stocks if any(x.of and b.of and same_noun(x.of, b.of) for x in shares)]
    population = named or q.get("people") or q.get("sites") or stocks[-1:]
    if periodic and population:
        # "800 students, 15% leave a year": a share per period of a standing population
        n = w.per_year(periodic[0]) or 1.0
        total = share * w.mid(population[0]) * n
        w.lines.append(
            f"{shown} × {num(w.mid(population[0]))} × {num(n)} = {num(total)}"
            + ("回/年" if w.lang == "ja" else " a year")
        )
        return total
    return None


def _streams(q: dict[str, list[Quantity]]) -> list[dict[str, list[Quantity]]]:
    """One or more event streams, each with its own cost. "600 screenings a year, half a day each; 5 defaults a
    year at ¥8M each": a cost said in the sentence of a count goes with that count; any other cost goes with the
    first count. With one count (or a share), there is one stream."""
    flows = [x for x in q.get("events", []) if x.per]
    if len(flows) < 2 or q.get("share"):
        return [q]
    costs = q.get("cost_each", []) + q.get("time_each", [])
    streams = []
    used: set[int] = set()
    for i, flow in enumerate(flows):
        mine = [c for c in costs if c.quote == flow.quote and id(c) not in used]  # each cost counts once
        if i == 0:
            mine += [c for c in costs if all(c.quote != f.quote for f in flows)]
        used.update(id(c) for c in mine)
        stream = {**q, "events": [flow]}
        stream["cost_each"] = [c for c in mine if c.kind == "cost_each"]
        stream["time_each"] = [c for c in mine if c.kind == "time_each"]
        streams.append(stream)
    return streams


def _rate(w: Work, q: dict[str, list[Quantity]]) -> float:
    stated = q.get("rate")
    if stated:
        return stated[0].value
    rate = w.rates.hourly_jpy if w.currency == "JPY" else w.rates.hourly_usd
    w.assume("assume_hourly", rate=w.money(rate))
    return rate


def _people(w: Work, q: dict[str, list[Quantity]], x: Quantity) -> float:
    if not x.per_person:
        return 1.0
    return _count(w, q, "people") or 1.0


def _per_event_cost(w: Work, q: dict[str, list[Quantity]], skip_time: bool) -> tuple[float, str] | None:
    """Money lost each time (money each + staff time each x the hourly cost). A loss said to happen only now and
    then is left out when a regular cost exists; a money figure said as the time's wage is not added twice."""
    costs = q.get("cost_each", [])
    regular = [x for x in costs if not x.occasional]
    if (regular or (q.get("time_each") and not skip_time)) and len(regular) < len(costs):
        for x in costs:
            if x.occasional:
                w.assume("assume_occasional_left_out", amount=w.money(w.mid(x)))
        costs = regular
    parts: list[tuple[float, str]] = [(w.mid(x), w.money(w.mid(x))) for x in costs]
    if not skip_time:
        for x in q.get("time_each", []):
            if any(c.quote == x.quote and _wage_like(w, c.value / max(w.mid(x), 1e-9)) for c in costs):
                continue  # 「1件4時間くらいで、人件費にすると1件2万円」: the same cost, in hours and in money
            hours = w.mid(x)  # time each is per item, whoever does it: a headcount does not multiply it
            rate = _rate(w, q)
            shown = f"{num(hours)}時間 × {w.money(rate)}" if w.lang == "ja" else f"{num(hours)} h × {w.money(rate)}"
            parts.append((hours * rate, shown))
    if not parts:
        return None
    return sum(p[0] for p in parts), " + ".join(p[1] for p in parts)


def _wage_like(w: Work, per_hour: float) -> bool:
    """Is this amount per hour a plausible staff wage (so money and hours said together are one cost)?"""
    low, high = (1_000, 30_000) if w.currency == "JPY" else (10, 300)
    return low <= per_hour <= high


def _totals(w: Work, q: dict[str, list[Quantity]], kinds: tuple[str, ...]) -> float:
    """Money and staff time stated per period, per person or per site where said so."""
    total = 0.0
    sites = _count(w, q, "sites")
    for kind in kinds:
        for x in q.get(kind, []):
            n = w.per_year(x)
            if n is None:
                continue
            many = (sites if (x.per_site and sites) else 1.0) * _people(w, q, x)
            amount = w.mid(x)
            if kind == "time_total":
                rate = _rate(w, q)
                each = f"{num(amount)}時間" if w.lang == "ja" else f"{num(amount)} h"
                amount, each = amount * rate, f"{each} × {w.money(rate)}"
            else:
                each = w.money(amount)
            value = amount * n * many
            times = f" × {num(many)}" if many != 1 else ""
            year = "/年" if w.lang == "ja" else " per year"
            if x.per == "year" and many == 1:
                w.lines.append(prompts.render("value_stated", w.lang, amount=w.money(value)))
            else:
                w.lines.append(f"{each}{w.period(x)}{times} × {num(n)} = {w.money(value)}{year}")
            total += value
    return total


def estimate(pain: Pain, lang: Lang, rates: Rates) -> ValueEstimate:
    """Money per year from the pain's measures, with the arithmetic and the assumptions it rests on."""
    q = full_days_are_each(_latest(pain.measures))
    w = Work(lang, rates, _currency(q, lang))
    q = lasting(w, q)
    if q.get("days"):
        w.days = q["days"][0].value / 8.0 if q["days"][0].value > 366 else q["days"][0].value
    yearly = [x for x in q.get("money_total", []) if x.per == "year" and not x.per_site]
    if yearly and _restates(w, q, yearly):
        # The employee's own yearly figure wins; the pieces that led to it are the same money in other units.
        w.lines.clear()
        parts = share_of_stated(w, q, yearly, {id(m.quantity): m.turn for m in pain.measures})
        total = _totals(w, {"money_total": parts}, ("money_total",))
        if parts != yearly:  # say the share, not "as stated", for a figure the employee did not state
            year = "/年" if lang == "ja" else " per year"
            w.lines = [
                f"{w.money(w.mid(a))}{year} × {b.value / w.mid(a):.1%} = {w.money(b.value)}{year}".replace(".0%", "%")
                if a is not b
                else prompts.render("value_stated", lang, amount=w.money(w.mid(a)))
                for a, b in zip(yearly, parts, strict=True)
            ]
        if q.get("time_each") or q.get("time_total"):
            w.assume("assume_yearly_includes_time")
        return _done(w, total)
    # Time stated per period already counts the pieces ("3 minutes each, two hours a day"): add it once.
    has_time_total = bool(q.get("time_total"))
    total, known = 0.0, False
    year = "/年" if lang == "ja" else " per year"
    events: float | None = None
    for stream in _streams(q):
        events = _events_per_year(w, stream)
        each = _per_event_cost(w, stream, skip_time=has_time_total)
        if events is not None and each is not None:
            value = events * each[0]
            w.lines.append(f"{num(events)} × ({each[1]}) = {w.money(value)}{year}")
            total, known = total + value, True
    totals = [k for k in ("money_total", "time_total") if q.get(k)]
    if events is None and q.get("share") and totals:
        # "waste is 5% of sales", "staff sit idle 10% of the time": the share of the stated total is the loss
        cut = w.share_cut(q["share"])
        for k in totals:
            q = {**q, k: [x.model_copy(update={"value": w.mid(x) * cut, "high": None}) for x in q[k]]}
    periodic = _totals(w, q, ("money_total", "time_total"))
    if periodic:
        total, known = total + periodic, True
    if not known:
        missing = "value_missing_freq" if each is not None else "value_missing_cost"
        line = prompts.render("value_missing", lang, missing=prompts.render(missing, lang))
        return ValueEstimate(per_year=None, currency=w.currency, arithmetic=[line], assumptions=w.assumptions)
    return _done(w, total)


def _restates(w: Work, q: dict[str, list[Quantity]], yearly: list[Quantity]) -> bool:
    """Is the stated yearly figure the same cost as the pieces (then it wins), or another cost on top (then both
    count)? "250 breaks a year, $3.2M last year" restates; "5,000 cases at EUR 12k each, and penalties of EUR 2M a
    year" adds. A product within a factor of three of the yearly figure is taken as the same money."""
    scratch = Work(w.lang, w.rates, w.currency, days=w.days)
    events = _events_per_year(scratch, q)
    each = _per_event_cost(scratch, q, skip_time=bool(q.get("time_total")))
    if events is None or each is None:
        return True
    product, stated = events * each[0], sum(scratch.mid(x) for x in yearly)
    return product == 0 or 1 / 3 <= stated / product <= 3


def _done(w: Work, total: float) -> ValueEstimate:
    symbol = "円" if w.currency == "JPY" and w.lang == "ja" else w.money(0)[:1]
    # a total only adds up several yearly amounts; a count line or a step ("$40 per month × 10 = $400") is none
    yearly = [line for line in w.lines if symbol in line and ("/年" in line or "per year" in line)]
    if len(yearly) > 1:
        w.lines.append(prompts.render("value_total", w.lang, amount=w.money(total)))
    return ValueEstimate(per_year=round(total, 2), currency=w.currency, arithmetic=w.lines, assumptions=w.assumptions)
