"""Scale benchmark: build and query times on a synthetic knowledge base of N copies of today's patterns."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from assistant.evaluation.bench import Query, _percentile
from assistant.knowledge import load_knowledge
from assistant.retrieval import Embedder, PatternIndex, chroma_client
from assistant.retrieval.documents import layout_for
from assistant.vocabulary import LANGS

T = TypeVar("T")


def synthetic_knowledge(source: Path, n: int, folder: Path, distinct: bool = False) -> Path:
    """A knowledge folder of `n` patterns: today's, then copies of them with new ids (`<id>-copy<k>`).
    `distinct`: every sentence of a copy differs from the original's (its copy number appended), so nothing that
    reuses work for repeated text (as a real knowledge base repeats little) flatters the timings."""
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
        if distinct and copy:
            data = _numbered(yaml.load(text, Loader=yaml.CSafeLoader), copy)
            text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=10_000)
        (folder / "patterns" / f"{new_id}.yaml").write_text(text, encoding="utf-8")
    return folder


def _numbered(node: Any, copy: int, lang: str | None = None) -> Any:
    """Every English and Japanese sentence of a pattern with the copy's number appended."""
    if isinstance(node, dict):
        return {key: _numbered(value, copy, key if key in LANGS else lang) for key, value in node.items()}
    if isinstance(node, list):
        return [_numbered(value, copy, lang) for value in node]
    if isinstance(node, str) and lang is not None:
        # only the number: a longer suffix would make every text longer, and embedding cost grows with length
        return f"{node} {copy}" if lang == "en" else f"{node}{copy}"
    return node


def _timed(fn: Callable[[], T]) -> tuple[T, dict[str, float]]:
    cpu, wall = time.process_time(), time.perf_counter()
    result = fn()
    return result, {"cpu_s": round(time.process_time() - cpu, 2), "wall_s": round(time.perf_counter() - wall, 2)}


def scale_bench(
    source: Path, n: int, queries: list[Query], embedder: Embedder, work: Path, distinct: bool = False
) -> dict[str, Any]:
    """KB load, the first start (dense and BM25 built as the app builds them), a restart (both reused), and
    query latency at `n` patterns. CPU seconds count every thread of the process."""
    folder = synthetic_knowledge(source, n, work / "knowledge", distinct)
    embedder(["warm up"])  # the model's own load time is reported by `eval bench`, not counted here
    kb, load = _timed(lambda: load_knowledge(folder))
    client = chroma_client(work / "chroma")
    layout = layout_for(embedder.name())

    def start() -> PatternIndex:
        return PatternIndex.open(kb, client, "scale", embedder, cache_dir=work / "index", layout=layout)

    index, build = _timed(start)
    _, reopen = _timed(start)
    index.search("warm up", k=5)
    latencies, cpu_times = [], []
    for q in queries:
        cpu, started = time.thread_time(), time.perf_counter()
        index.search(q.text, k=10, lang=q.lang)
        latencies.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.thread_time() - cpu) * 1000)
    return {
        "patterns": len(kb),
        "distinct_text": distinct,
        "documents_embedded": sum(index.dense.sizes.values()),
        "embedding": embedder.name(),
        "layout": layout,
        "load_knowledge": load,
        "first_build": build,
        "dense_build": index.dense.build_seconds,
        "bm25_build": index.lexical.build_seconds,
        "first_build_with_load": {k: round(load[k] + build[k], 2) for k in ("cpu_s", "wall_s")},
        "restart": reopen,
        "query_ms": {"p50": round(_percentile(latencies, 50), 2), "p95": round(_percentile(latencies, 95), 2)},
        # the query's own CPU: steadier than its wall time on a shared machine
        "query_cpu_ms": {"p50": round(_percentile(cpu_times, 50), 2), "p95": round(_percentile(cpu_times, 95), 2)},
    }
