"""A pain's money at stake per year from its cost lines: the total, each line's arithmetic, what is still missing,
the part knowing earlier would avoid, and a question instead of a figure that cannot be right."""

from __future__ import annotations

from dataclasses import replace

from assistant import prompts
from assistant.core.gaps import gap
from assistant.core.lines import Avoidable, CostLine
from assistant.core.money import Rates
from assistant.core.yearly import Sheet, currency_of, line_value, pct
from assistant.state import ValueEstimate
from assistant.vocabulary import Lang

#: Money in US dollars, only to judge scale (never shown): a pain above this is a unit read wrong, or a question.
_USD = {"USD": 1.0, "EUR": 1.1, "GBP": 1.3, "JPY": 1 / 150}
IMPLAUSIBLE_USD = 100_000_000
#: Such a figure is still stated when the employee named a yearly amount (their revenue, their bill) at least a
#: tenth of it: the business is that large.
ABOVE_SCALE = 10.0
#: A stated yearly loss and a product within this factor of it are the same money said two ways.
SAME_MONEY = 3.0


def estimate(lines: list[CostLine], lang: Lang, rates: Rates, avoidable: Avoidable | None = None) -> ValueEstimate:
    """The yearly figure of `lines`, every line's arithmetic shown, and the assumptions it rests on."""
    s = Sheet(lang, rates, currency_of(lines, lang))
    for line in lines:
        s.assumptions += [n for n in line.notes if n not in s.assumptions]
    known, notes = [], {}
    for line in lines:
        own = replace(s, lines=[], assumptions=[])  # each line's assumptions count only if the line does
        found = line_value(own, line)
        if found is not None:
            known.append((line, found))
            notes[id(line)] = own.assumptions
    if not known:
        missing = gap(lines)
        what = prompts.render(f"value_missing_{missing.factor if missing else 'count'}", lang)
        line_text = prompts.render("value_missing", lang, missing=what)
        return ValueEstimate(per_year=None, currency=s.currency, arithmetic=[line_text], assumptions=s.assumptions)
    known = _one_figure(s, known)
    for line, _ in known:
        s.assumptions += [a for a in notes[id(line)] if a not in s.assumptions]
    total = sum(v for _, (v, _) in known)
    for line, (value, shown) in known:
        stated = shown == prompts.render("value_stated", lang, amount=s.money(value))
        said = shown if stated else f"{shown} = {s.money(value)}" + ("/年" if lang == "ja" else " a year")
        s.lines.append(f"{line.what}: {said}" if len(known) > 1 or (not stated and len(line.what) <= 40) else said)
    if len(known) > 1:
        s.lines.append(prompts.render("value_total", lang, amount=s.money(total)))
    estimate = ValueEstimate(
        per_year=round(total, 2), currency=s.currency, arithmetic=s.lines, assumptions=s.assumptions
    )
    estimate.doubt = _doubt(s, total, lines)
    if avoidable is not None:
        cut = avoidable.share.mid
        estimate.avoidable = round(total * cut, 2)
        estimate.avoidable_note = prompts.render("value_avoidable_said", lang, share=pct(cut))
    return estimate


def _one_figure(s: Sheet, known: list[tuple[CostLine, tuple[float, str]]]) -> list[tuple[CostLine, tuple[float, str]]]:
    """ "250 breaks a year at about $12k each ... we lose $3M a year to it", 「1店舗1日1万5千円、2店舗で年間1000万円」:
    the employee's yearly figure and the pieces are the same money; their own figure stands. A product far from it
    is another cost, and a share of a bill is a cost of its own: both count."""

    def yearly(line: CostLine) -> bool:
        return line.form == "stated" and line.amount is not None and line.amount.per == "year"

    stated = [k for k in known if yearly(k[0]) and k[0].sites is None]
    if not stated:
        return known
    products = [k for k in known if k[0].form == "events"]  # staff time per period is a piece of the figure
    said, made = sum(v for _, (v, _) in stated), sum(v for _, (v, _) in products)
    if products and (made == 0 or not 1 / SAME_MONEY <= said / made <= SAME_MONEY):
        return known
    if any(line.time is not None for line, _ in known if not yearly(line)):
        s.assume("assume_yearly_includes_time")
    return [k for k in known if yearly(k[0]) or k[0].form in ("share", "one_off")]


def _doubt(s: Sheet, total: float, lines: list[CostLine]) -> str | None:
    """A figure far above the scale the employee gave (or above any plausible pain) is asked about, not stated."""
    rate = _USD.get(s.currency, 1.0)
    yearly = [
        line.amount.mid * (12 if line.amount.per == "month" else 52 if line.amount.per == "week" else 1)
        for line in lines
        if line.amount is not None and line.amount.per in ("year", "month", "week")
    ]
    biggest = max(yearly, default=0.0)
    # above any plausible pain, unless the employee named money on that scale (their revenue, their bill)
    if total * rate <= IMPLAUSIBLE_USD or biggest * ABOVE_SCALE >= total:
        return None
    figures = [m for line in lines for m in (line.each, line.amount, line.rate) if m is not None]
    said = max(figures, key=lambda m: m.mid * _USD.get(m.currency, 1.0), default=None)
    if said is None:
        return prompts.render("value_doubt_plain", s.lang, amount=s.money(total))
    return prompts.render("value_doubt", s.lang, amount=s.money(total), said=said.quote[:80])
