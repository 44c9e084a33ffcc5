"""Benchmark: time of one chat turn at 1, 1,000 and 5,000 turns of session length (offline engine, SQLite).

Run: .venv/bin/python eval/turn_time.py [--json test-artifacts/turn_time.json] [--lengths 1 1000 5000]

Two figures per length, median of several turns:
- `turn_ms`: handle_state on a state already in memory (the terminal chat, the eval);
- `load_turn_ms`: load the session from the store, then handle_state (the web UI and Slack, per message).
A turn should cost the same at any length: the transcript is appended as rows, the state saved once.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.app import App, offline_environment  # noqa: E402 - after the path is set
from assistant.service import ChatService  # noqa: E402
from assistant.settings import Settings  # noqa: E402

OPENING = [
    "I plan maintenance for a stamping plant and the presses stop without warning, which costs us a lot.",
    "I want to know which press will break down in the next few weeks.",
]
TURN = "We log the sensors every second for three years, and every breakdown is in the maintenance log."


def _session_of(service: ChatService, length: int) -> str:
    """A real interview start, padded with filler turns to `length` turns and saved once."""
    state = service.new_session("bench")
    for line in OPENING[: 1 if length <= 2 else None]:
        state = service.handle_state(state, line).state
    while len(state.transcript) < length:
        role = "user" if len(state.transcript) % 2 == 0 else "assistant"
        state.add_turn(role, f"filler turn {len(state.transcript)} about the presses and the oil temperature")
    service.store.save(state)
    return state.id


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def measure(service: ChatService, length: int, repeats: int) -> dict[str, float]:
    session_id = _session_of(service, length)
    in_memory, with_load = [], []
    state = service.get(session_id)
    for _ in range(repeats):
        t0 = time.perf_counter()
        state = service.handle_state(state, TURN).state
        in_memory.append(time.perf_counter() - t0)
    for _ in range(repeats):
        t0 = time.perf_counter()
        service.handle_state(service.get(session_id), TURN)
        with_load.append(time.perf_counter() - t0)
    before = len(state.transcript) - 2 * repeats  # turns stored before the measured ones
    return {"turns": before, "turn_ms": _median_ms(in_memory), "load_turn_ms": _median_ms(with_load)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", type=int, nargs="+", default=[1, 1000, 5000])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    offline_environment()
    with tempfile.TemporaryDirectory(prefix="turn-time-") as folder:
        app = App(Settings(data_dir=Path(folder), knowledge_dir=ROOT / "knowledge"))
        service = ChatService(app.store, app.interviewer(), app.kb, max_user_turns=100_000)
        service.handle_state(service.new_session("warm-up"), OPENING[0])  # index, tokenizer and caches
        rows = [measure(service, n, args.repeats) for n in args.lengths]
        app.store.close()
    print(f"{'turns':>7} {'turn ms':>9} {'load+turn ms':>13}")
    for r in rows:
        print(f"{r['turns']:>7} {r['turn_ms']:>9} {r['load_turn_ms']:>13}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"turn_time": rows}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
