"""The pattern index: dense and lexical scores fused into one ranking, each hit with a calibrated confidence."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from chromadb.api import ClientAPI

from assistant.knowledge import KnowledgeBase, Pattern
from assistant.retrieval.confidence import WEAK_CONFIDENCE, Calibration, calibration_for, features
from assistant.retrieval.dense import DenseIndex
from assistant.retrieval.documents import Layout, layout_for
from assistant.retrieval.embedders import Embedder, local_embedder
from assistant.retrieval.lexical import LexicalIndex
from assistant.vocabulary import Lang

#: Cosine at or above which two pain phrases are one pain said again, per embedding. Measured for USE on 22
#: restatements and 23 different pains of the same work: different pains that share their topic reach 0.76
#: (「受注の予測」/「在庫の予測」, "spare part shortages" / "spare parts unused for years"), restatements spread from
#: 0.2 to 0.94. A false merge loses a pain, so only near-identical meaning merges (7 of 22 restatements, none of
#: the 23 different pairs); the LLM is told to name a known pain in its known words (tests/test_pain_merge.py).
SAME_MEANING = {"theme-assistant-use": 0.8}


@dataclass(frozen=True)
class Hit:
    """One pattern found for a query."""

    pattern: Pattern
    score: float
    """Fused score in [0, 1], relative to the best pattern of this query; use it to rank."""
    dense: float
    """Raw cosine similarity of the pattern's closest document."""
    lexical: float
    """BM25 score per query word (synonyms included)."""
    confidence: float = 0.0
    """Calibrated probability in [0, 1] that the pattern fits; below WEAK_CONFIDENCE the match is weak."""

    @property
    def id(self) -> str:
        return self.pattern.id

    @property
    def weak(self) -> bool:
        return self.confidence < WEAK_CONFIDENCE

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.pattern.id,
            "title": self.pattern.title.en,
            "task_kind": self.pattern.task_kind,
            "modalities": list(self.pattern.modalities),
            "score": round(self.score, 4),
            "confidence": round(self.confidence, 4),
            "dense": round(self.dense, 4),
            "lexical": round(self.lexical, 4),
        }


class PatternIndex:
    """Hybrid search over detection patterns. Build with `PatternIndex.open(...)`."""

    def __init__(self, kb: KnowledgeBase, dense: DenseIndex, lexical: LexicalIndex) -> None:
        self.kb = kb
        self.dense = dense
        self.lexical = lexical
        self.calibration: Calibration = calibration_for(self.calibration_key(dense))
        self._rows = {pid: i for i, pid in enumerate(lexical.ids)}

    @classmethod
    def open(
        cls,
        kb: KnowledgeBase,
        client: ClientAPI,
        name: str,
        embedder: Embedder | None = None,
        cache_dir: Path | None = None,
        layout: Layout | None = None,
    ) -> PatternIndex:
        """Open the index, (re)building it when the KB content or the embedding changed. `cache_dir` keeps
        the BM25 index between starts; `layout` says what is embedded (default: what suits the embedding)."""
        ef = embedder if embedder is not None else local_embedder()
        dense = DenseIndex.open(kb, client, name, ef, layout or layout_for(ef.name()))
        return cls(kb, dense, LexicalIndex(kb, cache_dir))

    @staticmethod
    def calibration_key(dense: DenseIndex) -> str:
        """Raw cosines differ with what is embedded, so a calibration is per embedding and layout."""
        return f"{dense.embedder.name()}:{dense.layout}"

    @property
    def embedder(self) -> Embedder:
        return self.dense.embedder

    def same_meaning(self, a: str, b: str) -> bool:
        """Two short phrases say the same thing ("late truck arrivals", "trucks arrive late at the dock"): their
        cosine in the index's embedding reaches the threshold measured for it (False for an embedding never
        measured, so only word overlap merges there)."""
        threshold = SAME_MEANING.get(self.embedder.name())
        if threshold is None or not a.strip() or not b.strip():
            return False
        va, vb = (np.asarray(v, dtype=np.float32) for v in self.embedder([a, b]))
        norm = float(np.linalg.norm(va) * np.linalg.norm(vb))
        return bool(norm) and float(va @ vb) / norm >= threshold

    def with_dense_weight(self, weight: float) -> PatternIndex:
        """The same index fusing with another weight (for tuning it)."""
        other = PatternIndex.__new__(PatternIndex)
        other.__dict__.update(self.__dict__)
        other.calibration = dataclasses.replace(self.calibration, dense_weight=weight)
        return other

    def search(self, query: str, k: int = 5, lang: Lang | None = None) -> list[Hit]:
        """Patterns best matching `query`, best first. Empty or wordless queries give []."""
        query = query.strip()
        if not query:
            return []
        return self.rank(self.dense.scores(query, lang), self.lexical.scores(query), k)

    def rank(self, dense_scores: dict[str, float], bm25: np.ndarray, k: int) -> list[Hit]:
        """Fuse raw scores (dense: pattern id -> cosine; BM25 per query word in row order) into the top k."""
        dense = np.zeros(len(self._rows))
        for pid, sim in dense_scores.items():
            row = self._rows.get(pid)  # a pattern missing from the KB: an older index still answering
            if row is not None:
                dense[row] = max(0.0, sim)
        d_top, l_top = float(dense.max(initial=0.0)), float(bm25.max(initial=0.0))
        if d_top <= 0 and l_top <= 0:
            return []
        w = self.calibration.dense_weight
        # each side relative to its best pattern for this query, so neither scale dominates the ranking
        fused = w * (dense / d_top if d_top > 0 else dense) + (1 - w) * (bm25 / l_top if l_top > 0 else bm25)
        take = min(len(fused), k + 1)
        rows = np.argpartition(-fused, take - 1)[:take] if take < len(fused) else np.arange(len(fused))
        order = sorted(rows, key=lambda r: (-fused[r], -dense[r], -bm25[r], self.lexical.ids[r]))
        top, second = fused[order[0]], fused[order[1]] if len(order) > 1 else 0.0
        hits: list[Hit] = []
        for i, r in enumerate(order[:k]):
            if fused[r] <= 0:
                break
            margin = top - second if i == 0 else fused[r] - top
            x = features(float(dense[r]), float(bm25[r]), float(margin))
            # never surer than a hit ranked above it: one strong score alone must not reorder the list
            confidence = min(self.calibration.confidence(x), hits[-1].confidence if hits else 1.0)
            pattern = self.kb.patterns[self.lexical.ids[r]]
            hits.append(Hit(pattern, float(fused[r]), float(dense[r]), float(bm25[r]), confidence))
        return hits
