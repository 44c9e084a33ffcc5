"""Corrections made outside the chat (the UI's edit box): written back into the interview state.

Typed text is read by the readers the caller passes (the offline parser's, `understanding.edit_readers`): the
core does not import a parser. An edited number replaces the factor it names, whichever backend built the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, get_args

from assistant.core.lines import CostLine, CostLineUpdate, Figure, said_numbers
from assistant.core.merge import merge_lines
from assistant.core.update import DataUpdate, Quantity
from assistant.state import DataFacts, Fact, InterviewState, Measure, Pain, Quote
from assistant.vocabulary import Lang, Topic

_HOW_OFTEN = ("events", "base", "share", "days")
_WHAT_IT_COSTS = ("cost_each", "time_each", "money_total", "time_total", "rate", "people", "sites")
#: An edit is a correction, not a document: the chat's messages are capped, and so is this box.
MAX_EDIT_CHARS = 1000
MAX_INPUT_ITEMS = 12

EditField = Literal["target", "inputs", "work", "pain", "data", "frequency", "cost", "judge"]
EDIT_FIELDS: tuple[EditField, ...] = get_args(EditField)


class EditError(ValueError):
    """The edit cannot be applied; the message says how to fix it."""


@dataclass(frozen=True)
class Readers:
    """How typed text is read: numbers, what is recorded, and the cost lines the numbers make."""

    numbers: Callable[[str, Lang, str | None], list[Quantity]]
    data: Callable[[str, Lang, str], DataUpdate | None]
    lines: Callable[[list[Measure], Lang, str], list[CostLine]]


def apply_edit(
    state: InterviewState, field: str, value: str, readers: Readers, pain_id: str | None = None
) -> Pain | None:
    """Set `field` of the theme's pain (default: the top theme's) to `value`, marked as edited by the employee."""
    value = value.strip()
    if field not in EDIT_FIELDS:
        raise EditError(f"unknown field {field!r}; choose one of {', '.join(EDIT_FIELDS)}")
    if not value:
        raise EditError("the new value is empty; type the corrected text")
    if len(value) > MAX_EDIT_CHARS:
        raise EditError(f"the new value is {len(value):,} characters; shorten it to {MAX_EDIT_CHARS:,} or fewer")
    quote = Quote(text=value, source="edit")
    if field == "work":
        state.work = Fact(value=value, quote=quote)
        return None
    pain = _pain(state, pain_id)
    if field == "target":
        pain.target = Fact(value=value, quote=quote)
    elif field == "pain":
        pain.text, pain.quote = value, quote
    elif field == "judge":
        pain.judge = Fact(value=value, quote=quote)
    elif field == "inputs":
        items = [i.strip() for i in re.split(r"[,、;；\n]", value) if i.strip()]
        if len(items) > MAX_INPUT_ITEMS:
            raise EditError(f"{len(items)} inputs; keep the {MAX_INPUT_ITEMS} that matter most")
        pain.inputs = [Fact(value=i, quote=Quote(text=i, source="edit")) for i in items]
    elif field == "data":
        read = readers.data(value, state.lang, pain.target.value if pain.target else "")
        pain.data = DataFacts(
            exists=read.recorded != "no" if read and read.recorded else True,
            labels=read.outcomes_recorded != "no" if read and read.outcomes_recorded else None,
            amount=read.amount if read else None,
            where=read.where if read else None,
            quote=quote,
        )
    elif field in ("frequency", "cost"):
        _edit_value(state, pain, field, value, readers)
    topics: tuple[Topic, ...] = ("judgment", "inputs", "data", "value")
    for topic in topics:
        if topic in pain.skipped and pain.has(topic):
            pain.skipped.remove(topic)
    return pain


def _pain(state: InterviewState, pain_id: str | None) -> Pain:
    pain = state.pain(pain_id) if pain_id else (state.pain(state.top_theme.pain_id) if state.top_theme else None)
    pain = pain or state.focus_pain()
    if pain is None:
        raise EditError("there is no pain to correct yet; describe one in the chat first")
    return pain


def _edit_value(state: InterviewState, pain: Pain, field: str, value: str, readers: Readers) -> None:
    """Numbers typed in the edit box correct the factor they name: later than anything said in the chat (the
    offline reading's latest figure of a kind wins), or merged into the first line a model built."""
    currency = next((m.currency for line in pain.cost for m in (line.each, line.amount, line.rate) if m), None)
    kinds = _HOW_OFTEN if field == "frequency" else _WHAT_IT_COSTS
    found = [q for q in readers.numbers(value, state.lang, currency) if q.kind in kinds]
    if field == "frequency" and not any(q.per for q in found):
        raise EditError("no frequency found; write it like '3 times a year', 'every day' or '月に2回'")
    if not found:
        raise EditError("no amount found; write it like '$40,000 each', '1回500万円' or '3 hours a day'")
    turn = max([len(state.transcript), *(m.turn + 1 for m in pain.measures if m.turn is not None)])
    edited = [Measure(quantity=q, turn=turn) for q in found]
    if pain.measures or not pain.cost:
        pain.measures += edited
        pain.cost = readers.lines(pain.measures, state.lang, pain.text)
        return
    # lines a model built: the edit's figures replace the same factors of the first line
    for line in readers.lines(edited, state.lang, pain.text):
        said = {k: v for k, v in line.model_dump(exclude={"what", "form", "notes"}).items() if v is not None}
        form = pain.cost[0].form if line.form == "events" else line.form
        update = CostLineUpdate.model_validate({"what": pain.cost[0].what, "form": form, "line": 1, **said})
        pain.cost = merge_lines(pain.cost, [update])


def current(state: InterviewState, field: str) -> str:
    """What the field holds now (the Edit tab shows it before it is changed)."""
    if field == "work":
        return state.work.value if state.work else ""
    try:
        pain = _pain(state, None)  # the pain an edit would change
    except EditError:
        return ""
    sep = "、" if state.lang == "ja" else ", "
    if field == "pain":
        return pain.text
    if field == "target":
        return pain.target.value if pain.target else ""
    if field == "judge":
        return pain.judge.value if pain.judge else ""
    if field == "inputs":
        return sep.join(i.value for i in pain.inputs)
    if field == "data":
        return pain.data.quote.text if pain.data and pain.data.quote else ""
    counts = [line.count for line in pain.cost if isinstance(line.count, Figure)]
    if field == "frequency":
        return sep.join(c.quote for c in counts)
    return sep.join(q for q in said_numbers(pain.cost) if q not in {c.quote for c in counts})
