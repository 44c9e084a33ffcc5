"""The template question for a decided step: the offline engine's ask, the LLM's reference and its fallback."""

from __future__ import annotations

from assistant.core.gaps import gap
from assistant.interview import Reply
from assistant.interview.decide import Decision
from assistant.interview.policy import Step
from assistant.interview.speech import join, pain_phrase, say
from assistant.state import InterviewState, Pain


def template_question(state: InterviewState, step: Step) -> str:
    """The question for the step in the employee's language, shaped by what is known of the pain in focus."""
    topic = step.topic
    assert topic is not None
    focus = state.focus_pain()
    if topic == "value" and focus is not None and focus.cost:
        return _value_question(state, focus)
    if topic == "data" and focus is not None and focus.data is not None and focus.data.exists is not None:
        return say(state, "ask_data_outcomes")  # what is kept is said; what happened afterwards is not yet
    if step.followup:
        return say(state, f"followup_{topic}")
    if topic == "judgment" and focus is not None:
        return say(state, "ask_judgment", pain=pain_phrase(state))
    if topic == "inputs" and focus is not None and focus.target is not None:
        return say(state, "ask_inputs", target=focus.target.value)
    if topic == "inputs":
        return say(state, "ask_inputs_plain")
    if topic == "pains" and state.pains:
        return say(state, "ask_pains_more")
    return say(state, f"ask_{topic}")


def _value_question(state: InterviewState, focus: Pain) -> str:
    """Part of the value is known: ask for the one missing factor of one line ("how many members are there?")."""
    missing = gap(focus.cost)
    if missing is None:
        return say(state, "ask_value")
    if missing.factor == "population" and missing.of:
        return say(state, "ask_value_population_of", noun=missing.of)
    return say(state, f"ask_value_{missing.factor}")


def said_first(state: InterviewState, decision: Decision) -> str:
    """What a reply says before any question, word for word: the head, then the lead and the notes (a correction,
    the value play-back). A backend that words its own question writes it after this, so no figure is lost."""
    return "\n\n".join(p for p in (decision.head, join(state, decision.lead, decision.notes)) if p)


def template_reply(state: InterviewState, decision: Decision) -> Reply:
    """The whole reply as the offline engine says it: what must come first, the acknowledgement, the question."""
    if decision.step is None:
        return Reply(decision.said, decision.topic)
    question = decision.question or template_question(state, decision.step)
    text = join(state, decision.lead, decision.ack, question)
    if decision.head:
        text = f"{decision.head}\n\n{text}"
    return Reply(text, decision.step.topic)
