"""Starting the real Gradio server on loopback for tests."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

from assistant.adapters.web import launch
from assistant.app import App


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running(app: App) -> Iterator[str]:
    port = free_port()
    demo = launch(app, host="127.0.0.1", port=port, block=False)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()
