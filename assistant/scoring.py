"""Value (money per year, arithmetic shown) and feasibility (with reasons) of a theme."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant import prompts
from assistant.knowledge import Pattern
from assistant.quantities import Quantity, per_year
from assistant.state import Amount, Feasibility, Pain, Quote, Reason, Theme, ValueEstimate
from assistant.vocabulary import Lang

_SYMBOL = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_PERIOD_WORD = {
    "en": {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"},
    "ja": {"day": "日", "week": "週", "month": "月", "quarter": "四半期", "year": "年"},
}
_PERIODS_PER_YEAR = {"week": 52, "month": 12, "quarter": 4, "year": 1}


@dataclass(frozen=True)
class Rates:
    """Assumptions used when the employee gives time instead of money."""

    hourly_jpy: float = 5000.0
    hourly_usd: float = 50.0
    workdays: int = 240


def money(amount: float, currency: str, lang: Lang) -> str:
    """¥15,000,000 / 1,500万円 / $1,200,000."""
    if currency == "JPY" and lang == "ja":
        if amount >= 1e8:
            return f"{amount / 1e8:,.1f}億円".replace(".0億", "億")
        if amount >= 1e5:
            return f"{amount / 1e4:,.0f}万円"
        if amount >= 1e4:
            return f"{amount / 1e4:,.1f}万円".replace(".0万", "万")
        return f"{amount:,.0f}円" if amount >= 10 or amount == 0 else f"{amount:.3g}円"
    digits = f"{amount:,.0f}" if amount >= 10 or amount == 0 else f"{amount:.3g}"  # €0.018 per kWh is not €0
    return f"{_SYMBOL.get(currency, currency + ' ')}{digits}"


def _per(n: float, period: str, lang: Lang) -> str:
    word = _PERIOD_WORD[lang].get(period, period)
    return f"{word}{n:g}回" if lang == "ja" else f"{n:g} per {word}"


def _year(lang: Lang) -> str:
    return "/年" if lang == "ja" else " per year"


class _Value:
    """Accumulates the arithmetic and the assumptions of one estimate."""

    def __init__(self, lang: Lang, rates: Rates, currency: str) -> None:
        self.lang, self.rates, self.currency = lang, rates, currency
        self.arithmetic: list[str] = []
        self.assumptions: list[str] = []
        self.total = 0.0
        self.known = False

    def assume(self, name: str, **values: Any) -> None:
        text = prompts.render(name, self.lang, **values)
        if text not in self.assumptions:
            self.assumptions.append(text)

    def days_per_year(self) -> int:
        self.assume("assume_workdays", days=self.rates.workdays)
        return self.rates.workdays

    def add(self, line: str, value: float) -> None:
        self.arithmetic.append(line)
        self.total += value
        self.known = True

    def annualize(
        self, amount: Amount, unit_value: float, freq_year: float | None, freq: Amount | None, shown: str | None = None
    ) -> None:
        """One cost (already in money) per year: stated yearly, per period, or per occurrence x frequency."""
        lang = self.lang
        unit_money = shown or money(unit_value, self.currency, lang)
        if amount.per == "year":
            self.add(prompts.render("value_stated", lang, amount=unit_money), unit_value)
            return
        if amount.per in ("day", "week", "month", "quarter"):
            n = self.days_per_year() if amount.per == "day" else _PERIODS_PER_YEAR[amount.per]
            label = _PERIOD_WORD[lang][amount.per]
            total = money(unit_value * n, self.currency, lang)
            each = unit_money if shown else (f"{unit_money}/{label}" if lang == "ja" else f"{unit_money} per {label}")
            line = (
                f"{each} × {n}{label}/年 = {total}/年" if lang == "ja" else f"{each} × {n} {label}s = {total} per year"
            )
            self.add(line, unit_value * n)
            return
        if freq_year is None or freq is None:
            return
        times = ""
        if freq.per != "year":
            times = f" ({freq_year:g}回/年)" if lang == "ja" else f" ({freq_year:g} a year)"
        total = money(unit_value * freq_year, self.currency, lang)
        self.add(
            f"{unit_money} × {_per(freq.value, freq.per, lang)}{times} = {total}{_year(lang)}", unit_value * freq_year
        )


def estimate_value(pain: Pain, lang: Lang, rates: Rates) -> ValueEstimate:
    """Money per year = frequency x cost (money and staff time), each step written out."""
    moneys = [c for c in pain.costs if c.unit != "hours" and c.per != "hour"]
    stated_rate = next((c for c in pain.costs if c.unit != "hours" and c.per == "hour"), None)
    hours = [c for c in pain.costs if c.unit == "hours"]
    currency = moneys[0].unit if moneys else stated_rate.unit if stated_rate else ("JPY" if lang == "ja" else "USD")
    v = _Value(lang, rates, currency)
    if hours and any(c.per == "year" for c in moneys):
        # "20 analysts, around £1.2 million a year": the yearly money figure already counts the staff time
        v.assume("assume_yearly_includes_time")
        hours = []
    if any(h.per != "occurrence" for h in hours):
        # "10 minutes each, a day and a half a week": the periodic total already counts the pieces
        hours = [h for h in hours if h.per != "occurrence"]
    freq = pain.frequency
    freq_year: float | None = None
    if freq is not None and freq.per != "occurrence":
        freq_year = freq.value * v.days_per_year() if freq.per == "day" else per_year(_q(freq), rates.workdays)
    for a in [*pain.costs, *([freq] if freq else [])]:
        if a.approximate:
            shown = money(a.value, a.unit, lang) if a.unit not in ("hours", "count") else f"{a.value:g}"
            v.assume("assume_rough", quote=a.quote.text, value=shown)
    if any(c.per == "year" for c in moneys if c.unit == currency):
        # The employee's own yearly figure wins; a per-day or per-case figure next to it is usually the same
        # cost in other units, and adding both would count it twice.
        moneys = [c for c in moneys if c.per == "year"]
    for c in moneys:
        if c.unit == currency:
            v.annualize(c, c.value, freq_year, freq)
    if hours:
        rate = stated_rate.value if stated_rate else (rates.hourly_jpy if currency == "JPY" else rates.hourly_usd)
        per_hour = money(rate, currency, lang) + ("/時間" if lang == "ja" else "/h")
        for c in hours:
            hours_text = f"{c.value:g}時間" if lang == "ja" else f"{c.value:g} h"
            if c.per in _PERIOD_WORD[lang]:
                label = _PERIOD_WORD[lang][c.per]
                hours_text += f"/{label}" if lang == "ja" else f" per {label}"
            v.annualize(c, c.value * rate, freq_year, freq, shown=f"{hours_text} × {per_hour}")
        if stated_rate is None:
            v.assume("assume_hourly", rate=money(rate, currency, lang))
    if not v.known:
        missing = "value_missing_freq" if freq_year is None and (moneys or hours) else "value_missing_cost"
        line = prompts.render("value_missing", lang, missing=prompts.render(missing, lang))
        return ValueEstimate(per_year=None, currency=currency, arithmetic=[line], assumptions=v.assumptions)
    if len(v.arithmetic) > 1:
        v.arithmetic.append(prompts.render("value_total", lang, amount=money(v.total, currency, lang)))
    return ValueEstimate(
        per_year=round(v.total, 2), currency=currency, arithmetic=v.arithmetic, assumptions=v.assumptions
    )


def _q(a: Amount) -> Quantity:
    return Quantity(a.value, a.unit, a.per, a.quote.text)


_NUMBER = re.compile(r"(\d[\d,.]*)")


def _amount_number(text: str | None) -> float | None:
    if not text:
        return None
    m = _NUMBER.search(text.replace(",", ""))
    if not m:
        return None
    n = float(m.group(1))
    if re.search(r"years?|年", text) and not re.search(r"件|rows|records|entries|cases|枚|photos|images", text):
        n *= 250  # years of daily records, roughly
    if "万" in text:
        n *= 1e4
    return n


def outcomes_recorded(pain: Pain, pattern: Pattern | None) -> bool | None:
    """Are past outcomes (labels) recorded? For a forecast, the recorded history of the quantity itself is."""
    data = pain.data
    if data and data.exists and pattern is not None and pattern.task_kind == "forecasting" and not data.labels:
        return True
    return data.labels if data else None


def assess_feasibility(pain: Pain, pattern: Pattern | None, lang: Lang) -> Feasibility:
    """Data exists, outcomes are recorded, the judgment repeats, the truth comes soon, enough examples."""
    reasons: list[Reason] = []
    score = 0.0

    def reason(points: float, name: str, positive: bool, quote: Quote | None = None, **values: Any) -> None:
        nonlocal score
        score += points
        reasons.append(Reason(text=prompts.render(name, lang, **values), positive=positive, quote=quote))

    data = pain.data
    quote = data.quote if data else None
    if data and data.exists:
        reason(0.3, "feas_data_yes", True, quote)
    elif data and data.exists is False:
        reason(0.0, "feas_data_no", False, quote)
    else:
        reason(0.1, "feas_data_unknown", False)
    labels = outcomes_recorded(pain, pattern)
    if labels:
        reason(0.25, "feas_labels_yes", True, quote)
    elif pattern is not None and not pattern.data_needs.labels_required:
        reason(
            0.2,
            "feas_labels_not_needed",
            True,
            Quote(text=pattern.id, source="pattern", pattern_id=pattern.id),
            pattern=pattern.id,
        )
    elif labels is False:
        reason(0.0, "feas_labels_no", False, quote)
    else:
        reason(0.1, "feas_labels_unknown", False)
    freq = pain.frequency
    if freq is not None:
        yearly = freq.value * {"day": 240, **_PERIODS_PER_YEAR}.get(freq.per, 1)
        if yearly >= 12:
            reason(0.15, "feas_repeats", True, freq.quote)
        else:
            reason(0.07, "feas_rare", False, freq.quote)
    else:
        score += 0.05
    if pattern is not None:
        wait = pattern.truth_wait.get(lang)
        pq = Quote(text=wait, source="pattern", pattern_id=pattern.id)
        if pattern.truth_wait_days <= 30:
            reason(0.15, "feas_truth_soon", True, pq, wait=wait)
        elif pattern.truth_wait_days <= 365:
            reason(0.08, "feas_truth_slow", False, pq, wait=wait)
        else:
            reason(0.02, "feas_truth_very_slow", False, pq, wait=wait)
        amount = data.amount if data else None
        n = _amount_number(amount)
        needed = f"{pattern.data_needs.min_examples:,}"
        counted = amount is not None and not re.search(r"years?|年", amount)
        if n is not None and n >= pattern.data_needs.min_examples:
            reason(0.15, "feas_enough", True, quote, n=needed)
        elif n is not None and counted:  # "10 years" says little about how many cases; only a count can be too few
            reason(0.05, "feas_few", False, quote, n=needed)
    if pain.difficulty == "hard":
        reason(0.0, "feas_hard", True, pain.judge.quote if pain.judge else None)
    return Feasibility(score=round(min(score, 1.0), 3), reasons=reasons)


def rank_themes(themes: list[Theme]) -> list[Theme]:
    """Best first: complete themes, then expected value (value x feasibility), then feasibility."""

    def key(t: Theme) -> tuple[int, float, float]:
        v = t.value.per_year or 0.0
        return (int(t.complete), v * max(t.feasibility.score, 0.05), t.feasibility.score)

    ranked = sorted(themes, key=key, reverse=True)
    for i, t in enumerate(ranked, start=1):
        t.rank = i
    return ranked
