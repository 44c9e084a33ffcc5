"""Issue 13, files: odd entries in the KB and eval folders, duplicate keys, limits, and where proposals are written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from docx import Document
from typer.testing import CliRunner

from assistant.adapters.cli import app as cli
from assistant.evaluation.cases import CaseError, load_cases
from assistant.knowledge import MAX_FILE_BYTES, MAX_PHRASES, KnowledgeError, load_knowledge
from tests.conversations import EN_PRESS

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "knowledge/patterns/demand-forecast.yaml"
CASE = sorted((ROOT / "eval/cases").glob("*.yaml"))[0]
runner = CliRunner()


@pytest.fixture()
def kb_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "kb"
    (folder / "patterns").mkdir(parents=True)
    shutil.copy(GOOD, folder / "patterns" / GOOD.name)
    return folder


def _error(folder: Path) -> str:
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(folder)
    return str(err.value)


# -- 7: odd entries in the folders ---------------------------------------------------------------------------


def test_a_broken_link_in_the_knowledge_base_is_named_with_the_fix(kb_dir):
    (kb_dir / "patterns" / "gone.yaml").symlink_to(kb_dir / "nowhere.yaml")
    message = _error(kb_dir)
    assert "gone.yaml" in message and "does not exist" in message


def test_a_folder_named_yaml_in_the_knowledge_base_is_named_with_the_fix(kb_dir):
    (kb_dir / "patterns" / "odd.yaml").mkdir()
    message = _error(kb_dir)
    assert "odd.yaml" in message and "folder" in message and "rename" in message


def test_a_folder_named_yaml_among_the_generic_guidance_is_named(kb_dir):
    (kb_dir / "generic" / "odd.yaml").mkdir(parents=True)
    message = _error(kb_dir)
    assert "generic/odd.yaml" in message and "rename" in message


def test_odd_entries_in_an_eval_folder_are_named(tmp_path):
    shutil.copy(CASE, tmp_path / CASE.name)
    (tmp_path / "sub.yaml").mkdir()
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    with pytest.raises(CaseError) as err:
        load_cases(tmp_path)
    assert "sub.yaml" in str(err.value) and "gone.yaml" in str(err.value)


def test_an_odd_entry_is_a_message_on_the_command_line_not_a_traceback(kb_dir):
    (kb_dir / "patterns" / "odd.yaml").mkdir()
    env = {**os.environ, "THEME_ASSISTANT_KNOWLEDGE_DIR": str(kb_dir)}
    done = subprocess.run(
        [sys.executable, "-m", "assistant.adapters.cli", "patterns", "list"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 2 and "odd.yaml" in done.stderr and "Traceback" not in done.stderr


# -- 8: synonyms, duplicate keys, limits -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("groups: [unclosed\n", "cannot be read"),
        ("- just a list\n", "list under 'groups'"),
        ("groups:\n  - [waste, bin]\n  - waste\n", "group #2"),
        (b"groups:\n  - [caf\xe9]\n", "UTF-8"),
    ],
)
def test_a_bad_synonyms_file_is_named_with_the_fix(kb_dir, text, expected):
    path = kb_dir / "synonyms.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    message = _error(kb_dir)
    assert "synonyms.yaml" in message and expected in message


def test_duplicate_keys_in_a_pattern_are_rejected_with_the_file_and_key(kb_dir):
    path = kb_dir / "patterns" / GOOD.name
    path.write_text(path.read_text(encoding="utf-8") + "task_kind: regression\n", encoding="utf-8")
    message = _error(kb_dir)
    assert GOOD.name in message and "'task_kind' is given twice" in message


def test_duplicate_keys_in_a_case_are_rejected_with_the_file_and_key(tmp_path):
    (tmp_path / CASE.name).write_text(CASE.read_text(encoding="utf-8") + "lang: en\n", encoding="utf-8")
    with pytest.raises(CaseError) as err:
        load_cases(tmp_path)
    assert CASE.name in str(err.value) and "'lang' is given twice" in str(err.value)


def test_an_oversized_pattern_file_is_refused_with_the_limit(kb_dir):
    path = kb_dir / "patterns" / "huge.yaml"
    path.write_text("# padding\n" * (MAX_FILE_BYTES // 10 + 10), encoding="utf-8")
    message = _error(kb_dir)
    assert "huge.yaml" in message and "above the limit" in message


def test_too_many_items_in_a_pattern_list_are_refused(kb_dir):
    path = kb_dir / "patterns" / GOOD.name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["keywords"]["en"] = [f"word {i}" for i in range(MAX_PHRASES + 1)]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    message = _error(kb_dir)
    assert "keywords.en" in message and f"keep the {MAX_PHRASES}" in message


# -- 9: propose -o ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def session_id(tmp_path_factory) -> str:
    script = tmp_path_factory.mktemp("script") / "demo.txt"
    script.write_text("\n".join(EN_PRESS), encoding="utf-8")
    data = tmp_path_factory.mktemp("data")
    # one interview for every test of the module: its data folder is passed explicitly on each command
    chat = runner.invoke(cli, ["chat", "--script", str(script)], env={"THEME_ASSISTANT_DATA_DIR": str(data)})
    assert chat.exit_code == 0, chat.output
    return chat.output.split("interview id: ")[1].split()[0] + "@" + str(data)


def _propose(session_id: str, *args: str):
    sid, data = session_id.split("@")
    return runner.invoke(cli, ["propose", sid, *args], env={"THEME_ASSISTANT_DATA_DIR": data})


@pytest.mark.parametrize("fmt", ["md", "json", "docx"])
def test_propose_makes_missing_folders_for_every_format(session_id, tmp_path, fmt):
    out = tmp_path / "no" / "dir" / f"p.{fmt}"
    result = _propose(session_id, "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.is_file() and out.stat().st_size > 0


def test_propose_into_a_folder_writes_the_default_name_there(session_id, tmp_path):
    result = _propose(session_id, "--format", "docx", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    written = list(tmp_path.glob("proposal-*.docx"))
    assert len(written) == 1 and Document(str(written[0])).paragraphs[0].text.startswith("PoC proposal")


def test_propose_refuses_to_overwrite_without_force(session_id, tmp_path):
    out = tmp_path / "p.md"
    out.write_text("my notes", encoding="utf-8")
    refused = _propose(session_id, "-o", str(out))
    assert refused.exit_code == 2 and "--force" in refused.output and out.read_text() == "my notes"
    forced = _propose(session_id, "-o", str(out), "--force")
    assert forced.exit_code == 0 and out.read_text(encoding="utf-8").startswith("# PoC proposal")
