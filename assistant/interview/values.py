"""How often a pain happens and what it costs, read from an answer into the pain (any backend)."""

from __future__ import annotations

import re

from assistant.quantities import find_frequency, find_hours, find_money, find_people
from assistant.state import Amount, Pain, Quote

# Words that make a number a cost ("takes me three hours", 「3時間かかる」) rather than a duration or a date.
_EFFORT = re.compile(
    r"\b(takes?|took|spend|spent|lose|lost|waste[sd]?|costs?|eats? up|ties? up|tied up)\b|"
    r"(かか|掛か|取られ|費や|使って|かかりきり|潰れ|失って|損)",
    re.IGNORECASE,
)


def absorb_value(pain: Pain, text: str, quote: Quote, overwrite: bool = False, incidental: bool = False) -> None:
    """Frequency and costs from `text`. `incidental`: the text answers another question, so only a
    plainly stated cost counts ("it costs us $5,000", "takes me three hours"), not any number."""
    if incidental and not (find_money(text) or (find_hours(text) and _EFFORT.search(text))):
        return
    freq = find_frequency(text)
    if freq and (overwrite or pain.frequency is None):
        pain.frequency = Amount(
            value=freq.value,
            unit="count",
            per=freq.per if freq.per != "quarter" else "month",
            quote=Quote(text=freq.text, turn=quote.turn),
            approximate=freq.assumed,
        )
        if freq.per == "quarter":
            pain.frequency.value = freq.value / 3
    costs: list[Amount] = []
    people = find_people(text)
    for q in find_money(text):
        costs.append(
            Amount(
                value=q.value,
                unit=q.unit,
                per=q.per if q.per != "quarter" else "month",
                quote=Quote(text=q.text, turn=quote.turn),
                approximate=q.assumed,
            )
        )
    for q in find_hours(text):
        hours = q.value * (people.value if people else 1)
        shown = q.text + (f" × {people.text}" if people else "")
        costs.append(
            Amount(
                value=hours,
                unit="hours",
                per=q.per if q.per != "quarter" else "month",
                quote=Quote(text=shown, turn=quote.turn),
                approximate=q.assumed or bool(people and people.assumed),
            )
        )
    if costs and (overwrite or not pain.costs):
        pain.costs = costs
