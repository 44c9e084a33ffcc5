"""The yearly figure of a pain from its cost lines: every factor converted and multiplied by code, shown line by
line with what it is ("600 a week × 52 weeks × 9% × $200 each"), no "× 1", no empty factor."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant import prompts
from assistant.core.lines import CostLine, Count, Figure, Money, Period, Share
from assistant.core.money import Rates, money
from assistant.core.units import convert, days, hours, periods
from assistant.vocabulary import Lang

_PERIOD = {
    "en": {p: p for p in ("hour", "day", "shift", "week", "month", "quarter", "year")},
    "ja": {
        "hour": "時間",
        "day": "日",
        "shift": "シフト",
        "week": "週",
        "month": "月",
        "quarter": "四半期",
        "year": "年",
    },
}
#: Days a year at or above which the days a line runs are the year round, not a season.
YEAR_ROUND_DAYS = 300
_PLURAL = {"day": "days", "shift": "shifts", "week": "weeks", "month": "months", "quarter": "quarters", "hour": "hours"}


def num(x: float) -> str:
    return f"{x:,.0f}" if x >= 100 or x == int(x) else f"{x:,.2f}".rstrip("0").rstrip(".")


def pct(x: float) -> str:
    return f"{x:.1%}".replace(".0%", "%")


@dataclass
class Sheet:
    """The working sheet of one estimate: the lines shown and the assumptions they rest on."""

    lang: Lang
    rates: Rates
    currency: str
    lines: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)

    def assume(self, name: str, **values: Any) -> None:
        text = prompts.render(name, self.lang, **values)
        if text not in self.assumptions:
            self.assumptions.append(text)

    def money(self, amount: float) -> str:
        return money(amount, self.currency, self.lang)

    def mid(self, f: Figure, shown: str | None = None) -> float:
        """The middle of a stated range (noted), or the value (a rough one noted)."""
        if f.high is not None and f.high != f.value:
            span = f"{num(f.value)}–{num(f.high)}"
            self.assume("assume_range_mid", quote=f.quote, value=shown or num(f.mid), range=span)
        elif f.approximate:
            self.assume("assume_rough", quote=f.quote, value=shown or num(f.value))
        return f.mid

    def part(self, share: Share) -> tuple[float, list[str]]:
        """A share, times the part of it that counts when one was given ("1.5% × 33%")."""
        value, shown = self.mid(share, pct(share.mid)), [pct(share.mid)]
        if share.within is not None:
            value *= self.mid(share.within, pct(share.within.mid))
            shown.append(pct(share.within.mid))
        return value, shown

    def per_year(self, per: Period, line: CostLine) -> tuple[float, str]:
        """How many `per` in a year, with the factor as shown ("× 52 weeks", "× 240 working days")."""
        n, why = periods(per, self.rates.workdays, line.every_day, line.runs)
        if why == "workdays":
            self.assume("assume_workdays", days=self.rates.workdays)
        if per == "year":
            return 1.0, ""
        unit = "day" if per in ("hour", "shift") else per
        # most of the year is no season: "closed maybe 5 days a year" is 360 days open
        open_days = why == "season" and unit == "day" and n >= YEAR_ROUND_DAYS
        if self.lang == "ja":
            label = {"day": "日", "week": "週", "month": "ヶ月", "quarter": "四半期"}.get(unit, unit)
            tag = "（年間の営業日）" if open_days else "（シーズン）" if why == "season" else ""
            return n, f"{num(n)}{label}{tag}"
        word = "working days" if why == "workdays" and unit == "day" else _PLURAL.get(unit, unit)
        tag = " open a year" if open_days else " in the season" if why == "season" else ""
        return n, f"{num(n)} {word}{tag}"

    def rate(self, line: CostLine) -> tuple[float, str]:
        if line.rate is not None:
            return self.mid(line.rate), self.money(line.rate.mid)
        rate = self.rates.hourly_jpy if self.currency == "JPY" else self.rates.hourly_usd
        self.assume("assume_hourly", rate=self.money(rate))
        return rate, self.money(rate)


def _count(s: Sheet, c: Count) -> str:
    unit = f" {c.unit}" if c.unit else ""
    if c.per is None:
        return f"{num(c.mid)}{unit}"
    word = _PERIOD[s.lang][c.per]
    return f"{num(c.mid)}{unit}/{word}" if s.lang == "ja" else f"{num(c.mid)}{unit} a {word}"


def _factors(s: Sheet, line: CostLine) -> tuple[float, list[str]] | None:
    """The count side of an events or people line: how many times a year, as factors."""
    c = line.count
    factors: list[str] = []
    if c is None:
        return None
    n = s.mid(c)
    share = line.share
    if c.per is not None:
        factors.append(_count(s, c))
        times, shown = s.per_year(c.per, line)
    elif share is not None and share.per is not None:
        factors.append(_count(s, c))  # "15% of 2,000 members leave a year": the standing count, a share a year
        times, shown = s.per_year(share.per, line)
    else:
        return None
    n *= times
    if shown:
        factors.append(shown)
    for extra, label in ((c.within, "each"), (line.sites, "sites"), (line.people, "people")):
        if extra is not None and extra.mid != 1:
            n *= s.mid(extra)
            factors.append(_labelled(s, extra.mid, label))
    if share is not None:
        cut, shown_cut = s.part(share)
        n *= cut
        factors += shown_cut
    return n, factors


def _labelled(s: Sheet, value: float, label: str) -> str:
    if s.lang == "ja":
        return f"{num(value)}" + {"each": "件ずつ", "sites": "拠点", "people": "人", "years": "年"}[label]
    return f"{num(value)} {label}"


def _each(s: Sheet, line: CostLine, unit: str | None) -> tuple[float, str] | None:
    """Money lost each time: money each (its unit converted to the count's), plus staff time x the hourly cost."""
    parts: list[tuple[float, str]] = []
    if line.each is not None:
        m = line.each
        per_count = convert(1.0, unit, m.per_unit)
        if per_count is None:
            return None  # a price per kg of a count of pieces: they do not multiply
        amount = s.mid(m, s.money(m.mid)) * per_count
        shown = s.money(amount)
        if line.lasts is not None and m.per is not None:
            months = days(s.mid(line.lasts), line.lasts.unit) / days(1.0, m.per)
            amount *= months
            shown = (
                f"{shown}/{_PERIOD[s.lang][m.per]} × {num(months)}"
                if s.lang == "ja"
                else (f"{shown} a {_PERIOD['en'][m.per]} × {num(months)}")
            )
        parts.append((amount, shown if s.lang == "ja" else f"{shown} each"))
    if line.time is not None and line.time.per is None:
        h = hours(s.mid(line.time), line.time.unit)
        rate, rate_shown = s.rate(line)
        parts.append((h * rate, f"{num(h)}時間 × {rate_shown}" if s.lang == "ja" else f"{num(h)} h × {rate_shown}"))
    if not parts:
        return None
    return sum(p[0] for p in parts), " + ".join(p[1] for p in parts)


def _events(s: Sheet, line: CostLine) -> tuple[float, str] | None:
    counted = _factors(s, line)
    each = _each(s, line, line.count.unit if line.count else None)
    if counted is None or each is None:
        return None
    n, factors = counted
    shown = each[1] if " + " not in each[1] else f"({each[1]})"
    return n * each[0], " × ".join([*factors, shown])


def _people(s: Sheet, line: CostLine) -> tuple[float, str] | None:
    """people x time each per period x rate ("a dozen of us, 8-hour shifts, two days a week")."""
    t = line.time
    if t is None or (line.people is None and t.per is None):
        return None
    if t.per is not None:  # "two hours a day each": the time carries its own period
        times, when = s.per_year(t.per, line)
        # no headcount with a time per period: the time is the whole team's ("2,600 hours of overtime a year")
        crowd = line.people.mid if line.people is not None else 1.0
        factors = [_labelled(s, crowd, "people")] if crowd != 1 else []
        n = (s.mid(line.people) if line.people is not None else 1.0) * times
        unit_word = _PERIOD[s.lang][t.per]
        h = hours(s.mid(t), t.unit)
        factors.append(f"{num(h)}時間/{unit_word}" if s.lang == "ja" else f"{num(h)} h a {unit_word}")
        factors += [when] if when else []
    else:
        counted = _factors(s, line.model_copy(update={"people": None}))
        if counted is None or line.people is None:
            return None
        n, factors = counted
        n *= s.mid(line.people)
        factors.append(_labelled(s, line.people.mid, "people"))
        h = hours(s.mid(t), t.unit)
        factors.append(f"{num(h)}時間" if s.lang == "ja" else f"{num(h)} h")
    rate, rate_shown = s.rate(line)
    if line.sites is not None and line.sites.mid != 1:
        n *= s.mid(line.sites)
        factors.append(_labelled(s, line.sites.mid, "sites"))
    if line.share is not None and t.per is not None:  # "idle about a tenth of the time": that part is the loss
        cut, shown_cut = s.part(line.share)
        n *= cut
        factors += shown_cut
    return n * h * rate, " × ".join([*factors, rate_shown])


def _amount_per_year(s: Sheet, line: CostLine, amount: Money) -> tuple[float, list[str]] | None:
    if amount.per is None:
        return None
    value = s.mid(amount, s.money(amount.mid))
    word = _PERIOD[s.lang][amount.per]
    factors = [f"{s.money(amount.mid)}/{word}" if s.lang == "ja" else f"{s.money(amount.mid)} a {word}"]
    times, shown = s.per_year(amount.per, line)
    value *= times
    factors += [shown] if shown else []
    for extra, label in ((line.sites, "sites"), (line.people, "people")):
        if extra is not None and extra.mid != 1:
            value *= s.mid(extra)
            factors.append(_labelled(s, extra.mid, label))
    return value, factors


def _stated(s: Sheet, line: CostLine) -> tuple[float, str] | None:
    if line.amount is None:
        return None
    found = _amount_per_year(s, line, line.amount)
    if found is None:
        return None
    value, factors = found
    if len(factors) == 1 and line.amount.per == "year":
        return value, prompts.render("value_stated", s.lang, amount=s.money(value))
    return value, " × ".join(factors)


def _share(s: Sheet, line: CostLine) -> tuple[float, str] | None:
    if line.amount is None or line.share is None:
        return None
    found = _amount_per_year(s, line, line.amount)
    if found is None:
        return None
    value, factors = found
    cut, shown_cut = s.part(line.share)
    return value * cut, " × ".join([*factors, *shown_cut])


def _one_off(s: Sheet, line: CostLine) -> tuple[float, str] | None:
    if line.amount is None or line.every_years is None or line.every_years.mid <= 0:
        return None
    years = s.mid(line.every_years)
    value = s.mid(line.amount, s.money(line.amount.mid))
    shown = f"{s.money(value)} ÷ {num(years)}年" if s.lang == "ja" else f"{s.money(value)} ÷ {num(years)} years"
    return value / years, shown


_FORMS = {"events": _events, "people": _people, "stated": _stated, "share": _share, "one_off": _one_off}


def line_value(s: Sheet, line: CostLine) -> tuple[float, str] | None:
    """The yearly money of one line and its arithmetic (None: a factor is missing)."""
    return _FORMS[line.form](s, line)


def currency_of(lines: list[CostLine], lang: Lang) -> str:
    for line in lines:
        for m in (line.each, line.amount, line.rate):
            if m is not None:
                return m.currency
    return "JPY" if lang == "ja" else "USD"


def events_per_year(lines: list[CostLine], workdays: int = 240) -> tuple[float, str] | None:
    """How many times a year the pain happens (the first counted line), and the words that said how often."""
    for line in lines:
        c = line.count
        if line.form != "events" or c is None or c.per is None:
            continue
        n = c.mid * periods(c.per, workdays, line.every_day, line.runs)[0]
        for extra in (c.within, line.sites, line.share, line.share.within if line.share else None):
            n *= extra.mid if extra is not None else 1.0
        return n, c.quote
    return None
