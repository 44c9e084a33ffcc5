"""The trained clause-role classifier: weights committed beside this file (roles.npz, made by train.py), read
with numpy alone; what each clause of a message is, with its probability."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.understanding.roles.features import matrix

WEIGHTS = Path(__file__).parent / "roles.npz"


@dataclass(frozen=True)
class Role:
    """What one clause is: its role, how sure the classifier is, and for a data clause what is (not) recorded."""

    text: str
    role: str
    p: float
    recorded: str | None = None
    """For a data clause: yes, partly or no."""
    of: str | None = None
    """For a data clause: inputs (the evidence) or outcomes (what happened)."""


@dataclass(frozen=True)
class _Linear:
    coef: np.ndarray
    bias: np.ndarray
    classes: list[str]

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        scores = x @ self.coef.T + self.bias
        if len(self.classes) == 2:
            p = 1 / (1 + np.exp(-scores[:, 0]))
            return np.stack([1 - p, p], axis=1)
        scores -= scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        return e / e.sum(axis=1, keepdims=True)


@functools.cache
def _weights() -> tuple[_Linear, _Linear, _Linear]:
    if not WEIGHTS.exists():
        raise FileNotFoundError(
            f"{WEIGHTS} is missing: run `.venv/bin/python -m assistant.understanding.roles.train` to make it"
        )
    w = np.load(WEIGHTS)
    return (
        _Linear(w["coef"], w["bias"], [str(c) for c in w["classes"]]),
        _Linear(w["rec_coef"], w["rec_bias"], [str(c) for c in w["rec_classes"]]),
        _Linear(w["of_coef"], w["of_bias"], [str(c) for c in w["of_classes"]]),
    )


def classify(clauses: list[str], lang: str, asked: str | None) -> list[Role]:
    """The role of each clause of one message (in order), with what was asked."""
    if not clauses:
        return []
    roles, recorded, of = _weights()
    x = matrix([(c, lang, asked, i, len(clauses)) for i, c in enumerate(clauses)])
    p = roles.probabilities(x)
    out = []
    for i, text in enumerate(clauses):
        k = int(p[i].argmax())
        role = roles.classes[k]
        rec = of_ = None
        if role == "data":
            rec = recorded.classes[int(recorded.probabilities(x[i : i + 1])[0].argmax())]
            of_ = of.classes[int(of.probabilities(x[i : i + 1])[0].argmax())]
        out.append(Role(text, role, float(p[i, k]), rec, of_))
    return out
