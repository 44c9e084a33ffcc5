"""Benchmark: web turn latency with 1, 10 and 30 employees interviewing at once (real server, 127.0.0.1).

Run: .venv/bin/python eval/web_load.py [--employees 1 10 30] [--concurrency 8] [--json test-artifacts/web_load.json]

Starts `theme-assistant web` (offline backend, its own temp data folder, a free loopback port, the bound
THEME_ASSISTANT_WEB_CONCURRENCY=--concurrency), warms it with one turn, then for each N starts N threads, each an
employee with its own gradio_client.Client and a new session, sending the same 5-message English interview
through /send. Each turn is timed from send to reply (queue wait included); per N: p50 and p95 over all turns,
the p50 of each of the 5 turns (the 5th completes the proposal: the summary turn), the wall time from the first
send to the last reply, and the failures (an error, a timeout, a short chat).
JSON on stdout; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

INTERVIEW = [
    "I plan maintenance for a stamping plant and the presses stop without warning",
    "I want to know which press will break down in the next few weeks.",
    "I look at the vibration and the oil temperature, and listen to the noise the press makes.",
    "We log the sensors every second for three years, and every breakdown is in the maintenance log.",
    "About twice a month a press stops, and each stop costs around 20,000 dollars in lost output.",
]
TIMEOUT = 300.0  # seconds per turn: a turn waiting in the queue is measured, not failed
START_TIMEOUT = 180.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(data_dir: Path, concurrency: int) -> tuple[subprocess.Popen[bytes], str]:
    """`theme-assistant web` on a free loopback port, its data in `data_dir`; returns once it answers HTTP 200."""
    port = _free_port()
    env = {
        **os.environ,
        "THEME_ASSISTANT_DATA_DIR": str(data_dir),
        "THEME_ASSISTANT_BACKEND": "offline",
        "THEME_ASSISTANT_HOST": "127.0.0.1",
        "THEME_ASSISTANT_PORT": str(port),
        "THEME_ASSISTANT_WEB_CONCURRENCY": str(concurrency),
        "THEME_ASSISTANT_DATABASE_URL": "",  # this run's own SQLite, never a shared store
        "THEME_ASSISTANT_CHROMA_HOST": "",
    }
    env = {k: v for k, v in env.items() if v != ""}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/theme-assistant"), "web"], env=env, stdout=subprocess.DEVNULL, cwd=data_dir
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited (code {server.returncode}) before it answered")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return server, url
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise SystemExit(f"the server did not answer within {START_TIMEOUT:.0f} s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(5)


def _client(url: str) -> Any:
    from gradio_client import Client

    # no downloads of the chart and the exports into /tmp/gradio, no analytics
    return Client(url, verbose=False, download_files=False, analytics_enabled=False)


def _turn(client: Any, line: str, sid: str) -> tuple[float, str, int]:
    """Seconds from send to reply, the session id, and the chat's length after the turn."""
    t0 = time.perf_counter()
    out = client.submit(line, sid, "en", api_name="/send").result(timeout=TIMEOUT)
    elapsed = time.perf_counter() - t0
    chat = out[2]["value"] if isinstance(out[2], dict) and "value" in out[2] else out[2]
    return elapsed, str(out[1]), len(chat or [])


def employee(
    url: str, ready: threading.Barrier, go: threading.Event, times: list[tuple[int, float]], errors: list[str]
) -> None:
    """One simulated employee: its own client and session, the interview's 5 messages one after another."""
    try:
        client = _client(url)
    except Exception as exc:  # counted as a failure, the run goes on
        errors.append(f"connect: {type(exc).__name__}: {exc}")
        client = None
    try:
        ready.wait(START_TIMEOUT)
    except threading.BrokenBarrierError:
        errors.append("not ready in time")
        return
    go.wait(START_TIMEOUT)
    if client is None:
        return
    sid = ""
    for i, line in enumerate(INTERVIEW):
        try:
            elapsed, sid, length = _turn(client, line, sid)
        except Exception as exc:  # the rest of this interview cannot go on without its session
            errors.append(f"turn {i + 1}: {type(exc).__name__}: {exc}"[:300])
            return
        times.append((i, elapsed))
        if length != 2 * (i + 1):
            errors.append(f"turn {i + 1}: chat has {length} messages, expected {2 * (i + 1)}")
            return


def percentile(samples: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100) in milliseconds."""
    if not samples:
        return None
    ordered = sorted(samples)
    return round(ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] * 1000)


def run(url: str, n: int) -> dict[str, Any]:
    times: list[tuple[int, float]] = []
    errors: list[str] = []
    ready, go = threading.Barrier(n + 1), threading.Event()
    threads = [threading.Thread(target=employee, args=(url, ready, go, times, errors), daemon=True) for _ in range(n)]
    for t in threads:
        t.start()
    ready.wait(START_TIMEOUT)  # every client has fetched the page's config: only the turns are timed
    started = time.perf_counter()
    go.set()
    deadline = time.monotonic() + TIMEOUT * len(INTERVIEW) + 60
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))
    wall = time.perf_counter() - started
    stuck = sum(t.is_alive() for t in threads)
    return {
        "employees": n,
        "turns": len(times),
        "p50_ms": percentile([t for _, t in times], 50),
        "p95_ms": percentile([t for _, t in times], 95),
        "max_ms": percentile([t for _, t in times], 100),
        # the last message completes the proposal: the summary turn, the heaviest
        "p50_by_turn_ms": [percentile([t for k, t in times if k == i], 50) for i in range(len(INTERVIEW))],
        "wall_s": round(wall, 1),
        "failures": len(errors) + stuck,
        "errors": errors[:5],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, nargs="+", default=[1, 10, 30])
    parser.add_argument("--concurrency", type=int, default=8, help="THEME_ASSISTANT_WEB_CONCURRENCY of the server")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    if args.concurrency < 1 or any(n < 1 or n > 200 for n in args.employees):
        parser.error("--concurrency must be >= 1 and each of --employees from 1 to 200")
    data_dir = Path(tempfile.mkdtemp(prefix="web-load-"))
    server, url = start_server(data_dir, args.concurrency)
    try:
        _turn(_client(url), INTERVIEW[0], "")  # warm-up: the search index opens with the first turn
        rows = [run(url, n) for n in args.employees]
    finally:
        stop_server(server)
        shutil.rmtree(data_dir, ignore_errors=True)
    result = {
        "web_load": rows,
        "concurrency": args.concurrency,
        "cores": os.cpu_count(),
        "turns_per_employee": len(INTERVIEW),
        "date": time.strftime("%Y-%m-%d"),
    }
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if any(r["failures"] for r in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
