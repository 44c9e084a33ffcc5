"""Understand: one function-calling call turns the employee's message into a validated `TurnUpdate`.

An invalid update is sent back once with the validation error (the repair); a second failure leaves the turn
to the offline engine. Provider errors are not caught here: the graph routes them to the fallback.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.tools import StructuredTool
from pydantic import ValidationError

from assistant.core.update import TurnUpdate
from assistant.interview.llm import budget, guards, prompts
from assistant.interview.llm.context import known_facts
from assistant.interview.llm.tools import RECORD, SEARCH, needs_money, record_update_tool
from assistant.state import InterviewState, TurnUsage
from assistant.understanding.commands import read_yes_no

logger = logging.getLogger(__name__)


@dataclass
class Understood:
    """What the understand step got: the update (None: unusable after the repair) and what it looked up."""

    update: TurnUpdate | None
    patterns: list[dict[str, Any]] = field(default_factory=list)
    """What `search_patterns` returned this turn (orientation for the question)."""
    error: str | None = None
    """The last validation error, when the update is None."""


def _topic(state: InterviewState) -> str:
    """The topic of the question answered, named in the prompt's language (never the bare key)."""
    if state.asking is None:
        return prompts.render("topic_none", state.lang)
    return prompts.render(f"topic_{state.asking}", state.lang)


def _validate(args: Any, message: str, earlier: list[str], ids: set[str] | None = None) -> TurnUpdate:
    update = TurnUpdate.model_validate(args)
    if update.pattern and update.pattern != "none" and update.pattern not in (ids or set()):
        choices = ", ".join(sorted(ids or set())) or "none listed"
        raise ValueError(
            f"pattern {update.pattern!r} is not a listed candidate or a search result; use one of {choices}, or none"
        )
    missing = guards.unquoted(update, message, earlier)
    if missing:
        raise ValueError("these quotes are not the employee's words: " + "; ".join(repr(q) for q in missing[:3]))
    return guards.without_filler(update, message)


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        parts = [f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors()[:5]]
        return "; ".join(parts)
    return str(exc)[:500]


class Understander:
    """Runs the understand step for one turn, counting calls and tokens into the turn's usage."""

    def __init__(
        self,
        model: BaseChatModel,
        search: StructuredTool,
        first_choice: str,
        clean: Callable[[str], str],
        compact: bool = False,
        candidates: list[dict[str, str]] | None = None,
    ) -> None:
        self.model = model
        self.search = search
        self.first_choice = first_choice
        self.clean = clean
        self.compact = compact
        self.candidates = candidates or []
        """The patterns the pain in focus is grounded among: the model may choose one by id, or none."""

    def _call(self, messages: list[BaseMessage], choice: str, usage: TurnUsage, record: dict[str, Any]) -> AIMessage:
        bound = self.model.bind_tools([record, self.search], tool_choice=choice)
        usage.calls += 1
        answer = bound.invoke(messages)
        # counted once answered: a call that never reached the endpoint spends nothing of the budget
        usage.tokens_in += budget.count(messages) + budget.count_tools([record])
        if not isinstance(answer, AIMessage):
            raise TypeError(f"the chat model returned {type(answer).__name__}, not an AIMessage")
        usage.tokens_out += budget.count([answer])
        return answer

    def run(self, state: InterviewState, turn: int, context_tokens: int, usage: TurnUsage) -> Understood:
        message = self.clean(state.transcript[turn].text)
        record = record_update_tool(self.compact, money=needs_money(message, state.asking))
        earlier = [self.clean(t.text) for t in state.transcript[:turn] if t.role == "user"]
        listed = "\n".join(f"- {c['id']}: {c['title']} ({c['task_kind']}): {c['detects']}" for c in self.candidates)
        system = prompts.render(
            "understand_system",
            state.lang,
            topic=_topic(state),
            known=known_facts(state, self.clean),
            candidates=listed or "-",
        )
        messages: list[BaseMessage] = [
            SystemMessage(system),
            *budget.recent_turns(state, turn, context_tokens, self.clean),
        ]
        result = Understood(update=None)
        choice = self.first_choice
        searched = failed = False
        while True:
            answer = self._call(messages, choice, usage, record)
            found, args, error = self._read(answer, result)
            if args is not None:
                try:
                    result.update = _validate(args, message, earlier, self._choosable(result))
                    if state.pending is not None and result.update.confirm is None:
                        # a plain "yes" to "start over?" is read the same way whichever backend asked it
                        result.update.confirm = read_yes_no(message)
                    return result
                except (ValidationError, ValueError) as exc:
                    error = _error_text(exc)
            result.error = error
            # One search round is the tool doing its job, not a failure: the record comes next. After that,
            # one repair with the error, then the turn goes to the offline engine.
            search_round = args is None and bool(found) and not searched
            if not search_round:
                if failed:
                    break
                failed = usage.repaired = True
            searched = searched or search_round
            follow = (
                prompts.render("understand_repair", state.lang, error=error)
                if error
                else prompts.render("understand_missing", state.lang)
            )
            # The feedback goes back as plain text, not as tool messages after the model's tool-call message:
            # local servers differ in which of those shapes they accept (llama.cpp rejects content=None).
            messages = [*messages, HumanMessage(f"{found}\n\n{follow}".strip())]
            choice = RECORD  # the next answer must record, nothing else
        logger.info("understand: no valid update after the repair (%s)", result.error or "no record_update call")
        return result

    def _choosable(self, result: Understood) -> set[str]:
        """Pattern ids the model may choose: the candidates it was shown and what its own search found this turn
        (a switch of pain mid-message makes the listed candidates those of the old pain)."""
        return {c["id"] for c in self.candidates} | {str(p["id"]) for p in result.patterns if "id" in p}

    def _read(self, answer: AIMessage, result: Understood) -> tuple[str, Any, str | None]:
        """Run the searches and pick the update's arguments; returns the search results as text."""
        found: list[dict[str, Any]] = []
        args: Any = None
        error: str | None = None
        for call in answer.tool_calls:
            if call["name"] == SEARCH:
                found += [p for p in self.search.invoke(call["args"]) if p not in found]
            elif call["name"] == RECORD and args is None:
                args = call["args"]
        for bad in answer.invalid_tool_calls:
            error = f"the arguments of {bad.get('name')} are not valid JSON: {bad.get('error') or ''}".strip()
        result.patterns += [p for p in found if p not in result.patterns]
        return (f"{SEARCH}: {json.dumps(found, ensure_ascii=False)}" if found else ""), args, error
