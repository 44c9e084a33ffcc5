"""Measured amounts in one unit per family (energy in kWh, mass in kg), so that "40 GWh" and "€55 per MWh" multiply."""

from __future__ import annotations

import re

from assistant.core.units import STUFF
from assistant.numbers import NUM, fmt

#: unit spelling -> (canonical unit, factor to it): the core's table, the one place units are defined.
_UNITS = STUFF
_UNIT = r"(?P<unit>[kMGT]?Wh|kg|g|t|tonnes?|tons?|トン|キロ)(?![A-Za-z])"
_AMOUNT = re.compile(rf"(?P<n>{NUM})(?:(?P<to>\s*(?:-|–|to|〜|~)\s*)(?P<hi>{NUM}))?\s*{_UNIT}")
_CURRENCY_WORDS = r"(?:\s*(?:euros?|dollars?|pounds?|bucks|yen|円|ドル|ユーロ))?"
#: "€55 per MWh", "18 euros a tonne", "$40/t": money per unit, scaled to the canonical unit
_PRICE_EN = re.compile(rf"(?P<n>{NUM}){_CURRENCY_WORDS}\s*(?:per|/|an?|each)\s*(?:1\s*)?{_UNIT}")
#: 「1MWhあたり2,000円」「トン当たり3万円」
_PRICE_JA = re.compile(rf"(?:(?P<q>{NUM})\s*)?{_UNIT}\s*(?:あたり|当たり|につき)\s*(?P<n>{NUM})")


def text_of(m: re.Match[str], start: int, end: int) -> str:
    return m.string[start:end]


def canonical_units(text: str) -> str:
    """Rewrite prices per unit first (they carry the unit after the money), then amounts, into kWh and kg. The
    word "ton" inside other words, and "g"/"t" after a letter, are left alone by the boundaries."""

    def price(m: re.Match[str]) -> str:
        unit, factor = _UNITS[m.group("unit")]
        per = float(m.group("q") or 1) * factor if "q" in m.groupdict() else factor
        scaled = fmt(float(m.group("n")) / per)
        if m.start("unit") > m.start("n"):  # "18 euros per MWh"
            return scaled + text_of(m, m.end("n"), m.start("unit")) + unit
        return f"1{unit}" + text_of(m, m.end("unit"), m.start("n")) + scaled  # 「1MWhあたり2000円」

    text = _PRICE_EN.sub(price, text)
    text = _PRICE_JA.sub(price, text)

    def amount(m: re.Match[str]) -> str:
        unit, factor = _UNITS[m.group("unit")]
        low = fmt(float(m.group("n")) * factor)
        if m.group("hi"):
            return f"{low}{m.group('to')}{fmt(float(m.group('hi')) * factor)} {unit}"
        return f"{low} {unit}"

    return _AMOUNT.sub(amount, text)
