"""The guided interviewer: the offline backend. Understand by rule, decide in the core, ask from templates."""

from __future__ import annotations

import logging

from assistant import prompts
from assistant.grounding import Searcher, refresh_themes
from assistant.interview import Reply
from assistant.interview.policy import MAX_ASKS, PAIN_TOPICS, Step, apply_update, next_step
from assistant.interview.summary import summary_text
from assistant.knowledge import KnowledgeBase
from assistant.language import detect_language, normalize
from assistant.scoring import Rates
from assistant.state import InterviewState, Pain
from assistant.understanding.offline import understand
from assistant.understanding.phrases import short_phrase
from assistant.understanding.update import TurnUpdate
from assistant.vocabulary import Topic

logger = logging.getLogger(__name__)


class GuidedInterviewer:
    """Fills the interview state from plain answers, grounded in the knowledge base."""

    name = "offline"

    def __init__(self, index: Searcher, kb: KnowledgeBase, rates: Rates | None = None) -> None:
        self.index = index
        self.kb = kb
        self.rates = rates or Rates()

    # -- entry point ---------------------------------------------------------------------------

    def respond(self, state: InterviewState, turn: int) -> Reply:
        text = state.transcript[turn].text
        self._update_language(state, text)
        asked = state.asking if state.phase == "interview" else None
        update = understand(text, state, asked)
        return self.decide_and_ask(state, update, turn, asked)

    def decide_and_ask(self, state: InterviewState, update: TurnUpdate, turn: int, asked: Topic | None) -> Reply:
        """Apply an understood message (from any understanding step) and say what comes next."""
        if update.command is not None:
            return self._command(state, update.command)
        if state.phase != "interview":
            return self._review(state, update, turn)
        value_known_before = self._value_known(state)
        if asked is not None:
            state.asked[asked] = state.asked.get(asked, 0) + 1
        focus = apply_update(state, update, turn)
        if update.dont_know and asked in PAIN_TOPICS and focus is not None and state.asked.get(asked, 0) >= 1:
            focus.skipped.append(asked)  # "I don't know" is an answer: note it, do not ask again
        ack = self._ack(state, update, asked, value_known_before)
        return self._next(state, asked, update.vague and not update.dont_know, ack)

    def refresh(self, state: InterviewState) -> None:
        refresh_themes(state, self.index, self.kb.patterns, self.rates)

    # -- language ------------------------------------------------------------------------------

    def _update_language(self, state: InterviewState, text: str) -> None:
        if state.lang_locked:
            return
        first = not any(t.role == "assistant" for t in state.transcript)
        detected = detect_language(text, default=state.lang)
        # Switch mid-interview only on a real sentence, not on a product name or "OK".
        if first or (detected != state.lang and len(normalize(text)) >= 12):
            state.lang = detected

    def _say(self, state: InterviewState, name: str, **values: object) -> str:
        return prompts.render(name, state.lang, variant=state.assistant_turns(), **values)

    # -- commands ------------------------------------------------------------------------------

    def _command(self, state: InterviewState, command: str) -> Reply:
        if command == "start_over":
            keep_lang, keep_lock = state.lang, state.lang_locked
            state.work, state.focus = None, None
            state.pains, state.themes, state.asked = [], [], {}
            state.phase, state.lang, state.lang_locked = "interview", keep_lang, keep_lock
            return Reply(self._say(state, "start_over") + " " + self._say(state, "ask_work"), "work")
        if command == "skip" and state.asking:
            pain = state.focus_pain()
            if state.asking in PAIN_TOPICS and pain is not None:
                pain.skipped.append(state.asking)
            else:
                state.asked[state.asking] = MAX_ASKS
            return self._next(state, None, False, self._say(state, "skip_ack"))
        if command == "proposal":
            if state.proposal_ready:
                return Reply(self._say(state, "review_help"), None)
            reply = self._next(state, None, False, "")
            missing = self._missing(state)
            if missing and reply.topic is not None:
                return Reply(
                    self._say(state, "missing_for_proposal", missing=missing) + "\n\n" + reply.text, reply.topic
                )
            return reply
        if command == "another_pain":
            state.focus, state.asked, state.phase = None, {}, "interview"
            return Reply(self._say(state, "ask_pains_more"), "pains")
        return self._next(state, None, False, "")

    def _missing(self, state: InterviewState) -> str:
        pain = state.focus_pain()
        topics: list[Topic] = ["pains"] if pain is None else [t for t in PAIN_TOPICS if not pain.has(t)]
        sep = "、" if state.lang == "ja" else ", "
        return sep.join(self._say(state, f"topic_{t}") for t in topics)

    # -- acknowledgements ------------------------------------------------------------------------

    def _value_known(self, state: InterviewState) -> bool:
        pain = state.focus_pain()
        return pain is not None and pain.has("value") and "value" not in pain.skipped

    def _ack(self, state: InterviewState, update: TurnUpdate, asked: Topic | None, known_before: bool) -> str:
        if update.dont_know and asked in PAIN_TOPICS:
            return self._say(state, "dont_know_ack")
        parts: list[str] = []
        if update.corrections:
            fields = [self._say(state, f"field_{c.slot}") for c in update.corrections]
            parts.append(
                self._say(state, "correction_applied", field=("、" if state.lang == "ja" else ", ").join(fields))
            )
        elif update.switch_to:
            focus = state.focus_pain()
            parts.append(self._say(state, "switch_focus", pain=focus.text if focus else update.switch_to))
        elif asked is not None:
            parts.append(self._say(state, "ack"))
        if not known_before and self._value_known(state):
            self.refresh(state)
            playback = self._playback(state)
            if playback:
                parts.append(playback)
        return (" " if state.lang == "en" else "").join(parts)

    def _playback(self, state: InterviewState) -> str:
        """The value arithmetic, said back once so a wrong reading can be corrected."""
        focus = state.focus_pain()
        theme = next((t for t in state.themes if focus and t.pain_id == focus.id), None)
        if theme is None or theme.value.per_year is None:
            return ""
        from assistant.scoring import money

        amount = money(theme.value.per_year, theme.value.currency or "USD", state.lang)
        how = theme.value.arithmetic[-2] if len(theme.value.arithmetic) > 1 else theme.value.arithmetic[0]
        return self._say(state, "value_playback", amount=amount, arithmetic=how)

    # -- what to ask next --------------------------------------------------------------------------

    def _next(self, state: InterviewState, answered: Topic | None, vague: bool, ack: str) -> Reply:
        focus = state.focus_pain()
        if focus is not None and focus.not_ml:
            reason = self._say(state, "not_ml", reason=self._say(state, f"not_ml_{focus.not_ml.value}"))
            nxt = next((p for p in state.pains if not p.not_ml and not p.complete), None)
            if nxt is None:
                state.phase = "review"
                self.refresh(state)
                return Reply(f"{reason}\n\n{self._say(state, 'not_ml_next')}", None)
            state.focus, state.asked = nxt.id, {}
            ack = f"{reason}\n\n{self._say(state, 'switch_focus', pain=nxt.text)}"
        step = next_step(state, answered, vague)
        if step.finish:
            return self._finish(state, ack)
        if step.topic == "pains" and state.asked.get("pains", 0) >= MAX_ASKS + 1:
            return Reply(self._join(state, ack, self._say(state, "no_pain_yet")), None)  # no loop: wait for them
        if step.topic == "pains" and state.asked.get("pains", 0) == MAX_ASKS:
            return Reply(self._join(state, ack, self._say(state, "pains_examples")), "pains")
        if step.topic == "judgment" and not step.followup and self._several(state):
            ack = self._join(
                state, ack, self._say(state, "several_pains", count=self._open(state), focus=self._pain(state))
            )
        self.refresh(state)  # the theme board shows what this answer changed
        return self._ask(state, step, ack)

    def _open(self, state: InterviewState) -> int:
        return len([p for p in state.pains if not p.not_ml])

    def _several(self, state: InterviewState) -> bool:
        return self._open(state) > 1 and state.asked.get("judgment", 0) == 0 and not any(p.target for p in state.pains)

    def _pain(self, state: InterviewState, pain: Pain | None = None) -> str:
        pain = pain or state.focus_pain()
        return short_phrase(pain.text, state.lang, limit=12) if pain else ""

    @staticmethod
    def _join(state: InterviewState, *parts: str) -> str:
        sep = " " if state.lang == "en" else ""
        return sep.join(p for p in parts if p).strip()

    def _ask(self, state: InterviewState, step: Step, ack: str) -> Reply:
        topic = step.topic
        assert topic is not None
        focus = state.focus_pain()
        if step.followup:
            question = self._say(state, f"followup_{topic}")
        elif topic == "judgment" and focus is not None:
            question = self._say(state, "ask_judgment", pain=self._pain(state))
        elif topic == "inputs" and focus is not None and focus.target is not None:
            question = self._say(state, "ask_inputs", target=focus.target.value)
        elif topic == "inputs":
            question = self._say(state, "ask_inputs_plain")
        elif topic == "value" and focus is not None and focus.measures:
            kinds = {m.quantity.kind for m in focus.measures}
            cost = kinds & {"cost_each", "time_each", "money_total", "time_total"}
            question = self._say(state, "ask_value_freq" if cost else "ask_value_cost")
        elif topic == "pains" and state.pains:
            question = self._say(state, "ask_pains_more")
        else:
            question = self._say(state, f"ask_{topic}")
        return Reply(self._join(state, ack, question), topic)

    def _finish(self, state: InterviewState, ack: str) -> Reply:
        self.refresh(state)
        state.phase = "review"
        if state.top_theme is None:
            state.phase = "interview"
            return Reply(self._join(state, ack, self._say(state, "ask_pains_more")), "pains")
        return Reply(f"{ack}\n\n{summary_text(state)}\n\n{self._say(state, 'proposal_ready')}".strip(), None)

    # -- after the summary: late facts and corrections update the theme ---------------------------

    def _review(self, state: InterviewState, update: TurnUpdate, turn: int) -> Reply:
        changed = bool(
            update.target or update.inputs or update.data or update.quantities or update.corrections or update.judge
        )
        if update.pains and not changed and not update.switch_to:
            state.phase, state.focus = "interview", None
            apply_update(state, update, turn)
            return self._next(state, "pains", False, self._say(state, "ack"))
        if update.switch_to:
            state.phase = "interview"
            apply_update(state, update, turn)
            return self._next(state, None, False, self._say(state, "switch_focus", pain=self._pain(state)))
        if changed:
            slots: list[str] = [c.slot for c in update.corrections] or self._slots(update)
            update.corrections = [*update.corrections]
            apply_update(state, _as_corrections(update, slots), turn)
            self.refresh(state)
            fields = ("、" if state.lang == "ja" else ", ").join(self._say(state, f"field_{s}") for s in slots)
            done = self._say(state, "correction_applied", field=fields)
            return Reply(f"{done}\n\n{summary_text(state)}" if state.top_theme else done, None)
        return Reply(self._say(state, "review_help"), None)

    @staticmethod
    def _slots(update: TurnUpdate) -> list[str]:
        slots = []
        if update.target:
            slots.append("target")
        if update.inputs:
            slots.append("inputs")
        if update.data:
            slots.append("data")
        if update.quantities:
            slots.append("value")
        if update.judge:
            slots.append("judge")
        return slots


def _as_corrections(update: TurnUpdate, slots: list[str]) -> TurnUpdate:
    """After the proposal, what the employee says replaces what was there (they are correcting the draft)."""
    from assistant.understanding.update import Correction

    quote = update.target or update.judge or (update.inputs[0] if update.inputs else None)
    text = quote.quote if quote is not None else "(late fact)"
    known = {c.slot for c in update.corrections}
    extra = [Correction(slot=s, quote=text) for s in slots if s not in known]  # type: ignore[arg-type]
    return update.model_copy(update={"corrections": [*update.corrections, *extra]})
