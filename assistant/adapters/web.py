"""The Gradio chat UI: a thin adapter over the chat service (chat, theme board, chart, proposal, edits)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.adapters.web_board import CSS, board_html, chart_points
from assistant.app import App
from assistant.charts import save_chart
from assistant.edits import EDIT_FIELDS, EditError
from assistant.proposal import Proposal, build_proposal
from assistant.render import to_docx, to_markdown
from assistant.service import SessionNotFound
from assistant.state import InterviewState
from assistant.vocabulary import Lang

logger = logging.getLogger(__name__)

EXAMPLES = [
    "I plan the daily orders of fresh food for 30 supermarkets, and we throw a lot away every evening.",
    "I'm a maintenance engineer at a stamping plant; the presses stop without warning a few times a year.",
    "地方銀行で融資の審査をしています。貸したあとで返済が滞る会社を見抜くのが難しいです。",
    "化学メーカーの研究職です。反応条件を決めるのに毎回何十回も実験していて時間がかかります。",
]
EDIT_LABELS = {
    "target": "What to detect / 検出したいこと",
    "inputs": "What you look at / 判断材料（カンマ区切り）",
    "work": "Your work / 業務",
    "pain": "The pain / 困りごと",
    "data": "What is recorded / 記録",
    "frequency": "How often / 頻度",
    "cost": "Cost each time / 1回の損失",
    "judge": "Who judges today / 今の判断",
}
WELCOME = (
    "**Tell me about your work in your own words: what you do, and what is slow, costly or hard to "
    "judge.**\n\nお仕事の内容と、時間やお金がかかる・判断が難しいところを、普段の言葉で教えてください。"
)
_STREAM_CHUNK = 6  # words (or characters x4 in Japanese) per streamed update


def _history(state: InterviewState) -> list[dict[str, str]]:
    return [{"role": t.role, "content": t.text} for t in state.transcript]


class WebUI:
    """Per-tab state is only the session id (gr.State); everything else lives in the store."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.service = app.service
        self.exports = app.settings.ensure_data_dir() / "exports"

    # -- views ------------------------------------------------------------------------------

    def _views(self, state: InterviewState, proposal: Proposal | None = None) -> tuple[Any, ...]:
        """board, chart, proposal markdown, .md download, .docx download, session info, pattern choices."""
        title = "価値と実現性" if state.lang == "ja" else "Value vs feasibility"
        chart = None
        folder = self.exports / state.id
        if state.themes:
            chart = str(save_chart(chart_points(state), folder / "chart.png", title, state.lang))
        md_path = docx_path = None
        proposal_md = (
            "_提案書は面談が終わるとここに表示されます。_"
            if state.lang == "ja"
            else "_The proposal appears here when the interview has what it needs._"
        )
        if state.top_theme is not None and not state.proposal_ready:
            # the draft grows with the interview; downloads come when every slot is filled
            pending = (
                "_下書き: 面談が進むと埋まっていきます。_\n\n"
                if state.lang == "ja"
                else "_Draft: it fills in as the interview goes on._\n\n"
            )
            proposal_md = pending + to_markdown(build_proposal(state, self.app.kb), state)
        if state.proposal_ready:
            proposal = proposal or build_proposal(state, self.app.kb)
            proposal_md = to_markdown(proposal, state)
            folder.mkdir(parents=True, exist_ok=True)
            md_path = folder / f"proposal-{state.id[:8]}.md"
            md_path.write_text(proposal_md, encoding="utf-8")
            docx_path = to_docx(proposal, folder / f"proposal-{state.id[:8]}.docx", state)
        info = (
            f"Interview id / 面談ID: `{state.id}` · link: `?session={state.id}` · "
            f"<span id='turn-count'>{len(state.transcript)}</span> messages"
        )
        choices = [(f"{m.title} ({m.id})", m.id) for t in state.themes for m in t.patterns]
        return (
            board_html(state, self.app.kb),
            chart,
            proposal_md,
            gr.update(value=str(md_path) if md_path else None, interactive=md_path is not None),
            gr.update(value=str(docx_path) if docx_path else None, interactive=docx_path is not None),
            info,
            gr.update(choices=list(dict.fromkeys(choices)), value=None),
        )

    def _state(self, sid: str) -> InterviewState:
        if sid:
            try:
                return self.service.get(sid)
            except SessionNotFound:
                logger.info("unknown session id in a browser tab; starting a new interview")
        return self.service.new_session("web")

    # -- events -------------------------------------------------------------------------------

    def load(self, request: gr.Request) -> tuple[Any, ...]:
        wanted = (request.query_params.get("session") or "") if request else ""
        state = self._state(wanted)
        return (state.id, _history(state), *self._views(state))

    def send(self, text: str, sid: str) -> Iterator[tuple[Any, ...]]:
        state = self._state(sid)
        history = [*_history(state), {"role": "user", "content": text}]
        skip = tuple(gr.skip() for _ in range(7))
        yield ("", state.id, history, *skip)
        result = self.service.handle_state(state, text)
        reply = result.reply
        pieces = reply.split(" ") if result.state.lang == "en" else [reply[i : i + 4] for i in range(0, len(reply), 4)]
        shown = ""
        joiner = " " if result.state.lang == "en" else ""
        for i in range(0, len(pieces), _STREAM_CHUNK):
            shown = joiner.join(pieces[: i + _STREAM_CHUNK])
            yield ("", state.id, [*history, {"role": "assistant", "content": shown}], *skip)
            time.sleep(0.01)
        yield ("", state.id, _history(result.state), *self._views(result.state, result.proposal))

    def new(self, lang: str) -> tuple[Any, ...]:
        state = self.service.new_session("web", lang=lang if lang in ("en", "ja") else None)  # type: ignore[arg-type]
        return (state.id, _history(state), *self._views(state))

    def resume(self, wanted: str, sid: str) -> tuple[Any, ...]:
        wanted = wanted.strip()
        try:
            state = self.service.get(wanted)
        except SessionNotFound:
            gr.Warning("No interview with that id. / そのIDの面談は見つかりません。")
            state = self._state(sid)
        return (state.id, _history(state), *self._views(state))

    def set_language(self, lang: str, sid: str) -> tuple[Any, ...]:
        state = self._state(sid)
        if lang in ("en", "ja"):
            state = self.service.set_language(state.id, lang)  # type: ignore[arg-type]
        return (state.id, *self._views(state))

    def edit(self, field: str, value: str, sid: str) -> tuple[Any, ...]:
        state = self._state(sid)
        try:
            state = self.service.edit(state.id, field or "", value or "").state
            status = "✔ updated / 更新しました"
        except EditError as exc:
            status = f"⚠ {exc}"
        return (status, state.id, *self._views(state))

    def pattern(self, pattern_id: str | None, sid: str) -> str:
        if not pattern_id or pattern_id not in self.app.kb.patterns:
            return ""
        lang = self._state(sid).lang if sid else "en"
        p = self.app.kb.patterns[pattern_id]
        la: Lang = "ja" if lang == "ja" else "en"
        return "\n".join(
            [
                f"### {p.title.get(la)} (`{p.id}`)",
                f"**{p.task_kind}** · {', '.join(p.modalities)}",
                "",
                p.detection.get(la),
                "",
                "**Pains:** " + " / ".join(p.pains.get(la)[:3]),
                f"**Data:** {p.data_needs.notes.get(la)}",
                f"**Metrics:** {p.metrics.ml.get(la)}",
                "**PoC:** " + " → ".join(f"{s.step.get(la)} ({s.weeks}w)" for s in p.poc_plan),
            ]
        )


def build_ui(app: App) -> gr.Blocks:
    ui = WebUI(app)
    with gr.Blocks(title="theme-assistant", analytics_enabled=False) as demo:
        sid = gr.State("")
        gr.Markdown("## theme-assistant · *based on what, detect what?* · 何を基に何を検出したいのか？")
        gr.Markdown(f"<small>backend: {app.backend_label}</small>", elem_id="backend")
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(height=520, label="Interview / 面談", elem_id="chat", placeholder=WELCOME)
                with gr.Row():
                    msg = gr.Textbox(
                        show_label=False, placeholder="Type here / ここに入力", scale=8, elem_id="msg", max_lines=8
                    )
                    send = gr.Button("Send / 送信", variant="primary", scale=1, elem_id="send")
                with gr.Row():
                    example_buttons = [
                        gr.Button(e[:48] + "…", size="sm", elem_id=f"example-{i}") for i, e in enumerate(EXAMPLES)
                    ]
                with gr.Row():
                    lang = gr.Radio(["auto", "en", "ja"], value="auto", label="Language / 言語", elem_id="lang")
                    new = gr.Button("New interview / 新しい面談", elem_id="new")
                with gr.Row():
                    resume_id = gr.Textbox(label="Resume by id / IDで再開", elem_id="resume-id", scale=4)
                    resume = gr.Button("Resume / 再開", elem_id="resume", scale=1)
                info = gr.Markdown(elem_id="session-info")
            with gr.Column(scale=2):
                with gr.Tab("Themes / テーマ", elem_id="tab-themes"):
                    board = gr.HTML(elem_id="board")
                    chart = gr.Image(
                        label="Value vs feasibility / 価値と実現性",
                        elem_id="chart",
                        type="filepath",
                        interactive=False,
                        buttons=["download"],
                    )
                with gr.Tab("Proposal / 提案書", elem_id="tab-proposal"):
                    with gr.Row():
                        dl_md = gr.DownloadButton("Download .md", elem_id="dl-md", interactive=False)
                        dl_docx = gr.DownloadButton("Download .docx", elem_id="dl-docx", interactive=False)
                    proposal = gr.Markdown(elem_id="proposal")
                with gr.Tab("Edit / 修正", elem_id="tab-edit"):
                    field = gr.Dropdown(
                        [(f"{EDIT_LABELS[f]} ({f})", f) for f in EDIT_FIELDS],
                        value="target",
                        label="Field / 項目",
                        elem_id="edit-field",
                    )
                    value = gr.Textbox(label="Corrected value / 正しい内容", elem_id="edit-value")
                    apply = gr.Button("Apply / 反映", elem_id="edit-apply")
                    status = gr.Markdown(elem_id="edit-status")
                with gr.Tab("Patterns / パターン", elem_id="tab-patterns"):
                    pick = gr.Dropdown([], label="Matched pattern / 該当パターン", elem_id="pattern-pick")
                    detail = gr.Markdown(elem_id="pattern-detail")
        views = [board, chart, proposal, dl_md, dl_docx, info, pick]
        demo.load(ui.load, None, [sid, chatbot, *views], api_name="load")
        send.click(ui.send, [msg, sid], [msg, sid, chatbot, *views], api_name="send", concurrency_limit=8)
        msg.submit(ui.send, [msg, sid], [msg, sid, chatbot, *views], api_visibility="private", concurrency_limit=8)
        for i, button in enumerate(example_buttons):
            button.click(lambda i=i: EXAMPLES[i], None, msg, api_visibility="private")
        new.click(ui.new, [lang], [sid, chatbot, *views], api_name="new")
        resume.click(ui.resume, [resume_id, sid], [sid, chatbot, *views], api_name="resume")
        lang.change(ui.set_language, [lang, sid], [sid, *views], api_name="set_language")
        apply.click(ui.edit, [field, value, sid], [status, sid, *views], api_name="edit")
        pick.change(ui.pattern, [pick, sid], detail, api_name="pattern")
    demo.queue(default_concurrency_limit=8)
    return demo


def _japanese_font() -> Path:
    """IPAexGothic, shipped inside the matplotlib-fontja wheel: Japanese renders even where the OS has no CJK
    font, and nothing is fetched from a font CDN."""
    import matplotlib_fontja

    return Path(matplotlib_fontja.__file__).parent / "fonts" / "ipaexg.ttf"


def _css() -> str:
    font = _japanese_font()
    face = (
        f"@font-face{{font-family:'TA Japanese';src:url('/gradio_api/file={font}') format('truetype');}}"
        if font.exists()
        else ""
    )
    stack = "'Source Sans Pro', ui-sans-serif, system-ui, sans-serif, 'TA Japanese'"
    return f"{face}\n:root, .gradio-container {{--font: {stack} !important;}}\n{CSS}"


def launch(app: App, host: str | None = None, port: int | None = None, block: bool = True) -> gr.Blocks:
    """Start the server on loopback by default; no share link, no analytics, no server-side rendering."""
    demo = build_ui(app)
    exports = app.settings.ensure_data_dir() / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    demo.launch(
        server_name=host or app.settings.host,
        server_port=port or app.settings.port,
        share=False,
        prevent_thread_lock=not block,
        show_error=True,
        quiet=True,
        ssr_mode=False,
        css=_css(),
        allowed_paths=[str(exports), str(_japanese_font().parent)],
        footer_links=[],
        inbrowser=False,
    )
    return demo


def serve(app: App) -> None:
    started = time.perf_counter()
    _ = app.index  # build or open the search index before the first visitor waits for it
    url = f"http://{app.settings.host}:{app.settings.port}/"
    demo = launch(app, block=False)
    print(
        f"theme-assistant is ready at {url}  (started in {time.perf_counter() - started:.1f} s; Ctrl+C stops)",
        flush=True,
    )
    try:
        demo.block_thread()
    except KeyboardInterrupt:
        demo.close()


__all__ = ["build_ui", "launch", "serve"]
