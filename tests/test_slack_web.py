"""One store for both doors: an interview begun in Slack opens in the real web UI by its id, and goes on there."""

from __future__ import annotations

import pytest
from gradio_client import Client

from assistant.app import App
from tests.conversations import EN_PRESS
from tests.slack_harness import mention, reply, serving
from tests.webserver import running

pytestmark = pytest.mark.slow


def _text(message: dict) -> str:
    content = message["content"]
    return content if isinstance(content, str) else " ".join(c.get("text", "") for c in content)


def test_a_slack_interview_opens_and_continues_in_the_web_ui(app: App):
    with serving(app) as slack:
        parent = slack.say(mention(EN_PRESS[0]))["event"]["ts"]
        slack.say(reply(parent, EN_PRESS[1]))
        session_id = slack.stub.named("chat.postEphemeral")[0].params["text"].split()[2]
    with running(app) as url:
        web = Client(url, verbose=False)
        views = web.predict(session_id, "", "en", api_name="/resume")
        chat = views[1]  # (session id, chat update, …): the web UI v2's outputs
        history = chat["value"] if isinstance(chat, dict) else chat
        assert [_text(m) for m in history if m["role"] == "user"] == EN_PRESS[:2]
        web.predict(EN_PRESS[2], session_id, "en", api_name="/send")
    with serving(app) as slack:  # and back in the Slack thread, the interview has the web turn too
        slack.say(reply(parent, EN_PRESS[3]))
        assert len(slack.stub.posts(parent)) == 1
    state = app.service.get(session_id)
    assert [t.text for t in state.transcript if t.role == "user"] == EN_PRESS[:4]
