"""Corrections made outside the chat (the UI's edit box): written back into the interview state."""

from __future__ import annotations

import re
from typing import Literal, get_args

from assistant.language import normalize
from assistant.quantities import find_frequency, find_hours, find_money
from assistant.state import Amount, DataFacts, Fact, InterviewState, Pain, Quote
from assistant.vocabulary import Topic

EditField = Literal["target", "inputs", "work", "pain", "data", "frequency", "cost", "judge"]
EDIT_FIELDS: tuple[EditField, ...] = get_args(EditField)


class EditError(ValueError):
    """The edit cannot be applied; the message says how to fix it."""


def apply_edit(state: InterviewState, field: str, value: str, pain_id: str | None = None) -> Pain | None:
    """Set `field` of the theme's pain (default: the top theme's) to `value`, marked as edited by the employee."""
    value = value.strip()
    if field not in EDIT_FIELDS:
        raise EditError(f"unknown field {field!r}; choose one of {', '.join(EDIT_FIELDS)}")
    if not value:
        raise EditError("the new value is empty; type the corrected text")
    quote = Quote(text=value, source="edit")
    if field == "work":
        state.work = Fact(value=value, quote=quote)
        return None
    pain = state.pain(pain_id) if pain_id else (state.pain(state.top_theme.pain_id) if state.top_theme else None)
    pain = pain or state.focus_pain()
    if pain is None:
        raise EditError("there is no pain to correct yet; describe one in the chat first")
    if field == "target":
        pain.target = Fact(value=value, quote=quote)
    elif field == "pain":
        pain.text, pain.quote = value, quote
    elif field == "judge":
        pain.judge = Fact(value=value, quote=quote)
    elif field == "inputs":
        items = [i.strip() for i in re.split(r"[,、;；\n]", value) if i.strip()]
        pain.inputs = [Fact(value=i, quote=quote) for i in items]
    elif field == "data":
        labels = not re.search(r"\b(no|not|never)\b|ない|ません|なし", normalize(value))
        pain.data = DataFacts(exists=True, amount=None, labels=labels, quote=quote)
    elif field == "frequency":
        freq = find_frequency(value)
        if freq is None or freq.per == "occurrence":
            raise EditError("no frequency found; write it like '3 times a year', 'every day' or '月に2回'")
        pain.frequency = Amount(
            value=freq.value, unit="count", per=freq.per if freq.per != "quarter" else "month", quote=quote
        )
        if freq.per == "quarter":
            pain.frequency.value = freq.value / 3
    elif field == "cost":
        costs = [
            Amount(value=q.value, unit=q.unit, per=q.per if q.per != "quarter" else "month", quote=quote)
            for q in [*find_money(value), *find_hours(value)]
        ]
        if not costs:
            raise EditError("no amount found; write it like '$40,000 each', '1回500万円' or '3 hours a day'")
        pain.costs = costs
    topics: tuple[Topic, ...] = ("judgment", "inputs", "data", "value")
    for topic in topics:
        if topic in pain.skipped and pain.has(topic):
            pain.skipped.remove(topic)
    return pain
