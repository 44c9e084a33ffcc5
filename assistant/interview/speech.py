"""How the interviewer speaks, for every backend: the employee's language, named templates, joined parts."""

from __future__ import annotations

from assistant import prompts
from assistant.language import detect_language, normalize
from assistant.state import InterviewState, Pain
from assistant.understanding.phrases import short_phrase


def follow_language(state: InterviewState, text: str) -> None:
    """The employee's language, unless they chose one; a switch mid-interview needs a real sentence."""
    if state.lang_locked:
        return
    first = not any(t.role == "assistant" for t in state.transcript)
    detected = detect_language(text, default=state.lang)
    # Switch mid-interview only on a real sentence, not on a product name or "OK".
    if first or (detected != state.lang and len(normalize(text)) >= 12):
        state.lang = detected


def say(state: InterviewState, name: str, **values: object) -> str:
    """A named template in the employee's language (its variant changes with the turn, so it does not repeat)."""
    return prompts.render(name, state.lang, variant=state.assistant_turns(), **values)


def join(state: InterviewState, *parts: str) -> str:
    """Sentences in a row: a space between English ones, nothing between Japanese ones."""
    sep = " " if state.lang == "en" else ""
    return sep.join(p for p in parts if p).strip()


def listing(state: InterviewState, items: list[str]) -> str:
    """Items in a row, with the language's list separator."""
    return ("、" if state.lang == "ja" else ", ").join(items)


def pain_phrase(state: InterviewState, pain: Pain | None = None) -> str:
    """The pain in focus (or `pain`) as a phrase short enough to quote in a sentence."""
    pain = pain or state.focus_pain()
    return short_phrase(pain.text, state.lang, limit=12) if pain else ""
