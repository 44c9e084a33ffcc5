"""The LLM agent backend: understand (function calling) -> decide (core) -> ask (streamed), as a LangGraph."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["AgentConfig", "LLMInterviewer"]

if TYPE_CHECKING:
    from assistant.interview.llm.configuration import AgentConfig
    from assistant.interview.llm.interviewer import LLMInterviewer
else:

    def __getattr__(name: str) -> Any:
        # Loaded when first asked for: the CLI and the offline web UI import this package's light modules
        # (recording, prompts) and would otherwise pay for LangChain and LangGraph at every start.
        if name == "AgentConfig":
            from assistant.interview.llm.configuration import AgentConfig

            return AgentConfig
        if name == "LLMInterviewer":
            from assistant.interview.llm.interviewer import LLMInterviewer

            return LLMInterviewer
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
