"""Runs eval cases through the chat service with the simulated employee and gathers the results."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from math import comb
from typing import Any

from assistant.evaluation.cases import Case
from assistant.evaluation.checks import Conversation, check, citations_ok, slot_accuracy, top_theme_json
from assistant.evaluation.simulator import answer
from assistant.evaluation.usage import summarize_usage, turns_json
from assistant.knowledge import KnowledgeBase
from assistant.service import ChatService
from assistant.state import InterviewState

_QUESTION_MARKS = ("?", "？")


@dataclass
class CaseResult:
    case: Case
    passed: bool
    turns: int
    checks: dict[str, bool]
    state: InterviewState
    slots: dict[str, bool | None]
    citations: bool | None
    reasked: list[str]
    questions_per_turn: list[int]
    seconds: float
    runs: list[bool] = field(default_factory=list)
    """Pass/fail of every repeat (with --repeat K)."""
    why: dict[str, str] = field(default_factory=dict)
    """For each failed check, the line that says why."""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.case.id,
            "lang": self.case.lang,
            "passed": self.passed,
            "turns": self.turns,
            "checks": self.checks,
            "why": self.why,
            "top_theme": top_theme_json(self.state),
            "expected": self.case.expect.model_dump(),
            "industry": self.case.persona.industry,
            "not_ml_verdict": self.state.not_ml_verdict,
            "slots": self.slots,
            "citations": self.citations,
            "reasked_topics": self.reasked,
            "questions_per_turn": self.questions_per_turn,
            "seconds": round(self.seconds, 3),
            "session_id": self.state.id,
            **({"llm_turns": turns_json(self.state)} if self.state.llm_usage else {}),
            **({"runs": self.runs} if len(self.runs) > 1 else {}),
        }


def converse(service: ChatService, case: Case, user_id: str = "eval") -> Conversation:
    """Play the case: opening, then the simulator's answers, until the proposal or verdict exists."""
    state = service.new_session(user_id)
    text = case.opening
    limit = case.expect.max_turns + 6
    turns = 0
    reasked: list[str] = []
    questions: list[int] = []
    answered: set[str] = set()
    for _ in range(limit):
        result = service.handle_state(state, text)
        turns += 1
        state = result.state
        reply = result.reply
        questions.append(sum(reply.count(q) for q in _QUESTION_MARKS))
        topic = state.asking
        if topic is not None and topic in answered and _filled(state, topic):
            reasked.append(topic)
        if state.proposal_ready or state.phase != "interview":
            return Conversation(state, turns, True, reasked, questions)
        text = answer(case, topic)
        if topic is not None and getattr(case.answers, topic, None):
            answered.add(topic)
    return Conversation(state, turns, False, reasked, questions)


def _filled(state: InterviewState, topic: str) -> bool:
    if topic == "work":
        return state.work is not None
    if topic == "pains":
        return bool(state.pains) and state.focus_pain() is not None
    pain = state.focus_pain()
    return pain is not None and topic not in pain.skipped and pain.has(topic)  # type: ignore[arg-type]


def run_case(service: ChatService, kb: KnowledgeBase, case: Case, repeat: int = 1) -> CaseResult:
    runs: list[CaseResult] = []
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        conv = converse(service, case)
        checks = check(case, conv, kb)
        runs.append(
            CaseResult(
                case=case,
                passed=checks.ok,
                turns=conv.turns,
                checks=checks.passed,
                why=checks.why,
                state=conv.state,
                slots=slot_accuracy(case, conv.state),
                citations=citations_ok(conv.state, kb),
                reasked=conv.reasked,
                questions_per_turn=conv.questions_per_turn,
                seconds=time.perf_counter() - started,
            )
        )
    first = runs[0]
    first.runs = [r.passed for r in runs]
    return first


def run_suite(
    service: ChatService,
    kb: KnowledgeBase,
    cases: Iterable[Case],
    repeat: int = 1,
    progress: Callable[[Case], None] | None = None,
) -> list[CaseResult]:
    results = []
    for case in cases:
        results.append(run_case(service, kb, case, repeat))
        if progress:
            progress(case)
    return results


def pass_hat_k(results: list[CaseResult], k: int) -> float | None:
    """pass^k: mean over cases of C(c, k) / C(n, k), with c successes in n runs."""
    values = []
    for r in results:
        n, c = len(r.runs), sum(r.runs)
        if n < k:
            return None
        values.append(comb(c, k) / comb(n, k))
    return sum(values) / len(values) if values else None


def summarize(results: list[CaseResult], repeat: int = 1) -> dict[str, Any]:
    def rate(items: list[bool]) -> float:
        return round(sum(items) / len(items), 4) if items else 0.0

    summary: dict[str, Any] = {
        "total": len(results),
        "passed": sum(r.passed for r in results),
        "pass_rate": rate([r.passed for r in results]),
    }
    by_lang: dict[str, list[bool]] = {}
    by_kind: dict[str, list[bool]] = {}
    per_check: dict[str, list[bool]] = {}
    per_lang_check: dict[str, dict[str, list[bool]]] = {}
    slots: dict[str, list[bool]] = {}
    confusion: dict[str, dict[str, int]] = {}
    for r in results:
        by_lang.setdefault(r.case.lang, []).append(r.passed)
        expected = r.case.expect.task_kinds[0] if r.case.expect.ml_theme else "not_ml"
        by_kind.setdefault(expected, []).append(r.passed)
        top = r.state.top_theme
        found_kind = (top.task_kind or "none") if top else ("not_ml" if r.state.not_ml_verdict else "none")
        confusion.setdefault(expected, {}).setdefault(found_kind, 0)
        confusion[expected][found_kind] += 1
        for name, ok in r.checks.items():
            per_check.setdefault(name, []).append(ok)
            per_lang_check.setdefault(r.case.lang, {}).setdefault(name, []).append(ok)
        for topic, slot_ok in r.slots.items():
            if slot_ok is not None:
                slots.setdefault(topic, []).append(slot_ok)
    summary["by_lang"] = {k: {"total": len(v), "passed": sum(v), "pass_rate": rate(v)} for k, v in by_lang.items()}
    summary["by_check"] = {k: rate(v) for k, v in sorted(per_check.items())}
    summary["by_lang_check"] = {
        lang: {k: rate(v) for k, v in sorted(checks.items())} for lang, checks in sorted(per_lang_check.items())
    }
    summary["by_task_kind"] = {k: {"total": len(v), "pass_rate": rate(v)} for k, v in sorted(by_kind.items())}
    summary["confusion"] = confusion
    summary["slot_accuracy"] = {k: rate(v) for k, v in sorted(slots.items())}
    asked_turns = [q for r in results for q in r.questions_per_turn]
    summary["questions_per_turn"] = {
        "mean": round(sum(asked_turns) / len(asked_turns), 3) if asked_turns else 0.0,
        "max": max(asked_turns, default=0),
        "turns_with_more_than_one": sum(1 for q in asked_turns if q > 1),
    }
    summary["reasked_topics"] = sum(len(r.reasked) for r in results)
    cited = [r.citations for r in results if r.citations is not None]
    summary["citation_rate"] = rate(cited)
    summary["mean_turns"] = round(sum(r.turns for r in results) / len(results), 2) if results else 0.0
    llm = summarize_usage(r.state for r in results)
    if llm is not None:
        summary["llm"] = llm
    if repeat > 1:
        summary["repeat"] = repeat
        summary["pass_hat_k"] = {str(k): pass_hat_k(results, k) for k in range(1, repeat + 1)}
    return summary
