from __future__ import annotations

import json
import os

from docx import Document
from typer.testing import CliRunner

from assistant.adapters.cli import app as cli

runner = CliRunner()


def test_patterns_list_show_and_search_json():
    listed = runner.invoke(cli, ["patterns", "list"])
    assert listed.exit_code == 0 and "demand-forecast" in listed.output
    shown = runner.invoke(cli, ["patterns", "show", "demand-forecast", "--lang", "ja"])
    assert shown.exit_code == 0 and "需要" in shown.output
    missing = runner.invoke(cli, ["patterns", "show", "nope"])
    assert missing.exit_code == 2 and "patterns list" in missing.output
    found = runner.invoke(cli, ["patterns", "search", "毎晩パンを捨てている", "--json", "-k", "3"])
    assert found.exit_code == 0, found.output
    hits = json.loads(found.stdout)
    assert len(hits) == 3 and "demand-forecast" in [h["id"] for h in hits]
    assert all({"id", "task_kind", "modalities", "score"} <= set(h) for h in hits)
    assert hits[0]["score"] >= hits[1]["score"] >= hits[2]["score"]


def test_scripted_chat_then_propose_in_every_format(tmp_path):
    script = tmp_path / "demo.txt"
    script.write_text(
        "\n".join(
            [
                "# a comment line is skipped",
                "I plan maintenance at a stamping plant and the presses stop without warning.",
                "I want to know which press will break down in the next few weeks.",
                "I look at the vibration readings and the oil temperature.",
                "We log the sensors for three years and every breakdown is in the maintenance log.",
                "About five times a year, and each stop costs roughly 40,000 dollars.",
            ]
        ),
        encoding="utf-8",
    )
    chat = runner.invoke(cli, ["chat", "--script", str(script)])
    assert chat.exit_code == 0, chat.output
    session_id = chat.output.split("interview id: ")[1].split()[0]
    md = runner.invoke(cli, ["propose", session_id, "--format", "md"])
    assert md.exit_code == 0 and md.stdout.startswith("# PoC proposal")
    js = runner.invoke(cli, ["propose", session_id, "--format", "json"])
    assert json.loads(js.stdout)["session_id"] == session_id
    out = tmp_path / "p.docx"
    docx = runner.invoke(cli, ["propose", session_id, "--format", "docx", "-o", str(out)])
    assert docx.exit_code == 0 and Document(str(out)).paragraphs[0].text.startswith("PoC proposal")
    assert out.stat().st_mode & 0o777 == 0o600  # it quotes the interview: the user's alone, as the web's files
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    piped = runner.invoke(cli, ["propose", session_id, "-o", str(fifo), "--force"])  # would block on open
    assert piped.exit_code == 2 and "not a regular file" in piped.output
    listed = runner.invoke(cli, ["sessions"])
    assert session_id[:10] in listed.output


def test_propose_without_a_theme_says_how_to_continue():
    chat = runner.invoke(cli, ["chat", "--script", "-"], input="Hello\n")
    session_id = chat.output.split("interview id: ")[1].split()[0]
    result = runner.invoke(cli, ["propose", session_id])
    assert result.exit_code == 2 and "--resume" in result.output


def test_portfolio_command(tmp_path):
    result = runner.invoke(cli, ["portfolio", "-o", str(tmp_path / "pf")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pf" / "summary.md").exists() and (tmp_path / "pf" / "chart.png").exists()
    assert (tmp_path / "pf" / "summary.md").stat().st_mode & 0o777 == 0o600
    (tmp_path / "pf" / "summary.md").write_text("my edits", encoding="utf-8")
    again = runner.invoke(cli, ["portfolio", "-o", str(tmp_path / "pf")])
    assert again.exit_code == 2 and "--force" in again.output
    assert (tmp_path / "pf" / "summary.md").read_text(encoding="utf-8") == "my edits"
    forced = runner.invoke(cli, ["portfolio", "-o", str(tmp_path / "pf"), "--force"])
    assert forced.exit_code == 0 and "my edits" not in (tmp_path / "pf" / "summary.md").read_text(encoding="utf-8")


def test_portfolio_on_a_file_or_an_unwritable_folder_is_a_clear_error(tmp_path):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x", encoding="utf-8")
    onto_file = runner.invoke(cli, ["portfolio", "-o", str(a_file)])
    assert onto_file.exit_code == 2 and "not a folder" in onto_file.output
    under_file = runner.invoke(cli, ["portfolio", "-o", str(a_file / "pf")])  # no folder can be made there
    assert under_file.exit_code == 2 and "cannot write the portfolio" in under_file.output


def test_an_argument_that_is_not_utf8_is_a_clear_error(tmp_path):
    import subprocess
    import sys

    env = {**os.environ, "THEME_ASSISTANT_DATA_DIR": str(tmp_path)}
    args = [sys.executable.encode(), b"-c", b"from assistant.adapters.cli import main; main()"]
    done = subprocess.run([*args, b"chat", b"--resume", b"ab\xffc"], env=env, capture_output=True, timeout=120)
    assert done.returncode == 2
    err = done.stderr.decode()
    assert "ab\\xffc is not valid UTF-8" in err and "Traceback" not in err


def test_a_conflict_on_one_line_is_a_note_and_the_chat_goes_on(tmp_path, monkeypatch):
    """Other windows keep changing the interview (the store gives up after its retries): the terminal says so in
    words and takes the next line, never a traceback."""
    from assistant.service import ChatService
    from assistant.store import SessionConflict

    real = ChatService.handle_state
    calls = {"n": 0}

    def busy_once(self, state, text, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise SessionConflict(f"interview {state.id!r} is being continued elsewhere right now; send it again")
        return real(self, state, text, *args, **kwargs)

    monkeypatch.setattr(ChatService, "handle_state", busy_once)
    script = tmp_path / "lines.txt"
    script.write_text("I plan maintenance at a stamping plant.\nThe presses stop without warning.\n", encoding="utf-8")
    result = runner.invoke(cli, ["chat", "--script", str(script)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())  # the console wraps long lines
    assert "being continued elsewhere right now; send it again" in said
    assert calls["n"] == 2 and "Traceback" not in said
