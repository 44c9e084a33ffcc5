"""The checks of one finished eval conversation: the design's contract, each with the reason it failed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant import prompts
from assistant.evaluation.cases import Case
from assistant.evaluation.wellformed import input_problems, phrase_problems, question_problems
from assistant.knowledge import KnowledgeBase
from assistant.proposal import build_proposal
from assistant.state import InterviewState, Pain, Theme
from assistant.vocabulary import Lang

_JA = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
#: Answers that carry no fact (the eval's own reading, independent of the engine's).
_DONT_KNOW = re.compile(
    r"^\W*(?:i )?(?:don'?t|do not) know\W*$|^\W*(?:idk|no idea|not sure|dunno)\W*$|"
    r"^\W*(?:わかりません|分かりません|わからない|分からない|知りません|不明です)\W*$",
    re.IGNORECASE,
)
#: Provenances that mean the employee said it (in the chat or in the edit box).
_EMPLOYEE = ("employee", "edit")


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


@dataclass
class Checks:
    """Pass/fail per check, and for each failure one line a person can judge it by."""

    passed: dict[str, bool] = field(default_factory=dict)
    why: dict[str, str] = field(default_factory=dict)

    def set(self, name: str, ok: bool, why: str = "") -> None:
        self.passed[name] = bool(ok)
        if not ok and why:
            self.why[name] = why

    @property
    def ok(self) -> bool:
        return all(self.passed.values())


def reply_language_ok(text: str, lang: str) -> bool:
    has_ja = bool(_JA.search(text))
    return has_ja if lang == "ja" else not has_ja


def term_in(term: str, text: str, lang: Lang) -> bool:
    """`term` occurs in `text` as a word (English: at word boundaries, plural and -ed/-ing allowed;
    Japanese: as a substring, since words are not spaced)."""
    term, text = term.lower().strip(), text.lower()
    if not term:
        return False
    if lang == "ja" or _JA.search(term):
        return term in text
    return re.search(rf"(?<![a-z0-9]){re.escape(term)}(?:s|es|ed|d|ing)?(?![a-z0-9])", text) is not None


def said(answer: str | None) -> bool:
    """The simulated employee gives a fact for this topic (an answer that is not "I don't know")."""
    return bool(answer and answer.strip() and not _DONT_KNOW.match(answer.strip()))


def check(case: Case, conv: Conversation, kb: KnowledgeBase) -> Checks:
    state = conv.state
    replies = [t.text for t in state.transcript if t.role == "assistant"]
    fallback = prompts.render("error_fallback", case.lang)
    c = Checks()
    c.set("no_errors", not any(fallback in r for r in replies), "a turn failed and got the error reply")
    c.set(
        "turns",
        conv.finished and conv.turns <= case.expect.max_turns,
        f"{conv.turns} assistant turns, finished={conv.finished}, max {case.expect.max_turns}",
    )
    bad_lang = next((r for r in replies if not reply_language_ok(r, case.lang)), None)
    c.set("language", bool(replies) and bad_lang is None, f"a reply is not in {case.lang}: {str(bad_lang)[:80]!r}")
    if not case.expect.ml_theme:
        c.set("verdict", state.not_ml_verdict, "expected the honest verdict 'not an ML theme'")
        return c
    top = state.top_theme
    if top is None:
        for name in ("task_kind", "modality", "pattern", "target", "inputs", "value", "proposal"):
            c.set(name, False, "no theme at the end of the interview")
        for name in ("well_formed", "clean_inputs", "facts_kept"):
            c.set(name, False, "no theme at the end of the interview")
        return c
    pain = state.pain(top.pain_id)
    _theme_checks(c, case, top, pain)
    _wording_checks(c, case, top)
    c.set("facts_kept", *_facts_kept(case, top, pain))
    proposal_ok = False
    if state.proposal_ready:
        proposal_ok = not build_proposal(state, kb).missing_sections()
    c.set("proposal", proposal_ok, "no proposal, or a required section is empty")
    return c


def _theme_checks(c: Checks, case: Case, top: Theme, pain: Pain | None) -> None:
    exp, lang = case.expect, case.lang
    best = top.best
    found = f"top pattern {best.id} ({best.task_kind}, {', '.join(best.modalities)})" if best else "no pattern"
    # the theme's kind: its close pattern's, else the one its question asks for (a weak pattern's kind is no answer)
    kind = top.task_kind
    c.set("task_kind", kind in exp.task_kinds, f"task kind {kind} ({found}); expected {exp.task_kinds}")
    c.set(
        "modality",
        best is not None and bool(set(best.modalities) & set(exp.modalities)),
        f"{found}; expected {exp.modalities}",
    )
    if exp.patterns_any:
        c.set("pattern", best is not None and best.id in exp.patterns_any, f"{found}; expected {exp.patterns_any}")
    # The target and inputs must be the employee's (not the pattern's text filling a gap) and name the thing.
    target_said = pain is not None and pain.target is not None and pain.target.quote.source in _EMPLOYEE
    target = top.question.target
    c.set(
        "target",
        target_said and any(term_in(t, target, lang) for t in exp.target_any),
        f"target {target!r} ({'from the employee' if target_said else 'not from the employee'}); "
        f"expected a word of {exp.target_any}",
    )
    inputs_said = pain is not None and any(i.quote.source in _EMPLOYEE for i in pain.inputs)
    joined = " / ".join(top.question.inputs)
    c.set(
        "inputs",
        inputs_said and any(term_in(t, joined, lang) for t in exp.inputs_any),
        f"inputs {joined!r}; expected a word of {exp.inputs_any}",
    )
    if exp.checks_value:
        c.set("value", *_value_ok(case, top))


def stated_value(top: Theme) -> float | None:
    """The yearly figure the assistant states: one it doubts is asked about instead (never stated as fact)."""
    return None if top.value.doubt else top.value.per_year


def _value_ok(case: Case, top: Theme) -> tuple[bool, str]:
    expected = case.expect.value
    got, currency = stated_value(top), top.value.currency
    shown = "no figure" if got is None else f"{got:,.0f} {currency}"
    if top.value.doubt and top.value.per_year is not None:
        shown = f"no figure stated ({top.value.per_year:,.0f} {currency} asked about)"
    if expected is None:
        return got is None, f"{shown}; the answers give no way to compute a figure"
    ok = got is not None and currency == expected.currency and expected.min <= got <= expected.max
    return ok, f"{shown}; expected {expected.min:,.0f}..{expected.max:,.0f} {expected.currency}"


def _wording_checks(c: Checks, case: Case, top: Theme) -> None:
    lang = case.lang
    problems = question_problems(top.question.text, lang) + phrase_problems(top.question.target, lang)
    c.set("well_formed", not problems, "; ".join(dict.fromkeys(problems)))
    bad = [p for item in top.question.inputs for p in input_problems(item, lang)]
    c.set("clean_inputs", not bad, "; ".join(bad))


def _facts_kept(case: Case, top: Theme, pain: Pain | None) -> tuple[bool, str]:
    """Nothing the employee stated is reported as missing or unknown in the top theme."""
    if pain is None:
        return False, "the top theme has no pain"
    lost: list[str] = []
    answers = case.answers
    if said(answers.judgment) and (pain.target is None or "judgment" in pain.skipped):
        lost.append("the judgment was answered, but the target is missing")
    if said(answers.inputs) and (not pain.inputs or "inputs" in pain.skipped):
        lost.append("the inputs were answered, but none is kept")
    if said(answers.data) and (pain.data is None or pain.data.exists is None):
        lost.append("what is recorded was answered, but is reported as unknown")
    expected = case.expect.value if case.expect.checks_value else None
    if expected is not None and top.value.per_year is None:
        lost.append("the answers give the cost and how often, but the value is reported as unknown")
    return not lost, "; ".join(lost)


def citations_ok(state: InterviewState, kb: KnowledgeBase) -> bool | None:
    """The proposal cites every close pattern the theme matched and nothing of a weak one (None when there is no
    proposal)."""
    if not state.proposal_ready or state.top_theme is None:
        return None
    proposal = build_proposal(state, kb)
    cited = {i.source.pattern_id for s in proposal.sections for i in s.items if i.source and i.source.pattern_id}
    matched = state.top_theme.patterns
    return {m.id for m in matched if not m.weak} <= cited and not {m.id for m in matched if m.weak} & cited


def slot_accuracy(case: Case, state: InterviewState) -> dict[str, bool | None]:
    """Per topic: was the answer the employee gave turned into a filled slot? (None: not applicable)"""
    out: dict[str, bool | None] = dict.fromkeys(("work", "pains", "judgment", "inputs", "data", "value"))
    if not case.expect.ml_theme:
        return out
    top = state.top_theme
    pain = state.pain(top.pain_id) if top else None
    lang = case.lang
    out["work"] = state.work is not None if case.answers.work else None
    out["pains"] = bool(state.pains)
    out["judgment"] = bool(
        pain and pain.target and any(term_in(t, pain.target.value, lang) for t in case.expect.target_any)
    )
    out["inputs"] = bool(
        pain and any(term_in(t, " / ".join(i.value for i in pain.inputs), lang) for t in case.expect.inputs_any)
    )
    out["data"] = (
        bool(pain and pain.data is not None and pain.data.exists is not None) if said(case.answers.data) else None
    )
    out["value"] = (top is not None and top.value.per_year is not None) if said(case.answers.value) else None
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
        "pattern_confidence": top.patterns[0].confidence if top.patterns else None,
        "weak_match": bool(top.patterns and top.patterns[0].weak),
        "value_per_year": stated_value(top),
        "value_asked_about": top.value.per_year if top.value.doubt else None,
        "currency": top.value.currency,
        "value_arithmetic": top.value.arithmetic,
        "feasibility": top.feasibility.score,
    }
