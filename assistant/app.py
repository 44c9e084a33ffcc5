"""Composition root: builds the knowledge base, index, store, interviewer and chat service from settings."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from assistant.knowledge import KnowledgeBase, load_knowledge
from assistant.scoring import Rates
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

    def interviewer(self, backend: str | None = None) -> Interviewer:
        backend = backend or self.settings.backend
        if backend == "offline":
            from assistant.interview.guided import GuidedInterviewer

            return GuidedInterviewer(self.index, self.kb, self.rates)
        raise ValueError(
            f"backend {backend!r} is not available yet; use --backend offline (THEME_ASSISTANT_BACKEND=offline)"
        )

    @cached_property
    def service(self) -> ChatService:
        from assistant.service import ChatService as Service

        return Service(self.store, self.interviewer(), self.kb, log_user_text=self.settings.log_user_text)
