"""End to end in real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.app import App
from tests.conversations import EN_PRESS as EN
from tests.conversations import JA_FRESH as JA
from tests.test_web_units import docx_author, docx_has_picture, docx_text, rendered
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
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
HOSTILE = (
    "<img src=x onerror=alert(1)> <script>alert(2)</script> [click](javascript:alert(3)) "
    "![pixel](http://evil.example/p.png) <img src=http://evil.example/q.png> www.evil.example **loud**"
)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: apt-get install chromium (scripts/test does it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _open(browser, url: str, viewport: dict, requested: list[str] | None = None, lang: str = "en-US"):
    page = browser.new_page(viewport=viewport, accept_downloads=True, locale=lang)
    if requested is not None:
        page.on("request", lambda r: requested.append(r.url))
    page.goto(url)
    page.wait_for_selector("#ta-progress", timeout=60_000)  # the page's own load event has run
    return page


def _messages(page) -> int:
    found = page.locator("#turn-count")
    return int(found.inner_text()) if found.count() else 0


def _say(page, text: str) -> None:
    before = _messages(page)
    # the previous turn's trailing steps (labels, address, chart) may still re-render the box on a loaded
    # machine: type again until the text stays, as a person would, then send
    for _ in range(20):
        page.fill("#msg textarea", text)
        page.wait_for_timeout(150)
        if page.input_value("#msg textarea") == text:
            break
    page.click("#send")
    # the board, chart and proposal are re-rendered after the streamed reply; the count comes with them
    page.wait_for_function(
        "n => Number(document.querySelector('#turn-count')?.textContent || 0) >= n + 2", arg=before, timeout=90_000
    )


def _interview(page, lines: list[str]) -> None:
    for line in lines:
        _say(page, line)
    page.wait_for_selector("#board .ta-card", timeout=60_000)


def _download(page, selector: str, to: Path) -> Path:
    with page.expect_download() as info:
        page.click(selector)
    info.value.save_as(to)
    return to


def _proposal_files(app: App) -> list[Path]:
    """Every .md and .docx of a proposal in the data folder: our exports and Gradio's copies of them."""
    return sorted(app.settings.data_dir.rglob("proposal-*"))


def _prepared(page) -> None:
    """Until Prepare has written the files and both download buttons offer them."""
    page.wait_for_function(
        "() => ['#dl-md', '#dl-docx'].every(s => { const b = document.querySelector(s); return b && !b.disabled; })",
        timeout=60_000,
    )


def _outside(requested: list[str], url: str) -> list[str]:
    return [u for u in requested if not u.startswith((url, "data:", "blob:"))]


def test_english_interview_downloads_switch_and_phone(app: App, browser, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    requested: list[str] = []
    with running(app) as url:
        page = _open(browser, url, DESKTOP, requested)
        assert "Topic 1 of 6" in page.inner_text("#progress")
        _say(page, EN[0])
        assert re.search(r"Topic \d of 6: \w", page.inner_text("#progress"))
        _interview(page, EN[1:])
        board = page.inner_text("#board")
        assert "Based on" in board and "vibration" in board and re.search(r"\$\d", board)
        # the chart is drawn when its panel is opened
        assert page.locator("#chart img").count() == 0
        page.click("#chart-box button.label-wrap")
        page.wait_for_selector("#chart img", timeout=60_000)
        tabs = page.locator("#tabs button[role=tab]:visible")
        assert tabs.count() == 4, "all four tabs fit at 1366 px"
        # the strip's call to action opens the Proposal tab and prepares the downloads
        page.wait_for_selector("#cta-proposal", timeout=60_000)
        assert "Proposal ready" in page.inner_text("#progress")
        page.screenshot(path=str(ARTIFACTS / "desktop-en.png"), full_page=True)
        page.click("#cta-proposal")
        _prepared(page)
        text = _download(page, "#dl-md", tmp_path / "p.md").read_text(encoding="utf-8")
        assert text.startswith("# PoC proposal") and "## PoC plan" in text
        docx = _download(page, "#dl-docx", tmp_path / "p.docx")
        assert docx_author(docx) == "theme-assistant" and docx_has_picture(docx), "the chart is in the .docx"

        # the switch changes the page's language; the live interview keeps its own (board, proposal, replies)
        page.get_by_label("日本語").check()
        page.wait_for_function("() => document.querySelector('#send')?.textContent.includes('送信')")
        assert "Send" not in page.inner_text("#send") and "Patterns" not in page.inner_text("#tabs")
        assert "Detection question" in page.inner_text("#board") and "検出したいこと" not in page.inner_text("#board")
        page.click("#tab-proposal-button")
        assert "PoC proposal" in page.inner_text("#proposal")
        page.click("#tab-patterns-button")
        page.click("#pattern-pick input")
        page.locator("ul[role=listbox] li").first.click()
        page.wait_for_function("() => document.querySelector('#pattern-detail')?.textContent.includes('PoC計画')")
        assert "Pains" not in page.inner_text("#pattern-detail"), "the knowledge base is shown in the page's language"
        page.screenshot(path=str(ARTIFACTS / "desktop-switched-ja.png"), full_page=True)
        page.close()

        phone = _open(browser, url, PHONE, requested, lang="ja-JP")
        # the page asks the browser for its language once loaded, then relabels itself: wait for it
        phone.wait_for_function("() => document.querySelector('#send')?.textContent.includes('送信')", timeout=60_000)
        assert "送信" in phone.inner_text("#send"), "a new page follows the browser's language"
        _interview(phone, JA)
        assert "を基に" in phone.inner_text("#board") and "を予測する" in phone.inner_text("#board")  # a forecast
        assert phone.locator("#tabs button[role=tab]:visible").count() == 4, "all four tabs fit at 390 px"
        board_top = phone.locator("#board").bounding_box()["y"]
        input_top = phone.locator("#msg").bounding_box()["y"]
        assert board_top - input_top < 700, "on a phone the board is close below the input"
        phone.screenshot(path=str(ARTIFACTS / "phone-ja.png"), full_page=True)
        phone.close()
    assert not _outside(requested, url), f"the page fetched from outside: {_outside(requested, url)[:5]}"
    assert any(u.endswith("ipaexg.ttf") for u in requested), "the Japanese web font is served by the app itself"


def test_hostile_text_is_shown_as_typed_everywhere(app: App, browser, tmp_path):
    requested: list[str] = []
    with running(app) as url:
        page = _open(browser, url, DESKTOP, requested)
        _interview(page, EN)
        _say(page, HOSTILE)
        bubble = page.locator("#chat .message.user").last.inner_text()
        assert "<script>alert(2)</script>" in bubble and "<img src=x onerror=alert(1)>" in bubble
        assert "**loud**" in bubble, "Markdown in user text is shown, not applied"
        # the same text as the detection target: board, chart, proposal preview and both downloads
        page.click("#tab-edit-button")
        # the tab shows the field's current value first (the target as the interview has it); then it is edited
        page.wait_for_function("() => document.querySelector('#edit-value textarea')?.value.length > 0")
        page.fill("#edit-value textarea", HOSTILE)
        page.click("#edit-apply")
        page.wait_for_function("() => document.querySelector('#board')?.textContent.includes('<script>alert(2)')")
        page.click("#tab-proposal-button")
        page.wait_for_function("() => document.querySelector('#proposal')?.textContent.includes('<script>alert(2)')")
        for area in ("#chat", "#board", "#proposal"):
            assert page.locator(f"{area} img[src='x'], {area} img[src*='evil'], {area} script").count() == 0
            assert page.locator(f"{area} a[href^='javascript'], {area} a[href*='evil']").count() == 0, area
        page.screenshot(path=str(ARTIFACTS / "hostile.png"), full_page=True)
        page.click("#dl-prepare")
        _prepared(page)
        md = _download(page, "#dl-md", tmp_path / "p.md").read_text(encoding="utf-8")
        assert not re.search(r"<(img|script|a)\b", rendered(md)), "a Markdown viewer shows the text, not HTML"
        assert md.splitlines()[0].startswith("# PoC proposal: \\<img src=x onerror=alert(1)\\>")
        docx = docx_text(_download(page, "#dl-docx", tmp_path / "p.docx"))
        assert "&lt;script&gt;alert(2)&lt;/script&gt;" in docx, "Word shows the text as typed"
        page.close()
    assert not _outside(requested, url), f"user text made the page fetch: {_outside(requested, url)[:5]}"


def test_reload_resumes_copy_link_and_clear_starts_anew(app: App, browser):
    with running(app) as url:
        page = _open(browser, url, DESKTOP)
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        assert "session=" not in page.url
        _say(page, EN[0])
        page.wait_for_url(re.compile(r"\?session=[\w-]+"), timeout=30_000)
        session_id = page.url.split("session=")[1]
        _say(page, EN[1])
        page.reload()
        page.wait_for_function("() => document.querySelectorAll('#chat .bot.message').length === 2", timeout=60_000)
        assert EN[1] in page.inner_text("#chat")
        page.click("#copy-link")
        page.wait_for_function("() => document.querySelector('#copy-link')?.dataset.copied")
        copied = page.evaluate("() => document.querySelector('#copy-link').dataset.copied")
        assert copied == f"{url}?session={session_id}"
        assert page.get_attribute("#session-link", "href") == f"?session={session_id}"
        page.once("dialog", lambda d: d.dismiss())  # "start a new interview?" - no: nothing is lost
        page.click("#chat button[aria-label='Clear']")
        page.wait_for_function("() => document.querySelectorAll('#chat .bot.message').length === 2", timeout=30_000)
        page.once("dialog", lambda d: d.accept())  # yes: really a new interview, the address forgets the old one
        page.click("#chat button[aria-label='Clear']")
        page.wait_for_function("() => !location.search.includes('session=')", timeout=30_000)
        _say(page, EN[2])
        page.wait_for_url(re.compile(r"\?session=[\w-]+"), timeout=30_000)
        assert session_id not in page.url and page.locator("#chat .bot.message").count() == 1
        page.close()
    with running(app) as url:  # and after a server restart
        page = _open(browser, f"{url}?session={session_id}", DESKTOP)
        page.wait_for_function("() => document.querySelectorAll('#chat .bot.message').length === 2", timeout=60_000)
        _say(page, EN[2])
        assert page.locator("#chat .bot.message").count() == 3
        page.close()


def test_the_docx_is_written_when_asked_for_and_never_by_a_turn(app: App, browser, tmp_path):
    with running(app) as url:
        page = _open(browser, url, DESKTOP)
        _interview(page, EN)
        page.wait_for_selector("#cta-proposal", timeout=60_000)
        assert _proposal_files(app) == [], "five turns, the last one completing the proposal, wrote no file"
        page.click("#tab-proposal-button")
        page.wait_for_function("() => document.querySelector('#proposal')?.textContent.includes('PoC plan')")
        assert page.locator("#dl-docx").is_disabled() and _proposal_files(app) == [], "nor did opening the tab"
        page.click("#dl-prepare")
        _prepared(page)
        docx = _download(page, "#dl-docx", tmp_path / "p.docx")
        assert docx_author(docx) == "theme-assistant" and "stamping" in docx_text(docx)
        written = {p: p.stat().st_mtime_ns for p in _proposal_files(app)}
        assert any(p.suffix == ".docx" for p in written)
        _say(page, "Thanks, that is all.")
        page.wait_for_function("() => document.querySelector('#dl-docx')?.disabled", timeout=30_000)
        assert {p: p.stat().st_mtime_ns for p in _proposal_files(app)} == written, "the turn rewrote no file"
        page.close()


def _slow_turns(app: App, monkeypatch, seconds: float) -> None:
    """Every turn takes `seconds` more (as an LLM turn or a loaded machine does): to see the page while it works."""
    import time as _time

    service = app.service
    real = service._respond_stream

    def slow(state, turn):
        _time.sleep(seconds)
        yield from real(state, turn)

    monkeypatch.setattr(service, "_respond_stream", slow)


def test_two_messages_sent_150_ms_apart_are_both_answered_and_kept(app: App, browser, monkeypatch):
    _slow_turns(app, monkeypatch, 1.5)
    first = "I schedule the night shift at a frozen-food warehouse."
    second = "Oh and pickers keep grabbing the wrong case, maybe 30 a week."
    with running(app) as url:
        page = _open(browser, url, DESKTOP)
        page.fill("#msg textarea", first)
        page.press("#msg textarea", "Enter")
        page.wait_for_timeout(150)
        page.fill("#msg textarea", second)
        page.press("#msg textarea", "Enter")
        # busy while the turns run: the page says so, the box is free for the next message
        page.wait_for_function("() => document.body.classList.contains('ta-busy')", timeout=5_000)
        page.wait_for_function("() => document.querySelector('#msg textarea').value === ''", timeout=5_000)
        page.wait_for_selector("#progress .ta-working", timeout=5_000)
        page.screenshot(path=str(ARTIFACTS / "busy-two-messages.png"))
        page.wait_for_function(
            "() => Number(document.querySelector('#turn-count')?.textContent || 0) >= 4", timeout=60_000
        )
        page.wait_for_function("() => !document.body.classList.contains('ta-busy')", timeout=30_000)
        page.reload()
        page.wait_for_selector("#turn-count", timeout=60_000)
        bubbles = page.locator("#chat .message").all_inner_texts()
        assert any(first in b for b in bubbles) and any(second in b for b in bubbles), bubbles
        sid = page.input_value("#sid textarea") if page.locator("#sid textarea").count() else None
    state = app.service.store.recent(limit=5)
    assert len(state) == 1, "both messages went to one interview"
    turns = app.service.get(state[0].id).transcript
    assert [t.text for t in turns if t.role == "user"] == [first, second]
    assert [t.role for t in turns] == ["user", "assistant", "user", "assistant"]
    assert sid is None or sid == state[0].id


def test_a_message_typed_while_a_reply_streams_is_not_wiped(app: App, browser, monkeypatch):
    _slow_turns(app, monkeypatch, 1.5)
    with running(app) as url:
        page = _open(browser, url, DESKTOP)
        page.fill("#msg textarea", "I run quality checks on injection-molded caps.")
        page.press("#msg textarea", "Enter")
        page.wait_for_timeout(300)
        page.type("#msg textarea", "and the short shots")
        page.wait_for_function(
            "() => Number(document.querySelector('#turn-count')?.textContent || 0) >= 2", timeout=60_000
        )
        page.wait_for_timeout(500)  # the trailing steps (labels, address, chart) have run
        assert page.input_value("#msg textarea") == "and the short shots"


@pytest.mark.parametrize("lang", ["en-US", "ja-JP"])
def test_the_first_screen_of_a_laptop_and_a_phone_shows_what_to_do(app: App, browser, lang):
    """At 1366x657 (a laptop with its toolbars) the box and Send are above the fold and the greeting says what
    one gets; at 390x844 the title is not a column of words."""
    with running(app) as url:
        page = _open(browser, url, {"width": 1366, "height": 657}, lang=lang)
        page.wait_for_timeout(500)  # the page relabels itself in the browser's language
        for selector in ("#msg textarea", "#send"):
            box = page.locator(selector).bounding_box()
            assert box is not None and box["y"] + box["height"] <= 657, (selector, box)
        greeting = page.inner_text("#chat")
        assert ("ten minutes" in greeting and "proposal" in greeting) or ("10分" in greeting and "提案書" in greeting)
        page.screenshot(path=str(ARTIFACTS / f"laptop-1366x657-{lang}.png"))
        page.close()
        phone = _open(browser, url, PHONE, lang=lang)
        phone.wait_for_timeout(500)
        title = phone.locator("#title").bounding_box()
        assert title is not None and title["height"] < 90, title
        phone.screenshot(path=str(ARTIFACTS / f"phone-first-{lang}.png"))
        phone.close()


def test_a_bad_link_says_so_and_copy_link_says_it_copied(app: App, browser):
    with running(app) as url:
        page = _open(browser, url + "?session=not-a-real-interview", DESKTOP)
        page.wait_for_selector("text=No interview has that id", timeout=30_000)
        page.close()
        page = _open(browser, url, DESKTOP)
        _say(page, "I plan maintenance for a stamping plant and the presses stop without warning.")
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.evaluate("() => { window.prompt = () => null; }")  # no clipboard on plain http: the prompt fallback
        page.click("#copy-link")
        page.wait_for_function("() => document.querySelector('#copy-link')?.textContent.includes('Copied')")
        # screen readers name the box and the language group by their labels, not "Textbox" and "Radio"
        assert page.get_by_label("Your message").count() == 1
        assert page.get_by_role("radiogroup", name="Language / 言語").count() == 1
        page.close()


@pytest.mark.parametrize(
    ("lang", "query", "word"),
    [
        ("en-US", "forklift near misses in the warehouse", "Pitfalls"),
        ("ja-JP", "フォークリフトのヒヤリハット", "落とし穴"),
    ],
)
def test_the_knowledge_base_can_be_searched_on_a_fresh_page(app: App, browser, lang, query, word):
    with running(app) as url:
        page = _open(browser, url, DESKTOP, lang=lang)
        page.wait_for_timeout(500)
        page.click("#tab-patterns-button")
        page.fill("#kb-query textarea, #kb-query input", query)
        page.press("#kb-query textarea, #kb-query input", "Enter")
        page.wait_for_function(f"() => document.querySelector('#pattern-detail')?.textContent.includes('{word}')")
        detail = page.inner_text("#pattern-detail")
        assert "PoC" in detail and len(detail) > 200
        page.screenshot(path=str(ARTIFACTS / f"kb-search-{lang}.png"), full_page=True)
        page.close()
