"""Sessions in a real PostgreSQL server on loopback (the URL several app instances would share)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from assistant.service import ChatService
from assistant.store import SessionStore
from tests.webserver import free_port

pytestmark = pytest.mark.slow


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(candidates[-1]) if candidates else None


def _as_postgres(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root; the Debian package's "postgres" account runs them
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@pytest.fixture()
def postgres_url():
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.fail("PostgreSQL server binaries are missing: apt-get install postgresql (scripts/test does it)")
    # not under pytest's tmp_path: that folder is private to root, and the server runs as "postgres"
    base = Path(tempfile.mkdtemp(prefix="ta-pg-"))
    data = base / "pg"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(data, "postgres")
    port = free_port()
    subprocess.run(
        _as_postgres([initdb, "-D", str(data), "-U", "ta", "--auth=trust", "-E", "UTF8"]),
        check=True,
        capture_output=True,
    )
    subprocess.run(
        _as_postgres(
            [
                pg_ctl,
                "-D",
                str(data),
                "-l",
                str(data / "log"),
                "-w",
                "-o",
                f"-p {port} -k {data} -c listen_addresses=127.0.0.1",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        deadline = time.time() + 20
        url = f"postgresql+psycopg://ta@127.0.0.1:{port}/postgres"
        while time.time() < deadline:
            try:
                SessionStore(url).close()
                break
            except Exception:
                time.sleep(0.3)
        yield url
    finally:
        subprocess.run(_as_postgres([pg_ctl, "-D", str(data), "-m", "fast", "stop"]), capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def test_two_app_instances_share_sessions_through_postgres(postgres_url, app):
    first = ChatService(SessionStore(postgres_url), app.interviewer(), app.kb)
    second = ChatService(SessionStore(postgres_url), app.interviewer(), app.kb)
    r = first.handle("web:tab-1", "u1", "I plan maintenance at a stamping plant and the presses stop without warning.")
    r2 = second.handle("web:tab-1", "u1", "I want to know which press will break down next week.")
    assert r2.session_id == r.session_id
    state = first.get(r.session_id)
    assert [t.role for t in state.transcript] == ["user", "assistant", "user", "assistant"]
    assert state.focus_pain() is not None and state.focus_pain().target is not None
    assert [s.id for s in second.store.recent()] == [r.session_id]
    first.store.close()
    second.store.close()


@pytest.mark.slow
def test_two_web_servers_on_one_postgres_continue_one_interview(postgres_url, settings, kb, index, tmp_path):
    """Two instances as the README deploys them (one PostgreSQL, a data folder each): a turn on each, in one
    interview, nothing lost, each page shows both turns."""
    from gradio_client import Client

    from assistant.app import App
    from tests.webserver import running

    apps = []
    for name in ("a", "b"):
        one = App(settings.model_copy(update={"database_url": postgres_url, "data_dir": tmp_path / name}))
        one.__dict__["kb"], one.__dict__["index"] = kb, index
        apps.append(one)
    try:
        with running(apps[0]) as first, running(apps[1]) as second:
            line_a = "I plan maintenance at a stamping plant and the presses stop without warning."
            line_b = "I want to know which press will break down in the next few weeks."
            out = Client(first, verbose=False).predict(line_a, "", "en", api_name="/send")
            sid = out[1]
            out = Client(second, verbose=False).predict(line_b, sid, "en", api_name="/send")
            assert out[1] == sid
            for url in (first, second):
                views = Client(url, verbose=False).predict(sid, "", "en", api_name="/resume")
                chat = views[1]["value"] if isinstance(views[1], dict) and "value" in views[1] else views[1]
                said = [
                    m["content"] if isinstance(m["content"], str) else " ".join(c["text"] for c in m["content"])
                    for m in chat
                    if m["role"] == "user"
                ]
                assert said == [line_a, line_b], said
    finally:
        for one in apps:
            one.store.close()


def test_an_id_with_a_nul_byte_is_unknown_not_an_sql_error(postgres_url):
    """PostgreSQL refuses a NUL in text with an error that named the SQL: a pasted id with one is just unknown."""
    store = SessionStore(postgres_url)
    try:
        assert store.load("abc\x00def") is None
        assert store.lookup("web:\x00") is None
        assert store.redeem_link("AB\x00C-1234") is None
    finally:
        store.close()
