"""The provider boundary: the one module that talks to OpenAI-compatible endpoints (injected clients)."""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings

from assistant.settings import Settings

logger = logging.getLogger(__name__)


class ProviderError(RuntimeError):
    """The endpoint could not be used; the message says what to check."""


def openai_client(settings: Settings) -> Any:
    """An `openai.OpenAI` client for the configured endpoint (OpenAI, Azure, Ollama, vLLM, llama.cpp server)."""
    import openai

    key = settings.llm_api_key.get_secret_value() or "not-needed-for-local-servers"
    return openai.OpenAI(base_url=settings.llm_base_url, api_key=key, timeout=settings.llm_timeout, max_retries=1)


class OpenAIEmbeddingFunction(EmbeddingFunction[Documents]):
    """Embeddings from an OpenAI-compatible `/v1/embeddings` endpoint, through an injected client."""

    def __init__(self, client: Any, model: str) -> None:
        self.client = client
        self.model = model

    def __call__(self, input: Documents) -> Embeddings:
        try:
            response = self.client.embeddings.create(model=self.model, input=list(input))
        except Exception as exc:  # the SDK raises many kinds; all mean the same to the user
            raise ProviderError(
                f"the embedding endpoint failed ({type(exc).__name__}: {exc}); check THEME_ASSISTANT_LLM_BASE_URL "
                "and THEME_ASSISTANT_EMBEDDING_MODEL, or work offline: THEME_ASSISTANT_EMBEDDING=hashing or use"
            ) from exc
        return [np.asarray(item.embedding, dtype=np.float32) for item in response.data]

    @staticmethod
    def name() -> str:
        return "theme-assistant-openai"

    def get_config(self) -> dict[str, Any]:
        return {"model": self.model}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> OpenAIEmbeddingFunction:
        raise ProviderError("open the index through theme-assistant (it passes the embedding client in)")

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"


def openai_embedder(settings: Settings, client: Any | None = None) -> OpenAIEmbeddingFunction:
    if not settings.llm_base_url and not settings.llm_api_key.get_secret_value():
        raise ProviderError(
            "THEME_ASSISTANT_EMBEDDING=openai needs THEME_ASSISTANT_LLM_BASE_URL (a local server) "
            "or THEME_ASSISTANT_LLM_API_KEY; or work offline: THEME_ASSISTANT_EMBEDDING=hashing (the default) or use"
        )
    return OpenAIEmbeddingFunction(client or openai_client(settings), settings.embedding_model)
