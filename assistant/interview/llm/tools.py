"""The tools the model may call: `record_update` (the TurnUpdate schema) and `search_patterns` (the KB index).

Neither can reach another session: `search_patterns` is bound to the shared, read-only pattern index, and
`record_update` only carries arguments back to this turn. There is no tool for sessions, files or the web.
"""

from __future__ import annotations

import functools
from typing import Any

from langchain_core.tools import StructuredTool
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import BaseModel, Field

from assistant.grounding import Searcher
from assistant.understanding.update import TurnUpdate
from assistant.vocabulary import Lang

RECORD = "record_update"
SEARCH = "search_patterns"
#: Patterns returned per search (enough to orient the question, little enough to keep prompts short).
SEARCH_K = 3


def _compact(node: Any) -> Any:
    """The schema without descriptions, titles and defaults: a third of the tokens, the same validation."""
    if isinstance(node, dict):
        return {
            k: _compact(v)
            for k, v in node.items()
            if k not in ("description", "title", "default", "additionalProperties")
        }
    if isinstance(node, list):
        return [_compact(v) for v in node]
    return node


@functools.cache
def record_update_tool(compact: bool = False) -> dict[str, Any]:
    """The TurnUpdate schema as an OpenAI tool (references inlined, field docstrings as descriptions, or none
    of them when `compact`, for small local models whose context is short and slow to fill)."""
    tool = convert_to_openai_tool(TurnUpdate)
    if compact:
        tool["function"]["parameters"] = _compact(tool["function"]["parameters"])
    tool["function"]["name"] = RECORD
    tool["function"]["description"] = (
        "Record what the employee's latest message says: pains, slot values as short phrases with quotes, "
        "quantities, corrections, a switch of pain, vague or don't-know answers."
    )
    return tool


class SearchArgs(BaseModel):
    query: str = Field(description="What the employee wants to detect or what hurts, in a few words.")


def search_patterns_tool(index: Searcher, lang: Lang) -> StructuredTool:
    """`search_patterns(query)`: the closest detection patterns of the knowledge base (id, title, task kind)."""

    def search_patterns(query: str) -> list[dict[str, Any]]:
        hits = index.search(query[:500], k=SEARCH_K, lang=lang)
        return [
            {
                "id": h.pattern.id,
                "title": h.pattern.title.get(lang),
                "task_kind": h.pattern.task_kind,
                "detects": h.pattern.target.get(lang),
            }
            for h in hits
        ]

    return StructuredTool.from_function(
        search_patterns,
        name=SEARCH,
        description="Look up detection patterns of the knowledge base that fit a pain or a target.",
        args_schema=SearchArgs,
    )
