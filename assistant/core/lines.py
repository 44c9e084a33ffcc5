"""Cost lines: how a pain costs money, as the employee said it; code alone converts units and multiplies.

A pain's cost is a list of lines, each one form (events x cost each, people x time x rate, a share of a named
amount, a stated loss, a one-off every N years). Every number keeps the employee's words. A season, sites and
a headcount multiply only the line they belong to. Both producers fill these: the offline parser from its
readings, the LLM through the tool schema (these docstrings are its field descriptions).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Currency = Literal["JPY", "USD", "EUR", "GBP"]
Period = Literal["hour", "day", "shift", "week", "month", "quarter", "year"]
TimeUnit = Literal["s", "min", "h", "day", "week", "month", "year"]
CostForm = Literal["events", "people", "share", "stated", "one_off"]


class _Model(BaseModel):
    # attribute docstrings become schema descriptions: the LLM backend sends this schema as its tool
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class Figure(_Model):
    """A number as the employee said it."""

    value: Annotated[float, Field(ge=0)]
    """The number ("about 15" -> 15); for a range ("10 to 20", 「2〜3割」) its low end."""
    high: Annotated[float, Field(ge=0)] | None = None
    """The high end of a range ("10 to 20 a week" -> 20)."""
    quote: Annotated[str, Field(min_length=1)]
    """The employee's words for this number, copied from their message ("about 15 a month", 「年間で300万くらい」)."""
    approximate: bool = False
    """Read from vague words ("a couple of hundred", 「数百」): shown as an assumption."""

    @model_validator(mode="after")
    def _ordered(self) -> Figure:
        if self.high is not None and self.high < self.value:
            raise ValueError("`high` is the top of the range: not below `value`")
        return self

    @property
    def mid(self) -> float:
        """The middle of a range, or the value."""
        return (self.value + self.high) / 2 if self.high is not None else self.value


class Count(Figure):
    """How many: per period for events ("15 a month", 「週に3回」), or a standing number ("2,000 members")."""

    per: Period | None = None
    """The period it is counted per: "15 a month" -> month, 「毎日」 -> day. None for a standing number."""
    unit: str | None = None
    """Only for an amount of stuff rather than pieces: "800 t a year" -> "t", "40 GWh" -> "GWh" (g, kg, t, lb,
    Wh, kWh, MWh, GWh, L, m3). None for pieces (orders, breaks, calls, 件, 回)."""
    within: Figure | None = None
    """How many of these happen inside each counted thing: "30 audits a year, 25 files each" is count 30 per
    year, within 25 (「1案件で見積もりを6回」: within 6)."""


class Money(Figure):
    """An amount of money."""

    currency: Currency
    per: Period | None = None
    """For money per period: "$400k a year" -> year, 「月300万」 -> month. None for money each time or each item."""
    per_unit: str | None = None
    """For a price of a unit: "$1,400 a tonne" -> "t", "¥25 per kWh" -> "kWh", "$40 an hour" -> "h"."""


class Duration(Figure):
    """An amount of time."""

    unit: TimeUnit
    """s, min, h, day, week, month or year, as said ("20 minutes" -> min, 「半日」 -> day with value 0.5)."""
    per: Period | None = None
    """For time spent per period: "two hours a day" -> day. None for time each time."""


class Share(Figure):
    """A part of something, as a fraction between 0 and 1: "9%" -> 0.09, "one in five" -> 0.2, 「3割」 -> 0.3."""

    value: Annotated[float, Field(ge=0, le=1)]
    high: Annotated[float, Field(ge=0, le=1)] | None = None
    of: str | None = None
    """What it is a share of, in the employee's words ("the chemical bill", "loads", 「売上」)."""
    per: Period | None = None
    """Only for a share of a standing number per period: "15% of members leave a year" -> year."""
    within: Part | None = None
    """A part of that part, when the employee gave two ("1.5% of admissions fall, a third of falls injure":
    0.015 within 1/3; "chillers are 60% of the bill and 12-15% of theirs is waste": 0.6 within 0.12-0.15)."""


class Part(Figure):
    """A part of a part, as a fraction between 0 and 1 ("a third of those" -> 0.33)."""

    value: Annotated[float, Field(ge=0, le=1)]
    high: Annotated[float, Field(ge=0, le=1)] | None = None


class Season(Figure):
    """How much of the year it happens, when only part of it: "November to March" -> 5 months."""

    unit: Literal["day", "week", "month"]


class CostLine(_Model):
    """One way the pain costs money. Fill only what the employee said; never compute a total. Every number is
    {value, high (the top of a range, else null), quote (the employee's words for it, copied)}."""

    what: Annotated[str, Field(min_length=1, max_length=80)]
    """What is counted or lost, in the employee's words ("late loads", "overdosed chemical", 「誤振り分け」)."""
    form: CostForm
    """events: a count per period x what each costs ("15 late loads a month, about $200 each");
    people: people x staff time each per period ("a dozen of us, 8-hour shifts two days a week");
    share: a share of a named amount of money ("we spend 400k a year on the chemical, maybe a tenth is overdosed");
    stated: a yearly or monthly amount the employee states as the loss itself ("it costs us about 3M yen a year");
    one_off: a big loss once every few years ("a main break costs $1.5M, maybe once every 2-3 years")."""
    count: Count | None = None
    """events: how many per period, or a standing number with `share.per` ("15% of 2,000 members a year");
    people: how often each person does it ("two days a week")."""
    share: Share | None = None
    """events: the part of the count that goes wrong ("9% of 600 loads"); share: the part of `amount` lost."""
    each: Money | None = None
    """events: the money lost each time or per unit ("about $200 each", "¥300 per kg", 「1件2万円」)."""
    time: Duration | None = None
    """Staff time each time (events) or each person per period (people): "20 minutes each", "8-hour shifts"."""
    rate: Money | None = None
    """The hourly cost of that staff time, only when the employee said it ("our loaded rate is $80 an hour")."""
    amount: Money | None = None
    """share and stated: the money per period ("400k a year"); one_off: what one such event costs ("$1.5M")."""
    people: Figure | None = None
    """How many people each do it, only when the count or time is per person ("a dozen of us, each ..."); left out,
    a time with its own period is the whole team's ("2,600 hours of overtime a year")."""
    sites: Figure | None = None
    """How many shops, plants, lines or machines, only when the figure is per site ("$120 a day in each of 6
    shops")."""
    every_day: bool = False
    """The line's per-day or per-shift figures run every day of the year (24/7, nightly, "we're open every
    night"), not on working days only."""
    runs: Season | None = None
    """Only part of the year: "only from November to March" -> 5 months, "a 16-week season" -> 16 weeks."""
    every_years: Figure | None = None
    """one_off: years between such events ("once every 2-3 years" -> 2, high 3)."""
    lasts: Duration | None = None
    """events: how long each loss goes on when `each` is money per period: "a member pays $40 a month and would
    have stayed another 10 months" is each 40 per month, lasts 10 months."""
    notes: list[str] = []
    """What the reading of this line assumed (filled by code, never by a model)."""


class CostLineUpdate(CostLine):
    """A cost line said in this message: a new one, or one that completes or corrects a known line."""

    line: int | None = None
    """The number of the known cost line this one completes or corrects (as listed under what is known);
    None for a new line. Only the fields given change it."""
    drop: bool = False
    """With `line`: the employee says that line is no loss after all ("the crew's sorting time has to be done
    anyway"); it is removed."""


class Avoidable(_Model):
    """How much of the loss knowing earlier (or more surely) would avoid, as the employee said it."""

    share: Share
    """"we'd save maybe half of it" -> 0.5; "most of that we'd pay anyway, a fifth is avoidable" -> 0.2."""


#: The fields of a cost line that hold a number, in the order a line is read out.
FIGURES = ("count", "share", "each", "lasts", "time", "rate", "amount", "people", "sites", "runs", "every_years")


def said_numbers(lines: list[CostLine]) -> list[str]:
    """The employee's words for every number of the lines, each once, in order."""
    found: list[str] = []
    for line in lines:
        for name in FIGURES:
            figure = getattr(line, name)
            if isinstance(figure, Figure):
                found.append(figure.quote)
                inner = getattr(figure, "within", None)
                if isinstance(inner, Figure):
                    found.append(inner.quote)
    return list(dict.fromkeys(q for q in found if q))
