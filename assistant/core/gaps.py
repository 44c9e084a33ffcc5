"""What a pain's cost lines still lack: the one missing factor of one line, so a follow-up asks only for that."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.lines import CostLine


@dataclass(frozen=True)
class Gap:
    """The one factor a line still lacks, so the follow-up asks for it and nothing else."""

    line: int
    factor: str
    """count, period, each, amount, share, population, people, time or every_years."""
    what: str
    of: str | None = None


def gap(lines: list[CostLine]) -> Gap | None:
    """The missing factor of the first line that cannot be computed (None: every line can, or there is none)."""
    for i, line in enumerate(lines):
        factor = _missing(line)
        if factor is not None:
            of = line.share.of if line.share is not None else None
            return Gap(i, factor, line.what, of)
    return None


def _missing(line: CostLine) -> str | None:
    c, share = line.count, line.share
    if line.form == "people":
        # "2,600 hours of overtime a year": a time with its own period is the total, whoever does it; only a time
        # each person spends needs how many people
        if line.people is None and (line.time is None or line.time.per is None):
            return "people"
        if line.time is None:
            return "time"
        return "period" if line.time.per is None and (c is None or c.per is None) else None
    if line.form == "events":
        if c is None:
            return "population" if share is not None and share.per is not None else "count"
        if c.per is None and not (share is not None and share.per is not None):
            return "period"
        return "each" if line.each is None and line.time is None else None
    if line.form in ("share", "stated") and (line.amount is None or line.amount.per is None):
        return "amount"
    if line.form == "share" and share is None:
        return "share"
    if line.form == "one_off":
        return "amount" if line.amount is None else "every_years" if line.every_years is None else None
    return None


def computable(line: CostLine) -> bool:
    return _missing(line) is None
