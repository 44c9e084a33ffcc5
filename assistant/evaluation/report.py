"""Eval reports: the contract's JSON, a readable Markdown report, and the baseline comparison."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.evaluation.runner import CaseResult
from assistant.evaluation.usage import usage_markdown
from assistant.vocabulary import TASK_KINDS


def to_json(results: list[CaseResult], summary: dict[str, Any]) -> dict[str, Any]:
    return {"summary": summary, "cases": [r.to_json() for r in results]}


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def to_markdown(results: list[CaseResult], summary: dict[str, Any], extra: dict[str, Any] | None = None) -> str:
    out = [
        "# Eval report",
        "",
        f"**{summary['passed']}/{summary['total']} passed ({_pct(summary['pass_rate'])})**, "
        f"mean {summary['mean_turns']} assistant turns per case.",
        "",
    ]
    out += ["## Pass rate per language", "", "| lang | cases | passed | rate |", "|---|---|---|---|"]
    out += [
        f"| {k} | {v['total']} | {v['passed']} | {_pct(v['pass_rate'])} |"
        for k, v in sorted(summary["by_lang"].items())
    ]
    langs = sorted(summary.get("by_lang_check", {}))
    out += ["", "## Pass rate per check", "", "| check | all | " + " | ".join(langs) + " |"]
    out += ["|---|---|" + "---|" * len(langs)]
    out += [
        f"| {k} | {_pct(v)} | " + " | ".join(_pct(summary["by_lang_check"][lang].get(k)) for lang in langs) + " |"
        for k, v in summary["by_check"].items()
    ]
    out += ["", "## Pass rate per expected task kind", "", "| task kind | cases | rate |", "|---|---|---|"]
    out += [f"| {k} | {v['total']} | {_pct(v['pass_rate'])} |" for k, v in summary["by_task_kind"].items()]
    kinds = [
        k
        for k in (*TASK_KINDS, "not_ml", "none")
        if k in summary["confusion"] or any(k in row for row in summary["confusion"].values())
    ]
    out += [
        "",
        "## Expected (rows) vs found (columns) task kind of the top theme",
        "",
        "| expected \\ found | " + " | ".join(kinds) + " |",
        "|---|" + "---|" * len(kinds),
    ]
    for exp in kinds:
        row = summary["confusion"].get(exp)
        if row:
            out.append(f"| {exp} | " + " | ".join(str(row.get(f, "")) for f in kinds) + " |")
    q = summary["questions_per_turn"]
    out += [
        "",
        "## Interview quality",
        "",
        "- Slot extraction accuracy per topic: "
        + ", ".join(f"{k} {_pct(v)}" for k, v in summary["slot_accuracy"].items()),
        f"- Questions per assistant turn: mean {q['mean']}, max {q['max']}, turns with more than one: "
        f"{q['turns_with_more_than_one']} (target: one question per turn)",
        f"- Re-asked topics that were already answered: {summary['reasked_topics']} (target: none)",
        f"- Proposals citing every matched pattern: {_pct(summary['citation_rate'])}",
    ]
    if "pass_hat_k" in summary:
        out.append("- pass^k: " + ", ".join(f"k={k}: {_pct(v)}" for k, v in summary["pass_hat_k"].items()))
    if "llm" in summary:
        out += usage_markdown(summary["llm"])
    for title, data in (extra or {}).items():
        out += ["", f"## {title}", "", "```json", json.dumps(data, indent=2, ensure_ascii=False), "```"]
    out += [
        "",
        "## Cases",
        "",
        "| case | lang | passed | turns | failed checks | top pattern |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        top = r.state.top_theme
        failed = ", ".join(k for k, v in r.checks.items() if not v)
        out.append(
            f"| {r.case.id} | {r.case.lang} | {'yes' if r.passed else 'NO'} | {r.turns} | {failed} | "
            f"{top.best.id if top and top.best else ('not ML' if r.state.not_ml_verdict else '–')} |"
        )
    failing = [r for r in results if not r.passed]
    if failing:
        out += ["", "## Failed cases: why, the top theme, the transcript"]
        for r in failing:
            out += _failure(r)
    return "\n".join(out) + "\n"


def _failure(r: CaseResult) -> list[str]:
    """One failed case, readable in 30 seconds: what failed and why, what the assistant concluded, what was said."""
    out = ["", f"### {r.case.id} ({r.case.lang}): {r.case.title}", ""]
    for name, ok in r.checks.items():
        if not ok:
            out.append(f"- **{name}** failed: {r.why.get(name, '')}")
    top = r.state.top_theme
    if top is not None:
        patterns = ", ".join(f"{m.id} ({m.score:.2f})" for m in top.patterns) or "none"
        value = "unknown" if top.value.per_year is None else f"{top.value.per_year:,.0f} {top.value.currency}"
        out += [
            "",
            "Top theme:",
            "",
            f"- question: {top.question.text}",
            f"- target: {top.question.target}",
            f"- inputs: {' / '.join(top.question.inputs) or '–'}",
            f"- patterns: {patterns}",
            f"- value per year: {value}" + (f" ({'; '.join(top.value.arithmetic)})" if top.value.arithmetic else ""),
            f"- feasibility: {top.feasibility.score:.2f}",
        ]
    elif r.state.not_ml_verdict:
        out += ["", "Verdict: not an ML theme."]
    out += ["", "Transcript:", ""]
    for t in r.state.transcript:
        who = "employee" if t.role == "user" else f"assistant ({t.topic or '–'})"
        out.append(f"> **{who}:** " + t.text.replace("\n", "\n> "))
        out.append(">")
    return out


def compare_to_baseline(report: dict[str, Any], baseline: dict[str, Any]) -> list[str]:
    """Regressions against the accepted baseline: other cases than the baseline's, a lower pass rate, or a case
    that passed and now fails."""
    problems = []
    base_ids = [c["id"] for c in baseline.get("cases", [])]
    now_ids = [c["id"] for c in report["cases"]]
    missing, extra = sorted(set(base_ids) - set(now_ids)), sorted(set(now_ids) - set(base_ids))
    if missing:
        problems.append(f"cases in the baseline are missing from this run: {', '.join(missing)}")
    if extra:
        problems.append(f"cases not in the baseline: {', '.join(extra)} (accept them with --write-baseline)")
    base_total = baseline.get("summary", {}).get("total")
    if base_total is not None and base_total != report["summary"]["total"]:
        problems.append(f"{report['summary']['total']} cases ran, the baseline has {base_total}")
    base_rate = baseline.get("summary", {}).get("pass_rate", 0.0)
    rate = report["summary"]["pass_rate"]
    if rate + 1e-9 < base_rate:
        problems.append(f"pass rate {rate:.4f} is below the baseline {base_rate:.4f}")
    for lang, data in baseline.get("summary", {}).get("by_lang", {}).items():
        now = report["summary"]["by_lang"].get(lang, {}).get("pass_rate", 0.0)
        if now + 1e-9 < data.get("pass_rate", 0.0):
            problems.append(f"{lang} pass rate {now:.4f} is below the baseline {data['pass_rate']:.4f}")
    now_cases = {c["id"]: c for c in report["cases"]}
    for case in baseline.get("cases", []):
        if case.get("passed") and case["id"] in now_cases and not now_cases[case["id"]]["passed"]:
            failed = [k for k, v in now_cases[case["id"]]["checks"].items() if not v]
            problems.append(f"case {case['id']} passed in the baseline and now fails ({', '.join(failed)})")
    return problems


def baseline_of(report: dict[str, Any]) -> dict[str, Any]:
    """The part of a report kept as `eval/baseline.json` (small, stable, reviewable in a diff)."""
    s = report["summary"]
    return {
        "summary": {
            "total": s["total"],
            "passed": s["passed"],
            "pass_rate": s["pass_rate"],
            "by_lang": s["by_lang"],
        },
        "cases": [
            {"id": c["id"], "lang": c["lang"], "passed": c["passed"], "turns": c["turns"]} for c in report["cases"]
        ],
    }


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
