"""Slack text and Block Kit: escaping, Markdown to mrkdwn, splitting to Slack's limits, the theme board."""

from __future__ import annotations

import re
from typing import Any

from assistant.core.money import money
from assistant.state import InterviewState, Theme
from assistant.vocabulary import Lang

#: A section block's text may hold 3,000 characters and chat.postMessage recommends 4,000: every chunk we post
#: stays under the smaller one, counted after escaping (which lengthens the text).
MAX_CHUNK = 3000
#: Block Kit caps a message at 50 blocks and a modal at 100; the board shows this many themes at most.
MAX_THEMES = 10
_FENCE = "```"

Block = dict[str, Any]

WELCOME = (
    "*Tell me about your work in your own words: what you do, and what is slow, costly or hard to judge.* "
    "Reply in this thread.\n"
    "お仕事の内容と、時間やお金がかかる・判断が難しいところを、普段の言葉でこのスレッドに返信してください。"
)

_W = {
    "en": {
        "title": "Theme board",
        "empty": "No themes yet: tell the assistant about your work and what is slow, costly or hard to judge.",
        "question": "Detection question",
        "value": "Value per year",
        "feasibility": "Feasibility",
        "unknown": "not known yet",
        "patterns": "Patterns",
        "ready": "ready for the proposal (`/theme proposal`)",
        "open": "still being discussed",
        "id": "Interview id",
        "more": "more themes are on the web board",
    },
    "ja": {
        "title": "テーマボード",
        "empty": "まだテーマはありません。お仕事の内容と、時間やお金がかかる・判断が難しいところを教えてください。",
        "question": "検出したいこと",
        "value": "年間の価値",
        "feasibility": "実現性",
        "unknown": "未確定",
        "patterns": "パターン",
        "ready": "提案書の準備完了（`/theme proposal`）",
        "open": "伺っている途中",
        "id": "面談ID",
        "more": "残りのテーマはWebのボードにあります",
    },
}


def escape(text: str) -> str:
    """Slack's three control characters: with them escaped, user text cannot ping @channel or fake a link."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escaped_len(text: str) -> int:
    return len(text) + 4 * text.count("&") + 3 * (text.count("<") + text.count(">"))


def to_mrkdwn(markdown: str) -> str:
    """Our Markdown (headings, **bold**, bullets, pipe tables) as Slack mrkdwn, still unescaped."""
    out: list[str] = []
    in_table = False
    for line in markdown.splitlines():
        is_row = line.startswith("|") and line.rstrip().endswith("|")
        if is_row != in_table:  # Slack has no tables: a code block keeps the columns readable
            out.append(_FENCE)
            in_table = is_row
        if is_row:
            if not re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", line.strip()):
                out.append(line)
            continue
        heading = re.match(r"#{1,6}\s+(.*)", line)
        if heading:
            line = f"*{heading.group(1).strip()}*"
        line = re.sub(r"\*\*(.+?)\*\*", r"*\1*", line)
        line = re.sub(r"^(\s*)[-*] ", r"\1• ", line)
        out.append(line)
    if in_table:
        out.append(_FENCE)
    return "\n".join(out).strip()


def split_text(text: str, limit: int = MAX_CHUNK) -> list[str]:
    """Unescaped pieces whose escaped length fits `limit`, cut at paragraphs, lines, then spaces;
    a code block cut in two is closed and reopened so both halves render."""
    pieces: list[str] = []
    rest = text.strip()
    budget = limit - len(_FENCE) - 1  # room to close a code block cut in two
    while rest:
        if _escaped_len(rest) <= limit:
            pieces.append(rest)
            break
        cut = _cut_point(rest, budget)
        head, rest = rest[:cut].rstrip(), rest[cut:].strip()
        if head.count(_FENCE) % 2:
            head += "\n" + _FENCE
            rest = _FENCE + "\n" + rest
        pieces.append(head)
    return [p for p in pieces if p]


def _cut_point(text: str, limit: int) -> int:
    fits = 0
    size = 0
    for i, ch in enumerate(text):  # the longest prefix whose escaped length fits
        size += _escaped_len(ch)
        if size > limit:
            break
        fits = i + 1
    head = text[:fits]
    for sep in ("\n\n", "\n", " ", "、", "。"):
        at = head.rfind(sep)
        if at > fits // 2:
            return at + len(sep)
    return max(fits, 1)


def chunks(markdown: str) -> list[str]:
    """Markdown as escaped mrkdwn messages, each within Slack's limits."""
    return [escape(p) for p in split_text(to_mrkdwn(markdown))]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _theme_block(theme: Theme, state: InterviewState) -> Block:
    w = _W[state.lang]
    pain = state.pain(theme.pain_id)
    value = theme.value
    amount = money(value.per_year, value.currency or "USD", state.lang) if value.per_year is not None else w["unknown"]
    patterns = ", ".join(f"{m.title} ({m.id})" for m in theme.patterns[:3]) or w["unknown"]
    lines = [
        f"*{theme.rank}. {escape(_clip(pain.text if pain else theme.question.target, 300))}*",
        f"*{w['question']}:* {escape(_clip(theme.question.text, 600))}",
        f"*{w['value']}:* {escape(amount)}   *{w['feasibility']}:* {round(theme.feasibility.score * 100)}/100",
        f"*{w['patterns']}:* {escape(_clip(patterns, 600))}",
        f"_{w['ready'] if theme.complete else w['open']}_",
    ]
    return {"type": "section", "text": {"type": "mrkdwn", "text": _clip("\n".join(lines), MAX_CHUNK)}}


def board_blocks(state: InterviewState) -> list[Block]:
    """The ranked themes with the value and feasibility of each, as Block Kit (every user word escaped)."""
    w = _W[state.lang]
    blocks: list[Block] = [{"type": "header", "text": {"type": "plain_text", "text": w["title"]}}]
    if not state.themes:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": w["empty"]}})
    for theme in state.themes[:MAX_THEMES]:
        blocks += [_theme_block(theme, state), {"type": "divider"}]
    footer = f"{w['id']}: `{state.id}`"
    if len(state.themes) > MAX_THEMES:
        footer += f" · {len(state.themes) - MAX_THEMES} {w['more']}"
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": footer}]})
    return blocks


def board_modal(state: InterviewState) -> dict[str, Any]:
    """The board as a modal view (views.open); titles are limited to 24 characters."""
    lang: Lang = state.lang
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": _W[lang]["title"][:24]},
        "close": {"type": "plain_text", "text": "OK"},
        "blocks": board_blocks(state),
    }


def board_fallback_text(state: InterviewState) -> str:
    """The plain text that accompanies blocks (notifications, screen readers)."""
    w = _W[state.lang]
    top = state.top_theme
    return f"{w['title']}: " + (escape(_clip(top.question.text, 200)) if top else w["empty"])
