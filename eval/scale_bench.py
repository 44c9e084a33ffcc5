"""Benchmark: the index at scale (first build, restart, query latency) against issue 10's targets.

Run: .venv/bin/python eval/scale_bench.py [--patterns 2000 10000] [--distinct] [--json FILE]
Each N runs in a fresh process on a synthetic knowledge base (copies of today's patterns; --distinct appends a
number to every sentence of a copy, so no reuse of repeated text helps). Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: The targets (CPU seconds count every thread; the machine is shared, so CPU is the steadier figure).
BUILD_CPU_S = 60.0
"""The first start at 10,000 patterns: loading the knowledge base and building both indexes."""
BUILD_AT = 10_000
QUERY_P95_MS = 20.0
QUERY_AT = 2_000


def run_one(n: int, distinct: bool) -> dict[str, Any]:
    from assistant.evaluation.bench import load_queries, peak_rss_mb
    from assistant.evaluation.scale import scale_bench
    from assistant.knowledge import load_knowledge
    from assistant.retrieval import local_embedder
    from assistant.settings import Settings

    settings = Settings()
    embedder = local_embedder(settings.embedding if settings.embedding != "openai" else "use")
    queries = load_queries(ROOT / "eval/retrieval/queries.yaml", load_knowledge(ROOT / "knowledge"))
    with tempfile.TemporaryDirectory() as tmp:
        result = scale_bench(ROOT / "knowledge", n, queries, embedder, Path(tmp), distinct=distinct)
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def misses(results: list[dict[str, Any]]) -> list[str]:
    out = []
    for r in results:
        build = r["first_build_with_load"]["cpu_s"]
        if r["patterns"] == BUILD_AT and build >= BUILD_CPU_S:
            out.append(f"first build at {BUILD_AT:,} patterns: {build} s CPU, target < {BUILD_CPU_S} s")
        p95 = r["query_ms"]["p95"]
        if r["patterns"] == QUERY_AT and p95 >= QUERY_P95_MS:
            out.append(f"query p95 at {QUERY_AT:,} patterns: {p95} ms, target < {QUERY_P95_MS} ms")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patterns", type=int, nargs="+", default=[QUERY_AT, BUILD_AT])
    parser.add_argument("--distinct", action="store_true")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process of one N
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.distinct)))
        return 0
    results = []
    for n in args.patterns:
        cmd = [sys.executable, __file__, "--one", str(n)] + (["--distinct"] if args.distinct else [])
        child = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT)
        results.append(json.loads(child.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1], indent=2), flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    missed = misses(results)
    for line in missed:
        print(f"MISSED: {line}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
