"""The tools the model may call: `record_update` (the TurnUpdate schema) and `search_patterns` (the KB index).

Neither can reach another session: `search_patterns` is bound to the shared, read-only pattern index, and
`record_update` only carries arguments back to this turn. There is no tool for sessions, files or the web.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from langchain_core.tools import StructuredTool
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import BaseModel, Field

from assistant.core.update import TurnUpdate
from assistant.grounding import Searcher
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


#: Fields of the update that only code fills (the offline parser's readings).
_CODE_ONLY = ("quantities",)


def _drop(node: Any, key: str) -> None:
    """Remove a property named `key` wherever it is in the schema."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            props.pop(key, None)
        for v in node.values():
            _drop(v, key)
    elif isinstance(node, list):
        for v in node:
            _drop(v, key)


_FIGURE = ("value", "high", "quote")


def _plain_figures(node: Any) -> None:
    """Every number of a cost line has the same three parts, described once (on `Figure`, in the cost line's
    description): repeating them under each of a dozen fields would triple the schema the model reads each turn."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict) and all(k in props for k in _FIGURE):
            for k in _FIGURE:
                props[k].pop("description", None)
        node.pop("title", None)
        for v in node.values():
            _plain_figures(v)
    elif isinstance(node, list):
        for v in node:
            _plain_figures(v)


def _lean(node: Any) -> Any:
    """No defaults or closed-object flags in what the model reads: pydantic validates the answer either way."""
    if isinstance(node, dict):
        drop = ("default", "additionalProperties", "minimum", "minLength")
        return {k: _lean(v) for k, v in node.items() if k not in drop}
    if isinstance(node, list):
        return [_lean(v) for v in node]
    return node


#: A message that may carry a number ("15 a month", 「月に十数件」, "a couple a week", "half of it").
_NUMBERISH = re.compile(
    r"\d|[〇一二三四五六七八九十百千万億兆半割%％]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|couple|few|several|half|quarter|"
    r"third|once|twice|percent|grand|k)\b",
    re.IGNORECASE,
)
#: The money part of the schema: sent only when the message may hold a number or answers the value question.
MONEY_FIELDS = ("cost_lines", "avoidable")


def needs_money(message: str, topic: str | None) -> bool:
    """Whether this message may carry the money: its schema (the largest part) is left out of the others."""
    return topic == "value" or bool(_NUMBERISH.search(message))


@functools.cache
def record_update_tool(compact: bool = False, money: bool = True) -> dict[str, Any]:
    """The TurnUpdate schema as an OpenAI tool (references inlined, field docstrings as descriptions, or none
    of them when `compact`, for small local models whose context is short and slow to fill). Without `money`,
    no cost lines: a message with no number in it has none to record, and their schema is half of the tool."""
    tool = convert_to_openai_tool(TurnUpdate)
    # the model says the money as cost lines; the parser's readings and what code fills are not the model's to set
    params = tool["function"]["parameters"]["properties"]
    for name in _CODE_ONLY + (() if money else MONEY_FIELDS):
        params.pop(name, None)
    for key in ("notes", "approximate"):
        _drop(tool, key)
    _plain_figures(tool)
    tool["function"]["parameters"] = _lean(tool["function"]["parameters"])
    if compact:
        tool["function"]["parameters"] = _compact(tool["function"]["parameters"])
    tool["function"]["name"] = RECORD
    tool["function"]["description"] = (
        "Record what the employee's latest message says: pains, slot values as short phrases with quotes, "
        "cost lines (the structure of the money, never a total), corrections, a switch of pain, vague or "
        "don't-know answers."
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
