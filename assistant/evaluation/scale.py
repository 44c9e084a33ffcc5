"""Scale benchmark: build and query times on a synthetic knowledge base of N copies of today's patterns."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from assistant.evaluation.bench import Query, _percentile
from assistant.knowledge import load_knowledge
from assistant.retrieval import Embedder, PatternIndex, chroma_client
from assistant.retrieval.dense import DenseIndex
from assistant.retrieval.documents import layout_for
from assistant.retrieval.lexical import LexicalIndex

T = TypeVar("T")


def synthetic_knowledge(source: Path, n: int, folder: Path) -> Path:
    """A knowledge folder of `n` patterns: today's, then copies of them with new ids (`<id>-copy<k>`)."""
    originals = sorted((source / "patterns").glob("*.yaml"))
    (folder / "patterns").mkdir(parents=True, exist_ok=True)
    for extra in ("synonyms.yaml", "non_ml.yaml"):
        if (source / extra).exists():
            shutil.copy(source / extra, folder / extra)
    for i in range(n):
        path = originals[i % len(originals)]
        copy = i // len(originals)
        new_id = path.stem if copy == 0 else f"{path.stem}-copy{copy}"
        text = re.sub(r"(?m)^id: .*$", f"id: {new_id}", path.read_text(encoding="utf-8"), count=1)
        (folder / "patterns" / f"{new_id}.yaml").write_text(text, encoding="utf-8")
    return folder


def _timed(fn: Callable[[], T]) -> tuple[T, dict[str, float]]:
    cpu, wall = time.process_time(), time.perf_counter()
    result = fn()
    return result, {"cpu_s": round(time.process_time() - cpu, 2), "wall_s": round(time.perf_counter() - wall, 2)}


def scale_bench(source: Path, n: int, queries: list[Query], embedder: Embedder, work: Path) -> dict[str, Any]:
    """KB load, first build (dense and BM25), a restart (reuse both), and query latency at `n` patterns."""
    folder = synthetic_knowledge(source, n, work / "knowledge")
    embedder(["warm up"])  # the model's own load time is reported by `eval bench`, not counted here
    kb, load = _timed(lambda: load_knowledge(folder))
    client = chroma_client(work / "chroma")
    layout = layout_for(embedder.name())
    dense, dense_build = _timed(lambda: DenseIndex.open(kb, client, "scale", embedder, layout))
    lexical, lexical_build = _timed(lambda: LexicalIndex(kb, work / "index"))
    index = PatternIndex(kb, dense, lexical)

    def restart() -> PatternIndex:
        return PatternIndex.open(kb, client, "scale", embedder, cache_dir=work / "index", layout=layout)

    _, reopen = _timed(restart)
    index.search("warm up", k=5)
    latencies = []
    for q in queries:
        started = time.perf_counter()
        index.search(q.text, k=10, lang=q.lang)
        latencies.append((time.perf_counter() - started) * 1000)
    return {
        "patterns": len(kb),
        "documents_embedded": sum(dense.sizes.values()),
        "embedding": embedder.name(),
        "layout": layout,
        "load_knowledge": load,
        "dense_build": dense_build,
        "bm25_build": lexical_build,
        "build_total_wall_s": round(load["wall_s"] + dense_build["wall_s"] + lexical_build["wall_s"], 2),
        "restart": reopen,
        "query_ms": {"p50": round(_percentile(latencies, 50), 2), "p95": round(_percentile(latencies, 95), 2)},
    }
