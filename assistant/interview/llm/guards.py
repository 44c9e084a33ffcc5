"""Checks on what the model returns: quotes come from the employee, fillers fill nothing, questions are clean."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.core.update import TurnUpdate
from assistant.language import detect_language, normalize
from assistant.vocabulary import Lang

#: Whole messages that say nothing usable: never a pain, an input or a target, whatever a model reads.
_FILLER = re.compile(
    r"^(idk|i don'?t know|dunno|no idea|not sure|sorry|hmm+|um+|uh+|ok(ay)?|n/?a|nothing|pass|no comment|"
    r"すみません|すいません|ごめんなさい|わかりません|分かりません|わからない|分からない|知りません|特にない|特にありません|"
    r"うーん|えっと|さあ|なし)[\s.!?。！？…、,]*$",
    re.IGNORECASE,
)
#: Words that make a question sound like a sales pitch for ML rather than a colleague asking about work.
_JARGON = re.compile(
    r"machine learning|\bAI\b|\bmodels?\b|algorithm|data ?set|\blabels?\b|classification|regression|neural|"
    r"機械学習|ＡＩ|モデル|アルゴリズム|データセット|ラベル|分類|回帰|ニューラル",
    re.IGNORECASE,
)
MAX_QUESTION_CHARS = 600


def is_filler(text: str) -> bool:
    """The whole message is a don't-know, an apology or a filler."""
    return bool(_FILLER.match(normalize(text)))


def _found(quote: str, sources: Iterable[str]) -> bool:
    q = normalize(quote).strip(" \"'“”「」.。")
    return bool(q) and any(q in normalize(s) for s in sources)


def unquoted(update: TurnUpdate, message: str, earlier: list[str]) -> list[str]:
    """Quotes of the update that are not the employee's words (from this message or an earlier one)."""
    sources = [message, *earlier]
    quotes = [p.quote for p in update.pains] + [i.quote for i in update.inputs]
    quotes += [x.quote for x in (update.work, update.target, update.judge, update.data) if x is not None]
    quotes += [q.quote for q in update.quantities] + [c.quote for c in update.corrections]
    return [q for q in quotes if not _found(q, sources)]


def without_filler(update: TurnUpdate, message: str) -> TurnUpdate:
    """A filler message fills no slot: whatever was read from it is dropped and it counts as don't-know."""
    if not is_filler(message):
        return update
    return TurnUpdate(dont_know=True, vague=True, command=update.command)


def question_problem(text: str, lang: Lang, secrets: Iterable[str]) -> str | None:
    """Why a question written by the model must not go out (None: it may)."""
    if not text.strip():
        return "empty"
    if len(text) > MAX_QUESTION_CHARS:
        return "too_long"
    if detect_language(text, default=lang) != lang:
        return "language"
    if sum(text.count(m) for m in ("?", "？")) > 1:
        return "several_questions"
    if _JARGON.search(text):
        return "jargon"
    flat = normalize(text)
    for secret in secrets:
        if len(secret) >= 6 and normalize(secret) in flat:
            return "leak"
    return None
