"""Ask: one streamed call writes the next question; the offline template stands in whenever it fails."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, SystemMessage

from assistant.core.gaps import gap
from assistant.interview import Reply
from assistant.interview.decide import Decision
from assistant.interview.llm import budget, guards, prompts
from assistant.interview.llm.context import known_facts
from assistant.interview.policy import Step
from assistant.interview.questions import said_first, template_question, template_reply
from assistant.providers import classify
from assistant.state import InterviewState, TurnUsage

logger = logging.getLogger(__name__)

_SHORT = 60


def _short(text: str) -> str:
    """A phrase short enough to quote inside a question."""
    text = " ".join(text.split())
    if len(text) <= _SHORT:
        return text
    cut = text[:_SHORT].rsplit(" ", 1)[0] if " " in text[:_SHORT] else text[:_SHORT]
    return cut.rstrip(",.、。 ") + "…"


def _instructions(lang: Any) -> list[str]:
    """The fixed lines of both prompts: a question that repeats one of them leaks the instructions."""
    bare = prompts.render("ask_system", lang, goal="", reference="", said="", known="", patterns="")
    bare += "\n" + prompts.render("understand_system", lang, topic="", known="", candidates="")
    return [line.strip() for line in bare.splitlines() if len(line.strip()) >= 30]


def _goal(state: InterviewState, step: Step) -> str:
    topic = step.topic or "pains"
    focus = state.focus_pain()
    values: dict[str, Any] = {}
    if topic == "judgment":
        values["pain"] = _short(focus.text) if focus else ""
    if topic == "inputs":
        values["target"] = _short(focus.target.value) if focus and focus.target else ""
    if topic == "data" and focus is not None and focus.data is not None and focus.data.exists is not None:
        return prompts.render("goal_data_outcomes", state.lang)
    if topic == "value" and focus is not None and gap(focus.cost) is not None:
        # part of the money is known: the one factor still missing, nothing else ("how many members are there?")
        return prompts.render("goal_value_missing", state.lang, question=template_question(state, step))
    goal = prompts.render(f"goal_{topic}", state.lang, **values)
    return prompts.render("goal_followup", state.lang, goal=goal) if step.followup else goal


def _grounded(state: InterviewState) -> list[dict[str, Any]]:
    """The patterns the pain in focus is grounded in, when no search ran this turn: the model's own choice first,
    then the confident ones (a weak match the model did not choose orients nothing)."""
    theme = next((t for t in state.themes if t.pain_id == state.focus), None)
    pain = state.focus_pain()
    if theme is None or pain is None:
        return []
    chosen = [m for m in theme.patterns if m.id == pain.pattern]  # the model's own choice orients, weak or not
    rest = [m for m in theme.patterns if not m.weak and m not in chosen]
    return [{"id": m.id, "title": m.title, "task_kind": m.task_kind} for m in chosen + rest]


class Asker:
    """Writes the next question with the model, streaming its words through `write`."""

    def __init__(self, model: BaseChatModel, clean: Callable[[str], str]) -> None:
        self.model = model
        self.clean = clean

    def run(
        self,
        state: InterviewState,
        turn: int,
        decision: Decision,
        patterns: list[dict[str, Any]],
        context_tokens: int,
        usage: TurnUsage,
        write: Callable[[str], None],
    ) -> Reply:
        step = decision.step
        assert step is not None  # the graph asks only when the decision has a question
        known = known_facts(state, self.clean)
        patterns = patterns or _grounded(state)
        found = ", ".join(f"{p.get('title')} ({p.get('task_kind')})" for p in patterns[:3]) or "-"
        # What must be said comes first, word for word, written by code: what is missing for a proposal, the
        # don't-know or not-ML lead, the correction note and the value play-back (figures computed by code).
        # The model words only the acknowledgement and the question after it.
        first = said_first(state, decision)
        system = prompts.render(
            "ask_system",
            state.lang,
            goal=_goal(state, step),
            reference=decision.question or template_question(state, step),
            said=first or "-",
            known=known,
            patterns=found,
        )
        messages: list[BaseMessage] = [
            SystemMessage(system),
            *budget.recent_turns(state, turn, context_tokens, self.clean),
        ]
        head = f"{first}\n\n" if first else ""
        if head:
            write(head)
        usage.calls += 1
        text = ""
        try:
            for chunk in self.model.stream(messages):
                piece = chunk.content if isinstance(chunk.content, str) else ""
                text += piece
                if piece:
                    write(piece)
        except Exception as exc:  # any failure of the call: the template asks instead, the turn goes on
            usage.ask_fallback = classify(exc)
            logger.warning("ask: the model call failed (%s); the template question is used", usage.ask_fallback)
            return template_reply(state, decision)
        usage.tokens_in += budget.count(messages)
        usage.tokens_out += budget.count([AIMessage(text)])
        secrets = _instructions(state.lang)
        secrets += [str(p.get("id")) for p in patterns if p.get("id")]
        problem = guards.question_problem(text, state.lang, secrets)
        if problem is not None:
            usage.ask_fallback = problem
            logger.info("ask: the model's question was not used (%s); the template question is used", problem)
            return template_reply(state, decision)
        return Reply(head + text.strip(), step.topic)
