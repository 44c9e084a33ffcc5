"""The LLM agent backend: understand (function calling) -> decide (core) -> ask (streamed), as a LangGraph."""

from __future__ import annotations

from assistant.interview.llm.configuration import AgentConfig
from assistant.interview.llm.interviewer import LLMInterviewer

__all__ = ["AgentConfig", "LLMInterviewer"]
