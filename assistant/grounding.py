"""Turning a pain into a theme: the detection question, grounded in patterns, scored and ranked."""

from __future__ import annotations

from typing import Protocol

from assistant.interview.extract import modality_cues, task_cues
from assistant.knowledge import Pattern
from assistant.retrieval import Hit
from assistant.scoring import Rates, assess_feasibility, estimate_value, rank_themes
from assistant.state import DetectionQuestion, Fact, InterviewState, Pain, PatternMatch, Quote, Theme
from assistant.value import estimate
from assistant.vocabulary import Lang

#: How much a pattern gains when the data the employee looks at is of its modality, or when the way
#: they phrase what they want to know fits its task kind (the retrieval score is in [0, 1]).
MODALITY_BONUS = 0.12
TASK_BONUS = 0.05
_CANDIDATES = 10


class Searcher(Protocol):
    def search(self, query: str, k: int = 5, lang: Lang | None = None) -> list[Hit]: ...


def grounding_query(pain: Pain, state: InterviewState) -> str:
    parts = [pain.text]
    if pain.judgment:
        parts.append(pain.judgment.value)
    elif pain.target:
        parts.append(pain.target.value)
    parts += [i.value for i in pain.inputs]
    if state.work:
        parts.append(state.work.value)
    return "\n".join(parts)


def ground(pain: Pain, state: InterviewState, index: Searcher, k: int = 3) -> list[PatternMatch]:
    """The patterns that best fit the pain, re-ranked by what the inputs are made of and by how the
    target is phrased."""
    hits = index.search(grounding_query(pain, state), k=_CANDIDATES, lang=state.lang)
    if not hits:
        return []
    # the whole answers, not just the extracted items: "there's a camera on the tower" says "image"
    said = {i.quote.text for i in pain.inputs} | ({pain.data.quote.text} if pain.data and pain.data.quote else set())
    inputs_text = " ".join([*(i.value for i in pain.inputs), *sorted(said)])
    modalities = set(modality_cues(inputs_text)[:2])
    tasks = task_cues((pain.judgment.value if pain.judgment else "") + " " + pain.text)
    scored = []
    for h in hits:
        bonus = MODALITY_BONUS if modalities & set(h.pattern.modalities) else 0.0
        if h.pattern.task_kind in tasks:
            bonus += TASK_BONUS
        # kept in [0, 1] so the match shown to the employee reads like a share
        scored.append(((h.score + bonus) / (1 + MODALITY_BONUS + TASK_BONUS), h.pattern))
    scored.sort(key=lambda s: -s[0])
    return [
        PatternMatch(
            id=p.id,
            title=p.title.get(state.lang),
            task_kind=p.task_kind,
            modalities=list(p.modalities),
            score=round(s, 4),
        )
        for s, p in scored[:k]
    ]


def _join(items: list[str], lang: Lang) -> str:
    if lang == "ja":
        return "、".join(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def detection_sentence(inputs: list[str], target: str, lang: Lang) -> str:
    if lang == "ja":
        base = _join(inputs, lang) if inputs else "（確認中の判断材料）"
        return f"{base}を基に、{target}を検出する"
    base = _join(inputs, lang) if inputs else "(what you look at today, to be confirmed)"
    return f"Based on {base}, detect {target}."


def build_theme(
    pain: Pain,
    state: InterviewState,
    index: Searcher,
    kb: dict[str, Pattern],
    rates: Rates,
) -> Theme:
    lang = state.lang
    matches = ground(pain, state, index)
    pattern = kb.get(matches[0].id) if matches else None
    if pain.target:
        target = pain.target.value
    elif pattern is not None:
        target = pattern.target.get(lang)
    else:
        target = pain.text
    inputs = [i.value for i in pain.inputs]

    def from_pattern(text: str) -> Fact | None:
        if pattern is None:
            return None
        return Fact(value=text, quote=Quote(text=text, source="pattern", pattern_id=pattern.id))

    question = DetectionQuestion(
        text=detection_sentence(inputs, target, lang),
        target=target,
        inputs=inputs,
        entity=from_pattern(pattern.entity.get(lang)) if pattern else None,
        output_shape=pattern.output_shape if pattern else None,
        truth_wait=from_pattern(pattern.truth_wait.get(lang)) if pattern else None,
        baseline=pain.judge or (from_pattern(pattern.baseline.get(lang)) if pattern else None),
    )
    return Theme(
        id=f"theme-{pain.id}",
        pain_id=pain.id,
        question=question,
        patterns=matches,
        value=estimate(pain, lang, rates) if pain.measures else estimate_value(pain, lang, rates),
        feasibility=assess_feasibility(pain, pattern, lang),
        complete=pain.complete,
    )


def refresh_themes(state: InterviewState, index: Searcher, kb: dict[str, Pattern], rates: Rates) -> None:
    """Rebuild every theme from the pains (not-ML pains have none) and rank them."""
    themes = [build_theme(p, state, index, kb, rates) for p in state.pains if not p.not_ml]
    state.themes = rank_themes(themes)
