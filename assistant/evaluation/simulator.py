"""The offline simulated employee of the design: answers each question with the case's answer for its topic."""

from __future__ import annotations

from assistant.evaluation.cases import Case

DONT_KNOW = {"en": "I don't know.", "ja": "わかりません。"}


def answer(case: Case, topic: str | None) -> str:
    """`answers[topic]`; the same answer when a topic is asked again; "I don't know" otherwise."""
    if topic is not None:
        text = getattr(case.answers, topic, None)
        if text:
            return str(text)
    return DONT_KNOW[case.lang]
