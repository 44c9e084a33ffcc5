"""Benchmark: the portfolio of 1,000 interviews (CPU seconds), to keep theme merging linear in embeddings.

Run: .venv/bin/python eval/portfolio_bench.py  (synthetic targets from a fixed seed; prints CPU seconds)
"""

from __future__ import annotations

import random
import time

from assistant.portfolio import build_portfolio
from assistant.state import DetectionQuestion, InterviewState, Theme

WORDS = [
    "press",
    "bearing",
    "leak",
    "bread",
    "demand",
    "fraud",
    "claim",
    "invoice",
    "loan",
    "churn",
    "yield",
    "crack",
    "sound",
    "pump",
    "valve",
    "order",
    "delivery",
]


def main(n: int = 1000) -> None:
    rng = random.Random(0)
    states = []
    for i in range(n):
        state = InterviewState()
        target = " ".join(rng.sample(WORDS, 4)) + f" {i}"
        question = DetectionQuestion(text=target, target=target, inputs=[])
        state.themes = [Theme(id=f"t{i}", pain_id="p", question=question)]
        states.append(state)
    started = time.process_time()
    port = build_portfolio(states)
    print(f"{n:,} interviews: {time.process_time() - started:.2f} s CPU, {len(port.entries)} entries")


if __name__ == "__main__":
    main()
