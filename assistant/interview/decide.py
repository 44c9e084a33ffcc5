"""Decide, the same for every backend: what one understood message changes, and what the reply says or asks.

No model is called here. The understanding step (offline parser or LLM) has turned the message into a
`TurnUpdate`; this module applies it through the policy, handles the commands (start over, skip, proposal,
another pain), the not-ML verdict and the switch to the next pain, the review phase after the summary, the
value play-back and the finish. The ask step then words the question: a template offline, the model for the
LLM backend (with the same template as its fallback).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.core.money import Rates
from assistant.core.update import Correction, TurnUpdate
from assistant.grounding import Searcher, refresh_themes
from assistant.interview.playback import change, focus_value, playback
from assistant.interview.policy import MAX_ASKS, PAIN_TOPICS, Coster, Step, apply_update, find_pain, next_step
from assistant.interview.speech import join, listing, pain_phrase, say
from assistant.interview.summary import summary_text
from assistant.interview.verdict import settle_not_ml, verdict_text
from assistant.knowledge import KnowledgeBase
from assistant.state import Cleared, InterviewState, Pain, ValueEstimate
from assistant.vocabulary import Topic


@dataclass(frozen=True)
class Decision:
    """What the turn decided: a question to ask (`step`) and what comes before it, or a whole reply (`said`)."""

    step: Step | None = None
    """The question to ask next (never a finish); None when `said` is the whole reply."""
    lead: str = ""
    """What must precede the question word for word: a don't-know or skip note, the not-ML verdict and the
    switch to the next pain. A backend that words its own question still says this first."""
    ack: str = ""
    """The acknowledgement in template words: thanks, a correction or switch note, the value play-back,
    several pains. A backend that words its own question acknowledges in its own words instead."""
    notes: str = ""
    """The facts within `ack` (a correction note, the value play-back), word for word: a backend that words its
    own acknowledgement still says these first, as their figures are computed by code, never by a model."""
    head: str = ""
    """A paragraph before everything else (what is still missing for a proposal)."""
    question: str = ""
    """The template question when the decision fixes it (examples of pains, another pain); empty: the
    step's usual template."""
    said: str = ""
    """The whole reply when nothing is asked from a template (a summary, a verdict, help, start over)."""
    topic: Topic | None = None
    """The topic of `said` (None: it asks nothing)."""

    @property
    def reply_topic(self) -> Topic | None:
        """The topic of the reply, asked or said."""
        return self.step.topic if self.step is not None else self.topic


def decide(
    state: InterviewState,
    update: TurnUpdate,
    turn: int,
    asked: Topic | None,
    index: Searcher,
    kb: KnowledgeBase,
    rates: Rates,
    coster: Coster | None = None,
) -> Decision:
    """Apply an understood message (`asked`: the topic the last question was about) and decide what comes
    next. The state is changed in place; its themes are re-grounded whenever the board should show it.
    `coster`: the offline parser's cost lines from its readings (a turn it understood carries numbers)."""
    return _Decider(state, index, kb, rates, coster).decide(update, turn, asked)


class _Decider:
    """One turn's deciding: the state and what grounding the themes needs."""

    def __init__(
        self, state: InterviewState, index: Searcher, kb: KnowledgeBase, rates: Rates, coster: Coster | None
    ) -> None:
        self.state = state
        self.index = index
        self.kb = kb
        self.rates = rates
        self.coster = coster

    def _apply(self, update: TurnUpdate, turn: int) -> Pain | None:
        """The policy's apply_update, with the offline parser's coster and the index's sense of a pain said again."""
        return apply_update(self.state, update, turn, self.coster, self.index.same_meaning)

    def _closed(self, update: TurnUpdate) -> Pain | None:
        """The pain a switch turns to, when it was closed as not ML and another pain is still open."""
        if not update.switch_to:
            return None
        target = find_pain(self.state, update.switch_to, self.index.same_meaning)
        focus = self.state.focus_pain()
        if target is None or not (target.not_ml and target.not_ml_confirmed):
            return None
        return target if focus is not None and focus is not target and not focus.not_ml else None

    def refresh(self) -> None:
        refresh_themes(self.state, self.index, self.kb.patterns, self.rates)

    def say(self, name: str, **values: object) -> str:
        return say(self.state, name, **values)

    def decide(self, update: TurnUpdate, turn: int, asked: Topic | None) -> Decision:
        state = self.state
        if state.pending == "start_over":
            state.pending = None  # asked once: whatever comes now answers it
            if update.confirm is True or update.command == "start_over":
                return self._start_over()
            if update.confirm is False:
                return self._resume(self.say("start_over_kept"))
        checking = state.pending == "not_ml"
        if checking:
            state.pending = None  # asked once: whatever comes now answers it
        if update.command is not None:
            return self._command(update.command)
        if state.phase != "interview":
            return self._review(update, turn)
        value_known_before, figure_before = self._value_known(), focus_value(state)
        if asked is not None:
            state.asked[asked] = state.asked.get(asked, 0) + 1
        closed = None if checking else self._closed(update)
        if closed is not None:
            # the pain already closed as not ML, favoured again: its verdict stands (said once, never repeated) and
            # what this message says is about it, not about the pain still open
            note = self.say("closed_pain", pain=closed.text, current=pain_phrase(state))
            return self._next(None, False, ack=note)
        focus = self._apply(update, turn)
        if checking and focus is not None:
            settle_not_ml(focus, update)
        if update.dont_know and asked in PAIN_TOPICS and focus is not None and state.asked.get(asked, 0) >= 1:
            focus.skipped.append(asked)  # "I don't know" is an answer: note it, do not ask again
        if update.dont_know and asked in PAIN_TOPICS:
            return self._next(asked, False, lead=self.say("dont_know_ack"))
        ack, notes = self._ack(update, asked, value_known_before, figure_before)
        return self._next(asked, update.vague and not update.dont_know, ack=ack, notes=notes)

    # -- commands ------------------------------------------------------------------------------

    def _command(self, command: str) -> Decision:
        state = self.state
        if command == "start_over":
            if state.work is None and not state.pains:
                return self._start_over()  # nothing to lose: no need to ask
            state.pending = "start_over"
            return Decision(said=self.say("start_over_confirm", what=self._what_is_cleared()), topic=state.asking)
        if command == "undo":
            return self._undo()
        if command == "skip" and state.asking:
            pain = state.focus_pain()
            if state.asking in PAIN_TOPICS and pain is not None:
                pain.skipped.append(state.asking)
            else:
                state.asked[state.asking] = MAX_ASKS
            return self._next(None, False, lead=self.say("skip_ack"))
        if command == "proposal":
            if state.proposal_ready:
                return Decision(said=self.say("review_help"))
            decision = self._next(None, False)
            missing = self._missing()
            if missing and decision.reply_topic is not None:
                return replace(decision, head=self.say("missing_for_proposal", missing=missing))
            return decision
        if command == "another_pain":
            state.focus, state.asked, state.phase = None, {}, "interview"
            return Decision(step=Step("pains"), question=self.say("ask_pains_more"))
        return self._next(None, False)

    def _what_is_cleared(self) -> str:
        state = self.state
        parts = [self.say("cleared_work")] if state.work else []
        if state.pains:
            parts.append(self.say("cleared_pains", count=len(state.pains)))
        if state.proposal_ready:
            parts.append(self.say("cleared_proposal"))
        return listing(state, parts)

    def _start_over(self) -> Decision:
        """A new interview in the same conversation; what it clears is kept for "undo"."""
        state = self.state
        if state.work is not None or state.pains:
            state.cleared = Cleared(
                work=state.work,
                pains=state.pains,
                focus=state.focus,
                themes=state.themes,
                asked=state.asked,
                phase=state.phase,
            )
        state.work, state.focus = None, None
        state.pains, state.themes, state.asked = [], [], {}
        state.phase = "interview"
        undo = self.say("start_over_undo") if state.cleared is not None else ""
        return Decision(said=join(state, self.say("start_over"), undo, self.say("ask_work")), topic="work")

    def _undo(self) -> Decision:
        state = self.state
        cleared = state.cleared
        if cleared is None:
            return self._resume(self.say("undo_nothing"))
        state.cleared = None
        state.work, state.pains, state.focus = cleared.work, cleared.pains, cleared.focus
        state.themes, state.asked, state.phase = cleared.themes, cleared.asked, cleared.phase
        return self._resume(self.say("undo_done"))

    def _resume(self, lead: str) -> Decision:
        """Carry on where the interview was, after `lead` (a kept or undone start-over)."""
        if self.state.phase != "interview":
            self.refresh()
            return Decision(said=join(self.state, lead, self.say("review_help")))
        return self._next(None, False, lead=lead)

    def _missing(self) -> str:
        pain = self.state.focus_pain()
        topics: list[Topic] = ["pains"] if pain is None else [t for t in PAIN_TOPICS if not pain.has(t)]
        return listing(self.state, [self.say(f"topic_{t}") for t in topics])

    # -- acknowledgements ------------------------------------------------------------------------

    def _value_known(self) -> bool:
        pain = self.state.focus_pain()
        return pain is not None and pain.has("value") and "value" not in pain.skipped

    def _ack(
        self, update: TurnUpdate, asked: Topic | None, known_before: bool, before: ValueEstimate | None
    ) -> tuple[str, str]:
        """The acknowledgement, and the notes within it that must be said word for word."""
        state = self.state
        parts: list[str] = []
        notes: list[str] = []
        slots = [c.slot for c in update.corrections]
        if known_before:
            self.refresh()
            moved = change(state, before, focus_value(state), said="value" in slots)
            if moved:
                notes.append(moved)
                parts.append(moved)
        applied = self._applied(slots)
        if applied:
            notes.append(applied)
            parts.append(applied)
        elif update.switch_to:
            focus = state.focus_pain()
            parts.append(self.say("switch_focus", pain=focus.text if focus else update.switch_to))
        elif asked is not None and not parts:
            parts.append(self.say("ack"))
        if not known_before and self._value_known():
            self.refresh()
            notes.append(playback(state, focus_value(state)))
            parts.append(notes[-1])
        return join(state, *parts), join(state, *notes)

    def _applied(self, slots: Sequence[str]) -> str:
        """ "I've updated the target and the inputs": the corrected slots but the money (its change is said
        with the figure, old -> new)."""
        fields = [self.say(f"field_{s}") for s in slots if s != "value"]
        return self.say("correction_applied", field=listing(self.state, fields)) if fields else ""

    # -- what comes next ---------------------------------------------------------------------------

    def _next(self, answered: Topic | None, vague: bool, lead: str = "", ack: str = "", notes: str = "") -> Decision:
        state = self.state
        focus = state.focus_pain()
        if focus is not None and focus.not_ml and not focus.not_ml_confirmed:
            state.pending = "not_ml"  # one confirming question before the interview closes on it
            check = self.say("not_ml_check", reading=self.say(f"not_ml_check_{focus.not_ml.value}"))
            return Decision(said=join(state, lead, ack, check), topic="judgment")
        if focus is not None and focus.not_ml:
            reason = verdict_text(state, focus)
            nxt = next((p for p in state.pains if not p.not_ml and not p.complete), None)
            if nxt is None:
                state.phase = "review"
                self.refresh()
                return Decision(said=f"{reason}\n\n{self.say('not_ml_next')}")
            state.focus, state.asked = nxt.id, {}
            lead, ack, notes = f"{reason}\n\n{self.say('switch_focus', pain=nxt.text)}", "", ""
        step = next_step(state, answered, vague)
        if step.finish:
            return self._finish(lead, ack, notes)
        if step.topic == "pains" and state.asked.get("pains", 0) >= MAX_ASKS + 1:
            return Decision(said=join(state, lead, ack, self.say("no_pain_yet")))  # no loop: wait for them
        if step.topic == "pains" and state.asked.get("pains", 0) == MAX_ASKS:
            return Decision(step=step, lead=lead, ack=ack, notes=notes, question=self.say("pains_examples"))
        if step.topic == "judgment" and not step.followup and self._several():
            if state.asked.get("pains", 0) == 0:
                # several pains named at once and none chosen: the employee says which costs most, not the engine
                self.refresh()
                return Decision(step=Step("pains"), lead=lead, ack=ack, notes=notes, question=self._which_pain())
            if not lead and pain_phrase(state) not in ack:  # a switch already said which pain comes first
                ack = join(state, ack, self.say("several_pains", count=self._open(), focus=pain_phrase(self.state)))
        self.refresh()  # the theme board shows what this answer changed
        return Decision(step=step, lead=lead, ack=ack, notes=notes)

    def _which_pain(self) -> str:
        named = [p.text for p in self.state.pains if not p.not_ml][:4]
        joint, mark = ("、", "「{}」") if self.state.lang == "ja" else (", ", "“{}”")
        quoted = joint.join(mark.format(t) for t in named)
        return self.say("ask_which_pain", count=len(named), pains=quoted)

    def _open(self) -> int:
        return len([p for p in self.state.pains if not p.not_ml])

    def _several(self) -> bool:
        state = self.state
        return self._open() > 1 and state.asked.get("judgment", 0) == 0 and not any(p.target for p in state.pains)

    def _finish(self, lead: str, ack: str, notes: str) -> Decision:
        state = self.state
        self.refresh()
        state.phase = "review"
        if state.top_theme is None:
            state.phase = "interview"
            return Decision(step=Step("pains"), lead=lead, ack=ack, notes=notes, question=self.say("ask_pains_more"))
        before = join(state, lead, ack)
        said = f"{before}\n\n{summary_text(state)}\n\n{self.say('proposal_ready')}".strip()
        return Decision(said=join(state, said, self._ask_avoidable()))

    def _ask_avoidable(self) -> str:
        """Once, at the summary: how much of the money knowing earlier would avoid (the proposal shows both)."""
        state = self.state
        top = state.top_theme
        pain = state.pain(top.pain_id) if top is not None else None
        if pain is None or pain.avoidable is not None or top is None or top.value.per_year is None:
            return ""
        if state.asked.get("avoidable"):
            return ""
        state.asked["avoidable"] = 1
        return self.say("ask_value_avoidable")

    # -- after the summary: late facts and corrections update the theme ---------------------------

    def _review(self, update: TurnUpdate, turn: int) -> Decision:
        state = self.state
        changed = bool(
            update.target or update.inputs or update.data or update.quantities or update.corrections or update.judge
        )
        if update.avoidable is not None and not update.pains:
            state.asked["avoidable"] = 2
            self._apply(update, turn)
            self.refresh()
            top = state.top_theme
            noted = self.say("avoidable_noted", share=f"{update.avoidable.share.mid:.0%}")
            return Decision(said=f"{noted}\n\n{summary_text(state)}" if top else noted)
        if update.pains and not changed and not update.switch_to:
            state.phase, state.focus = "interview", None
            self._apply(update, turn)
            return self._next("pains", False, ack=self.say("ack"))
        if update.switch_to:
            state.phase = "interview"
            self._apply(update, turn)
            return self._next(None, False, ack=self.say("switch_focus", pain=pain_phrase(self.state)))
        if changed:
            slots: list[str] = [c.slot for c in update.corrections] or _slots(update)
            before = focus_value(state)
            self._apply(_as_corrections(update, slots), turn)
            self.refresh()
            moved = change(state, before, focus_value(state), said="value" in slots)
            done = join(state, self._applied(slots), moved) or self.say("value_noted")
            return Decision(said=f"{done}\n\n{summary_text(state)}" if state.top_theme else done)
        return Decision(said=self.say("review_help"))


def _slots(update: TurnUpdate) -> list[str]:
    """The slots a late fact fills, in the order the proposal shows them."""
    named = [
        ("target", update.target),
        ("inputs", update.inputs),
        ("data", update.data),
        ("value", update.quantities or update.cost_lines),
        ("judge", update.judge),
    ]
    return [slot for slot, value in named if value]


def _as_corrections(update: TurnUpdate, slots: list[str]) -> TurnUpdate:
    """After the proposal, what the employee says replaces what was there (they are correcting the draft)."""
    quote = update.target or update.judge or (update.inputs[0] if update.inputs else None)
    text = quote.quote if quote is not None else "(late fact)"
    known = {c.slot for c in update.corrections}
    extra = [Correction(slot=s, quote=text) for s in slots if s not in known]  # type: ignore[arg-type]
    return update.model_copy(update={"corrections": [*update.corrections, *extra]})
