"""Units as people say them, converted by code: amounts of stuff (g, kg, t; Wh, kWh, MWh; L, m3), staff time
(s, min, h, day) and periods (how many days, weeks or months in a year)."""

from __future__ import annotations

from assistant.core.lines import Period, Season, TimeUnit

#: unit spelling -> (family's base unit, factor to it). Case matters for SI prefixes (MWh is not mWh).
STUFF: dict[str, tuple[str, float]] = {
    "g": ("kg", 1e-3),
    "kg": ("kg", 1.0),
    "kilo": ("kg", 1.0),
    "kilos": ("kg", 1.0),
    "キロ": ("kg", 1.0),
    "t": ("kg", 1e3),
    "ton": ("kg", 1e3),
    "tons": ("kg", 1e3),
    "tonne": ("kg", 1e3),
    "tonnes": ("kg", 1e3),
    "トン": ("kg", 1e3),
    "lb": ("kg", 0.45359237),
    "lbs": ("kg", 0.45359237),
    "Wh": ("kWh", 1e-3),
    "kWh": ("kWh", 1.0),
    "MWh": ("kWh", 1e3),
    "GWh": ("kWh", 1e6),
    "TWh": ("kWh", 1e9),
    "l": ("L", 1.0),
    "L": ("L", 1.0),
    "litre": ("L", 1.0),
    "liter": ("L", 1.0),
    "litres": ("L", 1.0),
    "liters": ("L", 1.0),
    "m3": ("L", 1e3),
    "m³": ("L", 1e3),
}


def _stuff(unit: str) -> tuple[str, float] | None:
    return STUFF.get(unit) or STUFF.get(unit.strip().lower()) or STUFF.get(unit.strip())


def convert(value: float, unit: str | None, to: str | None) -> float | None:
    """`value` in `unit` expressed in `to` (None when the two are not of one family: then they do not multiply).
    A price with no unit is per counted thing, whatever the count is in; a count of pieces has no price per kg."""
    if to is None or unit == to:
        return value
    if unit is None:
        return None
    a, b = _stuff(unit), _stuff(to)
    if a is None or b is None or a[0] != b[0]:
        return None
    return value * a[1] / b[1]


#: Staff time in hours: a day of work is 8 hours, a week 40, a month 160.
_HOURS: dict[str, float] = {"s": 1 / 3600, "min": 1 / 60, "h": 1.0, "day": 8.0, "week": 40.0, "month": 160.0}
#: Calendar length in days (how long a loss lasts, a season).
_DAYS: dict[str, float] = {
    "s": 1 / 86400,
    "min": 1 / 1440,
    "h": 1 / 24,
    "day": 1.0,
    "shift": 1.0,
    "week": 7.0,
    "month": 30.4,
    "quarter": 91.25,
    "year": 365.0,
}


def hours(value: float, unit: TimeUnit) -> float:
    """Staff time in working hours ("half a day" is 4 hours)."""
    return value * _HOURS.get(unit, 1.0) if unit != "year" else value * 1920.0


def days(value: float, unit: str) -> float:
    return value * _DAYS.get(unit, 1.0)


WEEKS_PER_MONTH = 52 / 12


def periods(per: Period, workdays: float, every_day: bool, season: Season | None) -> tuple[float, str]:
    """How many `per` there are in a year, and why: working days, every day, a season, or the calendar."""
    if season is not None and per in ("day", "shift", "week", "month"):
        n, unit = season.mid, season.unit
        as_days = days(n, unit)
        if per in ("day", "shift"):
            return (n if unit == "day" else round(as_days * (1 if every_day else 5 / 7))), "season"
        return as_days / (7.0 if per == "week" else 30.4), "season"
    if per in ("day", "shift"):
        return (365.0, "every_day") if every_day else (float(workdays), "workdays")
    if per == "hour":
        return 8.0 * workdays, "workdays"
    return float({"week": 52, "month": 12, "quarter": 4, "year": 1}[per]), "calendar"
