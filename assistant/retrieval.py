"""Search over the knowledge base: a Chroma collection (dense) fused with BM25 (lexical)."""

from __future__ import annotations

import functools
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bm25s
import chromadb
import numpy as np
import yaml
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.api.types import Documents, EmbeddingFunction
from chromadb.config import Settings as ChromaSettings

from assistant.embedding import HashingEmbeddingFunction
from assistant.knowledge import KnowledgeBase, Pattern
from assistant.language import tokens
from assistant.vocabulary import LANGS, Lang

logger = logging.getLogger(__name__)

#: Bump when the way documents are built changes, so stored indexes are rebuilt.
INDEX_VERSION = "3"
#: How much the dense score counts against the lexical one (measured on eval/retrieval).
DENSE_WEIGHT = 0.4
_DENSE_CANDIDATES = 60
#: Weight of the synonyms of the query's words in the lexical score (measured on eval/retrieval).
SYNONYM_WEIGHT = 0.15


#: Any Chroma embedding function: ours (offline) or one built in the provider module.
Embedder = EmbeddingFunction[Documents]


@dataclass(frozen=True)
class Hit:
    """One pattern found for a query."""

    pattern: Pattern
    score: float
    """Fused score in [0, 1]; higher is better."""
    dense: float
    lexical: float

    @property
    def id(self) -> str:
        return self.pattern.id

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.pattern.id,
            "title": self.pattern.title.en,
            "task_kind": self.pattern.task_kind,
            "modalities": list(self.pattern.modalities),
            "score": round(self.score, 4),
            "dense": round(self.dense, 4),
            "lexical": round(self.lexical, 4),
        }


def _pattern_documents(p: Pattern) -> list[tuple[str, str, Lang]]:
    """(doc id, text, lang): one profile per language, plus each pain phrase on its own,
    so a short complaint can match the one phrase it resembles."""
    docs: list[tuple[str, str, Lang]] = []
    for lang in LANGS:
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
        docs.append((f"{p.id}:{lang}:profile", profile, lang))
        for i, pain in enumerate(p.pains.get(lang)):
            docs.append((f"{p.id}:{lang}:pain{i}", pain, lang))
    return docs


def _lexical_text(p: Pattern) -> str:
    parts: list[str] = []
    for lang in LANGS:
        parts += [p.title.get(lang), p.detection.get(lang), p.target.get(lang), p.entity.get(lang)]
        parts += p.inputs.get(lang) + p.keywords.get(lang) + p.pains.get(lang)
    return " ".join(parts)


@functools.cache
def _persistent_client(path: str) -> ClientAPI:
    # Chroma allows one client per path per process; cache it.
    return chromadb.PersistentClient(path=path, settings=ChromaSettings(anonymized_telemetry=False))


def chroma_client(path: Path | None = None, host: str | None = None, port: int = 8000) -> ClientAPI:
    """The embedded client on `path`, or an HTTP client when a Chroma server is configured."""
    if host:
        return chromadb.HttpClient(host=host, port=port, settings=ChromaSettings(anonymized_telemetry=False))
    if path is None:
        raise ValueError("give a Chroma path for the embedded index, or a host for a Chroma server")
    path.mkdir(parents=True, exist_ok=True)
    return _persistent_client(str(path))


def load_synonyms(path: Path) -> dict[str, set[str]]:
    """token -> the tokens of every group it belongs to (knowledge/synonyms.yaml; a missing file: none)."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, list):
        raise ValueError(f"{path}: expected a mapping with a list under 'groups'; see the comment at its top")
    expansion: dict[str, set[str]] = {}
    for i, group in enumerate(groups):
        if not isinstance(group, list) or not all(isinstance(w, str) for w in group):
            raise ValueError(f"{path}: group #{i + 1} must be a list of words")
        group_tokens = {t for word in group for t in tokens(word)}
        for t in group_tokens:
            expansion.setdefault(t, set()).update(group_tokens)
    return expansion


class PatternIndex:
    """Hybrid search over detection patterns. Build with `PatternIndex.open(...)`."""

    def __init__(self, kb: KnowledgeBase, collection: Collection, embedder: Embedder) -> None:
        self.kb = kb
        self.collection = collection
        self.embedder = embedder
        self.synonyms = load_synonyms(kb.folder / "synonyms.yaml")
        self._ids = list(kb.patterns)
        self._bm25 = bm25s.BM25()
        self._bm25.index([tokens(_lexical_text(kb.patterns[i])) or ["_"] for i in self._ids], show_progress=False)

    @classmethod
    def open(
        cls,
        kb: KnowledgeBase,
        client: ClientAPI,
        name: str,
        embedder: Embedder | None = None,
    ) -> PatternIndex:
        """Open the collection, (re)building it when the KB content or the embedding changed."""
        ef: Embedder = embedder if embedder is not None else HashingEmbeddingFunction()
        stamp = f"{kb.content_hash}-{ef.name()}-{INDEX_VERSION}"
        collection = client.get_or_create_collection(
            name=name,
            embedding_function=ef,  # type: ignore[arg-type]  # Chroma types it for images too
            metadata={"hnsw:space": "cosine"},
        )
        meta = collection.metadata or {}
        if meta.get("stamp") != stamp or collection.count() == 0:
            started = time.perf_counter()
            client.delete_collection(name)
            collection = client.create_collection(
                name=name,
                embedding_function=ef,  # type: ignore[arg-type]  # Chroma types it for images too
                metadata={"hnsw:space": "cosine", "stamp": stamp},
            )
            docs = [d for p in kb for d in _pattern_documents(p)]
            collection.add(
                ids=[d[0] for d in docs],
                documents=[d[1] for d in docs],
                metadatas=[{"pattern": d[0].split(":")[0], "lang": d[2]} for d in docs],
            )
            logger.info(
                "indexed %d documents of %d patterns in %.2f s",
                len(docs),
                len(kb),
                time.perf_counter() - started,
            )
        return cls(kb, collection, ef)

    def search(self, query: str, k: int = 5, lang: Lang | None = None) -> list[Hit]:
        """Patterns best matching `query`, best first. Empty or wordless queries give []."""
        query = query.strip()
        if not query:
            return []
        dense = self._dense_scores(query, lang)
        lexical = self._lexical_scores(query)
        if not dense and not lexical:
            return []
        ranked = []
        for pid in self._ids:
            d, lx = dense.get(pid, 0.0), lexical.get(pid, 0.0)
            ranked.append((DENSE_WEIGHT * d + (1 - DENSE_WEIGHT) * lx, d, lx, pid))
        ranked.sort(reverse=True)
        return [Hit(self.kb.patterns[pid], s, d, lx) for s, d, lx, pid in ranked[:k] if s > 0]

    def _dense_scores(self, query: str, lang: Lang | None) -> dict[str, float]:
        where: Any = {"lang": lang} if lang else None
        n = min(_DENSE_CANDIDATES, self.collection.count())
        res = self.collection.query(query_texts=[query], n_results=n, where=where, include=["metadatas", "distances"])
        scores: dict[str, float] = {}
        for meta, dist in zip(res["metadatas"][0], res["distances"][0], strict=True):  # type: ignore[index]
            pid = str(meta["pattern"])
            sim = max(0.0, 1.0 - float(dist))
            scores[pid] = max(scores.get(pid, 0.0), sim)
        top = max(scores.values(), default=0.0)
        return {k: v / top for k, v in scores.items()} if top > 0 else {}

    def _lexical_scores(self, query: str) -> dict[str, float]:
        q = tokens(query)
        if not q:
            return {}
        raw = np.asarray(self._bm25.get_scores(q), dtype=float)
        # synonyms of the employee's words help, but count less than the words they actually used
        extra = sorted({s for t in q for s in self.synonyms.get(t, ()) if s not in q})
        if extra:
            raw = raw + SYNONYM_WEIGHT * np.asarray(self._bm25.get_scores(extra), dtype=float)
        top = float(raw.max()) if raw.size else 0.0
        if top <= 0:
            return {}
        return {pid: float(s) / top for pid, s in zip(self._ids, raw, strict=True) if s > 0}
