"""Model calls, tokens and fallbacks per turn, from the interview states (LLM backend; empty offline)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from assistant.state import InterviewState


def turns_json(state: InterviewState) -> list[dict[str, Any]]:
    """One row per recent employee turn or proposal rewrite (the state keeps the last RECENT_USAGE): calls,
    tokens in and out, and why the offline engine stepped in (a rewrite: why it was not used)."""
    return [
        {
            "turn": u.turn,
            "kind": u.kind,
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
    """Totals and per-turn means over every turn of every case (from the states' running totals, so turns beyond
    the recent rows count too); None when no model was used (offline backend)."""
    totals = [s.llm_totals for s in states]
    n = sum(t.turns for t in totals)
    if not n:
        return None
    fallbacks: Counter[str] = Counter()
    asks: Counter[str] = Counter()
    rewrites_unused: Counter[str] = Counter()
    for t in totals:
        fallbacks.update(t.fallbacks)
        asks.update(t.ask_fallbacks)
        rewrites_unused.update(t.rewrite_fallbacks)
    calls = sum(t.calls for t in totals)
    tokens_in, tokens_out = sum(t.tokens_in for t in totals), sum(t.tokens_out for t in totals)
    return {
        "turns": n,
        "calls": calls,
        "tokens_in": tokens_in,
        "tokens_out": tokens_out,
        "calls_per_turn": round(calls / n, 2),
        "tokens_per_turn": round((tokens_in + tokens_out) / n, 1),
        "repaired_turns": sum(t.repaired for t in totals),
        "fallback_turns": sum(fallbacks.values()),
        "fallbacks": dict(sorted(fallbacks.items())),
        "template_questions": dict(sorted(asks.items())),
        "rewrite_calls": sum(t.rewrites for t in totals),
        "rewrites_not_used": dict(sorted(rewrites_unused.items())),
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
        f"- Proposal rewrite calls (in the calls and tokens above): {summary['rewrite_calls']}"
        + (
            f"; not used: {', '.join(f'{k}: {v}' for k, v in summary['rewrites_not_used'].items())}"
            if summary["rewrites_not_used"]
            else ""
        ),
    ]
