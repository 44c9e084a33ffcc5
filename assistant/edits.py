"""Corrections made outside the chat (the UI's edit box): written back into the interview state."""

from __future__ import annotations

import re
from typing import Literal, get_args

from assistant.state import DataFacts, Fact, InterviewState, Measure, Pain, Quote
from assistant.understanding.quantities import read_quantities
from assistant.understanding.records import read_data
from assistant.vocabulary import Topic

_HOW_OFTEN = ("events", "base", "share", "days")
_WHAT_IT_COSTS = ("cost_each", "time_each", "money_total", "time_total", "rate", "people", "sites")

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
        read = read_data(value, state.lang, pain.target.value if pain.target else "")
        pain.data = DataFacts(
            exists=read.recorded if read else True,
            labels=read.outcomes_recorded if read else None,
            amount=read.amount if read else None,
            where=read.where if read else None,
            quote=quote,
        )
    elif field in ("frequency", "cost"):
        _edit_value(state, pain, field, value)
    topics: tuple[Topic, ...] = ("judgment", "inputs", "data", "value")
    for topic in topics:
        if topic in pain.skipped and pain.has(topic):
            pain.skipped.remove(topic)
    return pain


def _edit_value(state: InterviewState, pain: Pain, field: str, value: str) -> None:
    """Numbers typed in the edit box become measures of the value model, later than anything said in the chat,
    so they correct it (the latest figure of a kind wins)."""
    currency = next((m.quantity.currency for m in pain.measures if m.quantity.currency), None)
    kinds = _HOW_OFTEN if field == "frequency" else _WHAT_IT_COSTS
    found = [q for q in read_quantities(value, state.lang, currency) if q.kind in kinds]
    if field == "frequency" and not any(q.per for q in found):
        raise EditError("no frequency found; write it like '3 times a year', 'every day' or '月に2回'")
    if not found:
        raise EditError("no amount found; write it like '$40,000 each', '1回500万円' or '3 hours a day'")
    # after every chat turn and every earlier edit: the edit is the latest word on this kind of figure
    turn = max([len(state.transcript), *(m.turn + 1 for m in pain.measures if m.turn is not None)])
    pain.measures += [Measure(quantity=q, turn=turn) for q in found]
