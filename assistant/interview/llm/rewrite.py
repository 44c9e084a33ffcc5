"""Rewrite: an optional model call that smooths the proposal's prose, kept only when every figure and quote is.

The proposal is built by code (the same builder as offline). This call may reword its advice and knowledge-base
sentences for the case at hand; it never touches the employee's quotes, the arithmetic or the PoC table. Every
number and quoted phrase of each original sentence must appear in its rewrite, or the original proposal stands.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import BaseModel, Field, ValidationError

from assistant.interview.llm import budget, prompts
from assistant.language import detect_language, normalize
from assistant.proposal import Item, Proposal, SectionKey
from assistant.providers import classify
from assistant.state import InterviewState, TurnUsage
from assistant.vocabulary import Lang

logger = logging.getLogger(__name__)

TOOL = "rewrite_prose"
#: Sections written as sentences; the background, question, value and PoC plan are facts, figures and a table.
PROSE_SECTIONS: tuple[SectionKey, ...] = ("data", "approach", "success", "risks", "people")
#: Only these sources are our own or the knowledge base's wording: the employee's words and calculations stay.
_PROSE_SOURCES = ("pattern", "assumption")
#: Proposals remembered with their outcome, so rebuilding the same proposal calls the model once.
_CACHE = 256
# Numbers with their currency or percent sign, and phrases in quotes (any of the quote marks we write).
_NUMBER = re.compile(r"[$€£¥]?\d+(?:[.,]\d+)*%?")
_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|「([^」]+)」|‘([^’]+)’")


class RewrittenItem(BaseModel):
    id: int
    text: str = Field(min_length=1)


class RewrittenProse(BaseModel):
    """The rewritten sentences, one per id sent."""

    items: list[RewrittenItem]


def protected(text: str) -> list[str]:
    """What a rewrite must keep word for word: every number (with its currency or % sign) and quoted phrase."""
    flat = normalize(text)
    quoted = [next(g for g in m.groups() if g) for m in _QUOTED.finditer(flat)]
    return [*_NUMBER.findall(flat), *quoted]


def dropped(original: str, rewrite: str) -> list[str]:
    """The figures and quotes of `original` that `rewrite` lost."""
    flat = normalize(rewrite)
    return [p for p in protected(original) if p not in flat]


@dataclass(frozen=True)
class Rewrite:
    """The proposal to show, why the model's rewrite was not used (None: it was, or nothing to rewrite), and the
    model use to record in the interview (None: no call was made, e.g. the outcome was remembered)."""

    proposal: Proposal
    problem: str | None = None
    usage: TurnUsage | None = None


def prose_items(proposal: Proposal) -> dict[int, Item]:
    """The sentences that may be reworded, numbered in document order."""
    found = [
        i
        for s in proposal.sections
        if s.key in PROSE_SECTIONS
        for i in s.items
        if i.source is not None and i.source.source in _PROSE_SOURCES
    ]
    return dict(enumerate(found))


class ProseRewriter:
    """One model call rewrites the proposal's prose; any failure or lost figure keeps the original."""

    def __init__(
        self, model: BaseChatModel, clean: Callable[[str], str] = lambda t: t, token_budget: int | None = None
    ) -> None:
        self.model = model
        self.clean = clean
        self.token_budget = token_budget
        """An interview that has spent its budget gets the proposal as built, without a call."""
        self._seen: OrderedDict[str, dict[int, str] | str] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, proposal: Proposal, state: InterviewState) -> tuple[Proposal, TurnUsage | None]:
        """The service's polish hook: the proposal to show and the model use for the caller to record."""
        done = self.rewrite(proposal, state)
        return done.proposal, done.usage

    def rewrite(self, proposal: Proposal, state: InterviewState) -> Rewrite:
        items = prose_items(proposal)
        if not items:
            return Rewrite(proposal)
        sent = json.dumps([{"id": k, "text": i.text} for k, i in items.items()], ensure_ascii=False)
        key = hashlib.sha256(f"{proposal.lang}\n{self._context(state)}\n{sent}".encode()).hexdigest()
        with self._lock:
            outcome = self._seen.get(key)
        usage = None
        if outcome is None:
            if self.token_budget is not None and budget.over_budget(state, self.token_budget):
                return Rewrite(proposal, "budget")
            usage = TurnUsage(turn=_last_message(state), kind="rewrite", calls=1)
            outcome, lasting = self._ask(proposal, state, items, sent, usage)
            if lasting:  # a failed call is tried again with the next proposal; a rewrite judged once stays judged
                with self._lock:
                    self._seen[key] = outcome
                    while len(self._seen) > _CACHE:
                        self._seen.popitem(last=False)
        if isinstance(outcome, str):
            if usage is not None:
                usage.fallback = outcome.split(":")[0]  # the kind, without the figures a `dropped` names
            return Rewrite(proposal, outcome, usage)
        copy = proposal.model_copy(deep=True)
        for k, item in prose_items(copy).items():
            item.text = outcome[k]
        return Rewrite(copy, usage=usage)

    def _context(self, state: InterviewState) -> str:
        focus = state.focus_pain()
        said = [state.work.value if state.work else "", focus.text if focus else ""]
        return self.clean("; ".join(s for s in said if s)) or "-"

    def _ask(
        self, proposal: Proposal, state: InterviewState, items: dict[int, Item], sent: str, usage: TurnUsage
    ) -> tuple[dict[int, str] | str, bool]:
        """The rewritten texts by id, or why they are not used; and whether that outcome may be remembered. The
        call's tokens are counted into `usage` (as the understand step counts: once answered)."""
        system = prompts.render("rewrite_system", proposal.lang, context=self._context(state))
        tool = convert_to_openai_tool(RewrittenProse)
        tool["function"]["name"] = TOOL
        messages = [SystemMessage(system), HumanMessage(sent)]
        try:
            answer = self.model.bind_tools([tool], tool_choice=TOOL).invoke(messages)
        except Exception as exc:  # the endpoint, the key, the SDK: the built proposal is shown as it is
            logger.warning("rewrite: the model call failed (%s); the proposal keeps its own wording", classify(exc))
            return classify(exc), False
        usage.tokens_in += budget.count(messages) + budget.count_tools([tool])
        usage.tokens_out += budget.count([answer]) if isinstance(answer, AIMessage) else 0
        problem, texts = _check(answer, items, proposal.lang)
        if problem is not None:
            logger.info("rewrite: not used (%s); the proposal keeps its own wording", problem)
            return problem, True
        return texts, True


def _last_message(state: InterviewState) -> int:
    """The transcript index of the employee's last message (the rewrite's usage row is filed under it)."""
    return max((i for i, t in enumerate(state.transcript) if t.role == "user"), default=0)


def _check(answer: object, items: dict[int, Item], lang: Lang) -> tuple[str | None, dict[int, str]]:
    """Why the answer must not replace the original (None: it may), and its texts by id."""
    calls = answer.tool_calls if isinstance(answer, AIMessage) else []
    args = next((c["args"] for c in calls if c["name"] == TOOL), None)
    if args is None:
        return "no_rewrite", {}
    try:
        got = RewrittenProse.model_validate(args)
    except ValidationError:
        return "invalid", {}
    texts = {i.id: i.text.strip() for i in got.items}
    if sorted(texts) != sorted(items) or len(got.items) != len(items):
        return "ids", {}
    for k, item in items.items():
        if len(texts[k]) > 2 * len(item.text) + 200:
            return "too_long", {}
        lost = dropped(item.text, texts[k])
        if lost:
            return "dropped: " + ", ".join(lost[:3]), {}
    if detect_language(" ".join(texts.values()), default=lang) != lang:
        return "language", {}
    return None, texts
