"""Text that is safe to store and render: valid Unicode, no control characters, XML-compatible."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

#: Line breaks other than \n that people paste: Word's Shift+Enter (\x0b), form feed, the file/group/record
#: separators, NEL and the Unicode line and paragraph separators.
_NEWLINES = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
#: The remaining C0/C1 controls and DEL become spaces; \t and \n are kept.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
#: What XML 1.0 forbids beyond the controls (the .docx format is XML): lone surrogates and U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def valid_unicode(text: str) -> str:
    """Joins surrogate pairs that arrived split and replaces lone surrogates with U+FFFD."""
    if not _NOT_XML.search(text):
        return text  # the common case costs one scan
    # UTF-16 with surrogatepass turns a split pair back into one character; what is left alone is invalid
    fixed = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return _NOT_XML.sub(REPLACEMENT, fixed)


def as_text(value: object) -> str:
    """Any message payload as a str: bytes are decoded as UTF-8 with invalid sequences replaced."""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8", "replace")
    return "" if value is None else str(value)


def clean_text(value: object) -> str:
    """Valid Unicode with line breaks as \\n and every other control character as a space (tabs too)."""
    text = valid_unicode(as_text(value))
    text = _NEWLINES.sub("\n", text)
    return _CONTROLS.sub(" ", text.replace("\t", " "))


def xml_safe(text: str) -> str:
    """What a renderer writes: like `clean_text` but keeps tabs (they are valid XML and Markdown)."""
    text = valid_unicode(text)
    return _CONTROLS.sub(" ", _NEWLINES.sub("\n", text))


def short(text: str, limit: int) -> str:
    """At most `limit` characters on one line, cut at a word where possible, with an ellipsis when cut."""
    one_line = " ".join(text.split())
    if len(one_line) <= limit:
        return one_line
    cut = one_line[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def clean_tree(value: Any) -> Any:
    """`xml_safe` applied to every string in nested dicts and lists (a model's dump)."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {clean_tree(k): clean_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_tree(v) for v in value]
    return value


def looks_binary(text: str) -> bool:
    """A NUL, or more control or unassigned characters than text has (a file pasted or sent as a message)."""
    if "\x00" in text:
        return True
    sample = text[:2000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn") and ch not in "\n\r\t")
    return controls > max(3, len(sample) // 20)
