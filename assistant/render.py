"""Renders a proposal as Markdown, .docx (real headings and tables) or JSON, every claim with its source."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.markup import md_escape as _md
from assistant.proposal import Item, Proposal
from assistant.state import InterviewState, Quote
from assistant.textsafe import clean_tree, short, xml_safe

#: Word keeps core properties such as the title to 255 characters (python-docx raises beyond).
DOCX_TITLE_CHARS = 200

_WORDS = {
    "en": {
        "turn": "turn",
        "pattern": "pattern",
        "assumption": "assumption",
        "derived": "calculated",
        "edit": "edited",
        "sources": "Sources",
        "legend": "Every statement is marked with where it comes from: [turn N] quotes the interview, "
        "[pattern: id] the knowledge base, [assumption] marks an assumption to confirm, [calculated] is "
        "worked out from the quoted figures.",
        "generated": "Drafted by theme-assistant from interview",
        "said": "said",
    },
    "ja": {
        "turn": "発言",
        "pattern": "パターン",
        "assumption": "仮定",
        "derived": "計算",
        "edit": "修正",
        "sources": "出典",
        "legend": "各記述には出典を付けています。[発言 N] は面談での発言、[パターン: id] はナレッジベース、"
        "[仮定] は確認が必要な仮定、[計算] は引用した数値からの計算です。",
        "generated": "theme-assistant が面談から作成したドラフト",
        "said": "発言",
    },
}


def source_tag(source: Quote | None, lang: str) -> str:
    w = _WORDS[lang]
    if source is None:
        return ""
    if source.source == "employee" and source.turn is not None:
        return f"[{w['turn']} {source.turn + 1}]"
    if source.source == "edit":
        return f"[{w['edit']}]"
    if source.source == "pattern":
        return f"[{w['pattern']}: {source.pattern_id}]"
    if source.source == "assumption":
        return f"[{w['assumption']}]"
    if source.source == "derived":
        return f"[{w['derived']}]"
    return ""


def _line(item: Item, lang: str) -> str:
    tag = source_tag(item.source, lang)
    label = f"**{_md(item.label)}:** " if item.label else ""
    return f"- {label}{_md(item.text)} {tag}".rstrip()


def _safe(proposal: Proposal) -> Proposal:
    """Every string XML-compatible: each renderer is safe by itself, whatever reached the proposal."""
    return Proposal.model_validate(clean_tree(proposal.model_dump()))


def _said(state: InterviewState, turn: int) -> str:
    return xml_safe(state.transcript[turn].text)


def _quoted_turns(proposal: Proposal) -> list[int]:
    turns = {
        i.source.turn
        for s in proposal.sections
        for i in s.items
        if i.source and i.source.source == "employee" and i.source.turn is not None
    }
    return sorted(turns)


def to_markdown(proposal: Proposal, state: InterviewState | None = None) -> str:
    proposal = _safe(proposal)
    lang = proposal.lang
    w = _WORDS[lang]
    out = [f"# {_md(proposal.title)}", "", f"_{w['legend']}_", ""]
    for section in proposal.sections:
        out += [f"## {_md(section.title)}", ""]
        if section.table:
            header, *rows = section.table
            out.append("| " + " | ".join(_md(cell) for cell in header) + " |")
            out.append("|" + "---|" * len(header))
            out += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows]
            out.append("")
            tags = {source_tag(i.source, lang) for i in section.items if i.source}
            out += [" ".join(sorted(t for t in tags if t)), ""]
        else:
            out += [_line(i, lang) for i in section.items] + [""]
    if state is not None:
        turns = _quoted_turns(proposal)
        if turns:
            out += [f"## {w['sources']}", ""]
            for t in turns:
                if t < len(state.transcript):
                    out.append(f"- [{w['turn']} {t + 1}] “{_md(_said(state, t))}”")
            out.append("")
    out.append(f"_{w['generated']} {_md(proposal.session_id)} · {proposal.generated_at:%Y-%m-%d}_")
    return "\n".join(out) + "\n"


def to_json(proposal: Proposal) -> str:
    return _safe(proposal).model_dump_json(indent=2)


def _docx_identity(doc: Any) -> None:
    """The document says who drafted it (python-docx's template says "python-docx")."""
    doc.core_properties.author = "theme-assistant"
    doc.core_properties.last_modified_by = "theme-assistant"
    doc.core_properties.comments = ""


def _docx_chart(doc: Any, chart: Path | None) -> None:
    """The value vs feasibility chart the web UI shows, when one was drawn."""
    if chart is not None and chart.exists():
        from docx.shared import Cm

        doc.add_picture(str(chart), width=Cm(15))


def _docx_language(doc: Any, tag: str) -> None:
    """The document's proofing language (Word's default style), so a Japanese proposal is not tagged en-US."""
    from docx.oxml.ns import qn
    from docx.oxml.shared import OxmlElement

    run_props = doc.styles["Normal"].element.get_or_add_rPr()
    lang = run_props.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_props.append(lang)
    for attr in ("w:val", "w:eastAsia"):
        lang.set(qn(attr), tag)


def to_docx(proposal: Proposal, path: Path, state: InterviewState | None = None, chart: Path | None = None) -> Path:
    """A Word document with Heading 1/2 styles, bullet lists and real tables (and the chart, when given)."""
    from docx import Document  # imported here: python-docx is only needed when a .docx is asked for

    proposal = _safe(proposal)
    lang = proposal.lang
    w = _WORDS[lang]
    doc = Document()
    doc.core_properties.title = short(proposal.title, DOCX_TITLE_CHARS)
    doc.core_properties.language = "ja-JP" if lang == "ja" else "en-US"
    _docx_language(doc, "ja-JP" if lang == "ja" else "en-US")
    doc.add_heading(proposal.title, level=1)
    _docx_identity(doc)
    doc.add_paragraph().add_run(w["legend"]).italic = True
    _docx_chart(doc, chart)
    for section in proposal.sections:
        doc.add_heading(section.title, level=2)
        if section.table:
            header, *rows = section.table
            table = doc.add_table(rows=1, cols=len(header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, header, strict=True):
                cell.text = text
            for row in rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
            tags = sorted({source_tag(i.source, lang) for i in section.items if i.source} - {""})
            if tags:
                doc.add_paragraph(" ".join(tags))
            continue
        for item in section.items:
            para = doc.add_paragraph(style="List Bullet")
            if item.label:
                para.add_run(f"{item.label}: ").bold = True
            para.add_run(item.text)
            tag = source_tag(item.source, lang)
            if tag:
                para.add_run(f" {tag}").italic = True
    if state is not None:
        turns = _quoted_turns(proposal)
        if turns:
            doc.add_heading(w["sources"], level=2)
            table = doc.add_table(rows=1, cols=2)
            table.style = "Table Grid"
            table.rows[0].cells[0].text = w["turn"]
            table.rows[0].cells[1].text = w["said"]
            for t in turns:
                if t < len(state.transcript):
                    cells = table.add_row().cells
                    cells[0].text = str(t + 1)
                    cells[1].text = _said(state, t)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
