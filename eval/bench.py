"""Benchmark script: retrieval quality and latency, index build time, per-turn latency of the offline engine.

Run: .venv/bin/python eval/bench.py   (the same as `theme-assistant eval bench`)
"""

from assistant.adapters.cli import app

if __name__ == "__main__":
    app(["eval", "bench", "--json", "test-artifacts/bench.json"])
