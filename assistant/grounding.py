"""Turning a pain into a theme: the detection question, grounded in patterns, scored and ranked."""

from __future__ import annotations

import functools
from typing import Protocol

from assistant.core.estimate import estimate
from assistant.core.money import Rates
from assistant.knowledge import Pattern
from assistant.question_kind import asked_kind, compatible, weak_theme_kind
from assistant.retrieval import WEAK_CONFIDENCE, Hit
from assistant.scoring import assess_feasibility, rank_themes
from assistant.state import DetectionQuestion, Fact, InterviewState, Pain, PatternMatch, Quote, Theme
from assistant.vocabulary import Lang, TaskKind

_CANDIDATES = 10
#: Enough to rank every pattern of the knowledge base, to find one a model chose outside the first _CANDIDATES.
_EVERY = 1000
#: The detection question names at most this many inputs, the first said (more reads as a list of everything).
MAX_INPUTS = 8
#: A second or third pattern is shown only when its fused score is this close to the best one's.
CLOSE_SHARE = 0.85
_CACHE_SIZE = 512


class Searcher(Protocol):
    def __hash__(self) -> int: ...

    def search(self, query: str, k: int = 5, lang: Lang | None = None) -> list[Hit]: ...

    def same_meaning(self, a: str, b: str) -> bool: ...


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
def _search(index: Searcher, query: str, lang: Lang, k: int = _CANDIDATES) -> tuple[Hit, ...]:
    # Every turn re-grounds every open pain; the same words give the same patterns, so search once.
    return tuple(index.search(query, k=k, lang=lang))


def _hits(pain: Pain, state: InterviewState, index: Searcher) -> tuple[Hit, ...]:
    """The patterns the pain's words find, best first, with the one a model chose among them even when the words
    rank it lower (it chose from its own search: the choice must stick on the next turns)."""
    query = grounding_query(pain, state)
    hits = _search(index, query, state.lang)
    if pain.pattern in (None, "none") or any(h.pattern.id == pain.pattern for h in hits):
        return hits
    chosen = [h for h in _search(index, query, state.lang, _EVERY) if h.pattern.id == pain.pattern]
    return (*hits, *chosen)


def ground(pain: Pain, state: InterviewState, index: Searcher, k: int = 3) -> list[PatternMatch]:
    """The best pattern, with its calibrated confidence (weak when no pattern is close), then the next ones only
    when they are confident and close to it. Task kind and modality come from the pattern, never from cues."""
    hits = _hits(pain, state, index)
    if not hits:
        return []
    chosen = [h for h in hits if h.pattern.id == pain.pattern]
    # a model read the employee and chose among these: its choice leads, with its own confidence
    hits = (chosen[0], *(h for h in hits if h is not chosen[0])) if chosen else _of_the_asked_kind(hits, pain, state)
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
            # a pattern the model chose for what the employee said is no weak match, whatever the words' score:
            # the proposal follows its guidance (its confidence is still the search's, shown as it is)
            weak=(h.confidence < WEAK_CONFIDENCE and h.pattern.id != pain.pattern) or pain.pattern == "none",
        )
        for h in kept
    ]


def _of_the_asked_kind(hits: tuple[Hit, ...], pain: Pain, state: InterviewState) -> tuple[Hit, ...]:
    """A pattern of a kind that cannot answer the question asked ("which bus is heading for an overheat" is no route
    plan) leads only when no close, confident pattern of a fitting kind is found; one that is goes first."""
    asked = asked_kind(pain.target.value, state.lang) if pain.target else None
    if asked is None or compatible(asked, hits[0].pattern.task_kind):
        return hits
    top = hits[0]
    fitting = [
        h
        for h in hits[1:]
        if compatible(asked, h.pattern.task_kind)
        and h.confidence >= WEAK_CONFIDENCE
        and h.score >= CLOSE_SHARE * top.score
    ]
    if not fitting:
        return hits
    return (fitting[0], *(h for h in hits if h is not fitting[0]))


def task_kind(matches: list[PatternMatch], target: str, lang: Lang) -> TaskKind | None:
    """The theme's task kind: the close pattern's, else the one its question's form asks for (a weak pattern's kind
    says nothing about the question: a surgery's duration is no fall-risk classification)."""
    if matches and not matches[0].weak:
        return matches[0].task_kind
    asked = asked_kind(target, lang)
    return weak_theme_kind(asked, matches[0].task_kind) if matches else asked


def candidates(state: InterviewState, index: Searcher, k: int = 5) -> list[Hit]:
    """The patterns the pain in focus is grounded among (what a model is shown to choose from)."""
    pain = state.focus_pain()
    if pain is None:
        return []
    hits = _hits(pain, state, index)
    shown = list(hits[:k])
    return shown + [h for h in hits[k:] if h.pattern.id == pain.pattern]  # the model's choice stays choosable


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


#: The verb of the detection question by task kind: a forecast is forecast, an amount estimated, a plan worked
#: out (the seed question 何を基に何を検出したいのか stays the frame; "detect the right dose" misreads a setting).
VERBS: dict[Lang, dict[str, str]] = {
    "en": {
        "forecasting": "forecast",
        "regression": "estimate",
        "optimization": "work out",
        "extraction": "extract",
        "similarity": "find",
        "clustering": "group",
    },
    "ja": {
        "forecasting": "予測する",
        "regression": "推定する",
        "optimization": "求める",
        "extraction": "抽出する",
        "similarity": "探す",
        "clustering": "グループ分けする",
    },
}
DETECT: dict[Lang, str] = {"en": "detect", "ja": "検出する"}


def detection_sentence(inputs: list[str], target: str, lang: Lang, task_kind: str | None = None) -> str:
    """ "Based on X, detect Y." / 「Xを基に、Yを検出する」, with the verb of the task kind when one is known."""
    verb = VERBS[lang].get(task_kind or "", DETECT[lang])
    if lang == "ja":
        inputs = _noun_last(inputs)
        base = _join(inputs, lang) if inputs else "（確認中の判断材料）"
        return f"{base}を基に、{target}を{verb}"
    base = _join(inputs, lang) if inputs else "(the inputs, to be confirmed)"
    return f"Based on {base}, {verb} {target}."


def build_theme(
    pain: Pain,
    state: InterviewState,
    index: Searcher,
    kb: dict[str, Pattern],
    rates: Rates,
) -> Theme:
    lang = state.lang
    matches = ground(pain, state, index)
    # a weak match says nothing specific: none of its text (what one case is, when the truth is known, how it is done
    # today, what its data needs) reaches the question, the feasibility or the employee
    pattern = kb.get(matches[0].id) if matches and not matches[0].weak else None
    if pain.target:
        target = pain.target.value
    elif pattern is not None:
        target = pattern.target.get(lang)
    else:
        target = pain.text
    inputs = [i.value for i in pain.inputs[:MAX_INPUTS]]
    kind = task_kind(matches, target, lang) if pain.target or pattern is not None else None

    def from_pattern(text: str) -> Fact | None:
        if pattern is None:
            return None
        return Fact(value=text, quote=Quote(text=text, source="pattern", pattern_id=pattern.id))

    question = DetectionQuestion(
        text=detection_sentence(inputs, target, lang, kind),
        target=target,
        task_kind=kind,
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
