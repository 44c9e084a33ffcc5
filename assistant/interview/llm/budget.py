"""The token budget: offline token counts, the bounded window of recent turns, what an interview has spent."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.messages.utils import count_tokens_approximately, trim_messages

from assistant.state import InterviewState


def count(messages: Sequence[BaseMessage]) -> int:
    """Tokens of messages, counted offline (tiktoken would download its tables); the same for any provider."""
    return count_tokens_approximately(messages)


def spent(state: InterviewState) -> int:
    """Tokens this interview has used so far, prompts and answers (every turn, not only the recent rows)."""
    return state.llm_totals.tokens_in + state.llm_totals.tokens_out


def over_budget(state: InterviewState, budget: int) -> bool:
    return spent(state) >= budget


def recent_turns(
    state: InterviewState, turn: int, max_tokens: int, clean: Callable[[str], str] = lambda t: t
) -> list[BaseMessage]:
    """The conversation up to and including the employee's message at `turn`, cut from the front to
    `max_tokens`. Older turns are not lost: what they said is in the state, which every prompt carries."""
    messages: list[BaseMessage] = []
    for t in state.transcript[: turn + 1]:
        text = clean(t.text)
        messages.append(HumanMessage(text) if t.role == "user" else AIMessage(text))
    kept = trim_messages(
        messages,
        max_tokens=max_tokens,
        token_counter=count_tokens_approximately,
        strategy="last",
        start_on="human",
        allow_partial=False,
    )
    # the message being read is always sent, even when it alone is over the window
    return kept or messages[-1:]


def count_tools(tools: list[dict[str, object]]) -> int:
    """Tokens of tool schemas sent with a call (about four characters a token, like the messages)."""
    import json

    return sum(len(json.dumps(t, ensure_ascii=False)) for t in tools) // 4
