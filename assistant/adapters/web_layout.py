"""The Gradio page: components, their places at 1366 px and 390 px, and the events wired to the handlers."""

from __future__ import annotations

from functools import partial
from typing import Any

import gradio as gr

from assistant.adapters.web_assets import BUSY_JS, COPY_JS, IDLE_JS, URL_JS, confirm_js
from assistant.adapters.web_text import EDIT_LABELS, EXAMPLES, LANGS, UI
from assistant.adapters.web_views import WebUI
from assistant.edits import EDIT_FIELDS
from assistant.vocabulary import MODALITIES, TASK_KINDS


def _chat_column(w: dict[str, str]) -> dict[str, Any]:
    c: dict[str, Any] = {}
    c["strip"] = gr.HTML(elem_id="progress")
    c["chatbot"] = gr.Chatbot(
        label=w["chat"],
        elem_id="chat",
        placeholder=w["welcome"],
        height="min(560px, max(300px, calc(100vh - 330px)))",  # the box and Send stay above the fold at 1366x657
        latex_delimiters=[],  # "$" in what people type is money, not a formula
        sanitize_html=True,
        buttons=["copy"],
        feedback_options=None,
    )
    with gr.Row(equal_height=True):
        # a label, though not shown: screen readers name the box by it (not "Textbox")
        c["msg"] = gr.Textbox(
            label=w["message"], show_label=False, placeholder=w["placeholder"], scale=8, elem_id="msg", max_lines=8
        )
        c["send"] = gr.Button(w["send"], variant="primary", scale=1, elem_id="send", min_width=80)
    with gr.Row(elem_classes="ta-examples"):
        c["examples"] = [
            gr.Button(label, size="sm", elem_id=f"example-{i}") for i, (label, _) in enumerate(EXAMPLES["en"])
        ]
    with gr.Row(equal_height=True):
        c["info"] = gr.HTML(elem_id="session-info")
        c["copy"] = gr.Button(w["copy"], size="sm", elem_id="copy-link", interactive=False, min_width=80, scale=0)
        c["new"] = gr.Button(w["new"], size="sm", elem_id="new", min_width=80, scale=0)
    with gr.Accordion(w["more"], open=False, elem_id="more") as c["more"]:
        with gr.Row():
            c["resume_id"] = gr.Textbox(label=w["resume_id"], elem_id="resume-id", scale=4)
            c["resume"] = gr.Button(w["resume"], elem_id="resume", scale=1)
        with gr.Row():
            c["slack_link"] = gr.Button(w["slack_link"], elem_id="slack-link", size="sm", scale=0, min_width=140)
            c["slack_code"] = gr.HTML(elem_id="slack-code")
    return c


def _side_column(w: dict[str, str]) -> dict[str, Any]:
    c: dict[str, Any] = {}
    with gr.Tabs(elem_id="tabs"):
        with gr.Tab(w["themes"], elem_id="tab-themes") as c["tab_themes"]:
            c["board"] = gr.HTML(elem_id="board")
            # closed at first: the chart is drawn only while this panel is open (drawing takes a few hundred ms)
            with gr.Accordion(w["chart"], open=False, elem_id="chart-box") as c["chart_box"]:
                # no panel label: it covered the chart's own title
                c["chart"] = gr.Image(
                    show_label=False, elem_id="chart", type="filepath", interactive=False, buttons=["download"]
                )
        with gr.Tab(w["proposal"], elem_id="tab-proposal") as c["tab_proposal"]:
            with gr.Row():
                # the files are written when the employee asks (Prepare), then offered by the two buttons
                c["prepare"] = gr.Button(w["prepare"], elem_id="dl-prepare", interactive=False, size="sm")
                c["dl_md"] = gr.DownloadButton(w["dl_md"], elem_id="dl-md", interactive=False, size="sm")
                c["dl_docx"] = gr.DownloadButton(w["dl_docx"], elem_id="dl-docx", interactive=False, size="sm")
            c["proposal"] = gr.Markdown(elem_id="proposal", sanitize_html=True)
        with gr.Tab(w["edit"], elem_id="tab-edit") as c["tab_edit"]:
            c["field"] = gr.Dropdown(
                [(f"{EDIT_LABELS['en'][f]} ({f})", f) for f in EDIT_FIELDS],
                value="target",
                label=w["field"],
                elem_id="edit-field",
            )
            c["value"] = gr.Textbox(label=w["value"], elem_id="edit-value")
            c["apply"] = gr.Button(w["apply"], elem_id="edit-apply")
            c["status"] = gr.Markdown(elem_id="edit-status")
        with gr.Tab(w["patterns"], elem_id="tab-patterns") as c["tab_patterns"]:
            # the whole knowledge base, searched as the interview searches it, filtered by kind and data type
            c["kb_query"] = gr.Textbox(label=w["kb_query"], elem_id="kb-query", placeholder=w["kb_hint"])
            with gr.Row():
                kinds = [(w["kb_any"], "")] + [(k, k) for k in TASK_KINDS]
                c["kb_kind"] = gr.Dropdown(kinds, value="", label=w["kb_kind"], elem_id="kb-kind")
                data = [(w["kb_any"], "")] + [(m, m) for m in MODALITIES]
                c["kb_modality"] = gr.Dropdown(data, value="", label=w["kb_modality"], elem_id="kb-modality")
            c["pick"] = gr.Dropdown([], label=w["pick"], elem_id="pattern-pick")
            c["detail"] = gr.Markdown(elem_id="pattern-detail")
    return c


def _wire(ui: WebUI, c: dict[str, Any], concurrency: int) -> None:
    views = [c[k] for k in ("sid", "chatbot", "lang", "strip", "board", "proposal", "prepare")]
    views += [c[k] for k in ("dl_md", "dl_docx", "info", "pick", "detail")]
    labeled = [c["msg"], c["send"], *c["examples"], c["new"], c["copy"], c["resume_id"], c["resume"], c["more"]]
    labeled += [c[k] for k in ("tab_themes", "tab_proposal", "tab_edit", "tab_patterns", "field", "value")]
    labeled += [c["apply"], c["title"], c["footer"], c["chart_box"], c["slack_link"]]
    labeled += [c["kb_query"], c["kb_kind"], c["kb_modality"]]
    sid, lang, shown = c["sid"], c["lang"], c["chart_shown"]
    quiet: dict[str, Any] = {"api_visibility": "private", "show_progress": "hidden"}

    def then_page(event: Any) -> None:
        """Every render is followed by the labels in the interview's language, the address update and, only
        when its panel is open, the chart (a separate step: the turn's answer shows without waiting for it)."""
        event.then(ui.labels, [lang, sid], labeled, **quiet).then(None, [sid], None, js=URL_JS).then(
            ui.chart_view, [sid, lang, shown], c["chart"], **quiet
        )

    then_page(c["demo"].load(ui.load, None, views, api_name="load"))
    # the button and Enter share one group: the bound is on turns, not per way of sending one;
    # the strip and a pending bubble show the work, so no progress overlay
    # The box is emptied at once by a step outside the queue (its text moves to a hidden box), never by the turn:
    # a reply arriving while the next message is typed must not wipe it. "multiple": a message sent while the
    # previous one is answered is queued, not ignored (see web_inbox); the page is marked busy meanwhile.
    turn = {
        "concurrency_limit": concurrency,
        "concurrency_id": "turn",
        "show_progress": "hidden",
        "trigger_mode": "multiple",
    }
    stage = {"queue": False, "trigger_mode": "multiple", "js": BUSY_JS, "api_visibility": "private"}
    for name, trigger in (("send", c["send"].click), ("send_enter", c["msg"].submit)):
        staged = trigger(ui.stage, [c["msg"]], [c["msg"], c["staged"]], **stage)
        visibility = {"api_name": "send"} if name == "send" else {"api_visibility": "private"}
        sent = staged.then(ui.send, [c["staged"], sid, lang], [c["msg"], *views], **turn, **visibility)
        sent.then(None, None, None, js=IDLE_JS)
        then_page(sent)
    for i, button in enumerate(c["examples"]):
        button.click(partial(ui.example, i), [lang], c["msg"], api_visibility="private")
    ask = confirm_js("sid, lang")
    then_page(c["new"].click(ui.start_over, [sid, lang, c["answer"]], views, js=ask, api_name="new"))
    # the chat's trash icon: the same question, then really a new interview (not just an emptied view)
    then_page(c["chatbot"].clear(ui.start_over, [sid, lang, c["answer"]], views, js=ask, api_visibility="private"))
    c["copy"].click(None, [sid, lang], None, js=COPY_JS)
    then_page(c["resume"].click(ui.resume, [c["resume_id"], sid, lang], views, api_name="resume"))
    c["slack_link"].click(ui.slack_link, [sid, lang], c["slack_code"], api_name="slack_link")
    then_page(lang.input(ui.set_language, [lang, sid], views, api_name="set_language"))
    then_page(c["apply"].click(ui.edit, [c["field"], c["value"], sid, lang], [c["status"], *views], api_name="edit"))
    c["pick"].change(ui.pattern, [c["pick"], lang], c["detail"], api_name="pattern")
    browse = [c["kb_query"], c["kb_kind"], c["kb_modality"], lang]
    c["kb_query"].submit(ui.browse, browse, [c["pick"], c["detail"]], api_name="browse")
    for box in (c["kb_kind"], c["kb_modality"]):
        box.input(ui.browse, browse, [c["pick"], c["detail"]], api_visibility="private")
    c["field"].change(ui.edit_current, [c["field"], sid], c["value"], api_name="edit_current", **quiet)
    c["tab_edit"].select(ui.edit_current, [c["field"], sid], c["value"], **quiet)
    c["prepare"].click(ui.prepare_files, [sid, lang], [c["dl_md"], c["dl_docx"]], api_name="prepare_files")
    c["chart_box"].expand(ui.open_chart, [sid, lang], [shown, c["chart"]], api_name="chart", show_progress="hidden")
    c["chart_box"].collapse(lambda: False, None, shown, **quiet)


def build_ui(ui: WebUI, concurrency: int) -> gr.Blocks:
    """The page; at most `concurrency` turns run at once (Settings.web_concurrency), the rest wait in order."""
    if concurrency < 1:
        raise ValueError(f"web concurrency must be at least 1, not {concurrency!r} (THEME_ASSISTANT_WEB_CONCURRENCY)")
    w = UI["en"]  # the first paint; `load` switches to the interview's (or the browser's) language
    c: dict[str, Any] = {}
    with gr.Blocks(title="theme-assistant", analytics_enabled=False) as demo:
        c["demo"] = demo
        with gr.Row(elem_id="ta-header", equal_height=True):
            c["title"] = gr.Markdown(w["title"], elem_id="title")
            c["lang"] = gr.Radio(
                LANGS,
                value="en",
                label="Language / 言語",
                show_label=False,
                elem_id="lang",
                container=False,
                scale=0,
                min_width=230,
            )
        # the session id, mirrored in the address (?session=ID); the answer of the "new interview?" question
        c["sid"] = gr.Textbox(visible="hidden", elem_id="sid")
        c["answer"] = gr.Textbox(visible="hidden", elem_id="confirm-answer")
        c["staged"] = gr.Textbox(visible="hidden", elem_id="staged")  # the message being sent (see _wire)
        c["chart_shown"] = gr.State(False)  # whether the chart's panel is open in this tab
        with gr.Row():
            with gr.Column(scale=3, min_width=340):
                c.update(_chat_column(w))
            with gr.Column(scale=2, min_width=340):
                c.update(_side_column(w))
        c["footer"] = gr.HTML(elem_id="footer")
        _wire(ui, c, concurrency)
    demo.queue(default_concurrency_limit=concurrency)  # the other events (edit, resume, language): each the same
    return demo
