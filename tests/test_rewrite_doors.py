"""Every door to a ready proposal (the web page on reload, its prepared files, `propose`) shows the rewritten prose
when the rewrite is on, and the proposal as built when it is off.

A scripted chat model rewrites: these prove the wiring through `ChatService.proposal`, not how a model writes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from langchain_core.messages import AIMessage, BaseMessage
from typer.testing import CliRunner

from assistant import providers
from assistant.adapters import cli
from assistant.app import App
from assistant.proposal import build_proposal
from assistant.render import to_markdown
from tests.conversations import EN_PRESS
from tests.fake_chat import FakeChat, tool
from tests.test_guided import talk

PREFIX = "Reworded for the presses: "


def reword_all(messages: list[BaseMessage]) -> AIMessage:
    """A rewrite_prose answer for whatever sentences were sent, each keeping its figures (the prefix has none)."""
    sent = json.loads(str(messages[-1].content))
    items = [{"id": i["id"], "text": PREFIX + i["text"]} for i in sent]
    return AIMessage(content="", tool_calls=[tool("rewrite_prose", {"items": items})])


@pytest.fixture()
def interviewed(app: App) -> tuple[App, str, str]:
    """An interview that reached its proposal offline; its id and the proposal as built, as Markdown."""
    state, _ = talk(app.service, EN_PRESS)
    assert state.proposal_ready
    return app, state.id, to_markdown(build_proposal(state, app.kb), state)


@pytest.fixture(params=[True, False], ids=["rewrite-on", "rewrite-off"])
def llm_app(
    request: pytest.FixtureRequest, interviewed: tuple[App, str, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[App, FakeChat, bool]]:
    """The same sessions served by the llm backend (the scripted model), with the rewrite on or off."""
    app, _, _ = interviewed
    model = FakeChat().enqueue(reword_all)
    monkeypatch.setattr(providers, "chat_model", lambda *_a, **_k: model)
    settings = app.settings.model_copy(
        update={"backend": "llm", "llm_base_url": "http://127.0.0.1:9/v1", "llm_rewrite_prose": request.param}
    )
    other = App(settings)
    other.__dict__["kb"], other.__dict__["index"] = app.kb, app.index
    yield other, model, request.param
    other.store.close()


def _check(text: str, built: str, model: FakeChat, on: bool) -> None:
    if on:
        assert PREFIX in text and text != built and len(model.requests) == 1
        assert text.replace(PREFIX, "") == built  # only the prose changed: figures, quotes and table as built
    else:
        assert text == built and model.requests == []


def test_propose_prints_the_proposal_the_service_shows(interviewed, llm_app, monkeypatch):
    _, sid, built = interviewed
    app, model, on = llm_app
    monkeypatch.setattr(cli, "_app", lambda **_k: app)
    result = CliRunner().invoke(cli.app, ["propose", sid, "--format", "md"])
    assert result.exit_code == 0, result.output
    _check(result.stdout, built, model, on)
    totals = app.service.get(sid).llm_totals  # the rewrite's model use is kept with the interview
    assert (totals.calls, totals.rewrites) == ((1, 1) if on else (0, 0))


def test_the_web_page_on_reload_and_its_prepared_file_show_the_proposal_the_service_shows(interviewed, llm_app):
    from assistant.adapters.web_views import WebUI

    _, sid, built = interviewed
    app, model, on = llm_app
    ui = WebUI(app)
    preview = ui.render(app.service.get(sid), "en")[5]  # what a reload of ?session=<id> renders
    md, _docx = ui.prepare_files(sid, "en")
    prepared = Path(md["value"]).read_text(encoding="utf-8")
    _check(prepared, built, model, on)  # one call: the reload's rewrite is remembered for the files
    assert preview == prepared
