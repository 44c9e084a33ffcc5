"""The value model's working sheet: the arithmetic lines, assumptions, and per-year conversions of one estimate."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant import prompts
from assistant.scoring import Rates, money
from assistant.understanding.update import Quantity
from assistant.vocabulary import Lang

PER_YEAR = {"week": 52, "month": 12, "quarter": 4, "year": 1}


UNIT = {
    "en": {"day": "day", "shift": "shift", "week": "week", "month": "month", "quarter": "quarter", "year": "year"},
    "ja": {"day": "日", "shift": "シフト", "week": "週", "month": "月", "quarter": "四半期", "year": "年"},
}


def num(x: float) -> str:
    return f"{x:,.0f}" if x >= 100 or x == int(x) else f"{x:,.2f}".rstrip("0").rstrip(".")


@dataclass
class Work:
    """The figures of one estimate and the lines that show how they were reached."""

    lang: Lang
    rates: Rates
    currency: str
    lines: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    days: float | None = None
    """Days a year the work runs, when the employee said so ("the season is 120 days")."""

    def assume(self, name: str, **values: Any) -> None:
        text = prompts.render(name, self.lang, **values)
        if text not in self.assumptions:
            self.assumptions.append(text)

    def share_cut(self, shares: list[Quantity]) -> float:
        """The part of a stated total that is the pain (shares chain), noted as an assumption."""
        cut = 1.0
        for x in shares:
            cut *= self.mid(x)
        self.assume("assume_share_of_total", share=f"{cut:.1%}".replace(".0%", "%"))
        return cut

    def money(self, amount: float) -> str:
        return money(amount, self.currency, self.lang)

    def mid(self, q: Quantity) -> float:
        """The middle of a stated range (marked), or the value."""
        if q.high is not None and q.high != q.value:
            shown = f"{num(q.value)}–{num(q.high)}"
            self.assume("assume_range_mid", quote=q.quote, value=num((q.value + q.high) / 2), range=shown)
            return (q.value + q.high) / 2
        if q.approximate:
            self.assume("assume_rough", quote=q.quote, value=num(q.value))
        return q.value

    def per_year(self, q: Quantity) -> float | None:
        """How many of `q.per` there are in a year (None for "each" or no period)."""
        if q.per in ("day", "shift") and self.days:
            return self.days
        if q.per in ("day", "shift"):
            if q.every_day:
                return 365.0
            self.assume("assume_workdays", days=self.rates.workdays)
            return float(self.rates.workdays)
        if q.per == "hour":
            self.assume("assume_workdays", days=self.rates.workdays)
            return 8.0 * self.rates.workdays
        return float(PER_YEAR[q.per]) if q.per in PER_YEAR else None

    def period(self, q: Quantity) -> str:
        unit = UNIT[self.lang].get(q.per or "", q.per or "")
        return f"/{unit}" if self.lang == "ja" else f" per {unit}"


def same_noun(a: str, b: str) -> bool:
    """ "the rooms" and "210 room hotel": the same noun, singular or plural."""
    a, b = a.lower().rstrip("s"), b.lower().rstrip("s")
    return a == b or a.startswith(b) or b.startswith(a)
