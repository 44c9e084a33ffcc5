"""Slack text: escaping, limits, Block Kit board; clear messages for missing or rejected tokens."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from assistant.adapters import cli
from assistant.adapters.slack_format import MAX_CHUNK, board_blocks, chunks, escape, split_text, to_mrkdwn
from assistant.adapters.slack_models import MessageEvent
from assistant.state import DetectionQuestion, Feasibility, InterviewState, Pain, Quote, Theme, ValueEstimate
from tests.slack_stub import slack_stub

NASTY = "<!channel> pay now & see <https://evil.example|your bank> <@U0ADMIN>"


def test_user_text_cannot_mention_channel_or_fake_a_link():
    text = escape(NASTY)
    assert "<" not in text and ">" not in text
    assert text.startswith("&lt;!channel&gt; pay now &amp; see &lt;https://evil.example|your bank&gt;")
    (only,) = chunks(f"You said: {NASTY}")
    assert "<!channel>" not in only and "&lt;!channel&gt;" in only


def test_long_replies_are_split_within_slack_limits():
    english = "\n\n".join(f"Paragraph {i}: " + "words & more <words> " * 40 for i in range(40))
    japanese = "毎晩パンを大量に捨てています。" * 900  # no spaces at all
    for text in (english, japanese):
        pieces = chunks(text)
        assert len(pieces) > 1 and all(len(p) <= MAX_CHUNK for p in pieces)
        assert "&amp;" not in "".join(split_text(text))  # escaping happens once, after the split
    assert "".join(p.replace("\n", "") for p in split_text(japanese)) == japanese


def test_a_split_code_block_is_closed_and_reopened():
    table = "| Step | Weeks |\n|---|---|\n" + "".join(
        f"| step {i} with a long description | {i} |\n" for i in range(200)
    )
    pieces = split_text(to_mrkdwn(table))
    assert len(pieces) > 1 and all(p.count("```") == 2 for p in pieces)


def test_markdown_headings_and_bold_become_mrkdwn():
    assert to_mrkdwn("# Title\n\n- **Pain:** bread") == "*Title*\n\n• *Pain:* bread"


def test_the_board_shows_value_and_feasibility_with_user_words_escaped():
    pain = Pain(id="p1", text=NASTY, quote=Quote(text=NASTY, turn=0))
    theme = Theme(
        id="t1",
        pain_id="p1",
        question=DetectionQuestion(text=f"Based on sales, detect {NASTY}", target=NASTY, inputs=["sales"]),
        value=ValueEstimate(per_year=200000.0, currency="USD"),
        feasibility=Feasibility(score=0.75),
        rank=1,
    )
    state = InterviewState(pains=[pain], themes=[theme])
    blocks = board_blocks(state)
    dumped = json.dumps(blocks)
    assert "<!channel>" not in dumped and "<https://evil" not in dumped and "<@U0ADMIN>" not in dumped
    section = blocks[1]["text"]["text"]
    assert "$200,000" in section and "75/100" in section
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks if b["type"] == "section")
    japanese = InterviewState(lang="ja", pains=[pain], themes=[theme])
    assert "年間の価値" in json.dumps(board_blocks(japanese), ensure_ascii=False)


def test_bot_mentions_are_stripped_from_the_text():
    event = MessageEvent(
        type="app_mention", text="<@U0LAN0Z89> is it everything a river should be?", ts="1", channel="C"
    )
    assert event.text_without("U0LAN0Z89") == "is it everything a river should be?"
    assert event.text_without(None) == "is it everything a river should be?"


def _run(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    base = {"SLACK_BOT_TOKEN": "", "SLACK_APP_TOKEN": "", "SLACK_SIGNING_SECRET": ""}
    result = CliRunner().invoke(cli.app, ["slack", *args], env={**base, **env})
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes is not None else "")


def test_missing_or_invalid_tokens_give_a_clear_message_not_a_traceback():
    code, out = _run(["--http"], {"SLACK_SIGNING_SECRET": "s"})
    assert code == 2 and "SLACK_BOT_TOKEN is not set" in out and "Traceback" not in out
    code, out = _run(["--http"], {"SLACK_BOT_TOKEN": "xoxb-test"})
    assert code == 2 and "SLACK_SIGNING_SECRET is not set" in out
    code, out = _run([], {"SLACK_BOT_TOKEN": "xoxp-user-token", "SLACK_APP_TOKEN": "xapp-1"})
    assert code == 2 and "starts with xoxb-" in out
    with slack_stub() as stub:
        api = {"THEME_ASSISTANT_SLACK_API_URL": stub.url + "api"}
        code, out = _run(["--http"], {**api, "SLACK_BOT_TOKEN": "xoxb-revoked", "SLACK_SIGNING_SECRET": "s"})
        assert code == 2 and "Slack rejected SLACK_BOT_TOKEN (invalid_auth)" in out
        socket = {**api, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xapp-revoked"}
        code, out = _run([], socket)
        assert code == 2 and "Slack refused SLACK_APP_TOKEN (invalid_auth)" in out and "Traceback" not in out
    code, out = _run([], {"SLACK_BOT_TOKEN": "xoxb-test"})
    assert code == 2 and "Socket Mode needs SLACK_APP_TOKEN" in out and "Traceback" not in out


def test_the_manifest_subscribes_to_what_the_bot_handles():
    import yaml

    from tests.conftest import ROOT

    manifest = yaml.safe_load((ROOT / "slack" / "manifest.yaml").read_text(encoding="utf-8"))
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert {"app_mention", "message.im", "message.channels"} <= events
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"app_mentions:read", "chat:write", "im:history", "channels:history", "commands", "files:write"} <= scopes
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/theme"]
