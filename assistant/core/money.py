"""Money as the employee reads it (¥15,000,000 / 1,500万円 / $1,200,000) and the rates assumed when they give time."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.vocabulary import Lang

_SYMBOL = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


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
