"""The web turns' concurrency bound: from THEME_ASSISTANT_WEB_CONCURRENCY to Gradio's queue, or a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.adapters.common import build_app
from assistant.adapters.web import build_ui
from assistant.app import App
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_the_setting_reaches_the_queue_and_the_turn_events(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("THEME_ASSISTANT_WEB_CONCURRENCY", "3")
    settings = Settings(data_dir=tmp_path, knowledge_dir=ROOT / "knowledge")
    assert settings.web_concurrency == 3
    demo = build_ui(App(settings))
    assert demo._queue.default_concurrency_limit == 3  # edit, resume, language, ...
    turns = [fn for fn in demo.fns.values() if fn.fn is not None and getattr(fn.fn, "__name__", "") == "send"]
    assert len(turns) == 2, "the Send button and Enter in the message box"
    # one group for both: 3 turns at once in all, not 3 per way of sending
    assert {(fn.concurrency_id, fn.concurrency_limit) for fn in turns} == {("turn", 3)}


def test_default_is_eight(tmp_path: Path) -> None:
    assert Settings(data_dir=tmp_path).web_concurrency == 8


@pytest.mark.parametrize("value", ["0", "-2", "eight"])
def test_an_invalid_bound_names_the_variable(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("THEME_ASSISTANT_WEB_CONCURRENCY", value)
    with pytest.raises(SystemExit) as exc:
        build_app()
    message = str(exc.value)
    assert f"THEME_ASSISTANT_WEB_CONCURRENCY={value!r}" in message
    assert "greater than or equal to 1" in message or "valid integer" in message


def test_the_layout_refuses_a_bound_below_one(tmp_path: Path) -> None:
    from assistant.adapters.web_layout import build_ui as layout
    from assistant.adapters.web_views import WebUI

    with pytest.raises(ValueError, match="at least 1"):
        layout(WebUI(App(Settings(data_dir=tmp_path))), concurrency=0)
