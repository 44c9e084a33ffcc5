"""The LLM interviewer: the turn graph over the shared state, with the offline engine as its fallback."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

from langchain_core.language_models import BaseChatModel

from assistant.core.money import Rates
from assistant.grounding import Searcher, candidates, refresh_themes
from assistant.interview import Interviewer, Reply
from assistant.interview.llm.ask import Asker
from assistant.interview.llm.configuration import AgentConfig
from assistant.interview.llm.graph import Parts, build_graph
from assistant.interview.llm.redaction import redact
from assistant.interview.llm.rewrite import ProseRewriter
from assistant.interview.llm.tools import search_patterns_tool
from assistant.interview.llm.understand import Understander
from assistant.interview.speech import follow_language
from assistant.knowledge import KnowledgeBase
from assistant.state import InterviewState, TurnUsage

logger = logging.getLogger(__name__)

#: Failures of the endpoint itself (as opposed to an answer that was unusable): worth telling the operator.
PROVIDER_PROBLEMS = (
    "unreachable",
    "timeout",
    "auth",
    "model",
    "rate_limit",
    "server",
    "context",
    "replay_missing",
    "error",
)

Explain = Callable[[str], str]
"""Turns a failure kind (`unreachable`, `auth`...) into what to do about it (providers.explain)."""


class LLMInterviewer:
    """Understands each message with the model, decides in the core, asks with the model (streamed)."""

    name = "llm"

    def __init__(
        self,
        model: BaseChatModel,
        fallback: Interviewer,
        index: Searcher,
        kb: KnowledgeBase,
        rates: Rates,
        config: AgentConfig | None = None,
        explain: Explain | None = None,
    ) -> None:
        self.model = model
        self.fallback = fallback
        self.index = index
        self.kb = kb
        self.rates = rates
        self.config = config or AgentConfig()
        self.explain = explain or (lambda problem: f"the model call failed ({problem})")
        self._warned: str | None = None

    @property
    def label(self) -> str:
        """Backend and model, for the UI and the terminal (never the key)."""
        return f"llm: {self.config.model} at {self.config.endpoint}"

    def _clean(self, text: str) -> str:
        return redact(text) if self.config.redact else text

    def respond(self, state: InterviewState, turn: int) -> Reply:
        reply: Reply | None = None
        for item in self.respond_stream(state, turn):
            if isinstance(item, Reply):
                reply = item
        assert reply is not None
        return reply

    def respond_stream(self, state: InterviewState, turn: int) -> Iterator[str | Reply]:
        """Text chunks of the reply as they are written, then the `Reply`. The Reply is what counts: when a
        streamed question fails a check, the Reply carries the template question that replaces it."""
        follow_language(state, state.transcript[turn].text)
        usage = TurnUsage(turn=turn)
        parts = Parts(
            understander=Understander(
                self.model,
                search_patterns_tool(self.index, state.lang),
                self.config.first_tool_choice,
                self._clean,
                self.config.compact_schema,
                [
                    {
                        "id": h.pattern.id,
                        "title": h.pattern.title.get(state.lang),
                        "task_kind": h.pattern.task_kind,
                        "detects": h.pattern.target.get(state.lang),
                    }
                    for h in candidates(state, self.index)
                ],
            ),
            asker=Asker(self.model, self._clean),
            index=self.index,
            kb=self.kb,
            rates=self.rates,
            fallback=self.fallback,
            token_budget=self.config.token_budget,
            context_tokens=self.config.context_tokens,
            log_user_text=self.config.log_user_text,
        )
        final: dict[str, Any] = {}
        for mode, data in build_graph(parts).stream(
            {"state": state, "turn": turn, "usage": usage}, stream_mode=["custom", "values"]
        ):
            if mode == "custom":
                yield str(data)
            else:
                final = data
        reply = final.get("reply")
        if not isinstance(reply, Reply):
            raise RuntimeError("the turn graph ended without a reply")
        state.record_usage(usage)
        self._report(usage)
        if usage.fallback is not None:
            yield reply.text  # the offline engine does not stream: its whole answer is one chunk
        yield reply

    def _report(self, usage: TurnUsage) -> None:
        """Warn once per kind of endpoint failure (not every turn of a dead endpoint), without user text."""
        problem = usage.fallback if usage.fallback in PROVIDER_PROBLEMS else None
        if problem is None and usage.ask_fallback in PROVIDER_PROBLEMS:
            problem = usage.ask_fallback
        if problem is None:
            if usage.calls and usage.fallback is None:
                self._warned = None  # the model answered: a later failure is news again
            return
        if problem != self._warned:
            self._warned = problem
            where = "this turn" if usage.fallback else "this question"
            logger.warning(
                "%s; the offline engine answered %s, the next turn tries the model again", self.explain(problem), where
            )

    def prose_rewriter(self) -> ProseRewriter:
        """The optional rewrite of the proposal's prose, on the same model, redaction and token budget."""
        return ProseRewriter(self.model, self._clean, self.config.token_budget)

    def refresh(self, state: InterviewState) -> None:
        refresh_themes(state, self.index, self.kb.patterns, self.rates)
