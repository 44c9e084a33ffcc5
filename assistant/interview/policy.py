"""The policy under the decide step, the same for every backend: apply a `TurnUpdate`, choose the next topic.

Nothing here calls a model: the understanding step (offline parser or LLM) has already turned the message
into a typed update, and this module owns what the update changes. A correction edits only the slot it
names; a switch refocuses the interview on another pain; cost lines complete or correct the pain's lines.
The offline parser's numbers are kept as its readings and turned into the pain's lines by its `Coster`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from assistant.core.lines import CostLine
from assistant.core.merge import merge_lines
from assistant.core.update import PainUpdate, Quantity, TurnUpdate
from assistant.language import most_shared, normalize, tokens
from assistant.state import DataFacts, Fact, InterviewState, Measure, Pain, Quote
from assistant.vocabulary import Lang, Topic


class SameMeaning(Protocol):
    """Whether two pain phrases say the same thing (the pattern index's embedding; see retrieval.index)."""

    def __call__(self, a: str, b: str) -> bool: ...


class Coster(Protocol):
    """The offline parser's cost lines of a pain from every number it read for it (see understanding.costing)."""

    def __call__(self, measures: list[Measure], lang: Lang, pain: str = "") -> list[CostLine]: ...


PAIN_TOPICS: tuple[Topic, ...] = ("judgment", "inputs", "data", "value")
#: A topic is asked at most this often per pain: the question, then one follow-up for a concrete example.
MAX_ASKS = 2
#: At most this many inputs are kept for one pain: everything the employee named (the proposal lists them, the
#: model is told them), bounded only against a runaway list; the detection question names fewer (grounding).
MAX_KEPT_INPUTS = 16


def _quote(text: str, turn: int) -> Quote:
    return Quote(text=text, turn=turn)


def _fact(text: str, quote: str, turn: int) -> Fact:
    return Fact(value=text.strip(), quote=_quote(quote, turn))


def _same(a: str, b: str) -> bool:
    na, nb = normalize(a), normalize(b)
    return na == nb or (len(na) > 8 and (na in nb or nb in na))


def find_pain(state: InterviewState, phrase: str, same: SameMeaning | None = None) -> Pain | None:
    """The pain a phrase refers to, by shared words, else by meaning (None when none matches)."""
    words = set(tokens(phrase))
    if not words or not state.pains:
        return None
    best = max(state.pains, key=lambda p: len(words & set(tokens(p.text + " " + p.quote.text))))
    if words & set(tokens(best.text + " " + best.quote.text)):
        return best
    return _said_again(state, phrase, same)


def _said_again(state: InterviewState, phrase: str, same: SameMeaning | None) -> Pain | None:
    """A known pain that `phrase` restates ("late truck arrivals" after "trucks arrive late at the dock")."""
    for known in state.pains:
        if _same(known.text, phrase):
            return known
    if same is None:
        return None
    return next((known for known in state.pains if same(known.text, phrase)), None)


def _add_pain(state: InterviewState, p: PainUpdate, turn: int, same: SameMeaning | None = None) -> Pain:
    pain = _said_again(state, p.text, same)
    if pain is None:
        pain = Pain(text=p.text, quote=_quote(p.quote, turn))
        state.pains.append(pain)
    if p.hard_to_judge:
        pain.difficulty = "hard"
    return pain


def _focus(state: InterviewState, pain: Pain) -> None:
    if state.focus != pain.id:
        state.focus = pain.id
        state.asked = {k: v for k, v in state.asked.items() if k in ("work", "pains")}


def apply_update(
    state: InterviewState,
    update: TurnUpdate,
    turn: int,
    coster: Coster | None = None,
    same: SameMeaning | None = None,
) -> Pain | None:
    """Write what the message said into the state; return the pain in focus afterwards. `coster` rebuilds the
    lines of every pain that received numbers read by the offline parser; `same` tells a pain said again in
    other words from a new one (without it, only the same words merge)."""
    read = {id(p): len(p.measures) for p in state.pains}
    focus = _apply(state, update, turn, same)
    if coster is not None:
        for pain in state.pains:
            if len(pain.measures) != read.get(id(pain), 0):
                pain.cost = coster(pain.measures, state.lang, pain.text)
    return focus


def _apply(state: InterviewState, update: TurnUpdate, turn: int, same: SameMeaning | None) -> Pain | None:
    if update.work is not None:
        state.work = _fact(update.work.text, update.work.quote, turn)
    added = [_add_pain(state, p, turn, same) for p in update.pains]
    if update.switch_to:
        target = find_pain(state, update.switch_to, same)
        if target is None:
            target = _add_pain(state, PainUpdate(text=update.switch_to, quote=update.switch_to), turn, same)
        _focus(state, target)
    focus = state.focus_pain()
    if (focus is None or focus.complete or focus.not_ml) and added:
        _focus(state, added[0])
        focus = added[0]
    if focus is None:
        return None
    update = _route_quantities(update, state, focus, turn)
    _apply_slots(focus, update, turn)
    return focus


def _route_quantities(update: TurnUpdate, state: InterviewState, focus: Pain, turn: int) -> TurnUpdate:
    """ "…orders ship late. Re-keying the carrier invoices also eats two hours a day.": a figure said in a sentence
    about another pain (one named in this message, or one named before that shares the sentence's words while the
    pain in focus shares none) is that pain's measure, not the focus's."""
    if not (update.pains or update.switch_to):
        return update  # an answer to a question about the pain in focus is about that pain
    others = [p for p in state.pains if p.id != focus.id and not p.complete]
    if not others or not update.quantities:
        return update
    kept = []
    for q in update.quantities:
        owner = _owner(q.quote, others, focus)
        if owner is not None:
            owner.measures.append(Measure(quantity=q, turn=turn))
        else:
            kept.append(q)
    return update.model_copy(update={"quantities": kept})


def _owner(sentence: str, others: list[Pain], focus: Pain) -> Pain | None:
    if focus.quote.text.strip() and focus.quote.text.strip() in sentence:
        return None
    quoted = next((p for p in others if p.quote.text.strip() and p.quote.text.strip() in sentence), None)
    if quoted is not None:
        return quoted
    words = set(tokens(sentence))
    if words & set(tokens(focus.text)):
        return None
    return most_shared(words, others, lambda p: p.text, least=2)


def _apply_slots(pain: Pain, update: TurnUpdate, turn: int) -> None:
    corrected = {c.slot for c in update.corrections}
    if update.target is not None:
        pain.target = _fact(update.target.text, update.target.quote, turn)
        pain.judgment = _fact(update.target.text, update.target.quote, turn)
    if update.judge is not None and (pain.judge is None or "judge" in corrected):
        pain.judge = _fact(update.judge.text, update.judge.quote, turn)
    if update.inputs:
        fresh = [_fact(i.text, i.quote, turn) for i in update.inputs]
        if "inputs" in corrected:
            pain.inputs = fresh
        else:
            known = {normalize(i.value) for i in pain.inputs}
            pain.inputs += [f for f in fresh if normalize(f.value) not in known]
        pain.inputs = pain.inputs[:MAX_KEPT_INPUTS]
    if update.data is not None:
        _apply_data(pain, update, turn, "data" in corrected)
    if update.quantities:
        pain.measures += [Measure(quantity=_clarified(pain, q), turn=turn) for q in update.quantities]
    if update.cost_lines:
        pain.cost = merge_lines(pain.cost, update.cost_lines)
    if update.avoidable is not None:
        pain.avoidable = update.avoidable
    if update.pattern:
        pain.pattern = update.pattern
    if update.hard_to_judge:
        pain.difficulty = "hard"
    if update.not_ml is not None:
        _read_not_ml(pain, update.not_ml, turn)


def _read_not_ml(pain: Pain, reason: str, turn: int) -> None:
    if pain.not_ml is None:
        pain.not_ml = Fact(value=reason, quote=_quote(pain.judgment.quote.text if pain.judgment else "", turn))
    elif reason not in (pain.not_ml.value, *pain.not_ml_more):
        pain.not_ml_more.append(reason)  # "...and nobody writes down what happened either"


def _clarified(pain: Pain, q: Quantity) -> Quantity:
    """ "No, the £210 is per shop": an amount said again without its period keeps the period it had, and gains
    what the correction adds (per shop, per person)."""
    if q.per is not None or q.kind not in ("cost_each", "time_each"):
        return q
    for m in reversed(pain.measures):
        old = m.quantity
        if old.kind in ("money_total", "time_total") and old.value == q.value and old.per is not None:
            kind = "money_total" if q.kind == "cost_each" else "time_total"
            return old.model_copy(
                update={
                    "kind": kind,
                    "per_site": q.per_site or old.per_site,
                    "per_person": q.per_person or old.per_person,
                    "quote": q.quote,
                }
            )
    return q


def _apply_data(pain: Pain, update: TurnUpdate, turn: int, replace: bool) -> None:
    d = update.data
    assert d is not None
    old = pain.data if (pain.data is not None and not replace) else DataFacts()
    # A fact stated earlier stands unless this message says otherwise: "not said" never erases it.
    partly = [
        p for p in old.partly if not (p == "data" and d.recorded) and not (p == "outcomes" and d.outcomes_recorded)
    ]
    halves: tuple[tuple[Literal["data", "outcomes"], str | None], ...] = (
        ("data", d.recorded),
        ("outcomes", d.outcomes_recorded),
    )
    partly += [p for p, said in halves if said == "partly"]
    pain.data = DataFacts(
        exists=(d.recorded != "no") if d.recorded is not None else old.exists,
        labels=(d.outcomes_recorded != "no") if d.outcomes_recorded is not None else old.labels,
        amount=d.amount or old.amount,
        where=d.where or old.where,
        quote=_quote(d.quote, turn),
        partly=partly,
        note=d.note or old.note,
    )
    if pain.data.labels and pain.data.exists is None:
        pain.data.exists = True  # outcomes on record are data on record


@dataclass(frozen=True)
class Step:
    """What the interviewer does next: ask about `topic` (as a follow-up or not), or finish (topic None)."""

    topic: Topic | None
    followup: bool = False
    finish: bool = False


def next_step(state: InterviewState, answered: Topic | None, vague: bool) -> Step:
    """The next topic for the pain in focus, in the design's order; one follow-up for a vague answer, never a
    loop: a topic asked MAX_ASKS times is skipped."""
    if answered and vague and state.asked.get(answered, 0) < MAX_ASKS:
        return Step(answered, followup=True)
    focus = state.focus_pain()
    if state.work is None and state.asked.get("work", 0) < 1 and not state.pains:
        return Step("work")
    if focus is None:
        return Step("pains", followup=state.asked.get("pains", 0) >= 1)
    for topic in PAIN_TOPICS:
        if not focus.has(topic):
            if state.asked.get(topic, 0) >= MAX_ASKS:
                focus.skipped.append(topic)
                continue
            return Step(topic, followup=state.asked.get(topic, 0) >= 1)
    return Step(None, finish=True)
