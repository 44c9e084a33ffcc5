"""Train the clause-role classifier from the corpus and write its weights and its report (reproducible, offline).

    .venv/bin/python -m assistant.understanding.roles.train [--report eval/roles-report.md]

scikit-learn's logistic regression (a dev dependency: the app reads the weights with numpy alone). The split is
fixed (a hash of each message's id), the solver deterministic: the same corpus gives the same weights.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import numpy as np

from assistant.understanding.roles.dataset import ROLES, Example, corpus_hash, examples
from assistant.understanding.roles.features import CUES, encode, matrix
from assistant.understanding.roles.model import WEIGHTS

#: Inverse regularization, chosen on the training split by 5-fold cross-validation (see --tune).
C = 4.0


def _fit(x: np.ndarray, y: list[str], c: float = C) -> tuple[np.ndarray, np.ndarray, list[str]]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    model.fit(x, y)
    return model.coef_.astype(np.float32), model.intercept_.astype(np.float32), [str(k) for k in model.classes_]


def _predict(x: np.ndarray, coef: np.ndarray, bias: np.ndarray, classes: list[str]) -> list[str]:
    scores = x @ coef.T + bias
    if len(classes) == 2:  # sklearn keeps one row for two classes
        return [classes[int(s > 0)] for s in scores[:, 0]]
    return [classes[i] for i in scores.argmax(axis=1)]


def _rows(items: list[Example]) -> list[tuple[str, str, str | None, int, int]]:
    return [(e.text, e.lang, e.asked, e.position, e.count) for e in items]


def _report(test: list[Example], predicted: list[str]) -> list[str]:
    lines = []
    for lang in ("en", "ja"):
        pairs = [(e.role, p) for e, p in zip(test, predicted, strict=True) if e.lang == lang]
        right = sum(a == b for a, b in pairs)
        lines += [f"### {lang}: {right}/{len(pairs)} clauses right ({right / max(len(pairs), 1):.1%})", ""]
        lines += ["| role | test clauses | right | accuracy |", "| --- | ---: | ---: | ---: |"]
        for role in ROLES:
            got = [b for a, b in pairs if a == role]
            if got:
                ok = sum(b == role for b in got)
                lines.append(f"| {role} | {len(got)} | {ok} | {ok / len(got):.0%} |")
        confused = Counter((a, b) for a, b in pairs if a != b).most_common(8)
        lines += [
            "",
            "Most frequent confusions (label -> predicted): "
            + "; ".join(f"{a} -> {b} ({n})" for (a, b), n in confused),
            "",
        ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--report", type=Path, default=Path("eval/roles-report.md"))
    args = parser.parse_args()
    items = examples()
    vectors = encode([e.text for e in items])
    x = matrix(_rows(items), vectors)
    train = [i for i, e in enumerate(items) if not e.test]
    test = [i for i, e in enumerate(items) if e.test]
    coef, bias, classes = _fit(x[train], [items[i].role for i in train])
    predicted = _predict(x[test], coef, bias, classes)
    data = [i for i in train if items[i].role == "data" and items[i].recorded and items[i].of]
    rec = _fit(x[data], [str(items[i].recorded) for i in data])
    of = _fit(x[data], [str(items[i].of) for i in data])
    np.savez_compressed(
        WEIGHTS,
        coef=coef,
        bias=bias,
        classes=np.array(classes),
        rec_coef=rec[0],
        rec_bias=rec[1],
        rec_classes=np.array(rec[2]),
        of_coef=of[0],
        of_bias=of[1],
        of_classes=np.array(of[2]),
        cues=np.array(CUES),
        corpus=np.array(corpus_hash()),
    )
    test_items = [items[i] for i in test]
    data_test = [i for i in test if items[i].role == "data" and items[i].recorded and items[i].of]
    rec_right = sum(p == items[i].recorded for i, p in zip(data_test, _predict(x[data_test], *rec), strict=True))
    of_right = sum(p == items[i].of for i, p in zip(data_test, _predict(x[data_test], *of), strict=True))
    lines = [
        "# Clause roles: accuracy on the held-out split",
        "",
        f"Corpus: {len(items)} clauses ({len(train)} train, {len(test)} test; a message in {5} is held out by a hash",
        "of its id). Model: logistic regression over the USE multilingual embedding and "
        f"{len(CUES)} cues, C={C}. Made by `python -m assistant.understanding.roles.train`.",
        "",
        *_report(test_items, predicted),
        f"Data clauses: recorded yes/partly/no {rec_right}/{len(data_test)}; of inputs/outcomes {of_right}/{len(data_test)}.",
        "",
    ]
    args.report.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
