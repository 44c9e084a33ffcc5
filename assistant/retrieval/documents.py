"""What of a pattern is embedded (dense documents) and what is searched by words (the lexical text)."""

from __future__ import annotations

from typing import Literal

from assistant.embedding import HashingEmbeddingFunction
from assistant.knowledge import Pattern
from assistant.vocabulary import LANGS, Lang

#: `full`: per language, the profile plus every pain phrase on its own (a short complaint can match the
#: one phrase it resembles). `compact`: per language, one short document (title and target), a ninth of
#: the text. The sentence embeddings cost about 36 µs per token (USE), so `full` would take 6 minutes at
#: 10,000 patterns, and on eval/retrieval `compact` ranked as well with them (README); the hashing
#: embedding is nearly free and needs the pains' words, so it keeps `full`.
Layout = Literal["full", "compact"]

#: (doc id, text, lang, pattern id)
Document = tuple[str, str, Lang, str]


def layout_for(embedding: str) -> Layout:
    """The layout for an embedding function (its Chroma name). The full layout was tried with USE on
    eval/retrieval: MRR 0.92/0.88 (en/ja) against 0.94/0.92 compact, so sentence embeddings stay compact."""
    return "full" if embedding == HashingEmbeddingFunction.name() else "compact"


def pattern_documents(p: Pattern, layout: Layout = "full") -> list[Document]:
    docs: list[Document] = []
    for lang in LANGS:
        if layout == "compact":
            text = " / ".join([p.title.get(lang), p.target.get(lang)])
            docs.append((f"{p.id}:{lang}:compact", text, lang, p.id))
            continue
        profile = " / ".join(
            [
                p.title.get(lang),
                p.detection.get(lang),
                p.target.get(lang),
                p.entity.get(lang),
                " ".join(p.inputs.get(lang)),
                " ".join(p.keywords.get(lang)),
            ]
        )
        docs.append((f"{p.id}:{lang}:profile", profile, lang, p.id))
        for i, pain in enumerate(p.pains.get(lang)):
            docs.append((f"{p.id}:{lang}:pain{i}", pain, lang, p.id))
    return docs


def lexical_texts(p: Pattern) -> list[str]:
    """What is searched by words, one text per language: tokenized apart, English needs no MeCab."""
    texts = []
    for lang in LANGS:
        parts = [p.title.get(lang), p.detection.get(lang), p.target.get(lang), p.entity.get(lang)]
        texts.append(" ".join(parts + p.inputs.get(lang) + p.keywords.get(lang) + p.pains.get(lang)))
    return texts
