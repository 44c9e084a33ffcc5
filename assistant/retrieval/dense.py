"""The dense side: one Chroma collection per language, built in chunks, and only then swapped in."""

from __future__ import annotations

import functools
import hashlib
import logging
import time
from pathlib import Path
from typing import Any

import chromadb
import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.config import Settings as ChromaSettings

from assistant.knowledge import KnowledgeBase
from assistant.retrieval.buildlock import client_lock, folder_lock
from assistant.retrieval.documents import Layout, pattern_documents
from assistant.retrieval.embedders import Embedder
from assistant.retrieval.stopwatch import Stopwatch
from assistant.vocabulary import LANGS, Lang

logger = logging.getLogger(__name__)

#: Bump when the way documents are built changes, so stored indexes are rebuilt.
INDEX_VERSION = "4"
#: Documents fetched per query; several belong to one pattern (its profile and its pains).
DENSE_CANDIDATES = 60


@functools.cache
def _persistent_client(path: str) -> ClientAPI:
    # Chroma allows one client per path per process; cache it. Locked: a new folder's tables are created here.
    with folder_lock(Path(path)):
        return chromadb.PersistentClient(path=path, settings=ChromaSettings(anonymized_telemetry=False))


def chroma_client(path: Path | None = None, host: str | None = None, port: int = 8000) -> ClientAPI:
    """The embedded client on `path`, or an HTTP client when a Chroma server is configured."""
    if host:
        return chromadb.HttpClient(host=host, port=port, settings=ChromaSettings(anonymized_telemetry=False))
    if path is None:
        raise ValueError("give a Chroma path for the embedded index, or a host for a Chroma server")
    path.mkdir(parents=True, exist_ok=True)
    return _persistent_client(str(path))


class DenseIndex:
    """Cosine search over the embedded pattern documents, one collection per language.

    Separate collections instead of a `where` filter on the language: the filter made each query
    8.5x slower at 2,000 patterns (67.5 ms against 7.9 ms)."""

    def __init__(self, collections: dict[Lang, Collection], embedder: Embedder, stamp: str) -> None:
        self.collections = collections
        self.embedder = embedder
        self.stamp = stamp
        self.layout = "compact" if stamp.endswith("-compact") else "full"
        """What was embedded per pattern (the stamp's last part)."""
        # known once here: a count() per query cost a round trip
        self.sizes = {lang: int((c.metadata or {}).get("docs", 0)) for lang, c in collections.items()}
        self.build_seconds: dict[str, float] | None = None
        """How long this start's build took (None: reused)."""

    @classmethod
    def open(cls, kb: KnowledgeBase, client: ClientAPI, name: str, ef: Embedder, layout: Layout) -> DenseIndex:
        """Reuse the collections of this KB and embedding, or build them; drop older ones only afterwards.
        Another process opening the same embedded folder waits meanwhile, then reuses what was built."""
        with client_lock(client):
            return cls._open(kb, client, name, ef, layout)

    @classmethod
    def _open(cls, kb: KnowledgeBase, client: ClientAPI, name: str, ef: Embedder, layout: Layout) -> DenseIndex:
        stamp = f"{kb.content_hash}-{ef.name()}-{INDEX_VERSION}-{layout}"
        digest = hashlib.sha256(stamp.encode()).hexdigest()[:12]
        names = {lang: f"{name}.{lang}.{digest}" for lang in LANGS}
        existing = {c.name: c for c in _collections(client)}
        ready = {lang: existing[n] for lang, n in names.items() if n in existing and _complete(existing[n])}
        watch = Stopwatch() if len(ready) < len(LANGS) else None
        if watch is not None:
            try:
                ready = _build(kb, client, names, ef, stamp, layout)
            except Exception as exc:
                for n in names.values():  # never leave a half-built collection to be mistaken for a whole one
                    _drop(client, n)
                fallback = _previous(client, name, ef)
                if fallback is None:
                    raise  # its own message says how to fix it (the embedding's error, mostly)
                logger.error("building the search index failed (%s); still answering from the previous one", exc)
                return cls(fallback, ef, str((fallback["en"].metadata or {}).get("stamp", "")))
        for c in existing.values():  # the old index goes only once the new one is complete
            if c.name not in names.values() and (_same_embedding(c, name, ef) or c.name == name):
                _drop(client, c.name)
        index = cls(ready, ef, stamp)
        index.build_seconds = watch.seconds() if watch else None
        return index

    def scores(self, query: str, lang: Lang | None) -> dict[str, float]:
        """pattern id -> the best cosine similarity of its documents (raw, not normalized)."""
        vector = self.embedder([query])[0]
        scores: dict[str, float] = {}
        for code in (lang,) if lang else LANGS:
            n = min(DENSE_CANDIDATES, self.sizes[code])
            if n == 0:
                continue
            res = self.collections[code].query(query_embeddings=[vector], n_results=n, include=["distances"])
            for doc_id, dist in zip(res["ids"][0], res["distances"][0], strict=True):  # type: ignore[index]
                pid = doc_id.split(":", 1)[0]
                scores[pid] = max(scores.get(pid, 0.0), 1.0 - float(dist))
        return scores


def _collections(client: ClientAPI) -> list[Collection]:
    return list(client.list_collections())


def _same_embedding(c: Collection, name: str, ef: Embedder) -> bool:
    """One of our collections made with this embedding; another embedding's are kept (an instance
    configured with it may share the store, and switching back reuses them)."""
    parts = c.name.rsplit(".", 2)
    ours = len(parts) == 3 and parts[0] == name and parts[1] in LANGS
    return ours and (c.metadata or {}).get("embedding") == ef.name()


def _complete(c: Collection) -> bool:
    expected = (c.metadata or {}).get("docs")
    return isinstance(expected, int) and c.count() == expected


def _drop(client: ClientAPI, name: str) -> None:
    try:
        client.delete_collection(name)
    except Exception:  # already gone (another instance dropped it): nothing to do
        logger.debug("collection %s was already gone", name)


def _build(
    kb: KnowledgeBase, client: ClientAPI, names: dict[Lang, str], ef: Embedder, stamp: str, layout: Layout
) -> dict[Lang, Collection]:
    started = time.perf_counter()
    docs = [d for p in kb for d in pattern_documents(p, layout)]
    chunk = client.get_max_batch_size()
    built: dict[Lang, Collection] = {}
    for lang, coll_name in names.items():
        mine = [d for d in docs if d[2] == lang]
        vectors = _embed_once(ef, [d[1] for d in mine], chunk)  # before the collection exists: the long part
        _drop(client, coll_name)  # a leftover of a crashed build
        meta: dict[str, Any] = {"hnsw:space": "cosine", "stamp": stamp, "docs": len(mine), "embedding": ef.name()}
        meta["built"] = time.time()
        collection = client.create_collection(
            name=coll_name,
            embedding_function=ef,  # type: ignore[arg-type]  # Chroma types it for images too
            metadata=meta,
        )
        for i in range(0, len(mine), chunk):  # Chroma refuses one add over its max batch size
            # vectors only: the text is in the knowledge base, and Chroma's full-text index of it is never used
            collection.add(ids=[d[0] for d in mine[i : i + chunk]], embeddings=vectors[i : i + chunk])
        built[lang] = collection
    logger.info("indexed %d documents of %d patterns in %.2f s", len(docs), len(kb), time.perf_counter() - started)
    return built


def _embed_once(ef: Embedder, texts: list[str], chunk: int) -> np.ndarray:
    """One vector per text, each distinct text embedded once (copied patterns and shared phrasing repeat
    texts), in batches of at most `chunk` texts."""
    unique = list(dict.fromkeys(texts))
    if not unique:
        return np.zeros((0, 0), dtype=np.float32)
    vectors = np.concatenate(
        [np.asarray(ef(unique[i : i + chunk]), dtype=np.float32) for i in range(0, len(unique), chunk)]
    )
    row = {text: i for i, text in enumerate(unique)}
    return vectors[[row[t] for t in texts]]


def _previous(client: ClientAPI, name: str, ef: Embedder) -> dict[Lang, Collection] | None:
    """The newest complete index of this name made with the same embedding, if any."""
    sets: dict[str, dict[Lang, Collection]] = {}
    for c in _collections(client):
        if _same_embedding(c, name, ef) and _complete(c):
            _, lang, digest = c.name.rsplit(".", 2)
            sets.setdefault(digest, {})[lang] = c  # type: ignore[index]  # checked to be a Lang
    whole = [s for s in sets.values() if len(s) == len(LANGS)]
    if not whole:
        return None
    return max(whole, key=lambda s: float((s["en"].metadata or {}).get("built", 0)))
