"""The offline path from typed turns to a yearly figure, as an interview reads them (shared by the money tests)."""

from __future__ import annotations

from assistant.core.estimate import ValueEstimate, estimate
from assistant.core.lines import CostLine
from assistant.core.money import Rates
from assistant.state import Measure
from assistant.understanding.costing import cost_lines
from assistant.understanding.quantities import read_quantities


def offline_estimate(*turns: str, lang: str = "en") -> tuple[ValueEstimate, list[CostLine]]:
    """Every number of every turn (a currency said once carries over), the offline lines, the core's arithmetic."""
    measures: list[Measure] = []
    for turn, text in enumerate(turns):
        currency = next((m.quantity.currency for m in measures if m.quantity.currency), None)
        measures += [Measure(quantity=q, turn=turn) for q in read_quantities(text, lang, currency)]  # type: ignore[arg-type]
    lines = cost_lines(measures, lang, "the pain")  # type: ignore[arg-type]
    return estimate(lines, lang, Rates()), lines  # type: ignore[arg-type]
