"""End to end in real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.app import App
from tests.conversations import EN_PRESS as EN
from tests.conversations import JA_FRESH as JA
from tests.webserver import running

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
    "--dns-prefetch-disable",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--no-default-browser-check",
    "--disable-features=OptimizationHints,MediaRouter,DialMediaRouteProvider,Translate,AutofillServerCommunication",
    # resolve nothing but loopback: the browser itself must not look anything up beyond this machine
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: apt-get install chromium (scripts/test does it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _messages(page) -> int:
    found = page.locator("#turn-count")
    return int(found.inner_text()) if found.count() else 0


def _say(page, text: str) -> None:
    before = _messages(page)
    page.fill("#msg textarea", text)
    page.click("#send")
    # the board, chart and proposal are re-rendered after the streamed reply; the count comes with them
    page.wait_for_function(
        "n => Number(document.querySelector('#turn-count')?.textContent || 0) >= n + 2", arg=before, timeout=60_000
    )


def _interview(page, lines: list[str]) -> None:
    for line in lines:
        _say(page, line)
    page.wait_for_selector("#board .ta-card", timeout=60_000)


def test_interviews_in_english_and_japanese(app: App, browser, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    with running(app) as url:
        page = browser.new_page(viewport={"width": 1500, "height": 1100}, accept_downloads=True)
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(url)
        page.wait_for_selector("#msg textarea", timeout=60_000)
        _interview(page, EN)
        board = page.inner_text("#board")
        assert "Based on" in board and "vibration" in board
        assert re.search(r"\$\d", board), board  # a value per year is shown
        page.wait_for_selector("#chart img", timeout=60_000)
        page.screenshot(path=str(ARTIFACTS / "board-en.png"), full_page=True)

        page.click("#tab-proposal-button")
        page.wait_for_selector("#dl-md:not([disabled])", timeout=60_000)
        with page.expect_download() as info:
            page.click("#dl-md")
        saved = tmp_path / "proposal.md"
        info.value.save_as(saved)
        text = saved.read_text(encoding="utf-8")
        assert text.startswith("# PoC proposal") and "## PoC plan" in text
        with page.expect_download() as info:
            page.click("#dl-docx")
        assert info.value.suggested_filename.endswith(".docx")

        page.click("#tab-themes-button")
        page.click("#new")
        page.wait_for_function("() => document.querySelectorAll('#chat .bot.message').length === 0")
        _interview(page, JA)
        board = page.inner_text("#board")
        assert "を検出する" in board and "売" in board
        page.wait_for_selector("#chart img", timeout=60_000)
        page.screenshot(path=str(ARTIFACTS / "board-ja.png"), full_page=True)
        page.close()
    outside = [u for u in requested if not u.startswith((url, "data:", "blob:"))]
    assert not outside, f"the page fetched from outside the server (CDN, fonts, analytics): {outside[:5]}"
    assert any(u.endswith("ipaexg.ttf") for u in requested), "the Japanese web font is served by the app itself"


def test_resume_in_the_browser_after_a_server_restart(app: App, browser):
    with running(app) as url:
        page = browser.new_page()
        page.goto(url)
        page.wait_for_selector("#msg textarea", timeout=60_000)
        _say(page, EN[0])
        _say(page, EN[1])
        session_id = re.search(r"session=([\w-]+)", page.inner_text("#session-info")).group(1)
        page.close()
    with running(app) as url:
        page = browser.new_page()
        page.goto(f"{url}?session={session_id}")
        page.wait_for_function("() => document.querySelectorAll('#chat .bot.message').length === 2", timeout=60_000)
        assert EN[1] in page.inner_text("#chat")
        _say(page, EN[2])
        assert page.locator("#chat .bot.message").count() == 3
        page.close()
