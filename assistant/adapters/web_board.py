"""HTML of the live theme board and the chart points, from the interview state (escaped: user text is data)."""

from __future__ import annotations

from html import escape

from assistant.charts import Point
from assistant.core.money import money
from assistant.knowledge import KnowledgeBase, Pattern
from assistant.state import InterviewState, Theme
from assistant.vocabulary import Lang

_W = {
    "en": {
        "empty": "No themes yet. Tell the assistant about your work and what is slow, costly or hard to judge.",
        "question": "Detection question",
        "patterns": "Matched patterns (click for details)",
        "no_close_pattern": "no close pattern in the knowledge base (the proposal follows the general approach)",
        "value": "Value per year",
        "feasibility": "Feasibility",
        "unknown": "not known yet",
        "assumption": "assumption",
        "not_ml": "Not an ML theme",
        "pains": "Pains heard",
        "data": "Data",
        "metrics": "Metrics",
        "pitfalls": "Pitfalls",
        "poc": "PoC",
        "weeks": "weeks",
        "complete": "ready for the proposal",
        "open": "still being discussed",
    },
    "ja": {
        "empty": "まだテーマはありません。お仕事の内容と、時間やお金がかかる・判断が難しいところを教えてください。",
        "question": "検出したいこと",
        "patterns": "近いパターン（クリックで詳細）",
        "no_close_pattern": "知識ベースに近いパターンはありません（提案書は一般的な進め方に沿います）",
        "value": "年間の価値",
        "feasibility": "実現性",
        "unknown": "未確定",
        "assumption": "仮定",
        "not_ml": "MLのテーマではない",
        "pains": "伺った困りごと",
        "data": "データ",
        "metrics": "指標",
        "pitfalls": "注意点",
        "poc": "PoC",
        "weeks": "週",
        "complete": "提案書の準備完了",
        "open": "伺っている途中",
    },
}

CARD_CSS = """
.ta-card{border:1px solid #ddd;border-radius:8px;padding:10px 12px;margin:0 0 10px 0}
.ta-card h4{margin:0 0 6px 0}
.ta-rank{display:inline-block;background:#1f77b4;color:#fff;border-radius:10px;padding:0 8px;margin-right:6px}
.ta-rank.top{background:#d62728}
.ta-good{color:#2a7a2a}.ta-bad{color:#a33}
.ta-muted{color:#777;font-size:0.9em}
.ta-card details{margin:2px 0 2px 8px}
.ta-card summary{cursor:pointer}
"""


def _pattern_detail(p: Pattern, lang: str) -> str:
    la: Lang = "ja" if lang == "ja" else "en"
    w = _W[la]
    pitfalls = "".join(f"<li>{escape(x.get(la))}</li>" for x in p.pitfalls)
    return (
        f"<div class='ta-muted'>{escape(p.detection.get(la))}</div>"
        f"<div><b>{w['data']}:</b> {escape(p.data_needs.notes.get(la))}</div>"
        f"<div><b>{w['metrics']}:</b> {escape(p.metrics.ml.get(la))}; {escape(p.metrics.business.get(la))}</div>"
        f"<div><b>{w['pitfalls']}:</b><ul>{pitfalls}</ul></div>"
        f"<div><b>{w['poc']}:</b> {p.poc_weeks} {w['weeks']}</div>"
    )


def _theme_card(t: Theme, state: InterviewState, kb: KnowledgeBase) -> str:
    lang = state.lang
    w = _W[lang]
    pain = state.pain(t.pain_id)
    value = money(t.value.per_year, t.value.currency or "USD", lang) if t.value.per_year is not None else w["unknown"]
    arithmetic = "<br>".join(escape(a) for a in t.value.arithmetic)
    assumptions = "".join(f"<li>{escape(a)} <i>({w['assumption']})</i></li>" for a in t.value.assumptions)
    reasons = "".join(
        f"<li class='{'ta-good' if r.positive else 'ta-bad'}'>{'+' if r.positive else '−'} {escape(r.text)}</li>"
        for r in t.feasibility.reasons
    )
    patterns = ""
    for m in [m for m in t.patterns if not m.weak]:  # a weak match is no pattern to show
        known = kb.patterns.get(m.id)
        detail = _pattern_detail(known, lang) if known else ""
        title = known.title.get(lang) if known else m.title  # in the interview's language, also after a switch
        patterns += (
            f"<details data-pattern='{escape(m.id)}'><summary>{escape(title)} "
            f"<span class='ta-muted'>({escape(m.id)} · {escape(m.task_kind)} · "
            f"{escape(', '.join(m.modalities))} · {m.score:.2f})</span></summary>{detail}</details>"
        )
    if t.patterns and not patterns:
        patterns = f" <span class='ta-muted'>{escape(w['no_close_pattern'])}</span>"
    status = w["complete"] if t.complete else w["open"]
    return (
        f"<div class='ta-card' data-theme='{escape(t.id)}'>"
        f"<h4><span class='ta-rank{' top' if t.rank == 1 else ''}'>{t.rank}</span>"
        f"{escape(pain.text if pain else t.question.target)}</h4>"
        f"<div><b>{w['question']}:</b> <span class='ta-question'>{escape(t.question.text)}</span></div>"
        f"<div><b>{w['patterns']}:</b>{patterns}</div>"
        f"<div><b>{w['value']}:</b> <span class='ta-value'>{escape(value)}</span>"
        f"<div class='ta-muted'>{arithmetic}</div><ul class='ta-muted'>{assumptions}</ul></div>"
        f"<div><b>{w['feasibility']}:</b> {round(t.feasibility.score * 100)}/100<ul>{reasons}</ul></div>"
        f"<div class='ta-muted'>{escape(status)}</div></div>"
    )


def board_html(state: InterviewState, kb: KnowledgeBase) -> str:
    w = _W[state.lang]
    cards = [_theme_card(t, state, kb) for t in state.themes]
    not_ml = [p for p in state.pains if p.not_ml]
    if not_ml:
        items = "".join(f"<li>{escape(p.text)}</li>" for p in not_ml)
        cards.append(f"<div class='ta-card'><h4>{w['not_ml']}</h4><ul>{items}</ul></div>")
    if not cards:
        return empty_board(state.lang)
    return f"<div id='ta-board'>{''.join(cards)}</div>"


def empty_board(lang: Lang) -> str:
    return f"<div id='ta-board' class='ta-muted'>{escape(_W[lang]['empty'])}</div>"


def chart_points(state: InterviewState) -> list[Point]:
    return [
        Point(
            label=t.question.target,
            value_per_year=t.value.per_year,
            feasibility=t.feasibility.score,
            currency=t.value.currency,
        )
        for t in state.themes
    ]
