"""What one employee message says, as a typed update: the contract between understanding and the core.

Both backends produce a `TurnUpdate` for every message: the offline parser by rule, the LLM agent with one
function-calling call validated by this same model. The core applies it to the interview state
(`assistant.interview.policy.apply_update`), so grounding, value arithmetic and ranking never depend on
who understood the message. Every phrase is short and clean (a noun phrase, not the employee's sentence),
and carries `quote`: the employee's own words it came from, so nothing is invented without a trace. The money
comes as cost lines (`assistant.core.lines`): the structure is said, the arithmetic is the core's.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from assistant.core.lines import Avoidable, CostLineUpdate, Currency

Slot = Literal["pain", "target", "inputs", "data", "value", "judge"]
Command = Literal["proposal", "start_over", "undo", "skip", "another_pain"]
NotMl = Literal["no_decision", "fixed_rule", "no_outcome"]

QuantityKind = Literal[
    "events",
    "base",
    "share",
    "cost_each",
    "time_each",
    "money_total",
    "time_total",
    "people",
    "sites",
    "rate",
    "days",
    "season",
    "per_each",
    "span",
]
"""What a number measures, as the offline parser reads it (its evidence for the cost lines it builds):

- `events`: how often the pain happens ("180 breaks a year", 「月に20件」);
- `base`: how many items or jobs a share applies to ("600 loads a week");
- `share`: the fraction of the base that goes wrong ("9%", "one in five", 「3割」), as 0..1;
- `cost_each`: money lost per event ("each costs about $200", 「1件あたり10万円」);
- `time_each`: staff hours per event or item ("3 minutes per ticket", 「1件あたり半日」);
- `money_total`: money per period for the whole pain ("about 8 million a year", "£210 per shop a week");
- `time_total`: staff hours per period ("two hours every morning", 「毎日3時間」);
- `people`: a headcount ("there are 3 of us", 「担当は5人」);
- `sites`: how many shops, sites, lines or machines a per-site figure applies to ("we have 42 shops");
- `rate`: an hourly staff cost the employee stated ("our loaded rate is $80 an hour");
- `per_each`: how many times it happens inside each of another counted thing ("each audit pulls about 25 files",
  「1つの案件で見積もりを6回」): the yearly count of that thing multiplies it;
- `span`: how long one loss lasts, in `per` units ("a churned member would have stayed another 8 months",
  "a vacancy lasts about 3 weeks", 「あと6ヶ月は続けてくれていたはず」): a money figure per period is lost for
  that long;
- `season`: the months or weeks a year it happens, in `per` units ("only from December to February" is 3 per
  month, 「繁忙期の3ヶ月だけ」);
- `days`: the days a year the work runs, when not the usual working days ("the season is 120 days",
  「シーズンは120日」).
"""

Per = Literal["event", "hour", "day", "shift", "week", "month", "quarter", "year"]


class _Model(BaseModel):
    # attribute docstrings become schema descriptions: the LLM backend sends this schema as its tool
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class Phrase(_Model):
    """A clean short phrase (what goes into a slot) and the employee's words it came from."""

    text: Annotated[str, Field(min_length=1, max_length=160)]
    """A noun phrase in the employee's language: "units sold per item and day", 「各商品の販売数」."""
    quote: Annotated[str, Field(min_length=1)]
    """The employee's words it was read from (a span of the message)."""


class Quantity(_Model):
    """One number the employee gave, with what it measures and what it is counted per."""

    kind: QuantityKind
    value: float
    """Money in `currency`; time in hours; a share as a fraction (0.09 for 9%); otherwise a count."""
    high: float | None = None
    """The top of a stated range ("10-20 a week"); `value` is the bottom."""
    currency: Currency | None = None
    """For money (`cost_each`, `money_total`, `rate`)."""
    per: Per | None = None
    """The period it is counted per ("a week" -> week); `event` for "each"; None when it is a plain count."""
    every_day: bool = False
    """A per-day or per-shift figure that runs every day of the year (24/7, nightly), not on working days only."""
    per_person: bool = False
    """The figure is for each person ("each of us spends two hours a day"): a headcount multiplies it."""
    per_site: bool = False
    """The figure is for each shop, site, line or machine: a `sites` count multiplies it."""
    of: str | None = None
    """What is counted or who, in a word or two ("loads", "breaks", "analysts")."""
    quote: Annotated[str, Field(min_length=1)]
    occasional: bool = False
    """A loss that only sometimes happens ("once cost us a $60k recall", 「100万円かかることもある」): not counted on
    every event."""
    approximate: bool = False
    """Read from vague words ("a couple of hundred grand", 「数億円」): shown as an assumption."""

    @model_validator(mode="after")
    def _consistent(self) -> Quantity:
        money = self.kind in ("cost_each", "money_total", "rate")
        if money and self.currency is None:
            raise ValueError(f"a {self.kind} quantity needs its currency (JPY, USD, EUR or GBP)")
        if self.kind == "share" and not 0 <= self.value <= 1:
            raise ValueError("a share is a fraction between 0 and 1 (9% -> 0.09)")
        if self.value < 0 or (self.high is not None and self.high < self.value):
            raise ValueError("a quantity is not negative, and `high` is not below `value`")
        return self


Said = Literal["yes", "partly", "no"]


class DataUpdate(_Model):
    """What is recorded, as the employee said it."""

    recorded: Said | None = None
    """Is the information they judge from kept anywhere (a system, spreadsheets, paper)? yes, partly ("some shops
    fill it in"), no; None: not said."""
    outcomes_recorded: Said | None = None
    """Are the outcomes (what actually happened afterwards) kept? yes, partly ("only the ones we caught",
    "footage is overwritten after a week"), no; None: not said."""
    note: Annotated[str, Field(max_length=160)] | None = None
    """What is partly kept, in a few words ("only the cases caught, a few hundred rows", 「1週間で上書き」)."""
    amount: str | None = None
    """How much, in their words made short ("3 years of daily sales", 「2,000件」)."""
    where: str | None = None
    """The system or place ("SAP", "Excel", 「紙の台帳」)."""
    quote: Annotated[str, Field(min_length=1)]

    @model_validator(mode="before")
    @classmethod
    def _words(cls, data: object) -> object:
        """true/false (as older readers and models say it) are yes/no."""
        if isinstance(data, dict):
            data = {
                k: (
                    {True: "yes", False: "no"}[v]
                    if k in ("recorded", "outcomes_recorded") and isinstance(v, bool)
                    else v
                )
                for k, v in data.items()
            }
        return data


class Correction(_Model):
    """The employee corrected something said before: which slot changes (the new value is in the update)."""

    slot: Slot
    quote: Annotated[str, Field(min_length=1)]


class PainUpdate(_Model):
    """A pain named in this message: what is slow, costly, tedious, error-prone or hard to judge."""

    text: Annotated[str, Field(min_length=1, max_length=160)]
    """A short clean phrase for the pain ("presses stop without warning", 「毎晩パンを大量に捨てている」)."""
    quote: Annotated[str, Field(min_length=1)]
    hard_to_judge: bool = False
    """The employee says a person finds it hard to judge, or only an expert can."""


class TurnUpdate(_Model):
    """Everything one message adds or changes. Empty fields mean "not said in this message"."""

    work: Phrase | None = None
    """What the employee does day to day."""
    pains: list[PainUpdate] = []
    """Pains named in this message (new ones, or the same pain said again)."""
    switch_to: Annotated[str, Field(min_length=1)] | None = None
    """The employee turns to another pain ("actually the machine one matters more"): a phrase naming it."""
    target: Phrase | None = None
    """What they want to know earlier or more surely: the detection target, as a noun phrase or a
    whether/which/how-many question ("whether a logger hears a real leak", 「設備が故障するか」)."""
    judge: Phrase | None = None
    """Who judges today and how ("the senior buyer, by gut")."""
    inputs: list[Phrase] = []
    """What they look at when judging: each a recordable thing (not "gut", "experience", "stuff")."""
    data: DataUpdate | None = None
    cost_lines: list[CostLineUpdate] = []
    """How the pain costs money, said in this message: new lines, or numbers that complete or correct a known
    line (give its `line` number). A spend that is no loss ("the agency bill, which we pay anyway") is no line."""
    avoidable: Avoidable | None = None
    """How much of the loss knowing earlier would avoid, when the employee says it ("we'd save maybe half")."""
    quantities: list[Quantity] = []
    """The numbers as the offline parser read them, kept as its evidence (the LLM fills `cost_lines` instead)."""

    corrections: list[Correction] = []
    """Slots the employee corrected in this message; their new values are in the fields above."""
    vague: bool = False
    """The message gives nothing usable for the question asked (a filler, a hedge, an apology)."""
    dont_know: bool = False
    """The employee says they do not know the answer to the question asked."""
    hard_to_judge: bool | None = None
    """The judgment is hard for a person (True), plainly easy (False), or not said (None)."""
    not_ml: NotMl | None = None
    """The honest reading that this pain is no ML theme: no decision at all, a fixed rule decides it, or no
    outcome is ever known."""
    pattern: Annotated[str, Field(max_length=80)] | None = None
    """The detection pattern that fits the pain in focus: the id of one of the candidates listed under what is
    known, or "none" when none of them detects what the employee needs. Leave empty when unsure."""
    command: Command | None = None
    """A request about the interview itself, only when the message is that request ("let's start over",
    「最初からやり直したい」), never the same words about the work ("we restart the press every morning"): the
    proposal now, start over (confirmed before anything is cleared), undo a start-over, skip this question,
    another pain."""
    confirm: bool | None = None
    """The employee's yes (True) or no (False) to a question that asked them to confirm (start over? is it
    decided by a fixed rule?)."""

    @property
    def empty(self) -> bool:
        """Nothing was understood from the message."""
        said = (
            self.work,
            self.switch_to,
            self.target,
            self.judge,
            self.data,
            self.not_ml,
            self.command,
            self.avoidable,
        )
        listed = (self.pains, self.inputs, self.quantities, self.corrections, self.cost_lines)
        return all(v is None for v in said) and not any(listed)
