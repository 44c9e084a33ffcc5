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


def openai_client(settings: Settings, transport: Any | None = None) -> Any:
    """An `openai.OpenAI` client for the configured endpoint (OpenAI, Azure, Ollama, vLLM, llama.cpp server).

    It retries 429, 5xx and dropped connections with exponential backoff (`llm_max_retries`). `transport` is an
    httpx transport to send through instead of the network (record / replay of model responses).
    """
    import openai

    key = settings.llm_api_key.get_secret_value() or "not-needed-for-local-servers"
    # the SDK's own client class (its HTTP library, its defaults), sending through the given transport
    http = openai.DefaultHttpxClient(transport=transport) if transport is not None else None
    return openai.OpenAI(
        base_url=settings.llm_base_url,
        api_key=key,
        timeout=settings.llm_timeout,
        max_retries=settings.llm_max_retries,
        http_client=http,
    )


def chat_model(settings: Settings, client: Any | None = None) -> Any:
    """The chat model of the LLM backend: `ChatOpenAI` over an injected `openai` client, so one object owns
    the endpoint, the key, timeouts and retries, and tests or recordings can stand in for it."""
    from langchain_openai import ChatOpenAI

    if not settings.llm_base_url and not settings.llm_api_key.get_secret_value():
        raise ProviderError(
            "the llm backend needs THEME_ASSISTANT_LLM_BASE_URL (e.g. http://127.0.0.1:8080/v1 for a local "
            "server) or THEME_ASSISTANT_LLM_API_KEY (OpenAI); or use --backend offline"
        )
    client = client or openai_client(settings)
    return ChatOpenAI(
        model=settings.llm_model,
        client=client.chat.completions,
        root_client=client,
        # the async twin is never used, but ChatOpenAI builds one and needs a key for it
        api_key=settings.llm_api_key.get_secret_value() or "not-needed-for-local-servers",  # type: ignore[arg-type]
        base_url=settings.llm_base_url,
        temperature=0.0,
        max_tokens=settings.llm_max_tokens,  # type: ignore[call-arg]
        # ChatOpenAI sends that as `max_completion_tokens`, which llama-cpp-python's server (and other local
        # servers) silently ignore: a small model then writes until its context is full, for minutes. The
        # legacy field beside it stops them too; OpenAI's own API gets only the current one.
        extra_body=None if _openai_hosted(settings.llm_base_url) else {"max_tokens": settings.llm_max_tokens},
        # answers are read whole (the update) or streamed to the employee; no server-side usage options,
        # which some local servers reject: tokens are counted offline instead
        stream_usage=False,
    )


def _openai_hosted(base_url: str | None) -> bool:
    """OpenAI's or Azure OpenAI's own API (no base URL means OpenAI), as opposed to a compatible server."""
    from urllib.parse import urlparse

    host = (urlparse(base_url).hostname or "") if base_url else "api.openai.com"
    return host == "api.openai.com" or host.endswith((".openai.azure.com", ".openai.com"))


Problem = str
"""Why a model call failed, in one word: `unreachable`, `timeout`, `auth`, `model`, `rate_limit`, `server`,
`context`, `replay_missing` or `error`."""


def classify(exc: BaseException) -> Problem:
    """The kind of failure behind an exception raised by a model call (through LangChain or the SDK)."""
    import openai

    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(chain) < 8:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    for e in chain:
        if type(e).__name__ == "ReplayMissing":
            return "replay_missing"
    for e in chain:
        if isinstance(e, openai.APITimeoutError):
            return "timeout"
        if isinstance(e, openai.APIConnectionError):
            return "unreachable"
        if isinstance(e, (openai.AuthenticationError, openai.PermissionDeniedError)):
            return "auth"
        if isinstance(e, openai.NotFoundError):
            return "model"
        if isinstance(e, openai.RateLimitError):
            return "rate_limit"
        if isinstance(e, openai.InternalServerError):
            return "server"
        if isinstance(e, openai.BadRequestError) and "context" in str(e):
            return "context"
    return "error"


def explain(problem: Problem, settings: Settings) -> str:
    """What the employee or operator should do about a failed model call."""
    url = settings.llm_base_url or "https://api.openai.com/v1"
    hints = {
        "unreachable": f"the LLM endpoint {url} is unreachable; start the server or fix THEME_ASSISTANT_LLM_BASE_URL",
        "timeout": f"the LLM endpoint {url} did not answer within {settings.llm_timeout:g} s; raise "
        "THEME_ASSISTANT_LLM_TIMEOUT or use a faster model",
        "auth": f"the LLM endpoint {url} refused the key; check THEME_ASSISTANT_LLM_API_KEY",
        "model": f"the LLM endpoint {url} does not know model {settings.llm_model!r}; check THEME_ASSISTANT_LLM_MODEL",
        "rate_limit": f"the LLM endpoint {url} kept answering 429 (rate limit) after retries; wait or raise your quota",
        "server": f"the LLM endpoint {url} kept failing with server errors (5xx) after retries",
        "context": "the conversation did not fit the model's context window; lower THEME_ASSISTANT_LLM_CONTEXT_TOKENS, "
        "set THEME_ASSISTANT_LLM_COMPACT_SCHEMA=true, or use a model (or server --n_ctx) with a longer context",
        "replay_missing": "a model request has no recording in the replay folder; record again with --record",
        "error": f"the LLM endpoint {url} gave an answer that could not be used",
    }
    return hints.get(problem, hints["error"])


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
