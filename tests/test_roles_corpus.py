"""The clause-role corpus: well formed, balanced enough to learn from, and written apart from every eval case."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

from assistant.understanding.roles.dataset import ROLES, examples, messages

ROOT = Path(__file__).resolve().parent.parent


def _eval_texts() -> list[str]:
    texts = []
    for path in (ROOT / "eval").rglob("*.yaml"):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(case, dict) and "answers" in case:
            texts.append(str(case.get("opening", "")))
            texts += [str(v) for v in (case.get("answers") or {}).values() if v]
    return texts


def _shingles(text: str, ja: bool) -> set[str]:
    if ja:
        flat = re.sub(r"\s+", "", text)
        return {flat[i : i + 12] for i in range(len(flat) - 11)}
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {" ".join(words[i : i + 6]) for i in range(len(words) - 5)}


def test_no_corpus_sentence_shares_six_words_or_twelve_characters_with_an_eval_case():
    cases = _eval_texts()
    assert len(cases) > 500, "the eval suites were found"
    seen = {s for t in cases for ja in (False, True) for s in _shingles(t, ja)}
    shared = [m.id for m in messages() if _shingles(m.message, m.lang == "ja") & seen]
    assert not shared, f"corpus messages that repeat an eval case: {shared[:10]}"


def test_every_clause_is_in_its_message_and_every_role_is_known():
    for m in messages():
        at = 0
        for c in m.clauses:
            found = m.message.find(c.text, at)
            assert found >= 0, (m.id, c.text)
            at = found + len(c.text)
    counts = Counter(e.role for e in examples())
    assert set(counts) <= set(ROLES)
    assert sum(counts.values()) >= 3000 and all(counts[r] >= 40 for r in ROLES), counts
    for lang in ("en", "ja"):
        assert len(examples(lang)) >= 1500


def test_the_committed_weights_were_trained_on_this_corpus_and_read_obvious_clauses():
    import numpy as np

    from assistant.understanding.roles.dataset import corpus_hash
    from assistant.understanding.roles.model import WEIGHTS, classify

    assert str(np.load(WEIGHTS)["corpus"]) == corpus_hash(), "retrain: python -m assistant.understanding.roles.train"
    assert [r.role for r in classify(["let's start over"], "en", None)] == ["command_start_over"]
    assert [r.role for r in classify(["えーと", "過去の検査画像は全部残ってます"], "ja", "data")] == ["filler", "data"]
