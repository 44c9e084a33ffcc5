"""What a failed or capped turn undoes: a snapshot of the interview state, less what is kept whatever happens."""

from __future__ import annotations

import copy
from typing import Any

from assistant.state import InterviewState

#: Not undone with a failed or capped turn: the transcript keeps the message, and model use was spent all the same.
KEPT_ON_UNDO = ("transcript", "llm_usage", "llm_totals")


def snapshot(state: InterviewState) -> dict[str, Any]:
    """What a turn may undo (bounded by the theme cap, so copying it does not grow per turn)."""
    return {
        name: copy.deepcopy(getattr(state, name)) for name in InterviewState.model_fields if name not in KEPT_ON_UNDO
    }


def restore(state: InterviewState, saved: dict[str, Any]) -> None:
    for name, value in saved.items():
        setattr(state, name, value)
