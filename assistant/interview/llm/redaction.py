"""Redaction of personal data (e-mail addresses, phone numbers, stated names) before text leaves the machine."""

from __future__ import annotations

import re
from urllib.parse import urlparse

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Phone numbers: an optional +country code, then digit groups with separators, 9 or more digits in all. Plain
# figures ("180 breaks", "¥1,200,000") have no such shape, so the value model keeps its numbers.
_PHONE = re.compile(
    r"(?<![0-9A-Za-z.,])(?:\+\d{1,3}[\s-]?)?(?:\(\d{1,4}\)[\s-]?)?\d{2,4}[\s-]\d{2,4}[\s-]\d{3,4}(?![0-9A-Za-z.,])"
)
_NAME_EN = re.compile(r"\b((?i:my name is|i am called|i'm called|call me))\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)")
_NAME_JA = re.compile(
    r"(私の名前は|名前は|わたしは)([^\s、。！？]{1,12}?)(です|と申します|といいます)|([^\s、。！？はが]{1,10})と申します"
)

EMAIL, PHONE, NAME = "[email]", "[phone]", "[name]"


def redact(text: str) -> str:
    """The text with e-mail addresses, phone numbers and names given as such replaced by placeholders."""
    text = _EMAIL.sub(EMAIL, text)
    text = _PHONE.sub(PHONE, text)
    text = _NAME_EN.sub(lambda m: f"{m.group(1)} {NAME}", text)

    def ja(m: re.Match[str]) -> str:
        if m.group(4) is not None:
            return f"{NAME}と申します"
        return f"{m.group(1)}{NAME}{m.group(3)}"

    return _NAME_JA.sub(ja, text)


def is_loopback(base_url: str | None) -> bool:
    """True when the endpoint runs on this machine (127.0.0.0/8, ::1, localhost)."""
    if not base_url:
        return False  # no base URL means the provider's public API
    host = urlparse(base_url).hostname or ""
    return host == "localhost" or host == "::1" or host.startswith("127.")


def redaction_on(setting: bool | None, base_url: str | None) -> bool:
    """The setting when given; otherwise on for any endpoint that is not on this machine."""
    return setting if setting is not None else not is_loopback(base_url)
