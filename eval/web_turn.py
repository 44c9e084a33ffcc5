"""Benchmark: one web UI turn end to end in process (the page's `send`, its render included), per turn of a 5-message
English interview; the 5th message is the one that completes the proposal (the summary turn).

Run: .venv/bin/python eval/web_turn.py [--repeats 5] [--json test-artifacts/web_turn.json]

Each repeat is a new interview in a fresh data folder's store (offline engine, SQLite). Per turn, medians of:
`turn_ms`, the wall time of `WebUI.send` (every streamed update and the final render, the stream's own short
pauses between words included); `work_ms`, the same without those pauses (what the server computes).
`files_ms`: building the chart, .md and .docx once the proposal is ready, timed where the page does it now (only
when the employee asks for them; absent in versions that built them on every turn).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.app import App, offline_environment  # noqa: E402 - after the path is set
from assistant.settings import Settings  # noqa: E402

INTERVIEW = [
    "I plan maintenance for a stamping plant and the presses stop without warning, which costs us a lot.",
    "I want to know which press will break down in the next few weeks.",
    "I look at the vibration readings, the oil temperature and the motor current.",
    "We log the sensors every second for three years, and every breakdown is in the maintenance log.",
    "About five times a year, and each stop costs roughly 40,000 dollars.",
]


_PAUSED = [0.0]
_sleep = time.sleep


def _counted_sleep(seconds: float) -> None:
    """time.sleep that adds up how long the stream paused (the bench is single-threaded)."""
    _PAUSED[0] += seconds
    _sleep(seconds)


def _send(ui: Any, line: str, sid: str) -> tuple[float, float, str]:
    """Wall seconds, seconds without the stream's pauses, and the session id."""
    _PAUSED[0] = 0.0
    t0 = time.perf_counter()
    updates = list(ui.send(line, sid, "en"))  # consumed as Gradio does, every streamed update
    elapsed = time.perf_counter() - t0
    return elapsed, elapsed - _PAUSED[0], str(updates[-1][1])


def one_interview(ui: Any) -> tuple[list[tuple[float, float]], float | None, bool]:
    """(wall, work) seconds per turn, seconds to build the files on request (None: no such step), and whether the
    interview ended with the proposal ready."""
    sid, times = "", []
    for line in INTERVIEW:
        elapsed, work, sid = _send(ui, line, sid)
        times.append((elapsed, work))
    ready = ui.service.get(sid).proposal_ready
    prepare = getattr(ui, "prepare_files", None)
    files = None
    if prepare is not None and ready:
        t0 = time.perf_counter()
        prepare(sid, "en")
        files = time.perf_counter() - t0
    return times, files, ready


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    offline_environment()
    time.sleep = _counted_sleep  # type: ignore[assignment]
    from assistant.adapters.web_views import WebUI

    with tempfile.TemporaryDirectory(prefix="web-turn-") as folder:
        app = App(Settings(data_dir=Path(folder), knowledge_dir=ROOT / "knowledge"))
        ui = WebUI(app)
        one_interview(ui)  # warm-up: index, tokenizer, matplotlib and python-docx imports
        runs = [one_interview(ui) for _ in range(args.repeats)]
        app.store.close()
    turns = range(len(INTERVIEW))
    per_turn = [round(statistics.median(r[0][i][0] for r in runs) * 1000, 1) for i in turns]
    work = [round(statistics.median(r[0][i][1] for r in runs) * 1000, 1) for i in turns]
    files = [r[1] for r in runs if r[1] is not None]
    result = {
        "turn_ms": per_turn,
        "work_ms": work,
        "summary_turn_ms": per_turn[-1],
        "summary_work_ms": work[-1],
        "files_on_request_ms": round(statistics.median(files) * 1000, 1) if files else None,
        "ready": all(r[2] for r in runs),
        "repeats": args.repeats,
    }
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
