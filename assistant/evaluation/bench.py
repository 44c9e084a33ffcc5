"""Retrieval quality (recall@k, MRR per language) and speed benchmarks (query, index build, turn latency)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from assistant.evaluation.cases import Case
from assistant.evaluation.simulator import answer
from assistant.knowledge import KnowledgeBase
from assistant.retrieval import Embedder, PatternIndex, chroma_client, local_embedder
from assistant.service import ChatService
from assistant.settings import Settings
from assistant.vocabulary import Lang


class Query(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9-]+$")]
    lang: Lang
    text: Annotated[str, Field(min_length=1)]
    relevant: Annotated[list[str], Field(min_length=1)]


def load_queries(path: Path, kb: KnowledgeBase) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a YAML list of queries")
    queries = []
    for i, item in enumerate(data):
        try:
            q = Query.model_validate(item)
        except Exception as exc:
            raise ValueError(f"{path}: query #{i + 1}: {exc}") from exc
        unknown = [r for r in q.relevant if r not in kb.patterns]
        if unknown:
            raise ValueError(
                f"{path}: query {q.id}: unknown pattern ids {unknown}; use ids from `theme-assistant patterns list`"
            )
        queries.append(q)
    return queries


def _percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def retrieval_eval(index: PatternIndex, queries: list[Query], k: int = 3) -> dict[str, Any]:
    """recall@k and MRR per language, and query latency (warm: one untimed query first)."""
    index.search("warm up", k=k)
    per_lang: dict[str, dict[str, list[float]]] = {}
    latencies: list[float] = []
    misses: list[dict[str, Any]] = []
    for q in queries:
        started = time.perf_counter()
        hits = index.search(q.text, k=10, lang=q.lang)
        latencies.append((time.perf_counter() - started) * 1000)
        ids = [h.id for h in hits]
        relevant = set(q.relevant)
        recall = len(relevant & set(ids[:k])) / len(relevant)
        rr = next((1 / (i + 1) for i, pid in enumerate(ids) if pid in relevant), 0.0)
        stats = per_lang.setdefault(q.lang, {"recall": [], "rr": []})
        stats["recall"].append(recall)
        stats["rr"].append(rr)
        if recall < 1:
            misses.append({"id": q.id, "relevant": q.relevant, "found": ids[:k]})
    return {
        "k": k,
        "by_lang": {
            lang: {
                "queries": len(s["recall"]),
                f"recall@{k}": round(statistics.mean(s["recall"]), 4),
                "mrr": round(statistics.mean(s["rr"]), 4),
            }
            for lang, s in sorted(per_lang.items())
        },
        "latency_ms": {
            "p50": round(_percentile(latencies, 50), 2),
            "p95": round(_percentile(latencies, 95), 2),
            "max": round(max(latencies, default=0.0), 2),
        },
        "misses": misses,
    }


def index_build_seconds(kb: KnowledgeBase, embedder: Embedder | None = None) -> float:
    """Time to build the Chroma index of the whole KB from scratch, in a throwaway folder."""
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        PatternIndex.open(kb, chroma_client(Path(folder)), "bench-build", embedder)
        return round(time.perf_counter() - started, 3)


def embedding_load(settings: Settings) -> dict[str, Any]:
    """Seconds (wall and CPU) to load the configured offline embedding and embed a first sentence; call it
    before anything else loads the model (it is loaded once per process)."""
    if settings.embedding == "openai":
        return {"embedding": "openai", "wall_s": 0.0, "cpu_s": 0.0}
    cpu, wall = time.process_time(), time.perf_counter()
    local_embedder(settings.embedding)(["warm up"])
    return {
        "embedding": settings.embedding,
        "wall_s": round(time.perf_counter() - wall, 2),
        "cpu_s": round(time.process_time() - cpu, 2),
    }


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far."""
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def turn_latency(service: ChatService, cases: list[Case]) -> dict[str, Any]:
    """Per-turn latency of the chat service (engine + SQLite commits), excluding start-up."""
    if cases:  # warm the index, the tokenizer dictionary and the database
        service.handle_state(service.new_session("bench"), cases[0].opening)
    timings: list[float] = []
    for case in cases:
        state = service.new_session("bench")
        text = case.opening
        for _ in range(case.expect.max_turns + 4):
            started = time.perf_counter()
            result = service.handle_state(state, text)
            timings.append((time.perf_counter() - started) * 1000)
            state = result.state
            if state.proposal_ready or state.phase != "interview":
                break
            text = answer(case, state.asking)
    return {
        "turns": len(timings),
        "p50_ms": round(_percentile(timings, 50), 2),
        "p95_ms": round(_percentile(timings, 95), 2),
        "max_ms": round(max(timings, default=0.0), 2),
    }
