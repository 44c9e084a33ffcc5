"""kill -9 in the middle of a turn, on every way in: the message is kept, and answered once after a restart."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.slack_harness import SECRET, mention
from tests.slack_stub import send, signed, slack_stub
from tests.webserver import free_port

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

# The real command line, with every turn stuck before its reply (as a slow model call would be): the message is
# committed, the process is then killed where a crash would hit.
HANG = """
import sys, time
from assistant.service import ChatService

def stuck(self, state, turn):
    time.sleep(600)
    yield None

ChatService._respond_stream = stuck
from assistant.adapters.cli import main
sys.argv = ["theme-assistant", *sys.argv[1:]]
main()
"""
MESSAGE = "We bake for 14 cafes and bin about 200 croissants a night."


def _env(data: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "THEME_ASSISTANT_DATA_DIR": str(data),
        "THEME_ASSISTANT_EMBEDDING": "hashing",  # a new index in a second, not the sentence encoder's ten
        **extra,
    }


def _cli(data: Path, *args: str, hang: bool, **extra: str) -> subprocess.Popen[str]:
    code = ["-c", HANG] if hang else ["-m", "assistant.adapters.cli"]
    return subprocess.Popen(
        [sys.executable, *code, *args],
        env=_env(data, **extra),
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _stored_messages(data: Path) -> list[tuple[str, str, str]]:
    """(session, role, text) of every stored turn, read straight from the SQLite file."""
    db = data / "sessions.db"
    if not db.exists():
        return []
    try:
        with sqlite3.connect(db) as conn:
            rows = conn.execute("select session_id, turn_json from session_turns order by session_id, seq").fetchall()
    except sqlite3.OperationalError:
        return []  # the tables are being created
    return [(sid, json.loads(t)["role"], json.loads(t)["text"]) for sid, t in rows]


def _kill_once_stored(child: subprocess.Popen[str], data: Path, text: str) -> str:
    deadline = time.monotonic() + 120
    while not any(t == text for _, _, t in _stored_messages(data)):
        assert child.poll() is None, child.communicate()[1][-3000:]
        assert time.monotonic() < deadline, "the message was never stored"
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    return next(s for s, _, t in _stored_messages(data) if t == text)


def _turns(data: Path, sid: str) -> list[tuple[str, str]]:
    return [(role, text) for s, role, text in _stored_messages(data) if s == sid]


def test_chat_keeps_a_message_killed_mid_turn_and_answers_it_once(tmp_path):
    data = tmp_path / "data"
    child = _cli(data, "chat", "--script", "-", hang=True)
    assert child.stdin is not None
    child.stdin.write(MESSAGE + "\n")
    child.stdin.flush()
    sid = _kill_once_stored(child, data, MESSAGE)
    assert _turns(data, sid) == [("user", MESSAGE)]
    # the employee resumes and sends it again (they never saw an answer): kept once, answered once
    again = _cli(data, "chat", "--resume", sid, "--script", "-", hang=False)
    _out, err = again.communicate(MESSAGE + "\n", timeout=120)
    assert again.returncode == 0, err[-3000:]
    turns = _turns(data, sid)
    assert [r for r, _ in turns] == ["user", "assistant"] and turns[0][1] == MESSAGE


def _web(data: Path, hang: bool) -> tuple[subprocess.Popen[str], Any]:
    """The real web server in a child process, and a client once it answers."""
    from gradio_client import Client

    port = free_port()
    child = _cli(data, "web", "--port", str(port), hang=hang)
    deadline = time.monotonic() + 120
    while True:
        try:
            return child, Client(f"http://127.0.0.1:{port}/", verbose=False)
        except Exception:
            assert child.poll() is None and time.monotonic() < deadline, child.communicate()[1][-3000:]
            time.sleep(0.3)


def test_web_keeps_a_message_killed_mid_turn(tmp_path):
    data = tmp_path / "data"
    child, client = _web(data, hang=True)
    client.submit(MESSAGE, "", "en", api_name="/send")
    sid = _kill_once_stored(child, data, MESSAGE)
    # after a restart the message is on the page, and the next one answers both
    again, client = _web(data, hang=False)
    try:
        views = client.predict(sid, "", "en", api_name="/resume")
        assert MESSAGE in json.dumps(views[1], ensure_ascii=False)
        client.predict("I decide how many to bake each evening.", sid, "en", api_name="/send")
        roles = [r for r, _ in _turns(data, sid)]
        assert roles == ["user", "assistant", "user", "assistant"], roles
    finally:
        again.terminate()
        again.wait(timeout=30)


def test_slack_answers_the_retry_of_a_message_killed_mid_turn(tmp_path):
    data = tmp_path / "data"
    with slack_stub() as stub:
        env = {
            "THEME_ASSISTANT_SLACK_API_URL": stub.url + "api/",
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SECRET,
        }
        body = mention(MESSAGE)
        raw = json.dumps(body)
        for attempt, hang in enumerate((True, False)):
            port = free_port()
            child = _cli(data, "slack", "--http", "--port", str(port), hang=hang, **env)
            url = f"http://127.0.0.1:{port}/slack/events"
            deadline = time.monotonic() + 120
            headers = signed(SECRET, raw) | ({"X-Slack-Retry-Num": "1"} if attempt else {})
            while True:
                try:
                    status, _ = send(url, raw, headers, "application/json")
                    break
                except OSError:
                    assert child.poll() is None and time.monotonic() < deadline, child.communicate()[1][-3000:]
                    time.sleep(0.3)
            assert status == 200
            if hang:
                sid = _kill_once_stored(child, data, MESSAGE)
                assert not stub.posts(body["event"]["ts"]), "no reply was posted before the crash"
        try:
            # Slack's retry reaches the restarted bot: the claim of the dead process is taken over
            stub.wait_for(lambda s: len(s.posts(body["event"]["ts"])) >= 1, timeout=60)
        finally:
            child.terminate()
            child.wait(timeout=30)
        roles = [r for r, _ in _turns(data, sid)]
        assert roles == ["user", "assistant"], roles


def test_sigterm_removes_gradios_private_temp_folder(tmp_path):
    data = tmp_path / "data"
    child, _client = _web(data, hang=False)
    mine = data / "tmp" / f"gradio-{child.pid}"
    assert mine.is_dir()
    child.send_signal(signal.SIGTERM)
    child.wait(timeout=60)
    assert not mine.exists(), "the copies of served files are removed on SIGTERM as on Ctrl+C"
