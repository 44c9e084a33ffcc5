"""Shared fixtures. Every test runs offline: a connection to anything but loopback fails the test."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.app import App, offline_environment
from assistant.knowledge import KnowledgeBase, load_knowledge
from assistant.retrieval import PatternIndex, chroma_client
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
offline_environment()


def _is_local(address: object) -> bool:
    if isinstance(address, (str, bytes)):  # a unix socket path
        return True
    host = address[0] if isinstance(address, tuple) else address
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(str(host)).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any attempt to reach beyond this machine (a real model call, a telemetry ping, a download)."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        if not _is_local(address):
            raise AssertionError(f"test tried to reach {address!r}; tests must stay on 127.0.0.1")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)

    def no_dns(host: object, *args: object, **kwargs: object) -> object:
        if host not in ("localhost", "127.0.0.1", "::1", None) and not str(host).startswith("127."):
            raise AssertionError(f"test tried to look up {host!r}; tests must stay offline")
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    real_getaddrinfo = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", no_dns)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge(ROOT / "knowledge")


@pytest.fixture(scope="session")
def index(kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> PatternIndex:
    return PatternIndex.open(kb, chroma_client(tmp_path_factory.mktemp("chroma")), "test-patterns")


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", knowledge_dir=ROOT / "knowledge")


@pytest.fixture()
def app(settings: Settings, kb: KnowledgeBase, index: PatternIndex) -> Iterator[App]:
    """A real app (SQLite on disk in a temp folder) sharing the session's KB and Chroma index."""
    a = App(settings)
    a.__dict__["kb"] = kb
    a.__dict__["index"] = index
    yield a
    a.store.close()


@pytest.fixture(autouse=True)
def _data_dir_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Subprocesses and Settings() built inside the code under test must never touch the real user folder.
    monkeypatch.setenv("THEME_ASSISTANT_DATA_DIR", str(tmp_path / "env-data"))
    monkeypatch.delenv("THEME_ASSISTANT_BACKEND", raising=False)
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
