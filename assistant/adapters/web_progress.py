"""The progress strip: which topic of six the interview is on, the themes so far, and the proposal's downloads."""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import quote

from assistant.adapters.web_text import STRIP, TOPIC_NAMES
from assistant.state import InterviewState
from assistant.vocabulary import TOPICS, Lang


def file_url(path: Path) -> str:
    """Gradio's route for a file in `allowed_paths`; relative, so it also works under a proxy's sub-path."""
    return "gradio_api/file=" + quote(str(path))


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


def _ready(lang: Lang, md: Path | None, docx: Path | None) -> str:
    if md is None or docx is None:
        return ""
    w = STRIP[lang]
    return (
        f"<span class='ta-ready'>✔ {escape(w['ready'])} "
        f"<a id='cta-md' href='{escape(file_url(md))}' download='{escape(md.name)}'>{w['download']} .md</a> / "
        f"<a id='cta-docx' href='{escape(file_url(docx))}' download='{escape(docx.name)}'>.docx</a></span>"
    )


def progress_html(
    state: InterviewState | None,
    lang: Lang,
    md: Path | None = None,
    docx: Path | None = None,
    working: bool = False,
) -> str:
    """`working`: a turn is being answered (a summary turn takes seconds; the page must not look stuck)."""
    busy = (
        f"<span class='ta-working' role='status'><i class='ta-spinner'></i>{escape(STRIP[lang]['working'])}</span>"
        if working
        else ""
    )
    parts = [_topic(state, lang), _themes(state, lang), _ready(lang, md, docx), busy]
    return f"<div id='ta-progress' class='ta-strip'>{' '.join(p for p in parts if p)}</div>"
