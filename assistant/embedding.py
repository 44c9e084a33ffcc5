"""An offline bilingual embedding: hashed character n-grams, registered with Chroma."""

from __future__ import annotations

import math
import zlib
from collections import Counter
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from assistant.language import char_ngrams

DEFAULT_DIMS = 4096


def hash_embed(text: str, dims: int = DEFAULT_DIMS) -> np.ndarray:
    """Signed feature hashing of character n-grams, sublinear term frequency, unit length."""
    vec = np.zeros(dims, dtype=np.float32)
    for gram, count in Counter(char_ngrams(text)).items():
        h = zlib.crc32(gram.encode("utf-8"))
        sign = 1.0 if (h >> 31) & 1 else -1.0
        vec[h % dims] += sign * (1.0 + math.log(count))
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm else vec


@register_embedding_function
class HashingEmbeddingFunction(EmbeddingFunction[Documents]):
    """Needs no model download, so it works on a locked-down laptop; measured against the
    retrieval eval in eval/retrieval (see README)."""

    def __init__(self, dims: int = DEFAULT_DIMS) -> None:
        self.dims = dims

    def __call__(self, input: Documents) -> Embeddings:
        return [hash_embed(text, self.dims) for text in input]

    @staticmethod
    def name() -> str:
        return "theme-assistant-hashing"

    def get_config(self) -> dict[str, Any]:
        return {"dims": self.dims}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> HashingEmbeddingFunction:
        return HashingEmbeddingFunction(dims=int(config.get("dims", DEFAULT_DIMS)))

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"
