"""Fast checks of the web UI's pieces: escaping, the chart, the strip, the port, the exports."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from assistant.adapters.web_progress import progress_html
from assistant.adapters.web_server import server_port
from assistant.adapters.web_text import browser_lang
from assistant.charts import Point, save_chart, value_axis
from assistant.markup import md_escape, md_safe_reply
from assistant.settings import Settings
from assistant.state import InterviewState

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    "[click](javascript:alert(3))",
    "![pixel](http://evil.example/p.png)",
    "# heading\n> quote\n1. list",
    "see www.evil.example or http://evil.example/x and me@evil.example",
    "**bold** _it_ `code` $x$ | cell",
]


def rendered(markdown: str) -> str:
    """The HTML a CommonMark + GFM renderer makes of it (markdown-it-py; GFM autolinks are checked in the browser)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_user_text_renders_as_typed_text(text: str) -> None:
    for escaped in (md_escape(text), md_escape(text, inline=False)):
        html = rendered(escaped)
        assert not re.search(r"<(img|script|a|h1|blockquote|ol|em|strong|code|table)\b", html), html
    reply = rendered(md_safe_reply(f"**Heard:** {text}"))
    assert not re.search(r"<(img|script|a)\b", reply), reply


def test_replies_keep_their_own_bold_and_lists() -> None:
    html = rendered(md_safe_reply("**Pain:** <img src=x onerror=1>\n\n- one\n- two"))
    assert "<strong>Pain:</strong>" in html and "<li>one</li>" in html and "<img" not in html


def test_chart_axis_is_whole_decades_and_unknown_values_are_apart(tmp_path: Path) -> None:
    assert value_axis([1.0], None) == (0.1, 10.0)  # not 0.96-1.04
    low, high = value_axis([12_000_000.0], "JPY")
    assert low <= 1e6 and high >= 1e8
    png = save_chart(
        [Point("<script>alert(1)</script> $5 & more", None, 0.9), Point("known", 3e6, 0.99, "JPY")],
        tmp_path / "c.png",
        "title $",
    )
    assert png.stat().st_size > 10_000


def test_progress_strip_counts_topics_and_leads_to_the_proposal_once_ready(app) -> None:
    from tests.conversations import EN_PRESS
    from tests.test_guided import talk

    state = InterviewState(asking="inputs")
    html = progress_html(state, "en")
    assert "Topic 4 of 6: what you look at today" in html and "next: what is recorded" in html
    assert "cta-proposal" not in html and "Proposal ready" not in html
    ready, _ = talk(app.service, EN_PRESS)
    assert ready.proposal_ready
    done = progress_html(ready, "ja", working=True)
    assert "提案書ができました" in done and "cta-proposal" in done and "ta-working" in done


def test_port_from_gradio_server_port(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("THEME_ASSISTANT_PORT", raising=False)
    monkeypatch.setenv("GRADIO_SERVER_PORT", "7999")
    assert server_port(Settings(data_dir=tmp_path)) == 7999
    monkeypatch.setenv("THEME_ASSISTANT_PORT", "7001")
    assert server_port(Settings(data_dir=tmp_path)) == 7001  # ours wins when both are set
    assert server_port(Settings(data_dir=tmp_path), 7002) == 7002  # --port wins over both
    monkeypatch.delenv("THEME_ASSISTANT_PORT")
    monkeypatch.setenv("GRADIO_SERVER_PORT", "http")
    with pytest.raises(SystemExit, match="set a number"):
        server_port(Settings(data_dir=tmp_path))


def test_page_language_from_the_browser() -> None:
    assert browser_lang("ja-JP,ja;q=0.9,en;q=0.8") == "ja"
    assert browser_lang("en-US,en;q=0.9,ja;q=0.5") == "en"
    assert browser_lang(None) == "en"


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


def docx_author(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        core = z.read("docProps/core.xml").decode("utf-8")
    found = re.search(r"<dc:creator>(.*?)</dc:creator>", core)
    return found.group(1) if found else ""


def docx_has_picture(path: Path) -> bool:
    with zipfile.ZipFile(path) as z:
        return any(n.startswith("word/media/") for n in z.namelist())


def test_blank_sends_get_one_hint_and_leave_the_page_and_the_store_alone(app) -> None:
    import gradio as gr

    from assistant.adapters.web_views import WebUI

    ui = WebUI(app)
    sid = list(ui.send("We throw away bread every night.", "", "en"))[-1][1]
    said = app.service.get(sid).transcript
    hint = list(ui.send("   ", sid, "en"))
    assert len(hint) == 1 and "didn't receive any text" in hint[0][2]["value"][-1]["content"]
    for _ in range(5):
        (update,) = list(ui.send("", sid, "en"))
        assert all(v == gr.skip() for v in update), "no new hint, no re-render, the box left to the page"
    assert app.service.get(sid).transcript == said


def test_turns_draw_no_chart_and_write_no_file_until_asked(app, monkeypatch: pytest.MonkeyPatch) -> None:
    """The .docx, .md and chart are made when the employee opens the chart or asks for the files, never on a turn."""
    import assistant.charts
    import assistant.render
    from assistant.adapters.web_views import VIEWS, WebUI
    from tests.conversations import EN_PRESS

    made: list[str] = []
    for module, name in ((assistant.charts, "save_chart"), (assistant.render, "to_docx")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _r=real, _n=name, **k: (made.append(_n), _r(*a, **k))[1])
    ui = WebUI(app)
    sid = ""
    for line in EN_PRESS:
        *_, last = ui.send(line, sid, "en")
        sid = last[1]
    assert len(last) == VIEWS + 1 and app.service.get(sid).proposal_ready
    assert "cta-proposal" in last[4] and "## The detection question" in last[6], "the strip and preview say ready"
    assert last[8]["value"] is None and last[9]["value"] is None, "no download is offered from a turn"
    assert ui.chart_view(sid, "en", shown=False) is None
    assert made == [] and not list(ui.exports.rglob("*.*")), "no chart drawn, no file written by five turns"
    md, docx = ui.prepare_files(sid, "en")
    assert Path(md["value"]).read_text(encoding="utf-8").startswith("# PoC proposal") and md["interactive"]
    assert docx_has_picture(Path(docx["value"])) and made == ["save_chart", "to_docx"]
    chart = ui.chart_view(sid, "en", shown=True)
    assert chart is not None and Path(chart).stat().st_size > 10_000


def test_a_japanese_docx_is_tagged_japanese(app, tmp_path) -> None:
    from docx import Document

    from assistant.proposal import build_proposal
    from assistant.render import to_docx
    from tests.conversations import JA_FRESH
    from tests.test_guided import talk

    state, _ = talk(app.service, JA_FRESH)
    path = to_docx(build_proposal(state, app.kb), tmp_path / "p.docx", state)
    doc = Document(str(path))
    assert doc.core_properties.language == "ja-JP"
    assert 'w:val="ja-JP"' in doc.styles["Normal"].element.xml


def test_what_the_employee_said_stays_as_typed_inside_a_reply() -> None:
    """A reply quotes the employee (“…”, 「…」): their **bold** is shown, not applied; the reply's own bold stays."""
    from assistant.markup import md_safe_reply

    shown = md_safe_reply("When “the **loud** presses” comes up, what would you like to know? **Pain:** 「**熱い**型」")
    assert "“the \\*\\*loud\\*\\* presses”" in shown and "「\\*\\*熱い\\*\\*型」" in shown
    assert "**Pain:**" in shown


def test_a_finished_reply_is_paced_only_when_no_other_turn_is_answered(app, tmp_path: Path) -> None:
    """Alone, the reply shows a few words at a time; with other employees' turns in flight it comes whole, since
    each paced update holds a worker and sends the whole chat again (the load benchmark: eval/web_load.py)."""
    from assistant.adapters.web_views import WebUI

    class Page:
        def __init__(self, key: str) -> None:
            self.session_hash = key

    line = "I plan maintenance for a stamping plant and the presses stop without warning, it costs us a lot."
    ui = WebUI(app, files=tmp_path)
    alone = list(ui.send(line, "", "en", Page("a")))
    with ui.inbox.answering():  # another tab's turn is being answered
        busy = list(ui.send(line, "", "en", Page("b")))
    assert ui.inbox.busy == 0  # every turn counted itself in and out
    assert len(busy) == 2 and len(alone) > len(busy)  # the pending bubble, then the whole reply with the page
    replies = [out[-1][2]["value"][-1]["content"] for out in (alone, busy)]  # the chat, rendered with the page
    assert replies[0] == replies[1]  # the same reply either way
