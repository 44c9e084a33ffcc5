"""The real Gradio server on 127.0.0.1, driven through gradio_client (the UI's own API)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from gradio_client import Client

from assistant.app import App
from tests.conversations import EN_PRESS as INTERVIEW
from tests.webserver import running

pytestmark = pytest.mark.slow


def _text(message: dict) -> str:
    content = message["content"]
    return content if isinstance(content, str) else " ".join(c.get("text", "") for c in content)


def _interview(url: str, lines: list[str]) -> tuple[Client, tuple]:
    client = Client(url, verbose=False)
    out: tuple = ()
    for line in lines:
        out = client.predict(line, api_name="/send")
    return client, out


@pytest.fixture()
def server(app: App):
    with running(app) as url:
        yield url


def test_interview_updates_board_chart_and_proposal(server):
    _, out = _interview(server, INTERVIEW)
    _msg, history, board, chart, proposal, dl_md, _dl_docx, info, _choices = out
    assert len(history) == 2 * len(INTERVIEW)
    assert "Based on" in board and "vibration" in board and "break down" in board
    assert "data-pattern='equipment-anomaly'" in board or "data-pattern='remaining-useful-life'" in board
    assert chart is not None
    assert "## The detection question" in proposal and "[turn " in proposal
    md = Path(dl_md["value"]["path"] if isinstance(dl_md["value"], dict) else dl_md["value"])
    assert md.read_text(encoding="utf-8").startswith("# PoC proposal")
    assert "Interview id" in info


def test_edit_box_writes_back_into_the_proposal(server):
    client, _ = _interview(server, INTERVIEW)
    status, *views = client.predict("target", "which press bearing will fail within a month", api_name="/edit")
    board, _chart, proposal = views[0], views[1], views[2]
    assert "updated" in status
    assert "which press bearing will fail within a month" in board
    assert "which press bearing will fail within a month [edited]" in proposal


def test_bad_edit_says_how_to_fix(server):
    client, _ = _interview(server, INTERVIEW[:2])
    status, *_ = client.predict("frequency", "sometimes", api_name="/edit")
    assert "no frequency found" in status


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
        return out[1][0]["content"][0]["text"] if isinstance(out[1][0]["content"], list) else out[1][0]["content"], out[
            7
        ]

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(one, range(20)))
    ids = {info for _, info in results}
    assert len(ids) == 20
    for i, (first, _info) in enumerate(results):
        assert f"store number {i} " in first


def test_resume_after_a_server_restart(app: App):
    with running(app) as url:
        _client, out = _interview(url, INTERVIEW[:3])
        session_id = out[7].split("`")[1]
    with running(app) as url:
        fresh = Client(url, verbose=False)
        _sid_history = fresh.predict(session_id, api_name="/resume")
        history = _sid_history[0]
        assert [_text(m) for m in history if m["role"] == "user"] == INTERVIEW[:3]
        out = fresh.predict(INTERVIEW[3], api_name="/send")
        assert len(out[1]) == 8


def test_unknown_id_does_not_open_anything(server):
    client = Client(server, verbose=False)
    out = client.predict("not-a-real-id", api_name="/resume")
    assert out[0] == [] or all("not-a-real-id" not in _text(m) for m in out[0])
