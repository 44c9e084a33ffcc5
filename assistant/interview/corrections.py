"""Corrections said in the chat ("no, it's more about …"), written back into the pain (any backend)."""

from __future__ import annotations

import re

from assistant.interview import cues
from assistant.interview.inputs import extract_inputs
from assistant.interview.target import extract_target
from assistant.state import Fact, Pain, Quote
from assistant.vocabulary import Lang


def apply_correction(pain: Pain, text: str, quote: Quote, lang: Lang) -> str:
    """Write "no, it's more about X" back: into the inputs when it names what they look at, else the target.
    Returns the field changed ("inputs" or "target")."""
    body = re.sub(
        r"^\s*(no|not quite|actually|rather|nope)[,.\s]+|^\s*(いいえ|いや|違います|ちがいます|訂正です)[、。\s]*",
        "",
        text,
        flags=re.IGNORECASE,
    )
    body = re.sub(r"^\s*it'?s more (about|like)\s+", "", body, flags=re.IGNORECASE)
    body = re.sub(r"^(むしろ|というより|そうではなく)[、\s]*", "", body)
    if cues.INPUTS.search(body):
        found = extract_inputs(body, lang)
        if found:
            pain.inputs = [Fact(value=v, quote=quote) for v in found]
            return "inputs"
    target = extract_target(body, lang) if (cues.JUDGMENT.search(body)) else None
    value = target or re.sub(r"(です|ます|でした)?[。.!！]*$", "", body).strip()
    pain.target = Fact(value=value, quote=quote)
    return "target"
