"""The eval harness: case validation, the simulated employee, pass^k, the CLI contract and the baseline gate."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from assistant.adapters.cli import app as cli
from assistant.evaluation.cases import CaseError, load_case, load_cases
from assistant.evaluation.runner import CaseResult, pass_hat_k
from assistant.evaluation.simulator import answer

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "eval" / "cases"


def test_the_suites_meet_the_issue(kb):
    cases = load_cases(CASES)
    assert len(cases) >= 48
    assert sum(c.lang == "ja" for c in cases) >= 24 and sum(c.lang == "en" for c in cases) >= 24
    assert len({c.persona.industry for c in cases}) >= 12
    kinds = {k for c in cases for k in c.expect.task_kinds}
    assert kinds == {p.task_kind for p in kb}
    assert any(not c.expect.ml_theme for c in cases)
    assert len(load_cases(ROOT / "eval" / "holdout")) >= 16


def _case(tmp_path: Path, **changes) -> Path:
    data = yaml.safe_load((CASES / "retail-fresh-ordering-en.yaml").read_text(encoding="utf-8"))
    for key, value in changes.items():
        target = data
        *parents, leaf = key.split(".")
        for p in parents:
            target = target[p]
        target[leaf] = value
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("key", "value", "field"),
    [
        ("surprise", 1, "surprise"),
        ("lang", "fr", "lang"),
        ("expect.task_kinds", ["guessing"], "expect.task_kinds.0"),
        ("answers.mood", "happy", "answers.mood"),
        ("id", "Bad Id", "id"),
    ],
)
def test_bad_case_files_name_the_file_and_field(tmp_path, key, value, field):
    with pytest.raises(CaseError) as err:
        load_case(_case(tmp_path, **{key: value}))
    assert "case.yaml" in str(err.value) and f"field '{field}'" in str(err.value)


def test_not_ml_cases_must_not_carry_theme_expectations(tmp_path):
    with pytest.raises(CaseError, match="leave out task_kinds"):
        load_case(_case(tmp_path, **{"expect.ml_theme": False}))


def test_simulator_answers_by_topic_and_says_it_does_not_know_otherwise():
    case = load_case(CASES / "retail-fresh-ordering-en.yaml")
    assert answer(case, "inputs") == case.answers.inputs
    assert answer(case, "inputs") == answer(case, "inputs")
    assert answer(case, None) == "I don't know."
    ja = next(c for c in load_cases(CASES) if c.lang == "ja")
    assert answer(ja, None) == "わかりません。"


def test_pass_hat_k():
    def result(runs: list[bool]) -> CaseResult:
        r = CaseResult.__new__(CaseResult)
        r.runs = runs
        return r

    results = [result([True, True, True]), result([True, False, True]), result([False, False, False])]
    assert pass_hat_k(results, 1) == pytest.approx((1 + 2 / 3 + 0) / 3)
    assert pass_hat_k(results, 3) == pytest.approx(1 / 3)
    assert pass_hat_k(results, 4) is None


@pytest.fixture()
def small_suite(tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    for name in ("retail-fresh-ordering-en", "conveni-onigiri-ordering-ja", "public-permit-retyping-en"):
        shutil.copy(CASES / f"{name}.yaml", folder)
    return folder


def test_eval_command_writes_the_contract_json_report_and_proposals(small_suite, tmp_path):
    out = tmp_path / "out.json"
    result = CliRunner().invoke(
        cli,
        [
            "eval",
            "--cases",
            str(small_suite),
            "--backend",
            "offline",
            "--json",
            str(out),
            "--report",
            str(tmp_path / "r.md"),
            "--proposals",
            str(tmp_path / "props"),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data["summary"]) >= {"total", "passed", "pass_rate"}
    assert data["summary"]["total"] == 3
    case = next(c for c in data["cases"] if c["id"] == "retail-fresh-ordering-en")
    assert set(case) >= {"id", "lang", "passed", "turns", "checks", "top_theme"}
    assert set(case["checks"]) >= {
        "task_kind",
        "modality",
        "pattern",
        "target",
        "inputs",
        "value",
        "well_formed",
        "clean_inputs",
        "facts_kept",
        "turns",
        "language",
        "proposal",
    }
    assert all(name in case["why"] for name, ok in case["checks"].items() if not ok)
    assert case["checks"]["no_errors"]
    assert set(case["top_theme"]) >= {"task_kind", "modalities", "detection_question", "target", "inputs"}
    report = (tmp_path / "r.md").read_text(encoding="utf-8")
    for heading in ("Pass rate per check", "per language", "Expected (rows) vs found", "Slot extraction"):
        assert heading in report
    assert (tmp_path / "props" / "retail-fresh-ordering-en.md").exists()
    assert (tmp_path / "props" / "retail-fresh-ordering-en.docx").exists()


def test_baseline_gate_fails_on_a_regression(small_suite, tmp_path):
    baseline = tmp_path / "baseline.json"
    baseline.write_text(
        json.dumps(
            {
                "summary": {"pass_rate": 1.0, "by_lang": {}},
                "cases": [{"id": "retail-fresh-ordering-en", "passed": True}],
            }
        )
    )
    broken = small_suite / "retail-fresh-ordering-en.yaml"
    data = yaml.safe_load(broken.read_text(encoding="utf-8"))
    data["expect"]["task_kinds"] = ["clustering"]  # the engine is right, so this case now "regresses"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--cases", str(small_suite), "--baseline", str(baseline)])
    assert result.exit_code == 1
    assert "retail-fresh-ordering-en passed in the baseline and now fails" in result.output


def test_baseline_gate_fails_when_a_case_is_missing_or_added(small_suite, tmp_path):
    out = tmp_path / "base.json"
    first = CliRunner().invoke(cli, ["eval", "--cases", str(small_suite), "--write-baseline", str(out)])
    assert first.exit_code == 0, first.output
    (small_suite / "public-permit-retyping-en.yaml").unlink()  # deleting a case must not pass the gate
    result = CliRunner().invoke(cli, ["eval", "--cases", str(small_suite), "--baseline", str(out)])
    assert result.exit_code == 1
    said = " ".join(result.output.split())  # the console wraps long lines
    assert "missing from this run: public-permit-retyping-en" in said
    assert "2 cases ran, the baseline has 3" in said


def test_a_run_cannot_approve_itself(small_suite, tmp_path):
    out = tmp_path / "base.json"
    result = CliRunner().invoke(
        cli, ["eval", "--cases", str(small_suite), "--write-baseline", str(out), "--baseline", str(out)]
    )
    assert result.exit_code == 2 and "cannot approve itself" in " ".join(result.output.split())
    assert not out.exists()


def test_unknown_backend_is_a_clear_error(small_suite):
    result = CliRunner().invoke(cli, ["eval", "--cases", str(small_suite), "--backend", "llm"])
    assert result.exit_code == 2 and "--backend offline" in result.output


def test_bad_case_folder_is_a_clear_error(tmp_path):
    (tmp_path / "x.yaml").write_text("id: [broken", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--cases", str(tmp_path)])
    assert result.exit_code == 2 and "x.yaml" in result.output
