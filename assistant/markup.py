"""Escaping of user text for Markdown: shown as typed, never as HTML, links, images or formatting."""

from __future__ import annotations

import re

# Everything Markdown (CommonMark + GFM) or a Markdown-with-HTML viewer could act on. Any ASCII punctuation
# may be backslash-escaped in CommonMark, so escaping too much is safe; escaping too little is not.
_ALL = re.compile(r"([\\`*_\[\]<>|~$&@{}])")
# In assistant replies the templates' own bold and lists stay; what could link, load or inject is escaped.
_REPLY = re.compile(r"([\\`\[\]<>|~$&@{}])")
# GFM autolinks ("http://x", "www.x") become links without any bracket; break them with an escape.
_AUTOLINK = re.compile(r"(?i)(\w)(://)|\b(www)(\.)")
_LINE_START = re.compile(r"(?m)^(\s*)(\d*)([#>+=.)-])")


def _unlink(text: str) -> str:
    return _AUTOLINK.sub(lambda m: f"{m[1]}\\:" + "//" if m[1] else f"{m[3]}\\.", text)


def md_escape(text: str, *, inline: bool = True) -> str:
    """User text as literal Markdown. `inline`: one line (headings, list items, table cells)."""
    text = str(text)
    if inline:
        text = " ".join(text.split())
    text = _unlink(_ALL.sub(r"\\\1", text))
    # a line that starts with "#", ">", "-" or "1." would become a heading, quote or list
    return _LINE_START.sub(lambda m: f"{m[1]}{m[2]}\\{m[3]}", text)


#: What the employee said, quoted inside a reply: “…”, 「…」 (their Markdown is text there, not formatting).
_QUOTED = re.compile(r"“[^”\n]{0,400}”|「[^」\n]{0,400}」")


def md_safe_reply(text: str) -> str:
    """An assistant reply (template Markdown with user text inside): bold and lists stay, nothing links, and what
    the employee said, where quoted, shows as typed (their `**bold**` is not made bold)."""
    text, out, at = str(text), [], 0
    for m in _QUOTED.finditer(text):
        out.append(_unlink(_REPLY.sub(r"\\\1", text[at : m.start()])))
        out.append(m.group(0)[0] + md_escape(m.group(0)[1:-1]) + m.group(0)[-1])
        at = m.end()
    out.append(_unlink(_REPLY.sub(r"\\\1", text[at:])))
    return "".join(out)


__all__ = ["md_escape", "md_safe_reply"]
