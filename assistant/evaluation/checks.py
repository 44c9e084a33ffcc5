"""The checks of one finished eval conversation, as the design's contract defines them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant import prompts
from assistant.evaluation.cases import Case
from assistant.knowledge import KnowledgeBase
from assistant.proposal import build_proposal
from assistant.state import InterviewState

_JA = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_QUESTION = re.compile(r"[?？]")


@dataclass
class Conversation:
    """What the runner observed, turn by turn."""

    state: InterviewState
    turns: int
    """Assistant turns until the proposal (or the honest verdict) existed."""
    finished: bool
    reasked: list[str] = field(default_factory=list)
    """Topics asked again after they had been answered and filled."""
    questions_per_turn: list[int] = field(default_factory=list)


def reply_language_ok(text: str, lang: str) -> bool:
    has_ja = bool(_JA.search(text))
    return has_ja if lang == "ja" else not has_ja


def check(case: Case, conv: Conversation, kb: KnowledgeBase) -> dict[str, bool]:
    state = conv.state
    replies = [t.text for t in state.transcript if t.role == "assistant"]
    fallback = prompts.render("error_fallback", case.lang)
    checks: dict[str, bool] = {
        "no_errors": not any(fallback in r for r in replies),
        "turns": conv.finished and conv.turns <= case.expect.max_turns,
        "language": bool(replies) and all(reply_language_ok(r, case.lang) for r in replies),
    }
    if not case.expect.ml_theme:
        checks["verdict"] = state.not_ml_verdict
        return checks
    top = state.top_theme
    best = top.best if top else None
    checks["task_kind"] = best is not None and best.task_kind in case.expect.task_kinds
    checks["modality"] = best is not None and bool(set(best.modalities) & set(case.expect.modalities))
    target = (top.question.target if top else "").lower()
    checks["target"] = any(t.lower() in target for t in case.expect.target_any)
    inputs = " ".join(top.question.inputs if top else []).lower()
    checks["inputs"] = any(t.lower() in inputs for t in case.expect.inputs_any)
    proposal_ok = False
    if state.proposal_ready:
        proposal = build_proposal(state, kb)
        proposal_ok = not proposal.missing_sections()
    checks["proposal"] = proposal_ok
    return checks


def citations_ok(state: InterviewState, kb: KnowledgeBase) -> bool | None:
    """The proposal cites every pattern the theme matched (None when there is no proposal)."""
    if not state.proposal_ready or state.top_theme is None:
        return None
    proposal = build_proposal(state, kb)
    cited = {i.source.pattern_id for s in proposal.sections for i in s.items if i.source and i.source.pattern_id}
    return {m.id for m in state.top_theme.patterns} <= cited


def slot_accuracy(case: Case, state: InterviewState) -> dict[str, bool | None]:
    """Per topic: was the answer the employee gave turned into a filled slot? (None: not applicable)"""
    out: dict[str, bool | None] = dict.fromkeys(("work", "pains", "judgment", "inputs", "data", "value"))
    if not case.expect.ml_theme:
        return out
    top = state.top_theme
    pain = state.pain(top.pain_id) if top else None
    out["work"] = state.work is not None if case.answers.work else None
    out["pains"] = bool(state.pains)
    out["judgment"] = bool(
        pain and pain.target and any(t.lower() in pain.target.value.lower() for t in case.expect.target_any)
    )
    out["inputs"] = bool(
        pain and any(t.lower() in " ".join(i.value for i in pain.inputs).lower() for t in case.expect.inputs_any)
    )
    out["data"] = bool(pain and pain.data is not None and pain.data.exists is not None)
    has_numbers = bool(
        re.search(
            r"\d|[一二三四五六七八九十百千万億]|\b(one|two|three|four|five|six|seven|eight|nine|"
            r"ten|twelve|twenty|hundred|thousand|million|half|a few|dozen)\b",
            case.answers.value or "",
            re.IGNORECASE,
        )
    )
    out["value"] = (top is not None and top.value.per_year is not None) if has_numbers else None
    return out


def top_theme_json(state: InterviewState) -> dict[str, Any] | None:
    top = state.top_theme
    if top is None:
        return None
    return {
        "task_kind": top.task_kind,
        "modalities": top.modalities,
        "detection_question": top.question.text,
        "target": top.question.target,
        "inputs": top.question.inputs,
        "patterns": [m.id for m in top.patterns],
        "value_per_year": top.value.per_year,
        "currency": top.value.currency,
        "feasibility": top.feasibility.score,
    }
