"""Turning a pain into a theme: the detection question, grounded in patterns, scored and ranked."""

from __future__ import annotations

import functools
from typing import Protocol

from assistant.core.estimate import estimate
from assistant.core.money import Rates
from assistant.knowledge import Pattern
from assistant.retrieval import WEAK_CONFIDENCE, Hit
from assistant.scoring import assess_feasibility, rank_themes
from assistant.state import DetectionQuestion, Fact, InterviewState, Pain, PatternMatch, Quote, Theme
from assistant.vocabulary import Lang

_CANDIDATES = 10
#: A second or third pattern is shown only when its fused score is this close to the best one's.
CLOSE_SHARE = 0.85
_CACHE_SIZE = 512


class Searcher(Protocol):
    def __hash__(self) -> int: ...

    def search(self, query: str, k: int = 5, lang: Lang | None = None) -> list[Hit]: ...


def grounding_query(pain: Pain, state: InterviewState) -> str:
    """Everything the employee said about this pain: the pain in their words, the whole judgment answer, what
    they look at, and their work, so a short last answer never grounds the theme alone."""
    parts = [pain.quote.text, pain.text]
    if pain.judgment:
        parts.append(pain.judgment.quote.text)
    if pain.target:
        parts.append(pain.target.value)
    parts += [i.quote.text for i in pain.inputs] + [i.value for i in pain.inputs]
    if state.work:
        parts.append(state.work.value)
    return "\n".join(dict.fromkeys(p.strip() for p in parts if p and p.strip()))


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _search(index: Searcher, query: str, lang: Lang) -> tuple[Hit, ...]:
    # Every turn re-grounds every open pain; the same words give the same patterns, so search once.
    return tuple(index.search(query, k=_CANDIDATES, lang=lang))


def ground(pain: Pain, state: InterviewState, index: Searcher, k: int = 3) -> list[PatternMatch]:
    """The best pattern, with its calibrated confidence (weak when no pattern is close), then the next ones only
    when they are confident and close to it. Task kind and modality come from the pattern, never from cues."""
    hits = _search(index, grounding_query(pain, state), state.lang)
    if not hits:
        return []
    chosen = [h for h in hits if h.pattern.id == pain.pattern]
    if chosen:  # a model read the employee and chose among these: its choice leads, with its own confidence
        hits = (chosen[0], *(h for h in hits if h is not chosen[0]))
    top = hits[0]
    close = [h for h in hits[1:] if h.confidence >= WEAK_CONFIDENCE and h.score >= CLOSE_SHARE * top.score]
    kept = [top, *close[: k - 1]]
    if pain.pattern == "none":  # none of the patterns detects what the employee needs: none is close
        kept = [top]
    return [
        PatternMatch(
            id=h.pattern.id,
            title=h.pattern.title.get(state.lang),
            task_kind=h.pattern.task_kind,
            modalities=list(h.pattern.modalities),
            score=round(h.score, 4),
            confidence=round(h.confidence, 4),
            weak=h.confidence < WEAK_CONFIDENCE or pain.pattern == "none",
        )
        for h in kept
    ]


def candidates(state: InterviewState, index: Searcher, k: int = 5) -> list[Hit]:
    """The patterns the pain in focus is grounded among (what a model is shown to choose from)."""
    pain = state.focus_pain()
    if pain is None:
        return []
    return list(_search(index, grounding_query(pain, state), state.lang)[:k])


def _join(items: list[str], lang: Lang) -> str:
    if lang == "ja":
        return "、".join(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _noun_last(items: list[str]) -> list[str]:
    """「…を基に」 needs a noun before it: question-shaped items (「〜か」) go first, a noun phrase last."""
    questions = [i for i in items if i.rstrip("）)").endswith(("か", "かどうか"))]
    nouns = [i for i in items if i not in questions]
    return questions + nouns if nouns else items


def detection_sentence(inputs: list[str], target: str, lang: Lang) -> str:
    if lang == "ja":
        inputs = _noun_last(inputs)
        base = _join(inputs, lang) if inputs else "（確認中の判断材料）"
        return f"{base}を基に、{target}を検出する"
    base = _join(inputs, lang) if inputs else "(the inputs, to be confirmed)"
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
        value=estimate(pain.cost, lang, rates, pain.avoidable),
        feasibility=assess_feasibility(pain, pattern, lang),
        complete=pain.complete,
    )


def refresh_themes(state: InterviewState, index: Searcher, kb: dict[str, Pattern], rates: Rates) -> None:
    """Rebuild every theme from the pains (not-ML pains have none) and rank them."""
    themes = [build_theme(p, state, index, kb, rates) for p in state.pains if not p.not_ml]
    state.themes = rank_themes(themes)
