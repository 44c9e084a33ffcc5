"""One absolute confidence per hit: a logistic model of the raw dense cosine, BM25 and the margin."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

#: A hit below this confidence is a weak match: no pattern in the knowledge base is close.
#: The confidence is a probability (calibrated per embedding), so one threshold serves every embedding;
#: 0.4 had the best F1 of right against no-pattern top hits on the held-out queries (README).
WEAK_CONFIDENCE = 0.4
#: The fitted models, one per embedding; refit with `theme-assistant eval calibrate --write`.
CALIBRATION_FILE = Path(__file__).with_name("calibration.yaml")
#: The entry used for an embedding that was never calibrated (an OpenAI-compatible endpoint's model):
#: it leaves the cosine out, whose scale differs from model to model.
FALLBACK = "uncalibrated"
FEATURES = ("dense", "lexical", "margin")


def features(dense: float, bm25: float, margin: float) -> list[float]:
    """Inputs of the model that mean the same for every query: the raw cosine, log(1 + BM25 per query
    word), the fused-score margin to the best other pattern (positive only for the top hit)."""
    return [dense, math.log1p(max(bm25, 0.0)), margin]


@dataclass(frozen=True)
class Calibration:
    """How one embedding's scores are fused (the dense weight) and turned into a probability."""

    dense_weight: float
    intercept: float
    coef: tuple[float, ...]

    def confidence(self, x: list[float]) -> float:
        z = self.intercept + sum(c * v for c, v in zip(self.coef, x, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def to_yaml(self) -> dict[str, object]:
        return {
            "dense_weight": float(self.dense_weight),
            "intercept": round(float(self.intercept), 4),
            "coef": dict(zip(FEATURES, (round(float(c), 4) for c in self.coef), strict=True)),
        }


@functools.cache
def load_calibrations(path: Path = CALIBRATION_FILE) -> dict[str, Calibration]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, Calibration] = {}
    for name, entry in data.items():
        try:
            coef = tuple(float(entry["coef"][f]) for f in FEATURES)
            out[name] = Calibration(float(entry["dense_weight"]), float(entry["intercept"]), coef)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(
                f"{path}: entry {name!r} is malformed ({exc}); refit it with `theme-assistant eval calibrate --write`"
            ) from exc
    if FALLBACK not in out:
        raise ValueError(f"{path}: no {FALLBACK!r} entry; refit with `theme-assistant eval calibrate --write`")
    return out


def calibration_for(key: str) -> Calibration:
    """The calibration of an embedding and layout ("name:layout"), else of the embedding, else the cosine-free
    fallback."""
    table = load_calibrations()
    return table.get(key) or table.get(key.split(":")[0]) or table[FALLBACK]


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, steps: int = 50) -> tuple[float, np.ndarray]:
    """(intercept, coefficients) of an L2-regularised logistic regression, by Newton's method."""
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    penalty = l2 * np.eye(len(w))
    penalty[0, 0] = 0.0  # the intercept is not shrunk
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ w, -50, 50)))
        grad = design.T @ (p - y) + penalty @ w
        hess = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return float(w[0]), w[1:]


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Area under the ROC curve: the chance a random positive outranks a random negative (ties: half)."""
    pos, neg = scores[labels == 1], scores[labels == 0]
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))
