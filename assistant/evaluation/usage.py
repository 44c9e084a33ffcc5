"""Model calls, tokens and fallbacks per turn, from the interview states (LLM backend; empty offline)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from assistant.state import InterviewState


def turns_json(state: InterviewState) -> list[dict[str, Any]]:
    """One row per employee turn: calls, tokens in and out, and why the offline engine stepped in."""
    return [
        {
            "turn": u.turn,
            "calls": u.calls,
            "tokens_in": u.tokens_in,
            "tokens_out": u.tokens_out,
            "fallback": u.fallback,
            "ask_fallback": u.ask_fallback,
            "repaired": u.repaired,
        }
        for u in state.llm_usage
    ]


def summarize_usage(states: Iterable[InterviewState]) -> dict[str, Any] | None:
    """Totals and per-turn means over every case; None when no model was used (offline backend)."""
    rows = [u for s in states for u in s.llm_usage]
    if not rows:
        return None
    n = len(rows)
    fallbacks = Counter(u.fallback for u in rows if u.fallback)
    asks = Counter(u.ask_fallback for u in rows if u.ask_fallback)
    return {
        "turns": n,
        "calls": sum(u.calls for u in rows),
        "tokens_in": sum(u.tokens_in for u in rows),
        "tokens_out": sum(u.tokens_out for u in rows),
        "calls_per_turn": round(sum(u.calls for u in rows) / n, 2),
        "tokens_per_turn": round(sum(u.tokens_in + u.tokens_out for u in rows) / n, 1),
        "repaired_turns": sum(u.repaired for u in rows),
        "fallback_turns": sum(fallbacks.values()),
        "fallbacks": dict(sorted(fallbacks.items())),
        "template_questions": dict(sorted(asks.items())),
    }


def usage_markdown(summary: dict[str, Any]) -> list[str]:
    """The report's section on model use."""
    return [
        "",
        "## Model calls (llm backend)",
        "",
        f"- Employee turns: {summary['turns']}; model calls: {summary['calls']} "
        f"({summary['calls_per_turn']} per turn); tokens: {summary['tokens_in']} in, {summary['tokens_out']} out "
        f"({summary['tokens_per_turn']} per turn, counted offline)",
        f"- Turns whose update needed the repair: {summary['repaired_turns']}",
        f"- Turns answered by the offline engine: {summary['fallback_turns']} "
        + (f"({', '.join(f'{k}: {v}' for k, v in summary['fallbacks'].items())})" if summary["fallbacks"] else ""),
        "- Questions from the template instead of the model: "
        + (", ".join(f"{k}: {v}" for k, v in summary["template_questions"].items()) or "none"),
    ]
