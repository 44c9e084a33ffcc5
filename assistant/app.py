"""Composition root: builds the knowledge base, index, store, interviewer and chat service from settings."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from assistant.core.money import Rates
from assistant.knowledge import KnowledgeBase, load_knowledge
from assistant.settings import Settings

if TYPE_CHECKING:  # the heavy parts (Chroma, SQLAlchemy, the interviewer) load when first used: a fast start
    from assistant.interview import Interviewer
    from assistant.retrieval import Embedder, PatternIndex
    from assistant.service import ChatService
    from assistant.store import SessionStore

logger = logging.getLogger(__name__)


def offline_environment() -> None:
    """Turn off telemetry and hub look-ups in the libraries we use (they read these at import)."""
    for key, value in {
        "GRADIO_ANALYTICS_ENABLED": "False",
        "HF_HUB_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "ANONYMIZED_TELEMETRY": "False",
        "DO_NOT_TRACK": "1",
        "TOKENIZERS_PARALLELISM": "false",
    }.items():
        os.environ.setdefault(key, value)


@dataclass
class App:
    """Everything an adapter needs, built lazily so `patterns list` does not open the database."""

    settings: Settings

    @cached_property
    def kb(self) -> KnowledgeBase:
        return load_knowledge(self.settings.knowledge_dir)

    @cached_property
    def index(self) -> PatternIndex:
        from assistant.retrieval import PatternIndex as Index
        from assistant.retrieval import chroma_client, local_embedder

        s = self.settings
        s.ensure_data_dir()
        client = chroma_client(None if s.chroma_host else s.chroma_path, s.chroma_host, s.chroma_port)
        if s.embedding == "openai":
            from assistant.providers import openai_embedder

            embedder: Embedder = openai_embedder(s)
        else:
            embedder = local_embedder(s.embedding)
        # the BM25 cache is local even with a shared Chroma server: it is cheap to keep per instance
        return Index.open(self.kb, client, s.collection, embedder, cache_dir=s.index_cache_dir)

    @cached_property
    def rates(self) -> Rates:
        s = self.settings
        return Rates(hourly_jpy=s.hourly_cost_jpy, hourly_usd=s.hourly_cost_usd, workdays=s.workdays_per_year)

    @cached_property
    def store(self) -> SessionStore:
        from assistant.store import SessionStore as Store

        self.settings.ensure_data_dir()
        return Store(self.settings.db_url)

    @cached_property
    def transport(self) -> Any:
        """The HTTP transport model calls go through: recording, replaying, or the network (None)."""
        from assistant.interview.llm.recording import RecordingTransport, ReplayTransport

        s = self.settings
        if s.llm_replay_dir is not None:
            return ReplayTransport(s.llm_replay_dir)
        if s.llm_record_dir is not None:
            return RecordingTransport(s.llm_record_dir)
        return None

    def interviewer(self, backend: str | None = None) -> Interviewer:
        from assistant.interview.guided import GuidedInterviewer

        backend = backend or self.settings.backend
        guided = GuidedInterviewer(self.index, self.kb, self.rates)
        if backend == "offline":
            return guided
        if backend == "llm":
            from assistant import providers
            from assistant.interview.llm import AgentConfig, LLMInterviewer

            s = self.settings
            if s.llm_replay_dir is not None:
                # a replay never improves by asking again, and needs no endpoint (recordings ignore the host)
                s = s.model_copy(
                    update={"llm_max_retries": 0, "llm_base_url": s.llm_base_url or "http://127.0.0.1:9/v1"}
                )
            model = providers.chat_model(s, providers.openai_client(s, self.transport))
            return LLMInterviewer(
                model,
                guided,
                self.index,
                self.kb,
                self.rates,
                AgentConfig.from_settings(s),
                explain=lambda problem: providers.explain(problem, s),
            )
        raise ValueError(f"unknown backend {backend!r}; use --backend offline or --backend llm")

    @property
    def backend_label(self) -> str:
        """Which backend and model answer, for the UI and the terminal (never the key)."""
        s = self.settings
        if s.backend == "llm":
            return f"llm: {s.llm_model} at {s.llm_base_url or 'https://api.openai.com/v1'}"
        return "offline (guided, no LLM)"

    @cached_property
    def service(self) -> ChatService:
        from assistant.service import ChatService as Service

        s = self.settings
        interviewer = self.interviewer()
        rewriter = getattr(interviewer, "prose_rewriter", None) if s.llm_rewrite_prose else None
        return Service(
            self.store,
            interviewer,
            self.kb,
            log_user_text=s.log_user_text,
            max_user_turns=s.max_user_turns,
            max_themes=s.max_themes,
            polish=rewriter() if rewriter is not None else None,
        )
