"""The play-back of the top theme that ends an interview, in the employee's language (any backend)."""

from __future__ import annotations

from typing import Any

from assistant import prompts
from assistant.core.money import money
from assistant.state import InterviewState


def summary_text(state: InterviewState) -> str:
    """Pain, detection question, closest patterns, value and feasibility of the top theme."""
    top = state.top_theme
    if top is None:
        raise ValueError("no theme to summarize yet")
    lang = state.lang

    def say(name: str, **values: Any) -> str:
        return prompts.render(name, lang, **values)

    pain = state.pain(top.pain_id)
    close = [p for p in top.patterns[:2] if not p.weak]  # a weak match is no pattern to name
    none = say("patterns_none_close") if top.patterns else say("patterns_none")
    patterns = ", ".join(f"{p.title} ({p.id})" for p in close) or none
    if top.value.per_year is not None:
        value = money(top.value.per_year, top.value.currency or "USD", lang) + ("/年" if lang == "ja" else " per year")
        if top.value.arithmetic:
            amounts = [line for line in top.value.arithmetic if any(c in line for c in "$€£¥円")]
            how = amounts[-1] if amounts else top.value.arithmetic[0]
            value += f" ({how})" if lang == "en" else f"（{how}）"
    else:
        value = say("value_unknown")
    good = [r.text for r in top.feasibility.reasons if r.positive][:2]
    bad = [r.text for r in top.feasibility.reasons if not r.positive][:1]
    sep = "、" if lang == "ja" else "; "
    feasibility = say("feasibility_summary", score=round(top.feasibility.score * 100), reasons=sep.join(good + bad))
    return say(
        "summary",
        pain=pain.text if pain else "",
        question=top.question.text,
        patterns=patterns,
        value=value,
        feasibility=feasibility,
    )
