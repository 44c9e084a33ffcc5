"""How long one build step took: wall seconds, and CPU seconds of the thread that ran it."""

from __future__ import annotations

import time


class Stopwatch:
    """Started when made. Thread CPU, not process CPU: the dense and BM25 builds run side by side."""

    def __init__(self) -> None:
        self.cpu, self.wall = time.thread_time(), time.perf_counter()

    def seconds(self) -> dict[str, float]:
        return {"cpu_s": round(time.thread_time() - self.cpu, 2), "wall_s": round(time.perf_counter() - self.wall, 2)}
