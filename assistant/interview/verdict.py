"""The not-ML reading of a pain: confirmed by one question before it becomes the verdict, with every reason."""

from __future__ import annotations

from assistant.core.update import TurnUpdate
from assistant.interview.speech import join, say
from assistant.state import InterviewState, Pain


def settle_not_ml(pain: Pain, update: TurnUpdate) -> None:
    """The answer to "is that so, or does someone weigh things up?": a no takes the reading back, and so does a
    judgment called hard or what they want to know when the answer neither says yes nor gives the reading again;
    anything else confirms it."""
    if pain.not_ml is None:
        return
    judged = update.hard_to_judge is True or update.target is not None
    takes_back = update.confirm is False or (judged and update.not_ml is None and update.confirm is not True)
    if takes_back:
        pain.not_ml, pain.not_ml_more = None, []
        if update.hard_to_judge:
            pain.difficulty = "hard"
    else:
        pain.not_ml_confirmed = True


def verdict_text(state: InterviewState, pain: Pain) -> str:
    """The honest verdict with each reason the answers gave, the first one leading."""
    assert pain.not_ml is not None
    first = say(state, "not_ml", reason=say(state, f"not_ml_{pain.not_ml.value}"))
    more = [say(state, "not_ml_also", reason=say(state, f"not_ml_{r}")) for r in pain.not_ml_more]
    return join(state, first, *more)
