"""Time from `theme-assistant web` to the first HTTP 200 (run it alternately with `python -c "import gradio"`)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    port = _free_port()
    started = time.perf_counter()
    env = {**os.environ, "GRADIO_SERVER_PORT": str(port)}
    child = subprocess.Popen(
        [str(ROOT / ".venv/bin/theme-assistant"), "web"], env=env, stdout=subprocess.PIPE, text=True
    )
    first_line = child.stdout.readline() if child.stdout else ""
    first = time.perf_counter() - started
    try:
        while child.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.05)
        else:
            print("the server exited before it answered", file=sys.stderr)
            return 1
        print(f"first line {first:.2f} s ({first_line.strip()!r}); HTTP 200 {time.perf_counter() - started:.2f} s")
    finally:
        child.send_signal(signal.SIGINT)
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
