"""The turn as a LangGraph workflow: understand (model) -> decide (core) -> ask (model, streamed).

A workflow, not a free-roaming agent: the path is fixed, with at most two model calls per turn (three when
the update needs its one repair). Any failure to understand routes the whole turn to the offline engine.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Literal, TypedDict

from langgraph.config import get_stream_writer
from langgraph.graph import END, START, StateGraph

from assistant.core.money import Rates
from assistant.core.update import TurnUpdate
from assistant.grounding import Searcher
from assistant.interview import Interviewer, Reply
from assistant.interview.decide import Decision, decide
from assistant.interview.llm import budget
from assistant.interview.llm.ask import Asker
from assistant.interview.llm.understand import Understander
from assistant.knowledge import KnowledgeBase
from assistant.providers import classify
from assistant.state import InterviewState, TurnUsage

logger = logging.getLogger(__name__)


class TurnState(TypedDict, total=False):
    """What flows through the graph for one turn (the interview state itself is changed in place)."""

    state: InterviewState
    turn: int
    usage: TurnUsage
    update: TurnUpdate | None
    patterns: list[dict[str, Any]]
    decision: Decision
    reply: Reply


@dataclass
class Parts:
    """The graph's collaborators, injected by the interviewer."""

    understander: Understander
    asker: Asker
    index: Searcher
    kb: KnowledgeBase
    rates: Rates
    fallback: Interviewer
    token_budget: int
    context_tokens: int
    log_user_text: bool = False
    """Debug-log the validated update (it holds the employee's words); off by default."""


def build_graph(parts: Parts) -> Any:
    """Compile the turn graph (no checkpointer: the session store keeps the interview)."""

    def understand(ts: TurnState) -> dict[str, Any]:
        state, usage = ts["state"], ts["usage"]
        if budget.over_budget(state, parts.token_budget):
            usage.fallback = "budget"
            return {"update": None}
        try:
            got = parts.understander.run(state, ts["turn"], parts.context_tokens, usage)
        except Exception as exc:  # the endpoint, the key, the SDK: the offline engine takes this turn
            usage.fallback = classify(exc)
            logger.debug("understand failed", exc_info=True)
            return {"update": None}
        if got.update is None:
            usage.fallback = "invalid"
        elif parts.log_user_text:
            logger.debug("turn %d: understood %s", ts["turn"], got.update.model_dump_json(exclude_defaults=True))
        usage.patterns = [str(p.get("id")) for p in got.patterns if p.get("id")]
        return {"update": got.update, "patterns": got.patterns}

    def after_understand(ts: TurnState) -> Literal["decide", "fallback"]:
        return "decide" if ts.get("update") is not None else "fallback"

    def fallback(ts: TurnState) -> dict[str, Any]:
        return {"reply": parts.fallback.respond(ts["state"], ts["turn"])}

    def decide_node(ts: TurnState) -> dict[str, Any]:
        update = ts.get("update")
        assert update is not None  # routed here only with an update
        state = ts["state"]
        asked = state.asking if state.phase == "interview" else None
        return {"decision": decide(state, update, ts["turn"], asked, parts.index, parts.kb, parts.rates)}

    def after_decide(ts: TurnState) -> Literal["ask", "done"]:
        return "ask" if ts["decision"].step is not None else "done"

    def done(ts: TurnState) -> dict[str, Any]:
        decision = ts["decision"]
        reply = Reply(decision.said, decision.topic)
        get_stream_writer()(reply.text)
        return {"reply": reply}

    def ask(ts: TurnState) -> dict[str, Any]:
        reply = parts.asker.run(
            ts["state"],
            ts["turn"],
            ts["decision"],
            ts.get("patterns", []),
            parts.context_tokens,
            ts["usage"],
            get_stream_writer(),
        )
        return {"reply": reply}

    graph: Any = StateGraph(TurnState)  # its add_node overloads do not accept plain closures under mypy
    graph.add_node("understand", understand)
    graph.add_node("fallback", fallback)
    graph.add_node("decide", decide_node)
    graph.add_node("ask", ask)
    graph.add_node("done", done)
    graph.add_edge(START, "understand")
    graph.add_conditional_edges("understand", after_understand)
    graph.add_conditional_edges("decide", after_decide)
    graph.add_edge("fallback", END)
    graph.add_edge("ask", END)
    graph.add_edge("done", END)
    return graph.compile(name="theme-assistant-interview")
