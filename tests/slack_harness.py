"""The Slack adapter served over real HTTP on 127.0.0.1, with payloads shaped like Slack's documented examples."""

from __future__ import annotations

import copy
import json
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from pydantic import SecretStr

from assistant.adapters.slack_app import build_bolt_app, http_running
from assistant.adapters.slack_bot import SlackBot
from assistant.app import App
from assistant.service import ChatService
from tests.slack_stub import TEAM, SlackStub, send, signed, slack_stub
from tests.webserver import free_port

#: The example signing secret of Slack's "Verifying requests from Slack" page.
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"

# https://docs.slack.dev/reference/events/app_mention (event wrapper included)
APP_MENTION: dict[str, Any] = {
    "token": "XXYYZZ",
    "team_id": "T123ABC456",
    "api_app_id": "A123ABC456",
    "event": {
        "type": "app_mention",
        "user": "U061F7AUR",
        "text": "<@U0LAN0Z89> is it everything a river should be?",
        "ts": "1515449522.000016",
        "channel": "C123ABC456",
        "event_ts": "1515449522000016",
    },
    "type": "event_callback",
    "authorizations": [
        {"team_id": "T123ABC456", "user_id": "U123ABC456", "is_bot": False, "is_enterprise_install": False}
    ],
    "event_id": "Ev123ABC456",
    "event_time": 123456789,
}

# https://docs.slack.dev/reference/events/message.im
MESSAGE_IM: dict[str, Any] = {
    "token": "one-long-verification-token",
    "team_id": "T123ABC456",
    "api_app_id": "A0PNCHHK2",
    "event": {
        "type": "message",
        "channel": "D024BE91L",
        "user": "U2147483697",
        "text": "Hello hello can you hear me?",
        "ts": "1355517523.000005",
        "event_ts": "1355517523.000005",
        "channel_type": "im",
    },
    "type": "event_callback",
    "authorizations": [
        {"team_id": "T123ABC456", "user_id": "U2147483697", "is_bot": False, "is_enterprise_install": False}
    ],
    "event_id": "Ev0PV52K21",
    "event_time": 1355517523,
}

# https://docs.slack.dev/reference/events/url_verification
URL_VERIFICATION = {
    "token": "Jhj5dZrVaK7ZwHHjRyZWjbDl",
    "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    "type": "url_verification",
}

# https://docs.slack.dev/interactivity/implementing-slash-commands (the documented form post)
SLASH_COMMAND = {
    "token": "gIkuvaNzQIHg97ATvDxqgjtO",
    "team_id": "T123ABC456",
    "team_domain": "example",
    "enterprise_id": "E0001",
    "enterprise_name": "Globular Construct Inc",
    "channel_id": "C2147483705",
    "channel_name": "test",
    "user_id": "U2147483697",
    "user_name": "Steve",
    "command": "/theme",
    "text": "",
    "response_url": "https://hooks.slack.com/commands/1234/5678",
    "trigger_id": "13345224609.738474920.8088930838d88f008e0",
    "api_app_id": "A123456",
}

_ids = iter(range(10**6))


def mention(text: str, user: str = "U061F7AUR", channel: str = "C123ABC456", ts: str | None = None) -> dict[str, Any]:
    """An app_mention at the top of a channel (it starts a thread of its own)."""
    n = next(_ids)
    body = copy.deepcopy(APP_MENTION)
    body["event"].update(user=user, channel=channel, text=f"<@U0LAN0Z89> {text}", ts=ts or f"1515449522.{n:06d}")
    body["event_id"] = f"Ev{n:08d}MENTION"
    return body


def reply(thread_ts: str, text: str, user: str = "U061F7AUR", channel: str = "C123ABC456") -> dict[str, Any]:
    """A message in a channel thread (message.channels): `thread_ts` names the parent, as Slack documents."""
    n = next(_ids)
    ts = f"1515449600.{n:06d}"
    event = {
        "type": "message",
        "user": user,
        "text": text,
        "ts": ts,
        "thread_ts": thread_ts,
        "parent_user_id": "U061F7AUR",
        "channel": channel,
        "event_ts": ts,
        "channel_type": "channel",
    }
    return {**copy.deepcopy(APP_MENTION), "event": event, "event_id": f"Ev{n:08d}REPLY"}


def dm(text: str, user: str = "U2147483697", thread_ts: str | None = None) -> dict[str, Any]:
    n = next(_ids)
    body = copy.deepcopy(MESSAGE_IM)
    body["event"].update(user=user, text=text, ts=f"1355517523.{n:06d}", event_ts=f"1355517523.{n:06d}")
    if thread_ts:
        body["event"]["thread_ts"] = thread_ts
    body["event_id"] = f"Ev{n:08d}DM"
    return body


@dataclass
class Harness:
    url: str
    stub: SlackStub
    core: App
    bot: SlackBot
    finished: list[str] = field(default_factory=list)
    _cond: threading.Condition = field(default_factory=threading.Condition)

    def event(self, body: dict[str, Any], headers: dict[str, str] | None = None, **sign: Any) -> tuple[int, str]:
        raw = json.dumps(body)
        return send(
            self.url,
            raw,
            {**signed(sign.get("secret", SECRET), raw, sign.get("timestamp")), **(headers or {})},
            "application/json",
        )

    def command(self, text: str, user: str = "U2147483697", channel: str = "C2147483705") -> tuple[int, str]:
        form = {**SLASH_COMMAND, "text": text, "user_id": user, "channel_id": channel}
        form["response_url"] = f"{self.stub.url}respond/{next(_ids)}"
        raw = urllib.parse.urlencode(form)
        return send(self.url, raw, signed(SECRET, raw), "application/x-www-form-urlencoded")

    def wait_handled(self, count: int, timeout: float = 30.0) -> None:
        """Until the bot has finished `count` events (acked events are handled after the HTTP answer)."""
        with self._cond:
            if not self._cond.wait_for(lambda: len(self.finished) >= count, timeout):
                raise AssertionError(f"only {len(self.finished)} of {count} events were handled")

    def say(self, body: dict[str, Any]) -> Any:
        """Send an event and wait until the bot has dealt with it; returns the event sent."""
        before = len(self.finished)
        status, _ = self.event(body)
        assert status == 200
        self.wait_handled(before + 1)
        return body


def _counting(harness: Harness) -> None:
    real = harness.bot.on_event

    def on_event(body: dict[str, Any], retry: str | None = None) -> None:
        try:
            real(body, retry)
        finally:
            with harness._cond:
                harness.finished.append(str(body.get("event_id")))
                harness._cond.notify_all()

    harness.bot.on_event = on_event  # type: ignore[method-assign]


def core_for(app: App, stub: SlackStub, service: ChatService | None = None) -> App:
    """An app like the test app (same KB, index, store) whose settings point the bot at the stand-in."""
    settings = app.settings.model_copy(
        update={
            "slack_api_url": stub.url + "api/",
            "slack_bot_token": SecretStr("xoxb-test"),
            "slack_signing_secret": SecretStr(SECRET),
        }
    )
    core = App(settings)
    core.__dict__.update(kb=app.kb, index=app.index, store=app.store, service=service or app.service)
    return core


@contextmanager
def serving(app: App, service: ChatService | None = None, stub: SlackStub | None = None) -> Iterator[Harness]:
    with _maybe_stub(stub) as live:
        core = core_for(app, live, service)
        bolt, bot = build_bolt_app(core, http=True)
        try:
            with http_running(bolt, "127.0.0.1", free_port()) as url:
                harness = Harness(url, live, core, bot)
                _counting(harness)
                yield harness
        finally:
            bot.close()


@contextmanager
def _maybe_stub(stub: SlackStub | None) -> Iterator[SlackStub]:
    if stub is not None:
        yield stub
        return
    with slack_stub() as fresh:
        yield fresh


__all__ = ["TEAM", "Harness", "dm", "mention", "reply", "serving"]
