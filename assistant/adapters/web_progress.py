"""The progress strip: which topic of six the interview is on, the themes so far, and the way to the proposal."""

from __future__ import annotations

from html import escape

from assistant.adapters.web_text import STRIP, TOPIC_NAMES
from assistant.state import InterviewState
from assistant.vocabulary import TOPICS, Lang


def _topic(state: InterviewState | None, lang: Lang) -> str:
    w, names = STRIP[lang], TOPIC_NAMES[lang]
    asking = state.asking if state is not None else "work"
    if asking is None or asking not in TOPICS:
        return f"<span class='ta-step'>{escape(w['done'])}</span>" if state and state.phase != "interview" else ""
    n = TOPICS.index(asking)
    step = w["topic"].format(n=n + 1, name=names[asking])
    following = TOPICS[n + 1] if n + 1 < len(TOPICS) else None
    after = f"<span class='ta-next'>{escape(w['next'].format(name=names[following]))}</span>" if following else ""
    dots = "".join(f"<i class='ta-dot{' on' if i <= n else ''}'></i>" for i in range(len(TOPICS)))
    return f"<span class='ta-dots' aria-hidden='true'>{dots}</span><span class='ta-step'>{escape(step)}</span>{after}"


def _themes(state: InterviewState | None, lang: Lang) -> str:
    w = STRIP[lang]
    n = len(state.themes) if state is not None else 0
    return f"<span class='ta-themes'>{escape(w['themes'].format(n=n) if n else w['no_themes'])}</span>"


def _ready(state: InterviewState | None, lang: Lang) -> str:
    if state is None or not state.proposal_ready:
        return ""
    w = STRIP[lang]
    # the files are written only when asked for: the link opens the Proposal tab and prepares them (CTA_JS)
    link = f"<a id='cta-proposal' href='#'>{escape(w['download'])}</a>"
    return f"<span class='ta-ready'>✔ {escape(w['ready'])} {link}</span>"


def progress_html(state: InterviewState | None, lang: Lang, working: bool = False) -> str:
    """`working`: a turn is being answered (a summary turn takes seconds; the page must not look stuck)."""
    busy = (
        f"<span class='ta-working' role='status'><i class='ta-spinner'></i>{escape(STRIP[lang]['working'])}</span>"
        if working
        else ""
    )
    parts = [_topic(state, lang), _themes(state, lang), _ready(state, lang), busy]
    return f"<div id='ta-progress' class='ta-strip'>{' '.join(p for p in parts if p)}</div>"
