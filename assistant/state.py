"""Interview state shared by every backend: transcript, pains, themes and detection questions."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from assistant.core.gaps import computable
from assistant.core.lines import Avoidable, CostLine
from assistant.core.migrate import round_one_line
from assistant.core.update import Quantity
from assistant.vocabulary import Lang, Modality, OutputShape, TaskKind, Topic


def new_id(nbytes: int = 16) -> str:
    """An unguessable id (128 bits by default): knowing it is what grants access to a session. It never starts
    with "-", which a command line would read as an option (`theme-assistant propose -Njg7…`)."""
    while True:
        found = secrets.token_urlsafe(nbytes)
        if not found.startswith("-"):
            return found


def _now() -> datetime:
    return datetime.now(UTC)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


Source = Literal["employee", "edit", "pattern", "assumption", "derived"]


class Quote(_Model):
    """Where a value came from: the employee's own words in a turn, a UI edit, a pattern, an assumption, or
    `derived`: calculated or composed from the quoted values next to it (the arithmetic, the question)."""

    text: str
    turn: int | None = None
    """Index into the transcript of the employee's turn quoted (None for patterns and assumptions)."""
    source: Source = "employee"
    pattern_id: str | None = None


class Fact(_Model):
    """A piece of text the interview learned, with its provenance."""

    value: str
    quote: Quote


class Measure(_Model):
    """A number the employee gave, as the offline parser read it (kind, per what, currency), with its turn: the
    evidence it builds a pain's cost lines from."""

    quantity: Quantity
    turn: int | None = None


class DataFacts(_Model):
    """What is recorded: whether data exists, roughly how much, and whether outcomes (labels) are kept."""

    exists: bool | None = None
    amount: str | None = None
    labels: bool | None = None
    where: str | None = None
    """The system or place it is kept in, in the employee's words."""
    quote: Quote | None = None
    partly: list[Literal["data", "outcomes"]] = []
    """What is kept only in part (some of it, for a while): `exists` or `labels` is then True with this caveat."""
    note: str | None = None
    """What the part is, in the employee's words made short ("only the ones we caught")."""


class Pain(_Model):
    """Something that hurts in the employee's work, with what it costs and who judges it."""

    @model_validator(mode="before")
    @classmethod
    def _round_one(cls, data: object) -> object:
        """Pains saved by the round-1 engine (a frequency and costs): their numbers become one cost line."""
        if isinstance(data, dict) and ("frequency" in data or "costs" in data):
            data = dict(data)
            line = round_one_line(data.pop("frequency", None), data.pop("costs", None) or [], data.get("text", ""))
            if line is not None and not data.get("cost"):
                data["cost"] = [line]
        return data

    id: str = Field(default_factory=lambda: new_id(6))
    text: str
    quote: Quote
    judgment: Fact | None = None
    """The decision made and what they wish they knew earlier or more surely (raw answer)."""
    target: Fact | None = None
    """What they want to know (the detection target), in their words."""
    inputs: list[Fact] = []
    """What they look at when judging."""
    data: DataFacts | None = None
    cost: list[CostLine] = []
    """How the pain costs money, one line per way it does (assistant.core.lines); the yearly figure is computed
    from these alone."""
    avoidable: Avoidable | None = None
    """How much of that knowing earlier would avoid, as the employee said it (None: not said)."""
    measures: list[Measure] = []
    """The numbers as the offline parser read them, across turns (its evidence for the cost lines)."""
    judge: Fact | None = None
    """Who judges today, and how (the baseline)."""
    difficulty: Literal["hard", "easy", "unknown"] = "unknown"
    not_ml: Fact | None = None
    """Set when the honest answer is that this pain is not a machine-learning theme, with the reason."""
    not_ml_more: list[str] = []
    """Further reasons the employee's answers gave for the same reading (each a `NotMl` value)."""
    not_ml_confirmed: bool = False
    """The employee was asked whether the reading holds and did not say otherwise: only then is it the verdict."""
    skipped: list[Topic] = []
    """Topics the employee skipped or could not answer for this pain (not asked again)."""
    pattern: str | None = None
    """The pattern a model chose for this pain among the candidates it was shown, or "none" (None: no choice)."""

    def has(self, topic: Topic) -> bool:
        """True when the topic is answered (or skipped) for this pain."""
        if topic in self.skipped:
            return True
        if topic == "judgment":
            return self.target is not None
        if topic == "inputs":
            return bool(self.inputs)
        if topic == "data":
            # both halves: whether the evidence is kept and whether what happened afterwards is
            return self.data is not None and self.data.exists is not None and self.data.labels is not None
        if topic == "value":
            return any(computable(line) for line in self.cost)
        return True

    @property
    def complete(self) -> bool:
        """Every slot a proposal needs is filled or was skipped on purpose."""
        return all(self.has(t) for t in ("judgment", "inputs", "data", "value"))


class PatternMatch(_Model):
    """A knowledge-base pattern that grounds a theme."""

    id: str
    title: str
    task_kind: TaskKind
    modalities: list[Modality]
    score: float
    confidence: float = 1.0
    """Calibrated probability that the pattern fits (see assistant.retrieval.confidence)."""
    weak: bool = False
    """No pattern of the knowledge base is close: the proposal then follows the task kind's generic guidance."""


class DetectionQuestion(_Model):
    """ "Based on <inputs>, detect <target>", with what one detection is about and when truth is known."""

    text: str
    target: str
    inputs: list[str]
    task_kind: TaskKind | None = None
    """The close pattern's kind, else the kind the target's form asks for ("whether…" a classification); None when
    neither says (sessions saved before it had none)."""
    entity: Fact | None = None
    output_shape: OutputShape | None = None
    truth_wait: Fact | None = None
    baseline: Fact | None = None


class Reason(_Model):
    """One reason behind a score: positive or negative, with its provenance."""

    text: str
    positive: bool
    quote: Quote | None = None


class ValueEstimate(_Model):
    """The money at stake per year from the pain's cost lines, with the arithmetic shown and assumptions marked."""

    per_year: float | None = None
    currency: str | None = None
    arithmetic: list[str] = []
    assumptions: list[str] = []
    doubt: str | None = None
    """A question instead of a statement: the figure is far above the scale the employee gave (a unit misread?)."""
    avoidable: float | None = None
    """The part of it knowing earlier would avoid, per year, when the employee said which part."""
    avoidable_note: str | None = None
    """Where the avoidable part comes from (the employee's estimate)."""


class Feasibility(_Model):
    score: Annotated[float, Field(ge=0.0, le=1.0)] = 0.0
    reasons: list[Reason] = []


class Theme(_Model):
    """A candidate ML theme: one pain turned into a detection question, grounded and scored."""

    id: str
    pain_id: str
    question: DetectionQuestion
    patterns: list[PatternMatch] = []
    value: ValueEstimate = ValueEstimate()
    feasibility: Feasibility = Feasibility()
    rank: int = 0
    complete: bool = False
    """Every slot a proposal needs is filled."""

    @property
    def best(self) -> PatternMatch | None:
        return self.patterns[0] if self.patterns else None

    @property
    def task_kind(self) -> TaskKind | None:
        """What the question asks for; a weak pattern's kind only when the question's form says nothing."""
        if self.question.task_kind is not None:
            return self.question.task_kind
        return self.patterns[0].task_kind if self.patterns else None

    @property
    def modalities(self) -> list[Modality]:
        return list(self.patterns[0].modalities) if self.patterns else []


class Turn(_Model):
    role: Literal["user", "assistant"]
    text: str
    topic: Topic | None = None
    """For assistant turns: the topic asked; for user turns: the topic they answered."""
    at: datetime = Field(default_factory=_now)


UsageKind = Literal["turn", "rewrite"]


class TurnUsage(_Model):
    """What the LLM backend spent on one employee turn, and whether the offline engine had to step in; or, of
    kind `rewrite`, on the optional rewrite of the proposal's prose."""

    turn: int
    """Index into the transcript of the employee's message (a rewrite: the last one before it)."""
    kind: UsageKind = "turn"
    """`turn`: understanding and answering a message; `rewrite`: one call rewording the proposal (its tokens
    count against the interview's budget like any other; its `fallback` says why the rewrite was not used)."""
    calls: int = 0
    """Model calls made (understand, its repair, ask; or the rewrite)."""
    tokens_in: int = 0
    """Prompt tokens, counted offline (approximately; the same count for every provider)."""
    tokens_out: int = 0
    """Answer tokens, counted the same way."""
    fallback: str | None = None
    """Why the offline engine answered the whole turn (`unreachable`, `auth`, `timeout`, `invalid`, `budget`,
    `replay_missing`, `error`); None when the model understood the message."""
    ask_fallback: str | None = None
    """Why the question came from the offline template instead of the model (None: the model asked)."""
    repaired: bool = False
    """The first update was invalid and the model was asked once to repair it."""
    patterns: list[str] = []
    """Knowledge-base pattern ids the model looked up with `search_patterns` (cited here, not in the chat)."""


#: Per-turn usage rows a state keeps; older turns live on in the totals, so a long interview's state stays small.
RECENT_USAGE = 20


class UsageTotals(_Model):
    """What the LLM backend spent over every turn of an interview (running sums of `TurnUsage`)."""

    turns: int = 0
    calls: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    repaired: int = 0
    """Turns whose first update was invalid and was repaired."""
    fallbacks: dict[str, int] = {}
    """Turns answered by the offline engine, by reason."""
    ask_fallbacks: dict[str, int] = {}
    """Questions from the offline template instead of the model, by reason."""
    rewrites: int = 0
    """Rewrite calls of the proposal's prose: in `calls` and the tokens above, not in `turns`."""
    rewrite_fallbacks: dict[str, int] = {}
    """Rewrites not used (the proposal kept its own wording), by reason."""

    def add(self, usage: TurnUsage) -> None:
        self.calls += usage.calls
        self.tokens_in += usage.tokens_in
        self.tokens_out += usage.tokens_out
        if usage.kind == "rewrite":
            self.rewrites += usage.calls
            if usage.fallback:
                self.rewrite_fallbacks[usage.fallback] = self.rewrite_fallbacks.get(usage.fallback, 0) + 1
            return
        self.turns += 1
        self.repaired += usage.repaired
        if usage.fallback:
            self.fallbacks[usage.fallback] = self.fallbacks.get(usage.fallback, 0) + 1
        if usage.ask_fallback:
            self.ask_fallbacks[usage.ask_fallback] = self.ask_fallbacks.get(usage.ask_fallback, 0) + 1


Phase = Literal["interview", "review", "done"]


class Cleared(_Model):
    """What a confirmed start-over cleared, kept so that "undo" brings it back (one level)."""

    work: Fact | None = None
    pains: list[Pain] = []
    focus: str | None = None
    themes: list[Theme] = []
    asked: dict[str, int] = {}
    phase: Phase = "interview"


class InterviewState(_Model):
    """Everything known about one interview. Every backend reads and writes this; it is saved as JSON."""

    id: str = Field(default_factory=new_id)
    user_id: str = "local"
    lang: Lang = "en"
    lang_locked: bool = False
    """True when the employee chose the language explicitly (then it is not re-detected)."""
    asking: Topic | None = None
    """The topic of the assistant's current question (None when it asks nothing)."""
    phase: Phase = "interview"
    transcript: list[Turn] = []
    work: Fact | None = None
    pains: list[Pain] = []
    focus: str | None = None
    """Id of the pain being discussed."""
    themes: list[Theme] = []
    """Ranked, best first."""
    asked: dict[str, int] = {}
    """How many times each topic was asked for the focused pain (to follow up once, never loop)."""
    pending: Literal["start_over", "not_ml"] | None = None
    """What waits for the employee's answer: a start-over (it clears the interview, so it is asked first) or the
    not-ML reading of the pain in focus (confirmed once before the interview closes on it)."""
    cleared: Cleared | None = None
    """What the last start-over cleared ("undo" restores it)."""
    hinted: bool = False
    """An empty or unreadable message got a hint since the last message taken in (the next get no reply)."""
    llm_usage: list[TurnUsage] = []
    """Model calls, tokens and fallbacks of the last RECENT_USAGE turns (LLM backend only; empty offline)."""
    llm_totals: UsageTotals = Field(default_factory=UsageTotals)
    """The same summed over every turn (`record_usage` keeps both)."""
    created_at: datetime = Field(default_factory=_now)
    updated_at: datetime = Field(default_factory=_now)

    @model_validator(mode="before")
    @classmethod
    def _sum_old_usage(cls, data: object) -> object:
        """States saved before the totals kept a row per turn: sum them once and keep only the recent ones."""
        if isinstance(data, dict) and data.get("llm_usage") and "llm_totals" not in data:
            rows = [u if isinstance(u, TurnUsage) else TurnUsage.model_validate(u) for u in data["llm_usage"]]
            totals = UsageTotals()
            for u in rows:
                totals.add(u)
            data = {**data, "llm_usage": rows[-RECENT_USAGE:], "llm_totals": totals}
        return data

    # -- convenience -----------------------------------------------------------------------

    def focus_pain(self) -> Pain | None:
        return next((p for p in self.pains if p.id == self.focus), None)

    def pain(self, pain_id: str) -> Pain | None:
        return next((p for p in self.pains if p.id == pain_id), None)

    def add_turn(self, role: Literal["user", "assistant"], text: str, topic: Topic | None = None) -> int:
        self.transcript.append(Turn(role=role, text=text, topic=topic))
        self.updated_at = _now()
        return len(self.transcript) - 1

    def record_usage(self, usage: TurnUsage) -> None:
        """Add one turn's (or rewrite's) model use to the totals and the recent rows (the oldest row beyond
        RECENT_USAGE goes)."""
        self.llm_totals.add(usage)
        self.llm_usage.append(usage)
        del self.llm_usage[:-RECENT_USAGE]

    def assistant_turns(self) -> int:
        return sum(1 for t in self.transcript if t.role == "assistant")

    @property
    def top_theme(self) -> Theme | None:
        return self.themes[0] if self.themes else None

    @property
    def proposal_ready(self) -> bool:
        top = self.top_theme
        return top is not None and top.complete

    @property
    def not_ml_verdict(self) -> bool:
        """True when the interview ended honestly with "not an ML theme" and no theme stands."""
        return self.phase != "interview" and not self.themes and any(p.not_ml for p in self.pains)

    def to_json(self) -> str:
        return self.model_dump_json()

    @classmethod
    def from_json(cls, text: str) -> InterviewState:
        return cls.model_validate_json(text)
