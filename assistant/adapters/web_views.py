"""The web UI's event handlers: each renders the whole page state of one interview in its one language."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from assistant.adapters.web_board import board_html, chart_points, empty_board
from assistant.adapters.web_inbox import Inbox, Tab
from assistant.adapters.web_progress import progress_html
from assistant.adapters.web_text import EDIT_LABELS, EXAMPLES, PATTERN, UI, browser_lang, lang_of
from assistant.edits import EDIT_FIELDS, EditError, current
from assistant.markup import md_escape, md_safe_reply
from assistant.state import InterviewState
from assistant.vocabulary import MODALITIES, TASK_KINDS, Lang

if TYPE_CHECKING:
    from assistant.app import App
    from assistant.proposal import Proposal
    from assistant.service import ChatService

logger = logging.getLogger(__name__)
_STREAM_CHUNK = 6  # words (or characters x4 in Japanese) per streamed update
#: How many of the outputs below `render` fills: sid, chat, lang, strip, board, proposal, prepare, md, docx, info,
#: pattern choices, pattern detail. The chart and the downloads are not among them: they are drawn and written only
#: when the employee opens the chart or asks for the files (`chart_view`, `prepare_files`), never on a turn.
VIEWS = 12


_PENDING = {"role": "assistant", "content": "…"}  # an emoji font is not on every machine
_SKIP = (gr.skip(),) * (VIEWS - 4)


def _sent(texts: list[str]) -> list[dict[str, str]]:
    """Messages sent and waiting for their answer, shown as the employee typed them."""
    return [{"role": "user", "content": md_escape(t, inline=False)} for t in texts]


def chat_history(state: InterviewState | None) -> list[dict[str, str]]:
    """The transcript as chat bubbles; user text escaped (shown as typed), replies with their bold and lists."""
    if state is None:
        return []
    return [
        {"role": t.role, "content": md_escape(t.text, inline=False) if t.role == "user" else md_safe_reply(t.text)}
        for t in state.transcript
    ]


class WebUI:
    """Per-tab state is only the session id (a hidden box the address mirrors); the rest lives in the store."""

    def __init__(self, app: App, files: Path | None = None) -> None:
        self.app = app
        self.inbox = Inbox()
        self.exports = files if files is not None else app.settings.ensure_data_dir() / "exports"
        """Where the chart and the proposal's files are written. The server passes a folder inside Gradio's own
        private temp folder: Gradio serves only files under the working directory, the system temp folder or its
        own, and the data folder of `./scripts/start` (~/.local/share) is none of them."""
        self._open = threading.Lock()

    @property
    def service(self) -> ChatService:
        # The first use opens the search index (seconds): one thread opens it while the others wait for it.
        with self._open:
            return self.app.service

    def warm(self) -> None:
        """Open the store, index and interviewer now (called in the background once the page is served)."""
        _ = self.service

    def _find(self, sid: str | None) -> InterviewState | None:
        if not sid:
            return None
        from assistant.service import SessionNotFound

        try:
            return self.service.get(sid.strip())
        except SessionNotFound:
            logger.info("unknown session id from a browser; showing an empty interview")
            return None

    # -- rendering --------------------------------------------------------------------------------

    def _chart(self, state: InterviewState) -> Path | None:
        from assistant.charts import save_chart

        if not state.themes:
            return None
        title = UI[state.lang]["chart_title"]
        return save_chart(chart_points(state), self.exports / state.id / "chart.png", title, state.lang)

    def _files(self, state: InterviewState, proposal: Proposal) -> tuple[Path, Path]:
        """The .md and .docx (with the chart) of a ready proposal; files readable by this user only."""
        from assistant.render import to_docx, to_markdown

        folder = self.exports / state.id
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        md = folder / f"proposal-{state.id[:8]}.md"
        md.write_text(to_markdown(proposal, state), encoding="utf-8")
        docx = to_docx(proposal, folder / f"proposal-{state.id[:8]}.docx", state, chart=self._chart(state))
        return md, docx

    def _proposal_md(self, state: InterviewState | None, lang: Lang, proposal: Proposal | None) -> str:
        """The preview (text only, about a millisecond): the draft grows with the interview."""
        if state is None or state.top_theme is None:
            return UI[lang]["proposal_empty"]
        from assistant.render import to_markdown

        # the service's proposal, as a turn shows it and the files hold it (rewritten, when that is on)
        proposal = proposal or self.service.proposal_of(state, draft=True)
        if proposal is None:
            return UI[lang]["proposal_empty"]
        text = to_markdown(proposal, state)
        return text if state.proposal_ready else UI[lang]["proposal_draft"] + "\n\n" + text

    def render(
        self,
        state: InterviewState | None,
        lang: Lang,
        proposal: Proposal | None = None,
        waiting: list[str] | None = None,
        page: Lang | None = None,
    ) -> tuple[Any, ...]:
        """All VIEWS outputs for `state` (None: no interview yet, an empty page in `lang`); `waiting`: messages
        this tab sent that are not answered yet, shown as sent; `page`: the page's own language when the employee
        chose one other than the interview's (labels and strip follow it; the interview, its board and its
        proposal keep theirs). Files from before are withdrawn (they would be out of date); `prepare_files`
        writes new ones."""
        lang = state.lang if state is not None else lang
        chrome: Lang = page or lang
        w = UI[chrome]
        ready = state is not None and state.proposal_ready
        info = ""
        if state is not None:
            info = (
                f"<a id='session-link' href='?session={state.id}'>{w['link']}</a> · "
                f"<span id='turn-count'>{len(state.transcript)}</span> {w['messages']} · "
                f"{w['id']} <code id='session-id'>{state.id}</code>"
            )
        choices = [
            (f"{self.app.kb.patterns[m.id].title.get(lang)} ({m.id})", m.id)
            for t in (state.themes if state else [])
            for m in t.patterns
            if not m.weak and m.id in self.app.kb.patterns
        ]
        return (
            state.id if state else "",
            gr.update(value=chat_history(state) + _sent(waiting or []), label=w["chat"], placeholder=w["welcome"]),
            chrome,
            progress_html(state, chrome),
            board_html(state, self.app.kb) if state else empty_board(lang),
            self._proposal_md(state, lang, proposal),
            gr.update(value=w["prepare"], interactive=ready),
            gr.update(value=None, interactive=False, label=w["dl_md"]),
            gr.update(value=None, interactive=False, label=w["dl_docx"]),
            info,
            gr.update(choices=list(dict.fromkeys(choices)), value=None, label=w["pick"]),
            "",
        )

    def prepare_files(self, sid: str, lang: str) -> tuple[Any, Any]:
        """The downloads, written now that the employee asked for them (the Prepare button, the strip's link)."""
        state = self._find(sid)
        la = state.lang if state is not None else lang_of(lang)
        w = UI[la]
        # the service's proposal: the same one a turn shows (with the optional prose rewrite, when it is on)
        proposal = self.service.proposal(state.id) if state is not None else None
        if state is None or proposal is None:
            gr.Warning(w["not_ready"])
            return (gr.update(value=None, interactive=False), gr.update(value=None, interactive=False))
        try:
            md, docx = self._files(state, proposal)
        except OSError as exc:  # a full or read-only disk: say what to do, not where on the server
            logger.warning("could not write the proposal's files: %s", type(exc).__name__)
            gr.Warning(w["files_failed"])
            return (gr.update(value=None, interactive=False), gr.update(value=None, interactive=False))
        return (
            gr.update(value=str(md), interactive=True, label=w["dl_md"]),
            gr.update(value=str(docx), interactive=True, label=w["dl_docx"]),
        )

    def chart_view(self, sid: str, lang: str, shown: bool) -> str | None:
        """The chart when its panel is open (drawn after the page is updated, so never part of a turn)."""
        state = self._find(sid) if shown else None
        try:
            chart = self._chart(state) if state is not None else None
        except OSError as exc:
            logger.warning("could not draw the chart: %s", type(exc).__name__)
            gr.Warning(UI[state.lang if state else lang_of(lang)]["files_failed"])
            return None
        return str(chart) if chart else None

    def open_chart(self, sid: str, lang: str) -> tuple[bool, str | None]:
        """The chart's panel was opened: remember it (the page's later renders redraw it) and draw it now."""
        return True, self.chart_view(sid, lang, shown=True)

    def labels(self, lang: str, sid: str) -> tuple[Any, ...]:
        """Every fixed label in the page's language (msg, send, examples, new, copy, resume box, resume,
        accordion, four tabs, edit field, edit value, apply, title, footer, chart panel, Slack link)."""
        la = lang_of(lang)
        w = UI[la]
        s = self.app.settings
        footer = (w["footer_offline"] if s.backend == "offline" else w["footer_llm"]).format(
            model=s.llm_model, embedding=s.embedding
        )
        return (
            gr.update(placeholder=w["placeholder"]),
            gr.update(value=w["send"]),
            *(gr.update(value=label) for label, _ in EXAMPLES[la]),
            gr.update(value=w["new"]),
            gr.update(value=w["copy"], interactive=bool(sid)),
            gr.update(label=w["resume_id"]),
            gr.update(value=w["resume"]),
            gr.update(label=w["more"]),
            *(gr.update(label=w[k]) for k in ("themes", "proposal", "edit", "patterns")),
            gr.update(choices=[(f"{EDIT_LABELS[la][f]} ({f})", f) for f in EDIT_FIELDS], label=w["field"]),
            gr.update(label=w["value"]),
            gr.update(value=w["apply"]),
            w["title"],
            f"<div id='ta-footer'>{footer}</div>",
            gr.update(label=w["chart"]),
            gr.update(value=w["slack_link"]),
            gr.update(label=w["kb_query"], placeholder=w["kb_hint"]),
            gr.update(label=w["kb_kind"], choices=[(w["kb_any"], ""), *((k, k) for k in TASK_KINDS)]),
            gr.update(label=w["kb_modality"], choices=[(w["kb_any"], ""), *((m, m) for m in MODALITIES)]),
        )

    # -- events -------------------------------------------------------------------------------------

    def load(self, request: gr.Request) -> tuple[Any, ...]:
        wanted = request.query_params.get("session", "") if request else ""
        page = browser_lang(request.headers.get("accept-language") if request else None)
        state = self._find(wanted)
        if wanted and state is None:  # a bad or mistyped link: say so, not a silently blank page
            gr.Warning(UI[page]["no_such"])
        return self.render(state, page)

    @staticmethod
    def stage(text: str) -> tuple[Any, str]:
        """The first step of sending, outside the queue: the box is emptied now and the text handed to `send`."""
        return "", text or ""

    def send(self, text: str, sid: str, lang: str, request: gr.Request | None = None) -> Iterator[tuple[Any, ...]]:
        """One message: shown at once, answered after the messages this tab sent before it (see web_inbox).
        The message box was emptied by `stage`; nothing here touches it: a reply that arrives while the employee
        types the next message must not wipe it."""
        tab = self.inbox.tab(getattr(request, "session_hash", None))
        text, page = text or "", lang_of(lang)
        if not text.strip():
            yield (gr.skip(), *self._empty(text, sid or tab.fresh or "", page))
            return
        ticket = tab.enqueue(text)
        with self.inbox.answering():
            try:
                if not tab.ready(ticket):  # it waits behind this tab's earlier messages: shown as sent meanwhile
                    before = self._find(sid or tab.fresh)
                    shown = chat_history(before) + _sent(tab.others(-1))
                    shown_lang = before.lang if before and before.transcript else page
                    yield (
                        gr.skip(),
                        gr.skip(),
                        [*shown, _PENDING],
                        gr.skip(),
                        progress_html(before, shown_lang, working=True),
                        *_SKIP,
                    )
                tab.wait_turn(ticket)
                tab.taken(ticket)
                yield from self._turn(tab, ticket, text, sid, page)
            finally:
                tab.done(ticket)

    def _empty(self, text: str, sid: str, page: Lang) -> tuple[Any, ...]:
        """Nothing typed: the first time a hint (shown, not stored), then nothing at all (the page stays)."""
        state = self._find(sid)
        if state is None:
            return self.render(None, page)  # nothing typed, no interview: nothing to start
        result = self.service.handle_state(state, text)
        return self.render(result.state, result.state.lang) if result.reply else (gr.skip(),) * VIEWS

    def _turn(self, tab: Tab, ticket: int, text: str, sid: str, page: Lang) -> Iterator[tuple[Any, ...]]:
        """The answer to one message, streamed into its bubble; the messages sent after it stay shown below."""
        state = self._find(sid or tab.fresh)  # read now: the messages before this one are in it
        if state is None:
            state = self.service.new_session("web")
            tab.fresh = state.id
        shown = chat_history(state)
        shown.append({"role": "user", "content": md_escape(text, inline=False)})
        later = _sent(tab.others(ticket))
        working = progress_html(state, state.lang if state.transcript else page, working=True)
        yield (gr.skip(), state.id, [*shown, _PENDING, *later], gr.skip(), working, *_SKIP)
        if self.service.streams:  # the model's words show as it writes them; the page is rendered once, after
            stream = self.service.send_stream(state, text)
            for partial in stream:
                bubble = {"role": "assistant", "content": md_safe_reply(partial)}
                yield (gr.skip(), state.id, [*shown, bubble, *later], gr.skip(), working, *_SKIP)
            assert stream.result is not None  # set once the stream has ended
            result = stream.result
        else:
            result = self.service.handle_state(state, text)
            if self.inbox.alone():  # under load a finished reply comes whole: each paced update holds a worker
                yield from self._paced(result.reply, result.state.lang, state.id, shown, later, working)
        waiting = tab.others(ticket)
        chosen = page if page != result.state.lang else None  # a page language chosen apart from the interview's
        rendered = self.render(result.state, result.state.lang, result.proposal, waiting=waiting, page=chosen)
        yield (gr.skip(), *rendered)

    def _paced(
        self, reply: str, la: Lang, sid: str, shown: list[Any], later: list[Any], working: str
    ) -> Iterator[tuple[Any, ...]]:
        """A finished reply shown a few words at a time, as a written one would be."""
        pieces = reply.split(" ") if la == "en" else [reply[i : i + 4] for i in range(0, len(reply), 4)]
        for i in range(0, len(pieces), _STREAM_CHUNK):
            partial = (" " if la == "en" else "").join(pieces[: i + _STREAM_CHUNK])
            bubble = {"role": "assistant", "content": md_safe_reply(partial)}
            yield (gr.skip(), sid, [*shown, bubble, *later], gr.skip(), working, *_SKIP)
            time.sleep(0.01)

    def start_over(self, sid: str, lang: str, answer: str, request: gr.Request | None = None) -> tuple[Any, ...]:
        """New interview (button or the chat's trash icon), after the browser asked; 'no' keeps this one."""
        state = self._find(sid)
        if answer != "yes" and state is not None:
            return self.render(state, state.lang)
        self.inbox.tab(getattr(request, "session_hash", None)).fresh = None  # the next message starts anew
        return self.render(None, lang_of(lang, state.lang if state else "en"))

    def resume(self, wanted: str, sid: str, lang: str, request: gr.Request | None = None) -> tuple[Any, ...]:
        self.inbox.tab(getattr(request, "session_hash", None)).fresh = None
        state = self._find(wanted)
        if state is None:
            gr.Warning(UI[lang_of(lang)]["no_such"])
            state = self._find(sid)
        return self.render(state, lang_of(lang))

    def set_language(self, lang: str, sid: str) -> tuple[Any, ...]:
        """The page's language. Before the first answer it is also the interview's; after it, the interview keeps
        its own (an English interview is not answered in Japanese, nor its figures converted), and only the page's
        labels follow the switch."""
        la = lang_of(lang)
        state = self._find(sid)
        if state is None:  # no interview yet: the page speaks it; the first message starts the interview
            return self.render(None, la)
        if not any(t.role == "user" for t in state.transcript):
            return self.render(self.service.set_language(state.id, la), la)
        return self.render(state, state.lang, page=la)

    def edit(self, field: str, value: str, sid: str, lang: str) -> tuple[Any, ...]:
        state = self._find(sid)
        la = state.lang if state else lang_of(lang)
        if state is None:
            return (UI[la]["no_session"], *self.render(None, la))
        try:
            result = self.service.edit(state.id, field or "", value or "")
        except EditError as exc:
            return (f"⚠ {exc}", *self.render(state, la))
        return (f"✔ {md_escape(result.reply)}", *self.render(result.state, la, result.proposal))

    def edit_current(self, field: str, sid: str) -> Any:
        """The value box shows what the chosen field holds now (the employee edits it, not a blank)."""
        state = self._find(sid)
        return gr.update(value=current(state, field or "") if state is not None else "")

    def slack_link(self, sid: str, lang: str) -> str:
        """A one-time code that continues this interview in Slack (`/theme start CODE`); the id alone does not."""
        state = self._find(sid)
        la = state.lang if state is not None else lang_of(lang)
        if state is None or not getattr(state, "stored", True):
            return f"<span class='ta-note'>{escape(UI[la]['slack_none'])}</span>"
        code = self.service.store.link_code(state.id)
        return f"<span class='ta-note'>{escape(UI[la]['slack_code'].format(code=code))}</span>"

    def example(self, index: int, lang: str) -> str:
        return EXAMPLES[lang_of(lang)][index][1]

    def browse(self, query: str, kind: str, modality: str, lang: str) -> tuple[Any, str]:
        """The knowledge base searched as an interview searches it (hybrid: embedding and words), filtered by task
        kind and data type; no words: every pattern of the filters, by title. The first one is shown in full."""
        la = lang_of(lang)
        w = UI[la]
        patterns = self.app.kb.patterns
        if (query or "").strip():
            found = [h.pattern for h in self.app.index.search(query[:500], k=len(patterns), lang=la)]
        else:
            found = sorted(patterns.values(), key=lambda p: p.title.get(la))
        found = [p for p in found if (not kind or p.task_kind == kind) and (not modality or modality in p.modalities)][
            :30
        ]
        if not found:
            return gr.update(choices=[], value=None, label=w["kb_found"]), w["kb_none"]
        choices = [(f"{p.title.get(la)} ({p.id})", p.id) for p in found]
        return gr.update(choices=choices, value=found[0].id, label=w["kb_found"]), self.pattern(found[0].id, la)

    def pattern(self, pattern_id: str | None, lang: str) -> str:
        p = self.app.kb.patterns.get(pattern_id or "")
        if p is None:
            return ""
        la = lang_of(lang)
        w = PATTERN[la]
        poc = "\n".join(f"1. {md_escape(s.step.get(la))} ({s.weeks} {w['weeks']})" for s in p.poc_plan)
        pains = "\n".join(f"- {md_escape(x)}" for x in p.pains.get(la)[:3])
        inputs = "\n".join(f"- {md_escape(x)}" for x in p.inputs.get(la))
        pitfalls = "\n".join(f"- {md_escape(x.get(la))}" for x in p.pitfalls)
        needs = f"{md_escape(p.data_needs.notes.get(la))} ({p.data_needs.min_examples:,} {w['examples']})"
        return "\n\n".join(
            [
                f"### {md_escape(p.title.get(la))} (`{p.id}`)",
                f"**{p.task_kind}** · {', '.join(p.modalities)}",
                md_escape(p.detection.get(la)),
                f"**{w['inputs']}**\n\n{inputs}",
                f"**{w['data']}:** {needs}",
                f"**{w['pitfalls']}**\n\n{pitfalls}",
                f"**{w['metrics']}:** {md_escape(p.metrics.ml.get(la))}",
                f"**{w['poc']}**\n\n{poc}",
                f"**{w['pains']}**\n\n{pains}",
            ]
        )
