"""The theme portfolio of a team: themes of many interviews, near-duplicates merged, ranked, charted."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.charts import Point, save_chart
from assistant.core.money import money
from assistant.embedding import hash_embed
from assistant.markup import md_escape
from assistant.state import InterviewState, Theme
from assistant.vocabulary import Lang

#: Two themes are the same when they share the best pattern and their targets read alike (cosine of
#: character n-grams), or when their targets are nearly identical whatever the pattern.
SAME_PATTERN_SIMILARITY = 0.35
ANY_PATTERN_SIMILARITY = 0.8


@dataclass
class Entry:
    """One theme of the portfolio, possibly raised in several interviews."""

    theme: Theme
    session_ids: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)

    @property
    def value(self) -> float | None:
        return self.theme.value.per_year

    @property
    def priority(self) -> float:
        return (self.value or 0.0) * max(self.theme.feasibility.score, 0.05)


@dataclass
class Portfolio:
    lang: Lang
    entries: list[Entry]
    interviews: int


def _similar(sim: float, a: Theme, b: Theme) -> bool:
    same_pattern = a.best is not None and b.best is not None and a.best.id == b.best.id
    return sim >= ANY_PATTERN_SIMILARITY or (same_pattern and sim >= SAME_PATTERN_SIMILARITY)


def build_portfolio(states: list[InterviewState], lang: Lang = "en") -> Portfolio:
    """Every theme of every interview (complete ones first), merged when they are the same theme; a merged
    theme keeps its best-documented version (the most valuable, then the most feasible).

    Each target is embedded once and compared with the kept entries as one matrix product: embedding both
    sides of every comparison made 1,000 interviews take minutes (quadratic in embeddings)."""
    entries: list[Entry] = []
    vectors: list[np.ndarray] = []  # the embedding of each entry's first target, row for row
    for state in states:
        for theme in state.themes:
            v = hash_embed(theme.question.target)
            sims = np.stack(vectors) @ v if vectors else np.zeros(0)
            match = next(
                (e for e, sim in zip(entries, sims, strict=True) if _similar(float(sim), e.theme, theme)), None
            )
            if match is None:
                entries.append(Entry(theme, [state.id], [theme.question.target]))
                vectors.append(v)
                continue
            if state.id not in match.session_ids:
                match.session_ids.append(state.id)
            match.targets.append(theme.question.target)
            better = ((theme.value.per_year or 0), theme.feasibility.score) > (
                (match.theme.value.per_year or 0),
                match.theme.feasibility.score,
            )
            if better:
                match.theme = theme
    entries.sort(key=lambda e: (e.theme.complete, e.priority, e.theme.feasibility.score), reverse=True)
    return Portfolio(lang=lang, entries=entries, interviews=len(states))


_COLUMNS: dict[str, list[str]] = {
    "en": ["#", "Detection question", "Pattern", "Value per year", "Feasibility", "Interviews"],
    "ja": ["#", "検出したいこと", "パターン", "年間の価値", "実現性", "面談数"],
}
_W: dict[str, dict[str, str]] = {
    "en": {
        "title": "Theme portfolio",
        "intro": "{n} interviews, {t} distinct themes (near-duplicates merged).",
        "top": "Recommended first",
        "unknown": "not known",
        "chart": "Value vs feasibility",
        "none": "No themes yet: run some interviews first.",
    },
    "ja": {
        "title": "テーマ・ポートフォリオ",
        "intro": "面談{n}件、テーマ{t}件（重複は統合済み）。",
        "top": "最初に取り組むべきテーマ",
        "unknown": "未確定",
        "chart": "価値と実現性",
        "none": "まだテーマがありません。先に面談を行ってください。",
    },
}


def _rows(port: Portfolio) -> list[list[str]]:
    w = _W[port.lang]
    rows = [_COLUMNS[port.lang]]
    for i, e in enumerate(port.entries, start=1):
        t = e.theme
        value = money(t.value.per_year, t.value.currency or "USD", port.lang) if t.value.per_year else w["unknown"]
        rows.append(
            [
                str(i),
                t.question.text,
                f"{t.best.id} ({t.best.task_kind})" if t.best else "–",
                value,
                f"{round(t.feasibility.score * 100)}/100",
                str(len(e.session_ids)),
            ]
        )
    return rows


def summary_markdown(port: Portfolio) -> str:
    w = _W[port.lang]
    out = [f"# {w['title']}", "", w["intro"].format(n=port.interviews, t=len(port.entries)), ""]
    if not port.entries:
        return "\n".join([*out, w["none"], ""])
    out += [f"![{w['chart']}](chart.png)", "", f"## {w['top']}", ""]
    for e in port.entries[:3]:
        t = e.theme
        reasons = "; ".join(r.text for r in t.feasibility.reasons if r.positive)[:200]
        said = md_escape(" · ".join(t.value.arithmetic[:1]))  # what people typed stays text: no links, images, HTML
        out.append(f"- **{md_escape(t.question.text)}** — {said} {md_escape(reasons)}")
    rows = _rows(port)
    out += ["", "| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    out += ["| " + " | ".join(md_escape(c) for c in r) + " |" for r in rows[1:]]
    return "\n".join(out) + "\n"


#: The files `write_portfolio` makes in its folder.
OUTPUTS = ("chart.png", "chart.svg", "summary.md", "summary.docx")


def write_portfolio(port: Portfolio, folder: Path) -> list[Path]:
    """chart.png, chart.svg, summary.md and summary.docx in `folder`."""
    from docx import Document
    from docx.shared import Inches

    folder.mkdir(parents=True, exist_ok=True)
    w = _W[port.lang]
    points = [
        Point(e.theme.question.target, e.value, e.theme.feasibility.score, e.theme.value.currency) for e in port.entries
    ]
    png = save_chart(points, folder / "chart.png", w["chart"], port.lang)
    svg = save_chart(points, folder / "chart.svg", w["chart"], port.lang)
    md = folder / "summary.md"
    md.write_text(summary_markdown(port), encoding="utf-8")
    doc = Document()
    doc.add_heading(w["title"], level=1)
    doc.add_paragraph(w["intro"].format(n=port.interviews, t=len(port.entries)))
    if port.entries:
        doc.add_picture(str(png), width=Inches(6))
        doc.add_heading(w["top"], level=2)
        for e in port.entries[:3]:
            doc.add_paragraph(e.theme.question.text, style="List Bullet")
        rows = _rows(port)
        table = doc.add_table(rows=0, cols=len(rows[0]))
        table.style = "Table Grid"
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
    else:
        doc.add_paragraph(w["none"])
    docx = folder / "summary.docx"
    doc.save(str(docx))
    return [png, svg, md, docx]
