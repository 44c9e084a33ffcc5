"""What the interview says about the money: the figure played back once with its arithmetic, a question instead
of a figure that cannot be right, and old -> new when a later answer moved it (never "updated" when it did not)."""

from __future__ import annotations

from assistant.core.money import money
from assistant.interview.speech import say
from assistant.state import InterviewState, ValueEstimate


def focus_value(state: InterviewState) -> ValueEstimate | None:
    """The yearly figure of the pain in focus, as the board shows it (None: no theme for it yet)."""
    focus = state.focus_pain()
    theme = next((t for t in state.themes if focus and t.pain_id == focus.id), None)
    return theme.value.model_copy() if theme is not None else None


def _amount(state: InterviewState, value: ValueEstimate) -> str:
    return money(value.per_year or 0.0, value.currency or "USD", state.lang)


def arithmetic(state: InterviewState, value: ValueEstimate) -> str:
    """The lines that make the figure (the total line left out: the figure is said next to it)."""
    total = say(state, "value_total", amount=_amount(state, value))
    lines = [line for line in value.arithmetic if line != total]
    return ("、" if state.lang == "ja" else "; ").join(lines)


def playback(state: InterviewState, value: ValueEstimate | None) -> str:
    """The figure said back once, so a wrong reading can be corrected; a doubtful one is asked about."""
    if value is None or value.per_year is None:
        return ""
    if value.doubt:
        return value.doubt
    amount = _amount(state, value)
    if value.arithmetic == [say(state, "value_stated", amount=amount)]:
        return say(state, "value_playback_stated", amount=amount)  # "$400k a year ($400k a year)" says it twice
    return say(state, "value_playback", amount=amount, arithmetic=arithmetic(state, value))


def change(state: InterviewState, before: ValueEstimate | None, after: ValueEstimate | None, said: bool) -> str:
    """Old -> new when the figure moved; when the employee corrected a number and the figure stayed, that it stayed
    (`said`); nothing otherwise."""
    if before is None or after is None or before.per_year is None:
        return ""
    if after.per_year is not None and after.per_year != before.per_year:
        if after.doubt:
            return after.doubt
        return say(
            state,
            "value_updated",
            old=_amount(state, before),
            new=_amount(state, after),
            arithmetic=arithmetic(state, after),
        )
    if said and after.per_year == before.per_year:
        return say(state, "value_unchanged", amount=_amount(state, before))
    return ""
