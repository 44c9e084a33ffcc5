"""Value (money per year, arithmetic shown) and feasibility (with reasons) of a theme."""

from __future__ import annotations

import re
from typing import Any

from assistant import prompts
from assistant.core.yearly import events_per_year
from assistant.knowledge import Pattern
from assistant.state import Feasibility, Pain, Quote, Reason, Theme
from assistant.vocabulary import Lang

_NUMBER = re.compile(r"(\d[\d,.]*)")


def _amount_number(text: str | None) -> float | None:
    if not text:
        return None
    m = _NUMBER.search(text.replace(",", ""))
    if not m:
        return None
    n = float(m.group(1))
    if re.search(r"years?|年", text) and not re.search(r"件|rows|records|entries|cases|枚|photos|images", text):
        n *= 250  # years of daily records, roughly
    if "万" in text:
        n *= 1e4
    return n


def _aside(note: str | None, lang: Lang) -> str:
    """A short note in brackets after a reason ("… only in part (some shops fill it in)"), or nothing."""
    if not note:
        return ""
    return f"（{note}）" if lang == "ja" else f" ({note})"


def outcomes_recorded(pain: Pain, pattern: Pattern | None) -> bool | None:
    """Are past outcomes (labels) recorded? For a forecast, the recorded history of the quantity itself is."""
    data = pain.data
    if data and data.exists and pattern is not None and pattern.task_kind == "forecasting" and not data.labels:
        return True
    return data.labels if data else None


def assess_feasibility(pain: Pain, pattern: Pattern | None, lang: Lang) -> Feasibility:
    """Data exists, outcomes are recorded, the judgment repeats, the truth comes soon, enough examples."""
    reasons: list[Reason] = []
    score = 0.0

    def reason(points: float, name: str, positive: bool, quote: Quote | None = None, **values: Any) -> None:
        nonlocal score
        score += points
        reasons.append(Reason(text=prompts.render(name, lang, **values), positive=positive, quote=quote))

    data = pain.data
    quote = data.quote if data else None
    if data and data.exists and "data" in data.partly:
        reason(0.2, "feas_data_partly", True, quote, note=_aside(data.note, lang))
    elif data and data.exists:
        reason(0.3, "feas_data_yes", True, quote)
    elif data and data.exists is False:
        reason(0.0, "feas_data_no", False, quote)
    else:
        reason(0.1, "feas_data_unknown", False)
    labels = outcomes_recorded(pain, pattern)
    if labels and data is not None and "outcomes" in data.partly:
        reason(0.12, "feas_labels_partly", True, quote, note=_aside(data.note, lang))
    elif labels:
        reason(0.25, "feas_labels_yes", True, quote)
    elif pattern is not None and not pattern.data_needs.labels_required:
        reason(
            0.2,
            "feas_labels_not_needed",
            True,
            Quote(text=pattern.id, source="pattern", pattern_id=pattern.id),
            pattern=pattern.id,
        )
    elif labels is False:
        reason(0.0, "feas_labels_no", False, quote)
    else:
        reason(0.1, "feas_labels_unknown", False)
    repeats = events_per_year(pain.cost)
    if repeats is not None:
        count, said = repeats
        turn = pain.quote.turn
        if count >= 12:
            reason(0.15, "feas_repeats", True, Quote(text=said, turn=turn))
        else:
            reason(0.07, "feas_rare", False, Quote(text=said, turn=turn))
    else:
        score += 0.05
    if pattern is not None:
        wait = pattern.truth_wait.get(lang)
        pq = Quote(text=wait, source="pattern", pattern_id=pattern.id)
        if pattern.truth_wait_days <= 30:
            reason(0.15, "feas_truth_soon", True, pq, wait=wait)
        elif pattern.truth_wait_days <= 365:
            reason(0.08, "feas_truth_slow", False, pq, wait=wait)
        else:
            reason(0.02, "feas_truth_very_slow", False, pq, wait=wait)
        amount = data.amount if data else None
        n = _amount_number(amount)
        needed = f"{pattern.data_needs.min_examples:,}"
        counted = amount is not None and not re.search(r"years?|年", amount)
        if n is not None and n >= pattern.data_needs.min_examples:
            reason(0.15, "feas_enough", True, quote, n=needed)
        elif n is not None and counted:  # "10 years" says little about how many cases; only a count can be too few
            reason(0.05, "feas_few", False, quote, n=needed)
    if pain.difficulty == "hard":
        reason(0.0, "feas_hard", True, pain.judge.quote if pain.judge else None)
    return Feasibility(score=round(min(score, 1.0), 3), reasons=reasons)


def rank_themes(themes: list[Theme]) -> list[Theme]:
    """Best first: complete themes, then expected value (value x feasibility), then feasibility."""

    def key(t: Theme) -> tuple[int, float, float]:
        v = t.value.per_year or 0.0
        return (int(t.complete), v * max(t.feasibility.score, 0.05), t.feasibility.score)

    ranked = sorted(themes, key=key, reverse=True)
    for i, t in enumerate(ranked, start=1):
        t.rank = i
    return ranked
