"""Coverage audit: how many plain one-line pains from many industries find a right pattern above the threshold.

Run: .venv/bin/python eval/coverage.py [--json FILE]
Figures (eval/coverage/before.json, after.json): covered on the pain line / with what it needs detected,
123 patterns 81/240 / 106/240 (gold-123), 143 patterns 140/240 / 166/240 (gold; a development figure: the 20 new
patterns were written for the kinds of work the first audit found uncovered).
`eval/coverage/pains.yaml` was written blind (by someone who had read neither the knowledge base nor the eval
suites): 240 pains, 120 en / 120 ja, 65 industries, each with what it needs detected and the task kind.
`eval/coverage/gold.yaml` lists, per pain, the patterns of the catalogue that fit it (empty: none does), labelled
from the pains and the catalogue alone, never from search results (`gold-123.yaml`: a first labeller against the
123 patterns before the audit, 167 pains with a fitting pattern; `gold.yaml`: a second labeller against the 143
after it, 227; on the old patterns the two agree: 166 against 167). A pain is covered when the top pattern the
search finds is one of its fitting patterns with a confidence at or above the weak-match threshold; a pain with no
fitting pattern is answered honestly when the top hit is weak. Measured twice: on the pain line alone (what an
opening says) and on the pain with what it needs detected (what the interview knows after the judgment question).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.knowledge import load_knowledge  # noqa: E402
from assistant.retrieval import WEAK_CONFIDENCE, PatternIndex, chroma_client  # noqa: E402

FOLDER = ROOT / "eval" / "coverage"


def _load() -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    pains = yaml.safe_load((FOLDER / "pains.yaml").read_text(encoding="utf-8"))
    gold = yaml.safe_load((FOLDER / "gold.yaml").read_text(encoding="utf-8"))
    missing = [p["id"] for p in pains if p["id"] not in gold]
    if missing:
        raise SystemExit(f"gold.yaml has no label for {missing[:5]}: label every pain (an empty list says none fits)")
    return pains, {k: list(v or []) for k, v in gold.items()}


def audit(
    index: PatternIndex, pains: list[dict[str, Any]], gold: dict[str, list[str]], with_detect: bool
) -> dict[str, Any]:
    """Per pain: the top hit, whether it is right and confident; totals per language and per task kind."""
    rows = []
    for p in pains:
        query = p["pain"] + ("\n" + p["detect"] if with_detect else "")
        hits = index.search(query, k=3, lang=p["lang"])
        top = hits[0] if hits else None
        fits = gold[p["id"]]
        confident = top is not None and top.confidence >= WEAK_CONFIDENCE
        right = top is not None and top.pattern.id in fits
        rows.append(
            {
                "id": p["id"],
                "lang": p["lang"],
                "task_kind": p["task_kind"],
                "fits": fits,
                "top": top.pattern.id if top else None,
                "top_kind": top.pattern.task_kind if top else None,
                "confidence": round(top.confidence, 3) if top else 0.0,
                "covered": right and confident,
                "honest_none": not fits and not confident,
                "kind_right": top is not None and top.pattern.task_kind == p["task_kind"],
            }
        )
    return {"rows": rows, "summary": summarize(rows)}


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    def share(sel: list[dict[str, Any]], key: str) -> str:
        return f"{sum(r[key] for r in sel)}/{len(sel)}"

    fitting = [r for r in rows if r["fits"]]
    unfit = [r for r in rows if not r["fits"]]
    out: dict[str, Any] = {
        "covered_of_all": share(rows, "covered"),
        "covered_of_fitting": share(fitting, "covered"),
        "honest_none_of_unfitting": share(unfit, "honest_none"),
        "top_kind_matches_written_kind": share(rows, "kind_right"),
        "pains_with_a_fitting_pattern": f"{len(fitting)}/{len(rows)}",
    }
    for lang in ("en", "ja"):
        sel = [r for r in rows if r["lang"] == lang]
        out[f"covered_{lang}"] = share(sel, "covered")
    kinds = Counter(r["task_kind"] for r in rows)
    out["covered_by_kind"] = {k: share([r for r in rows if r["task_kind"] == k], "covered") for k in sorted(kinds)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, help="write every pain's top hit and the totals here")
    args = ap.parse_args()
    pains, gold = _load()
    kb = load_knowledge(ROOT / "knowledge")
    unknown = sorted({pid for fits in gold.values() for pid in fits if pid not in kb.patterns})
    if unknown:
        raise SystemExit(f"gold.yaml names patterns the knowledge base lacks: {unknown}")
    with tempfile.TemporaryDirectory() as folder:
        index = PatternIndex.open(kb, chroma_client(Path(folder)), "coverage")
        result = {name: audit(index, pains, gold, flag) for name, flag in (("pain", False), ("pain_and_detect", True))}
    for name, r in result.items():
        print(name, json.dumps(r["summary"], ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
