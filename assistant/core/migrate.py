"""Sessions saved before cost lines: the round-1 frequency and costs of a pain become one cost line, once, on load."""

from __future__ import annotations

from typing import Any

_CURRENCIES = ("JPY", "USD", "EUR", "GBP")
_PERIODS = ("day", "week", "month", "year")


def _quote(amount: dict[str, Any]) -> str:
    quote = amount.get("quote") or {}
    text = quote.get("text") if isinstance(quote, dict) else str(quote)
    return (text or "(earlier answer)")[:200]


def _figure(amount: dict[str, Any]) -> dict[str, Any]:
    return {"value": float(amount["value"]), "quote": _quote(amount), "approximate": bool(amount.get("approximate"))}


def round_one_line(frequency: Any, costs: list[Any], what: str) -> dict[str, Any] | None:
    """The line the round-1 numbers meant: how often x what each costs, or a stated amount per period (as a dict,
    validated with the pain). None when they held no money or time."""
    money = [c for c in costs if isinstance(c, dict) and c.get("unit") in _CURRENCIES]
    hours = [c for c in costs if isinstance(c, dict) and c.get("unit") == "hours"]
    line: dict[str, Any] = {"what": (what or "cost")[:80], "form": "events"}
    rate = next((c for c in money if c.get("per") == "hour"), None)
    if rate is not None:
        line["rate"] = {**_figure(rate), "currency": rate["unit"], "per_unit": "h"}
    periodic = next((c for c in money if c.get("per") in _PERIODS), None)
    if periodic is not None:
        amount = {**_figure(periodic), "currency": periodic["unit"], "per": periodic["per"]}
        return {**line, "form": "stated", "amount": amount}
    each = next((c for c in money if c.get("per") == "occurrence"), None)
    if each is not None:
        line["each"] = {**_figure(each), "currency": each["unit"]}
    if hours:
        spent = hours[0]
        per = spent.get("per")
        line["time"] = {**_figure(spent), "unit": "h", "per": per if per in _PERIODS else None}
        if per in _PERIODS:
            return {**line, "form": "people", "people": {"value": 1.0, "quote": _quote(spent)}}
    if isinstance(frequency, dict) and frequency.get("per") in _PERIODS:
        line["count"] = {**_figure(frequency), "per": frequency["per"]}
    return line if ("each" in line or "time" in line or "count" in line) else None
