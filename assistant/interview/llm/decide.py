"""Decide, for the LLM backend: commands, the update applied by the shared policy, themes, the next step.

No model is called here. The state changes go through `policy.apply_update` and `policy.next_step`, the
same code the offline engine uses; this module adds what one turn needs around them (the asked counts,
don't-know, not-ML pains, the review phase) until the offline engine's rewrite offers the same in the core.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant import prompts
from assistant.grounding import Searcher, refresh_themes
from assistant.interview import Reply
from assistant.interview.policy import MAX_ASKS, PAIN_TOPICS, Step, apply_update, next_step
from assistant.interview.summary import summary_text
from assistant.knowledge import Pattern
from assistant.language import detect_language, normalize
from assistant.scoring import Rates
from assistant.state import InterviewState
from assistant.understanding.update import TurnUpdate
from assistant.vocabulary import Topic


@dataclass(frozen=True)
class Decision:
    """Either a reply decided without asking anything new (`reply`), or a step to ask with a prefix."""

    step: Step | None = None
    prefix: str = ""
    """Template text that must precede the question (a not-ML verdict, what is missing, a skip)."""
    reply: Reply | None = None


@dataclass
class Core:
    """What deciding needs: the index and patterns for grounding, the rates for value."""

    index: Searcher
    patterns: dict[str, Pattern]
    rates: Rates

    def refresh(self, state: InterviewState) -> None:
        refresh_themes(state, self.index, self.patterns, self.rates)


def say(state: InterviewState, name: str, **values: object) -> str:
    return prompts.render(name, state.lang, variant=state.assistant_turns(), **values)


def follow_language(state: InterviewState, text: str) -> None:
    """The employee's language, unless they chose one; a switch mid-interview needs a real sentence."""
    if state.lang_locked:
        return
    first = not any(t.role == "assistant" for t in state.transcript)
    detected = detect_language(text, default=state.lang)
    if first or (detected != state.lang and len(normalize(text)) >= 12):
        state.lang = detected


def decide(state: InterviewState, update: TurnUpdate, turn: int, core: Core) -> Decision:
    """Apply the update and choose what comes next."""
    command = _command(state, update, core)
    if command is not None:
        return command
    if state.phase != "interview":
        return _review(state, update, turn, core)
    answered = state.asking
    if answered is not None:
        state.asked[answered] = state.asked.get(answered, 0) + 1
    apply_update(state, update, turn)
    prefix = ""
    unknown = update.dont_know or (update.vague and update.empty)
    focus = state.focus_pain()
    if unknown and answered is not None and state.asked.get(answered, 0) >= MAX_ASKS:
        if answered in PAIN_TOPICS and focus is not None and answered not in focus.skipped:
            focus.skipped.append(answered)
        elif answered == "work":
            state.asked["work"] = MAX_ASKS
    if update.dont_know and answered in PAIN_TOPICS:
        prefix = say(state, "dont_know_ack")
    return _next(state, answered, unknown or update.empty, prefix, core)


def _next(state: InterviewState, answered: Topic | None, vague: bool, prefix: str, core: Core) -> Decision:
    focus = state.focus_pain()
    if focus is not None and focus.not_ml:
        reason = say(state, "not_ml", reason=say(state, f"not_ml_{focus.not_ml.value}"))
        nxt = next((p for p in state.pains if not p.not_ml and not p.complete), None)
        if nxt is None:
            state.phase = "review"
            core.refresh(state)
            return Decision(reply=Reply(f"{reason}\n\n{say(state, 'not_ml_next')}", None))
        state.focus, state.asked = nxt.id, {}
        prefix = f"{reason}\n\n{say(state, 'switch_focus', pain=nxt.text)}"
    step = next_step(state, answered, vague)
    core.refresh(state)  # the theme board shows what this answer changed
    if step.finish:
        return _finish(state, prefix)
    if step.topic == "pains" and state.focus_pain() is None and state.asked.get("pains", 0) > MAX_ASKS:
        return Decision(reply=Reply(f"{prefix} {say(state, 'no_pain_yet')}".strip(), None))  # no loop: wait
    return Decision(step=step, prefix=prefix)


def _finish(state: InterviewState, prefix: str) -> Decision:
    state.phase = "review"
    if state.top_theme is None:
        return Decision(step=Step("pains"), prefix=prefix)
    text = f"{prefix}\n\n{summary_text(state)}\n\n{say(state, 'proposal_ready')}".strip()
    return Decision(reply=Reply(text, None))


def _command(state: InterviewState, update: TurnUpdate, core: Core) -> Decision | None:
    if update.command == "start_over":
        for name in ("work", "focus"):
            setattr(state, name, None)
        state.pains, state.themes, state.asked, state.phase = [], [], {}, "interview"
        return Decision(reply=Reply(say(state, "start_over") + " " + say(state, "ask_work"), "work"))
    if update.command == "skip" and state.asking is not None:
        focus = state.focus_pain()
        if state.asking in PAIN_TOPICS and focus is not None:
            focus.skipped.append(state.asking)
        elif state.asking == "work":
            state.asked["work"] = MAX_ASKS
        return _next(state, None, False, say(state, "skip_ack"), core)
    if update.command == "another_pain" and not update.pains:
        state.focus, state.asked, state.phase = None, {}, "interview"
        return Decision(step=Step("pains"), prefix="")
    if update.command == "proposal":
        if state.proposal_ready:
            return Decision(reply=Reply(say(state, "review_help"), None))
        focus = state.focus_pain()
        missing = ["pains"] if focus is None else [t for t in PAIN_TOPICS if not focus.has(t)]
        sep = "、" if state.lang == "ja" else ", "
        text = say(state, "missing_for_proposal", missing=sep.join(say(state, f"topic_{t}") for t in missing))
        return _next(state, None, False, text, core)
    return None


def _review(state: InterviewState, update: TurnUpdate, turn: int, core: Core) -> Decision:
    """After the summary: a correction edits the slot and plays the summary back; a new pain reopens."""
    if update.pains and not update.corrections:
        state.phase, state.focus = "interview", None
        apply_update(state, update, turn)
        return _next(state, "pains", False, "", core)
    if not update.empty and state.focus_pain() is not None:
        apply_update(state, update, turn)
        core.refresh(state)
        if state.top_theme is not None:
            field = "inputs" if update.inputs and update.target is None else "target"
            done = say(state, "correction_applied", field=say(state, f"field_{field}"))
            return Decision(reply=Reply(f"{done}\n\n{summary_text(state)}", None))
    return Decision(reply=Reply(say(state, "review_help"), None))
