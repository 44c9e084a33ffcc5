"""BM25 over MeCab lemmas and English stems, with synonym expansion; saved to disk keyed by the KB hash."""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

import bm25s
import numpy as np
import yaml

from assistant.knowledge import KnowledgeBase
from assistant.language import tokens
from assistant.retrieval.documents import lexical_texts
from assistant.retrieval.stopwatch import Stopwatch

logger = logging.getLogger(__name__)

#: Weight of the synonyms of the query's words in the lexical score (measured on eval/retrieval).
SYNONYM_WEIGHT = 0.15
#: Bump when tokenizing or the lexical text changes, so saved indexes are rebuilt.
LEXICAL_VERSION = "2"


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


class LexicalIndex:
    """BM25 of every pattern's text. `ids[i]` is the pattern of row i."""

    def __init__(self, kb: KnowledgeBase, cache_dir: Path | None = None) -> None:
        self.ids = list(kb.patterns)
        self.synonyms = load_synonyms(kb.folder / "synonyms.yaml")
        self.build_seconds: dict[str, float] | None = None
        """How long this start's build took (None: loaded from the cache folder)."""
        self.bm25 = self._load_or_build(kb, cache_dir)

    def _load_or_build(self, kb: KnowledgeBase, cache_dir: Path | None) -> bm25s.BM25:
        # Tokenizing every pattern with MeCab is most of the build (9 s of CPU at 10,000 patterns): once per KB.
        folder = cache_dir / f"bm25-{kb.content_hash}-{LEXICAL_VERSION}" if cache_dir else None
        if folder is not None and folder.is_dir():
            try:
                return bm25s.BM25.load(str(folder))
            except Exception as exc:  # a damaged or foreign folder: rebuild rather than fail the start
                logger.warning("could not load the saved BM25 index %s (%s); rebuilding it", folder, exc)
        watch = Stopwatch()
        bm25 = bm25s.BM25()
        bm25.index(_corpus_tokens(kb), show_progress=False)
        self.build_seconds = watch.seconds()
        logger.info("built BM25 of %d patterns in %.2f s", len(kb), self.build_seconds["wall_s"])
        if folder is not None:
            _save(bm25, folder)
        return bm25

    def scores(self, query: str) -> np.ndarray:
        """BM25 score per query word of every pattern (row order of `ids`); zeros for a wordless query."""
        q = tokens(query)
        if not q:
            return np.zeros(len(self.ids))
        raw = np.asarray(self.bm25.get_scores(q), dtype=float)
        # synonyms of the employee's words help, but count less than the words they actually used
        extra = sorted({s for t in q for s in self.synonyms.get(t, ()) if s not in q})
        if extra:
            raw = raw + SYNONYM_WEIGHT * np.asarray(self.bm25.get_scores(extra), dtype=float)
        # per query word: a long complaint matches more words of every pattern, so the raw sum says more
        # about the query's length than about the match (the ranking is unchanged: one factor per query)
        return raw / len(q)


def _corpus_tokens(kb: KnowledgeBase) -> list[list[str]]:
    """The tokens of every pattern, in order; a text that recurs (copied patterns, shared phrasing) is
    tokenized once."""
    seen: dict[str, list[str]] = {}
    corpus = []
    for p in kb:
        words: list[str] = []
        for text in lexical_texts(p):
            if text not in seen:
                seen[text] = tokens(text)
            words += seen[text]
        corpus.append(words or ["_"])  # bm25s needs a token in every document
    return corpus


def _save(bm25: bm25s.BM25, folder: Path) -> None:
    """Write into a temporary folder and rename it, so a crash never leaves a half-written index."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".bm25-", dir=folder.parent))
    try:
        bm25.save(str(tmp))
        tmp.rename(folder)
    except OSError as exc:  # another process saved it first, or the disk is read-only: the index still works
        shutil.rmtree(tmp, ignore_errors=True)
        if not folder.is_dir():  # saved by another process starting at the same time: nothing was lost
            logger.warning("could not save the BM25 index to %s: %s", folder, exc)
    for old in folder.parent.glob("bm25-*"):
        if old != folder:
            shutil.rmtree(old, ignore_errors=True)
