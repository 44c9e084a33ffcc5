"""A scripted chat model for the LLM agent's tests: `enqueue` answers, read back what was asked.

Like simonw/llm's mock model: no network, deterministic, and it supports tool binding and streaming,
which LangChain's own fake chat models do not (STACK.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field


def record(args: dict[str, Any], call_id: str = "call_1") -> AIMessage:
    """An answer that calls record_update with these arguments."""
    return AIMessage(
        content="", tool_calls=[{"name": "record_update", "args": args, "id": call_id, "type": "tool_call"}]
    )


def tool(name: str, args: dict[str, Any], call_id: str = "call_x") -> dict[str, Any]:
    return {"name": name, "args": args, "id": call_id, "type": "tool_call"}


class FakeChat(BaseChatModel):
    """Answers with the queued messages (or raises the queued exceptions), in order."""

    queue: list[Any] = Field(default_factory=list)
    """Answers still to give (AIMessage, an exception to raise, or a function of the messages that returns one)."""
    requests: list[dict[str, Any]] = Field(default_factory=list)
    """Every call: its messages and the bound arguments (tools, tool_choice)."""

    @property
    def _llm_type(self) -> str:
        return "fake-chat"

    def enqueue(self, *answers: AIMessage | str | BaseException | Callable[[list[BaseMessage]], AIMessage]) -> FakeChat:
        self.queue.extend(AIMessage(a) if isinstance(a, str) else a for a in answers)
        return self

    def bind_tools(self, tools: Sequence[Any], *, tool_choice: Any = None, **kwargs: Any) -> Any:
        return self.bind(tools=list(tools), tool_choice=tool_choice, **kwargs)

    def _next(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> AIMessage:
        self.requests.append({"messages": list(messages), **kwargs})
        if not self.queue:
            raise AssertionError("the fake chat model was called more often than answers were queued")
        answer = self.queue.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer(messages) if callable(answer) else answer

    def _generate(
        self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kwargs: Any
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self._next(messages, kwargs))])

    def _stream(
        self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kwargs: Any
    ) -> Iterator[ChatGenerationChunk]:
        answer = self._next(messages, kwargs)
        words = str(answer.content).split(" ")
        for i, word in enumerate(words):
            yield ChatGenerationChunk(message=AIMessageChunk(content=word + (" " if i < len(words) - 1 else "")))
