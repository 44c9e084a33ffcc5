"""The LLM path's regression gate: recordings of a capable model replay offline, and fail closed when a request
changed (a prompt, the schema, the conversation)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = "apparel-markdown-ja.yaml"

# the eval command with one LLM prompt changed by a word, as a careless edit would
CHANGED = """
import sys
from assistant.interview.llm import prompts
original = prompts._templates.__wrapped__

def changed(lang):
    found = dict(original(lang))
    found["understand_system"] = found["understand_system"].replace("record", "note", 1)
    return found

prompts._templates = changed
from assistant.adapters.cli import main
sys.argv = ["theme-assistant", *sys.argv[1:]]
main()
"""


def _run(tmp_path: Path, code: list[str]) -> subprocess.CompletedProcess[str]:
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(ROOT / "eval" / "fresh3" / CASE, cases / CASE)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "THEME_ASSISTANT_DATA_DIR": str(tmp_path / "data"),
        "THEME_ASSISTANT_LLM_BASE_URL": "http://127.0.0.1:9/v1",
        "THEME_ASSISTANT_LLM_MODEL": "relay",
        "THEME_ASSISTANT_LLM_API_KEY": "replay",
    }
    args = ["eval", "--cases", str(cases), "--backend", "llm", "--replay", str(ROOT / "eval/recordings/fresh3-llm")]
    args += ["--json", str(tmp_path / "out.json")]
    command = [sys.executable, *code, *args]
    return subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_the_recordings_replay_the_capable_models_interview(tmp_path):
    done = _run(tmp_path, ["-m", "assistant.adapters.cli"])
    assert done.returncode == 0, done.stderr[-2000:]
    said = " ".join((done.stdout + done.stderr).split())
    assert "0 of 4 turns answered by the offline engine" in said, said[-2000:]


def test_a_changed_prompt_fails_the_replay_with_a_clear_message(tmp_path):
    done = _run(tmp_path, ["-c", CHANGED])
    assert done.returncode != 0
    said = done.stdout + done.stderr
    assert "no recording" in said and "record again" in said, said[-2000:]
