"""Tune the fusion weight and fit the confidence model of an embedding on the retrieval queries."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from assistant.evaluation.bench import Query
from assistant.retrieval import Hit, PatternIndex
from assistant.retrieval.confidence import (
    CALIBRATION_FILE,
    FALLBACK,
    FEATURES,
    WEAK_CONFIDENCE,
    Calibration,
    auc,
    features,
    fit_logistic,
    load_calibrations,
)

#: Candidates per query the model learns from: the relevant ones are positives, the others negatives.
CANDIDATES = 10
WEIGHTS = [round(float(w), 2) for w in np.arange(0.0, 1.0001, 0.05)]


@dataclass
class Raw:
    """One query's raw scores, computed once and fused with every weight tried."""

    query: Query
    dense: dict[str, float]
    bm25: np.ndarray


def raw_scores(index: PatternIndex, queries: list[Query]) -> list[Raw]:
    return [Raw(q, index.dense.scores(q.text, q.lang), index.lexical.scores(q.text)) for q in queries]


def quality(index: PatternIndex, raws: list[Raw], weight: float, k: int = 3) -> dict[str, float]:
    """Mean recall@k and MRR over the languages, at this dense weight."""
    tuned = index.with_dense_weight(weight)
    per_lang: dict[str, list[tuple[float, float]]] = {}
    for r in raws:
        ids = [h.id for h in tuned.rank(r.dense, r.bm25, 10)]
        relevant = set(r.query.relevant)
        recall = len(relevant & set(ids[:k])) / len(relevant)
        rr = next((1 / (i + 1) for i, pid in enumerate(ids) if pid in relevant), 0.0)
        per_lang.setdefault(r.query.lang, []).append((recall, rr))
    recall = statistics.mean(statistics.mean(x[0] for x in v) for v in per_lang.values())
    mrr = statistics.mean(statistics.mean(x[1] for x in v) for v in per_lang.values())
    return {"recall": round(recall, 4), "mrr": round(mrr, 4)}


def tune_dense_weight(index: PatternIndex, raws: list[Raw]) -> tuple[float, dict[float, dict[str, float]]]:
    """The weight with the best recall@3 + MRR (both averaged over languages); ties go to the smaller."""
    table = {w: quality(index, raws, w) for w in WEIGHTS}
    best = max(WEIGHTS, key=lambda w: (table[w]["recall"] + table[w]["mrr"], -w))
    return best, table


def examples(index: PatternIndex, raws: list[Raw]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(features, labels, query number, is-top-hit) of every candidate of every query, plus, per query,
    the top hit once its relevant patterns are taken out: a pain the knowledge base has no pattern for,
    whose best match must come out weak."""
    x, y, qn, top = [], [], [], []
    for r in raws:
        number = int(re.sub(r"\D", "", r.query.id) or 0)
        relevant = set(r.query.relevant)
        rows = [index.lexical.ids.index(pid) for pid in relevant]
        bm25 = r.bm25.copy()
        bm25[rows] = 0.0
        without = {pid: s for pid, s in r.dense.items() if pid not in relevant}
        for hits, limit in ((index.rank(r.dense, r.bm25, CANDIDATES), CANDIDATES), (index.rank(without, bm25, 2), 1)):
            for i, h in enumerate(hits[:limit]):
                x.append(features(h.dense, h.lexical, _margin(hits, i)))
                y.append(1 if h.id in relevant else 0)
                qn.append(number)
                top.append(i == 0)
    return np.array(x), np.array(y), np.array(qn), np.array(top)


def _margin(hits: list[Hit], i: int) -> float:
    """As in PatternIndex.rank: the top hit's lead over the second, the others' gap to the top."""
    second = hits[1].score if len(hits) > 1 else 0.0
    return hits[0].score - second if i == 0 else hits[i].score - hits[0].score


def _at_threshold(p: np.ndarray, y: np.ndarray, threshold: float) -> dict[str, float]:
    predicted = p >= threshold
    tp = int((predicted & (y == 1)).sum())
    precision = tp / int(predicted.sum()) if predicted.any() else 1.0
    recall = tp / int((y == 1).sum()) if (y == 1).any() else 1.0
    return {"precision": round(precision, 4), "recall": round(recall, 4)}


def _fit(x: np.ndarray, y: np.ndarray, weight: float, use_dense: bool = True) -> Calibration:
    if not use_dense:  # a zero column keeps a zero coefficient: the model ignores the cosine
        x = x.copy()
        x[:, FEATURES.index("dense")] = 0.0
    intercept, coef = fit_logistic(x, y)
    return Calibration(weight, intercept, tuple(float(c) for c in coef))


def held_out(cal: Calibration, x: np.ndarray, y: np.ndarray, top: np.ndarray) -> dict[str, Any]:
    p = np.array([cal.confidence(list(row)) for row in x])
    return {
        "auc": round(auc(p, y), 4),
        "auc_top_hits": round(auc(p[top], y[top]), 4),
        "all_candidates": _at_threshold(p, y, WEAK_CONFIDENCE),
        "top_hits": _at_threshold(p[top], y[top], WEAK_CONFIDENCE),
        "top_hits_by_threshold": {str(t): _at_threshold(p[top], y[top], t) for t in (0.2, 0.3, 0.4, 0.5, 0.6)},
        "examples": len(y),
        "positives": int(y.sum()),
    }


def calibrate(index: PatternIndex, queries: list[Query]) -> tuple[dict[str, Calibration], dict[str, Any]]:
    """Tune the weight on all queries, then fit on even query numbers and test on odd ones (the report);
    the stored model is fit on all of them."""
    raws = raw_scores(index, queries)
    weight, table = tune_dense_weight(index, raws)
    tuned = index.with_dense_weight(weight)
    x, y, qn, top = examples(tuned, raws)
    even, odd = qn % 2 == 0, qn % 2 == 1
    split = _fit(x[even], y[even], weight)
    final = {index.calibration_key(index.dense): _fit(x, y, weight), FALLBACK: _fit(x, y, weight, use_dense=False)}
    report = {
        "embedding": index.calibration_key(index.dense),
        "dense_weight": weight,
        "quality_by_weight": {str(w): q for w, q in table.items()},
        "threshold": WEAK_CONFIDENCE,
        "held_out": held_out(split, x[odd], y[odd], top[odd]),
        "held_out_without_dense": held_out(_fit(x[even], y[even], weight, use_dense=False), x[odd], y[odd], top[odd]),
        "stored": {name: c.to_yaml() for name, c in final.items()},
    }
    return final, report


def write_calibrations(fitted: dict[str, Calibration], path: Path = CALIBRATION_FILE, fallback: bool = False) -> None:
    """Replace this embedding's entry (and the fallback's, when asked) and keep the others."""
    entries = {name: c.to_yaml() for name, c in load_calibrations(path).items()}
    for name, c in fitted.items():
        if name != FALLBACK or fallback:
            entries[name] = c.to_yaml()
    header = (
        "# Fusion weight and confidence model per embedding (Chroma name of the embedding function).\n"
        "# Written by `theme-assistant eval calibrate --write` from eval/retrieval/queries.yaml; do not edit.\n"
    )
    path.write_text(header + yaml.safe_dump(entries, sort_keys=True, allow_unicode=True), encoding="utf-8")
    load_calibrations.cache_clear()
