"""Small helpers on the employee's free text: sentences, fillers, "I don't know", size, clipping."""

from __future__ import annotations

import re

from assistant.interview import cues
from assistant.language import tokens
from assistant.vocabulary import Lang

_SENTENCE = re.compile(r"(?<=[.!?。！？])\s*|\n+")
_FILLER_EN = re.compile(
    r"^\s*(?:(?:well|hmm+|um+|uh+|so|honestly|basically|mostly|mainly|usually|i guess|i think|i'd say|"
    r"to be honest|i suppose|okay|ok|yeah|yes|right|oh)\b[,.\s]*)+",
    re.IGNORECASE,
)
_FILLER_JA = re.compile(
    r"^\s*(?:(?:うーん|えーと|えっと|そうですね|まあ|正直|基本的に(?:は)?|主に|だいたい|普段(?:は)?|"
    r"いつもは|一番は|強いて言えば|なんというか)[、。…\s]*)+"
)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


def is_dont_know(text: str) -> bool:
    return bool(cues.DONT_KNOW.search(text.strip()))


def content_size(text: str) -> int:
    return len(tokens(text))


def is_vague(text: str, lang: Lang) -> bool:
    """Too little to work with: "I don't know", a hedge, or only a few content words."""
    return is_dont_know(text) or content_size(text) < 3


def strip_filler(text: str) -> str:
    text = _FILLER_EN.sub("", text)
    text = _FILLER_JA.sub("", text)
    return text.strip(" 、,.。")


def clip(text: str, words: int) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def clip_ja(text: str, chars: int = 70) -> str:
    return text if len(text) <= chars else text[:chars] + "…"
