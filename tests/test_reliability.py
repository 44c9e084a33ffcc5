"""Issue 13, sessions: odd text at the door, safe renderers, two writers, private files, caps, one save a turn."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from subprocess import PIPE

import pytest
from docx import Document
from typer.testing import CliRunner

from assistant.adapters.cli import app as cli
from assistant.interview import Reply
from assistant.proposal import build_proposal
from assistant.render import to_docx, to_json, to_markdown
from assistant.service import ChatService
from assistant.state import InterviewState, Pain, Quote
from assistant.store import SessionStore
from tests.conversations import EN_PRESS
from tests.test_guided import talk

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- 1 and 3: the door cleans what comes in; every renderer is safe by itself ----------------------------


def test_a_word_line_break_is_stored_as_a_newline_and_the_docx_exports(app, tmp_path):
    lines = [EN_PRESS[0].replace("stamping plant", "stamping\x0b plant"), *EN_PRESS[1:]]
    state, _ = talk(app.service, lines)
    stored = app.store.load(state.id)
    assert stored is not None and stored.transcript[0].text.startswith("I plan maintenance for a stamping\n plant")
    path = to_docx(build_proposal(stored, app.kb), tmp_path / "p.docx", stored)
    assert Document(str(path)).paragraphs[0].text.startswith("PoC proposal")


def test_renderers_clean_control_characters_and_keep_the_title_short(app, tmp_path):
    state, _ = talk(app.service, EN_PRESS)
    proposal = build_proposal(state, app.kb)
    dirty = proposal.model_copy(update={"title": "PoC proposal: " + "press\x0b stops \x01" * 60})
    state.transcript[0].text = "said\x0bwith\x00controls"  # as if stored by an older version
    path = to_docx(dirty, tmp_path / "p.docx", state)
    doc = Document(str(path))
    assert len(doc.core_properties.title) <= 255
    md = to_markdown(dirty, state)
    assert "\x0b" not in md and "\x01" not in md and "said with controls" in md
    assert "\x0b" not in to_json(dirty)


def test_a_long_target_gives_a_short_proposal_title(app):
    state, _ = talk(app.service, EN_PRESS)
    state.themes[0].question.target = "which press will break down " * 100
    assert len(build_proposal(state, app.kb).title) < 160


def test_lone_surrogates_and_invalid_utf8_are_replaced_at_the_door(app):
    state = app.service.new_session("u")
    r = app.service.handle_state(state, "I plan maintenance \ud800 at a stamping plant")
    r = app.service.handle_state(r.state, b"the presses stop caf\xe9 \xff without warning")  # type: ignore[arg-type]
    r = app.service.handle_state(r.state, "split pair \ud83d\ude00 joined")
    stored = app.store.load(state.id)
    assert stored is not None
    said = [t.text for t in stored.transcript if t.role == "user"]
    assert said[0] == "I plan maintenance \ufffd at a stamping plant"
    assert "caf\ufffd \ufffd without" in said[1]
    assert said[2] == "split pair 😀 joined"
    json.loads(stored.to_json())  # serializable: no PydanticSerializationError


def test_chat_script_that_is_not_utf8_runs_with_a_note(tmp_path):
    script = tmp_path / "latin1.txt"
    script.write_bytes("I run a café and we throw away bread.\n".encode("latin-1") + b"\xff\xfe bad bytes\n")
    result = runner.invoke(cli, ["chat", "--script", str(script)])
    assert result.exit_code == 0, result.output
    assert "not valid UTF-8" in result.output and "caf\ufffd" in result.output


def test_chat_echo_does_not_read_user_text_as_markup(tmp_path):
    script = tmp_path / "s.txt"
    script.write_text("We log it in [/red] brackets [bold]\n", encoding="utf-8")
    result = runner.invoke(cli, ["chat", "--script", str(script)])
    assert result.exit_code == 0, result.output
    assert "[/red] brackets [bold]" in result.output


# -- 2: two writers on one session keep every turn --------------------------------------------------------


def _second_service(app) -> ChatService:
    return ChatService(SessionStore(app.settings.db_url), app.interviewer(), app.kb)


def test_a_stale_copy_is_applied_again_on_the_newer_state_and_the_user_is_told(app):
    first = app.service
    state = first.new_session("u")
    first.handle_state(state, EN_PRESS[0])
    second = _second_service(app)
    mine, theirs = first.get(state.id), second.get(state.id)
    first.handle_state(mine, EN_PRESS[1])
    r = second.handle_state(theirs, EN_PRESS[2])  # read before the first writer's turn
    assert "continued in another window" in r.reply
    final = first.get(state.id)
    said = [t.text for t in final.transcript if t.role == "user"]
    assert said == EN_PRESS[:3]
    assert [t.role for t in final.transcript] == ["user", "assistant"] * 3
    second.store.close()


def test_two_writers_in_threads_on_one_sqlite_file_keep_every_turn(app):
    state = app.service.new_session("u")
    app.service.handle_state(state, "I plan maintenance at a stamping plant and the presses stop.")
    services = [app.service, _second_service(app)]
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def writer(service: ChatService, name: str) -> None:
        try:
            current = service.get(state.id)
            start.wait()
            for i in range(8):
                current = service.handle_state(current, f"{name} says line {i}.").state
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(s, n)) for s, n in zip(services, "AB", strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    said = [t.text for t in app.service.get(state.id).transcript if t.role == "user"]
    assert len(said) == 17
    for name in "AB":
        assert [s for s in said if s.startswith(name)] == [f"{name} says line {i}." for i in range(8)]
    services[1].store.close()


def test_two_terminal_chats_resuming_one_interview_keep_every_turn(app):
    """Two real `theme-assistant chat --resume ID --script -` processes typing into one interview at once."""
    state = app.service.new_session("u")
    app.service.handle_state(state, EN_PRESS[0])
    env = {**os.environ, "THEME_ASSISTANT_DATA_DIR": str(app.settings.data_dir), "PYTHONUNBUFFERED": "1"}
    exe = [sys.executable, "-m", "assistant.adapters.cli", "chat", "--resume", state.id, "--script", "-"]
    procs = []
    for _ in range(2):  # one after the other: the first builds the search index the second opens
        proc = subprocess.Popen(exe, stdin=PIPE, stdout=subprocess.DEVNULL, stderr=PIPE, env=env, cwd=ROOT, text=True)
        assert proc.stderr is not None
        first = proc.stderr.readline()
        assert "interview id" in first, first + proc.stderr.read()
        procs.append(proc)  # it has read the interview; it writes only when a line comes
    for i in range(6):
        for name, proc in zip("CD", procs, strict=True):
            assert proc.stdin is not None
            proc.stdin.write(f"{name} says line {i}.\n")
            proc.stdin.flush()
        time.sleep(0.05)
    for proc in procs:
        proc.communicate(timeout=120)
        assert proc.returncode == 0
    said = [t.text for t in app.service.get(state.id).transcript if t.role == "user"]
    assert said[0] == EN_PRESS[0] and len(said) == 13
    for name in "CD":
        assert [s for s in said if s.startswith(name)] == [f"{name} says line {i}." for i in range(6)]


# -- 4: private files ---------------------------------------------------------------------------------------


def test_the_data_folder_and_the_session_database_are_private(app):
    state = app.service.new_session("u")
    app.service.handle_state(state, "I run a bakery.")
    assert _mode(app.settings.data_dir) == 0o700
    db = app.settings.sqlite_path
    for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        if path.exists():
            assert _mode(path) == 0o600, path


def test_folders_and_databases_made_by_older_versions_are_made_private(settings):
    settings.data_dir.mkdir(mode=0o755)
    settings.data_dir.chmod(0o755)
    sqlite3.connect(settings.sqlite_path).close()
    settings.sqlite_path.chmod(0o644)
    settings.ensure_data_dir()
    SessionStore(settings.db_url).close()
    assert _mode(settings.data_dir) == 0o700 and _mode(settings.sqlite_path) == 0o600


# -- 6: caps, one save a turn, appended transcript rows, old blobs still load ----------------------------------


def test_the_turn_cap_says_so_and_stores_nothing_more(app):
    service = ChatService(app.store, app.interviewer(), app.kb, max_user_turns=2)
    state = service.new_session("u")
    for line in EN_PRESS[:2]:
        state = service.handle_state(state, line).state
    r = service.handle_state(state, EN_PRESS[2])
    assert "reached 2 messages" in r.reply and "new interview" in r.reply
    stored = app.store.load(state.id)
    assert stored is not None and len(stored.transcript) == 4


class _OnePainPerTurn:
    """Adds a new pain on every message (as an employee listing one problem after another would)."""

    name = "pains"

    def respond(self, state: InterviewState, turn: int) -> Reply:
        state.pains = [*state.pains, Pain(text=state.transcript[turn].text, quote=Quote(text="x", turn=turn))]
        return Reply("What else is slow or costly?", "pains")

    def refresh(self, state: InterviewState) -> None:
        pass


def test_the_theme_cap_says_so_and_keeps_the_message(app):
    service = ChatService(app.store, _OnePainPerTurn(), app.kb, max_themes=2)
    state = service.new_session("u")
    for line in ("Bread waste.", "Late deliveries.", "Broken ovens."):
        r = service.handle_state(state, line)
        state = r.state
    assert "already holds 2 themes" in r.reply
    stored = app.store.load(state.id)
    assert stored is not None and len(stored.pains) == 2
    said = [t.text for t in stored.transcript if t.role == "user"]
    assert said == ["Bread waste.", "Late deliveries.", "Broken ovens."]


def test_a_turn_is_saved_twice_the_message_first(app, monkeypatch):
    """The message is committed before it is answered (a crash mid-turn keeps it), then the answered turn."""
    state = app.service.new_session("u")
    saves: list[str] = []
    real = app.store.save
    monkeypatch.setattr(app.store, "save", lambda s, **kw: (saves.append(s.id), real(s, **kw))[1])
    for line in EN_PRESS[:3]:
        state = app.service.handle_state(state, line).state
    assert len(saves) == 6


def test_the_transcript_is_appended_as_rows_not_rewritten(app):
    state, _ = talk(app.service, EN_PRESS[:3])
    with sqlite3.connect(app.settings.sqlite_path) as db:
        blob = db.execute("select state_json from sessions where id = ?", (state.id,)).fetchone()[0]
        rows = db.execute("select seq from session_turns where session_id = ? order by seq", (state.id,)).fetchall()
    assert EN_PRESS[0] not in blob and [r[0] for r in rows] == list(range(6))
    loaded = app.store.load(state.id)
    assert loaded is not None and [t.text for t in loaded.transcript] == [t.text for t in state.transcript]


_OLD_SCHEMA = """
create table sessions (id varchar(64) primary key, user_id varchar(200), title varchar(200), lang varchar(8),
  phase varchar(16), created_at datetime, updated_at datetime, state_json text);
create table conversations (key varchar(300) primary key, session_id varchar(64));
"""


def test_sessions_stored_as_one_blob_still_load_and_go_on(app, tmp_path):
    old = InterviewState(user_id="u")
    old.add_turn("user", EN_PRESS[0])
    old.add_turn("assistant", "What would you like to know earlier?", topic="judgment")
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        db.executescript(_OLD_SCHEMA)
        db.execute(
            "insert into sessions values (?, 'u', 't', 'en', 'interview', '2025-01-01', '2025-01-01', ?)",
            (old.id, old.to_json()),
        )
    store = SessionStore(f"sqlite:///{path}")
    service = ChatService(store, app.interviewer(), app.kb)
    loaded = service.get(old.id)
    assert [t.text for t in loaded.transcript] == [t.text for t in old.transcript]
    service.handle_state(loaded, EN_PRESS[1])
    again = SessionStore(f"sqlite:///{path}")
    final = again.load(old.id)
    assert final is not None and [t.text for t in final.transcript if t.role == "user"] == EN_PRESS[:2]
    assert len(final.transcript) == 4
    store.close()
    again.close()


# -- 9: no empty sessions ----------------------------------------------------------------------------------


def test_a_new_session_is_stored_with_its_first_message_only(app):
    state = app.service.new_session("web")
    assert app.store.recent() == []
    assert app.service.get(state.id).id == state.id  # a browser tab can still find it by id
    app.service.set_language(state.id, "ja")
    app.service.handle_state(state, "   ")  # not a message
    assert app.store.recent() == []
    app.service.handle_state(app.service.get(state.id), "パン屋で発注をしています。")
    assert [s.id for s in app.store.recent()] == [state.id]
    assert app.store.load(state.id).lang == "ja"  # type: ignore[union-attr]


def test_two_instances_starting_one_conversation_keep_both_first_messages_in_one_interview(app):
    """A Slack thread's first two messages reach two instances at once: each has an unsaved session for the thread;
    the second save finds the thread bound already and applies its message to the first one's interview."""
    key = "slack:T1:C1:1700000000.000100"
    mine = app.service.session_for(key, "slack:T1:U1")
    other = _second_service(app)
    theirs = other.session_for(key, "slack:T1:U1")
    assert mine.id != theirs.id and app.store.recent() == []
    first = app.service.handle_state(mine, EN_PRESS[0])
    second = other.handle_state(theirs, EN_PRESS[1])
    assert first.started and not second.started and second.session_id == mine.id
    assert app.store.lookup(key) == mine.id and [s.id for s in app.store.recent()] == [mine.id]
    stored = app.store.load(mine.id)
    assert stored is not None and [t.text for t in stored.transcript if t.role == "user"] == EN_PRESS[:2]
    other.store.close()


def test_a_locked_or_read_only_store_says_what_to_check_and_keeps_user_text_out(app, caplog):
    """The store that cannot be written: a message in words (no SQL, no parameters holding what was typed), and
    nothing of the text in the log."""
    import logging
    import sqlite3

    from assistant.store_errors import StoreError

    state, _ = talk(app.service, EN_PRESS[:2])
    secret = "our supplier Kessler charges 41,337 per batch"
    blocker = sqlite3.connect(app.settings.sqlite_path, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")  # another program holds the database
    app.store.engine.dispose()
    try:
        with caplog.at_level(logging.DEBUG), pytest.raises(StoreError) as caught:
            app.service.handle_state(state, secret)
    finally:
        blocker.rollback()
        blocker.close()
    message = str(caught.value)
    assert "locked" in message and "THEME_ASSISTANT_DATA_DIR" in message
    assert "UPDATE" not in message and "INSERT" not in message and "Kessler" not in message
    assert "Kessler" not in caplog.text and "SELECT" not in caplog.text
