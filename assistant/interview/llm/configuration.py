"""How the LLM interviewer is configured: built once from the settings at the entry point, then passed down."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.interview.llm.redaction import redaction_on
from assistant.settings import Settings


@dataclass(frozen=True)
class AgentConfig:
    """The settings the agent needs, and nothing else (so tests build one without the environment)."""

    model: str = "test-model"
    """The model name, shown in the UI and in logs."""
    endpoint: str = "test"
    """The base URL, shown with the model (never the key)."""
    token_budget: int = 150_000
    """Tokens one interview may spend; beyond it the offline engine answers every turn."""
    context_tokens: int = 1200
    """The recent conversation sent with each call is cut to this many tokens."""
    redact: bool = False
    """Replace e-mail addresses, phone numbers and stated names before any text is sent."""
    first_tool_choice: str = "auto"
    """How the first understand call uses its tools: `auto`, `any` (some tool) or `record_update` (forced)."""
    compact_schema: bool = False
    """Send the update schema without its descriptions (small local models with a short, slow context)."""
    log_user_text: bool = False
    """Debug-log prompts and answers (they hold what the employee said)."""

    @classmethod
    def from_settings(cls, s: Settings) -> AgentConfig:
        return cls(
            model=s.llm_model,
            endpoint=s.llm_base_url or "https://api.openai.com/v1",
            token_budget=s.llm_token_budget,
            context_tokens=s.llm_context_tokens,
            redact=redaction_on(s.llm_redact, s.llm_base_url),
            first_tool_choice=s.llm_tool_choice,
            compact_schema=s.llm_compact_schema,
            log_user_text=s.log_user_text,
        )
