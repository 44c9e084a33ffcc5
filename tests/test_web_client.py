"""The real Gradio server on 127.0.0.1, driven through gradio_client (the UI's own API)."""

from __future__ import annotations

import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from gradio_client import Client

from assistant.app import App
from tests.conversations import EN_PRESS as INTERVIEW
from tests.webserver import running

pytestmark = pytest.mark.slow

# outputs of /send: the message box, then the page's views (see web_views.VIEWS; the API leaves out the Prepare
# button's update, as it does every button's)
NAMES = ["msg", "sid", "chat", "lang", "strip", "board", "proposal", "md", "docx", "info", "pick", "detail"]


def _text(message: dict) -> str:
    content = message["content"]
    return content if isinstance(content, str) else " ".join(c.get("text", "") for c in content)


def _views(values: object, names: list[str]) -> dict:
    """Outputs by name; an update's value (the chat comes with its label in the page's language)."""
    out = dict(zip(names, values, strict=True))  # type: ignore[call-overload]
    return {
        k: v["value"] if isinstance(v, dict) and v.get("__type__") == "update" and k == "chat" else v
        for k, v in out.items()
    }


def _path(update: object) -> Path | None:
    value = update.get("value") if isinstance(update, dict) else update
    if isinstance(value, dict):
        value = value.get("path")
    return Path(value) if value else None


def _interview(url: str, lines: list[str], sid: str = "") -> tuple[Client, dict]:
    client = Client(url, verbose=False)
    out: dict = {}
    for line in lines:
        out = _views(client.predict(line, sid, "en", api_name="/send"), NAMES)
        sid = out["sid"]
    return client, out


@pytest.fixture()
def server(app: App):
    with running(app) as url:
        yield url


def test_interview_updates_board_progress_and_proposal_and_files_come_when_asked(server):
    client, out = _interview(server, INTERVIEW)
    assert len(out["chat"]) == 2 * len(INTERVIEW)
    board = out["board"]
    assert "Based on" in board and "vibration" in board and "break down" in board
    assert "data-pattern='equipment-anomaly'" in board or "data-pattern='remaining-useful-life'" in board
    assert "## The detection question" in out["proposal"] and "[turn " in out["proposal"]
    assert f"?session={out['sid']}" in out["info"]
    assert "Proposal ready" in out["strip"] and "cta-proposal" in out["strip"]
    assert _path(out["md"]) is None and _path(out["docx"]) is None, "a turn offers no file"
    md, docx = client.predict(out["sid"], "en", api_name="/prepare_files")
    assert _path(md).read_text(encoding="utf-8").startswith("# PoC proposal")  # type: ignore[union-attr]
    assert _path(docx).read_bytes()[:2] == b"PK"  # type: ignore[union-attr]
    assert client.predict(out["sid"], "en", api_name="/chart") is not None


def test_files_and_chart_work_in_the_default_layout(settings, kb, index, monkeypatch):
    """`./scripts/start` keeps data in ~/.local/share: outside the working directory and the system temp folder,
    where Gradio refuses to serve files from. The chart and "Prepare files" must work there all the same."""
    import shutil
    import tempfile
    import uuid

    home_data = Path.home() / ".cache" / f"theme-assistant-test-{uuid.uuid4().hex[:8]}"
    assert not home_data.is_relative_to(Path.cwd()) and not home_data.is_relative_to(tempfile.gettempdir())
    a = App(settings.model_copy(update={"data_dir": home_data}))
    a.__dict__["kb"], a.__dict__["index"] = kb, index
    try:
        with running(a) as url:
            client, out = _interview(url, INTERVIEW)
            md, docx = client.predict(out["sid"], "en", api_name="/prepare_files")
            assert _path(md).read_text(encoding="utf-8").startswith("# PoC proposal")  # type: ignore[union-attr]
            assert _path(docx).read_bytes()[:2] == b"PK"  # type: ignore[union-attr]
            chart = client.predict(out["sid"], "en", api_name="/chart")
            assert _path(chart) is not None and _path(chart).read_bytes()[:4] == b"\x89PNG"  # type: ignore[union-attr]
    finally:
        a.store.close()
        shutil.rmtree(home_data, ignore_errors=True)


def test_gradio_copies_files_into_a_private_folder(server, app: App):
    client, out = _interview(server, INTERVIEW)
    client.predict(out["sid"], "en", api_name="/prepare_files")
    base = app.settings.data_dir / "tmp"
    copies = list(base.rglob("proposal-*.docx"))
    assert copies, f"Gradio's copies of the downloads are not in the data folder's {base}"
    assert stat.S_IMODE(base.stat().st_mode) == 0o700
    for p in base.rglob("*"):
        assert stat.S_IMODE(p.stat().st_mode) == (0o700 if p.is_dir() else 0o600), p


def test_edit_box_writes_back_into_the_proposal(server):
    client, out = _interview(server, INTERVIEW)
    status, *views = client.predict(
        "target", "which press bearing will fail within a month", out["sid"], "en", api_name="/edit"
    )
    page = _views(views, NAMES[1:])
    assert "Updated" in status
    assert "which press bearing will fail within a month" in page["board"]
    assert "which press bearing will fail within a month [edited]" in page["proposal"]


def test_bad_edit_says_how_to_fix(server):
    client, out = _interview(server, INTERVIEW[:2])
    status, *_ = client.predict("frequency", "sometimes", out["sid"], "en", api_name="/edit")
    assert "no frequency found" in status


def test_the_language_switch_changes_the_page_not_a_live_interview(server):
    """Switching the page to Japanese mid-interview: the labels and strip follow, the interview keeps English (its
    board, its proposal, its replies to English messages); before the first answer, the switch sets both."""
    client, out = _interview(server, INTERVIEW)
    views = _views(client.predict("ja", out["sid"], api_name="/set_language"), NAMES[1:])
    assert views["lang"] == "ja" and "提案書ができました" in views["strip"]
    assert "Detection question" in views["board"] and "検出したいこと" not in views["board"]
    assert "## The detection question" in views["proposal"]
    reply = _views(client.predict("Thanks, that's all for now.", out["sid"], "ja", api_name="/send"), NAMES)
    assert reply["lang"] == "ja" and "Detection question" in reply["board"]
    last = reply["chat"][-1]
    assert not any("\u3040" <= ch <= "\u30ff" for ch in _text(last)), "an English message gets an English reply"
    fresh = _views(client.predict("ja", "", api_name="/set_language"), NAMES[1:])
    assert fresh["lang"] == "ja" and fresh["sid"] == ""


def test_concurrent_sessions_stay_isolated(server):
    def one(i: int) -> tuple[str, str]:
        lines = [
            f"I run store number {i} and we throw away {i} boxes of bread every evening.",
            f"I want to know how many loaves store {i} will sell tomorrow.",
            "I look at last week's sales and the weather.",
            "We keep two years of daily sales in the till system, and waste is recorded.",
            f"Every day, about {i + 1} hours of work.",
        ]
        _, out = _interview(server, lines)
        return _text(out["chat"][0]), out["sid"]

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(one, range(20)))
    assert len({sid for _, sid in results}) == 20
    for i, (first, _sid) in enumerate(results):
        assert f"store number {i} " in first


def test_resume_after_a_server_restart(app: App):
    with running(app) as url:
        _client, out = _interview(url, INTERVIEW[:3])
        session_id = out["sid"]
    with running(app) as url:
        fresh = Client(url, verbose=False)
        views = _views(fresh.predict(session_id, "", "en", api_name="/resume"), NAMES[1:])
        assert [_text(m) for m in views["chat"] if m["role"] == "user"] == INTERVIEW[:3]
        _, out = _interview(url, [INTERVIEW[3]], sid=session_id)
        assert len(out["chat"]) == 8


def test_unknown_id_does_not_open_anything(server):
    client = Client(server, verbose=False)
    views = _views(client.predict("not-a-real-id", "", "en", api_name="/resume"), NAMES[1:])
    assert views["sid"] == "" and views["chat"] == []


def test_link_to_slack_gives_a_one_time_code_for_this_interview(server, app: App):
    import re

    client, out = _interview(server, INTERVIEW[:1])
    shown = client.predict(out["sid"], "en", api_name="/slack_link")
    code = re.search(r"/theme start ([0-9A-F]{4}-[0-9A-F]{4})", shown)
    assert code and app.store.redeem_link(code.group(1)) == out["sid"]
    assert "Answer the first question" in client.predict("", "en", api_name="/slack_link")


def test_no_upload_fills_the_disk_and_no_monitoring_page_is_open(server):
    """The page takes no uploads and Gradio's traffic dashboard shows other visitors: neither is open to strangers."""
    import httpx

    big = httpx.post(server + "gradio_api/upload", files={"files": ("x.bin", b"0" * 2_000_000)}, timeout=30)
    assert big.status_code == 413, big.text[:200]
    monitoring = httpx.get(server + "monitoring/summary", timeout=30)
    assert monitoring.status_code in (403, 404), monitoring.text[:200]
