"""Search over the knowledge base: a Chroma index (dense) fused with BM25 (lexical), with a calibrated confidence."""

from assistant.retrieval.confidence import WEAK_CONFIDENCE
from assistant.retrieval.dense import INDEX_VERSION, chroma_client
from assistant.retrieval.embedders import DEFAULT_EMBEDDING, Embedder, local_embedder
from assistant.retrieval.index import Hit, PatternIndex
from assistant.retrieval.lexical import load_synonyms

__all__ = [
    "DEFAULT_EMBEDDING",
    "INDEX_VERSION",
    "WEAK_CONFIDENCE",
    "Embedder",
    "Hit",
    "PatternIndex",
    "chroma_client",
    "load_synonyms",
    "local_embedder",
]
