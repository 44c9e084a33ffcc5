"""/theme start, status and proposal as signed form posts; a slow backend; one broken conversation among others."""

from __future__ import annotations

import json
import threading
import time

import pytest

from assistant.adapters.slack_format import WELCOME
from assistant.app import App
from assistant.interview import Reply
from assistant.service import ChatService
from assistant.state import InterviewState
from assistant.store import SessionStore
from tests.conversations import EN_PRESS
from tests.slack_harness import mention, reply, serving
from tests.slack_stub import slack_stub

pytestmark = pytest.mark.slow


def _responses(slack) -> list[dict]:
    return [c.params for c in slack.stub.named("response_url")]


def _started(slack) -> str:
    """Waits for `/theme start`'s welcome in its new thread; returns the thread."""
    slack.stub.wait_for(lambda s: any(p.params["text"] == WELCOME for p in s.posts()))
    return next(p.params["thread_ts"] for p in slack.stub.posts() if p.params["text"] == WELCOME)


def test_start_then_interview_then_status_and_proposal(app: App):
    with serving(app) as slack:
        status, _ = slack.command("start")
        assert status == 200
        _started(slack)
        top, welcome = slack.stub.posts()[:2]
        assert top.params["channel"] == "C2147483705" and "thread_ts" not in top.params
        assert "<@U2147483697> starts an interview" in top.params["text"]
        parent = welcome.params["thread_ts"]
        for line in EN_PRESS:
            slack.say(reply(parent, line, user="U2147483697", channel="C2147483705"))

        assert slack.command("status")[0] == 200
        slack.stub.wait_for(lambda s: len(s.named("views.open")) == 1)
        view = slack.stub.named("views.open")[0].params
        assert view["trigger_id"] == "13345224609.738474920.8088930838d88f008e0"
        modal = view["view"] if isinstance(view["view"], dict) else json.loads(view["view"])
        text = json.dumps(modal["blocks"], ensure_ascii=False)
        assert modal["type"] == "modal" and "Value per year" in text and "Feasibility" in text and "/100" in text
        assert "vibration" in text

        assert slack.command("proposal")[0] == 200
        slack.stub.wait_for(lambda s: len(s.named("files.completeUploadExternal")) == 1)
        markdown = [p.params["text"] for p in slack.stub.posts(parent)]
        assert any(t.startswith("*PoC proposal") for t in markdown)  # the Markdown, as Slack mrkdwn
        assert any("*The detection question*" in t for t in markdown)
        start = slack.stub.named("files.getUploadURLExternal")[0].params
        assert start["filename"].endswith(".docx") and int(start["length"]) > 1000
        (upload,) = slack.stub.uploads.values()
        assert upload[:2] == b"PK"  # a real .docx (a zip)
        done = slack.stub.named("files.completeUploadExternal")[0].params
        assert done["channel_id"] == "C2147483705" and done["thread_ts"] == parent


def test_status_needs_an_interview_and_proposal_waits_until_ready(app: App):
    with serving(app) as slack:
        slack.command("status")
        slack.stub.wait_for(lambda s: len(s.named("response_url")) == 1)
        assert "no interview in this channel" in _responses(slack)[0]["text"]
        slack.command("start")
        parent = _started(slack)
        slack.command("proposal")
        slack.stub.wait_for(lambda s: len(s.named("response_url")) == 2)
        assert "no answers yet: answer the first question in its thread" in _responses(slack)[1]["text"]
        slack.say(reply(parent, EN_PRESS[0], user="U2147483697", channel="C2147483705"))
        slack.command("proposal")
        slack.stub.wait_for(lambda s: len(s.named("response_url")) == 3)
        assert "not ready yet" in _responses(slack)[2]["text"]
        status, body = slack.command("frobnicate")
        assert status == 200 and "/theme status" in body  # help, straight in the acknowledgement


def test_a_web_interview_opens_in_slack_only_with_a_code_from_its_page(app: App):
    """The id alone (seen in a link or over a shoulder) opens nothing; the one-time code the page shows does,
    once; the proposal of an interview someone else owns is never posted."""
    state = app.service.new_session("web")
    app.service.handle_state(state, EN_PRESS[0])
    with serving(app) as slack:
        for verb in ("start", "status", "proposal"):
            slack.command(f"{verb} {state.id}")
        slack.stub.wait_for(lambda s: len(s.named("response_url")) == 3)
        assert all("Link to Slack" in r["text"] for r in _responses(slack))
        assert slack.stub.posts() == [] and not slack.stub.named("views.open")
        code = app.store.link_code(state.id)
        assert app.store.redeem_link(code) == state.id and app.store.redeem_link(code) is None, "once only"


def test_an_interview_from_the_web_continues_in_slack_and_back(app: App):
    state = app.service.new_session("web")
    app.service.handle_state(state, EN_PRESS[0])
    with serving(app) as slack:
        slack.command(f"start {app.store.link_code(state.id)}")
        slack.stub.wait_for(lambda s: len(s.named("chat.postEphemeral")) == 1)
        top, question = slack.stub.posts()[:2]
        assert "continues an interview" in top.params["text"]
        assert question.params["text"].startswith("When “the presses stop without warning")
        parent = question.params["thread_ts"]
        slack.say(reply(parent, EN_PRESS[1], user="U2147483697", channel="C2147483705"))
    again = app.service.get(state.id)  # what the web UI shows for this id
    assert [t.text for t in again.transcript if t.role == "user"] == EN_PRESS[:2]


def test_an_interview_started_in_slack_does_not_open_for_another_slack_user(app: App):
    with serving(app) as slack:
        slack.command("start")
        slack.say(reply(_started(slack), EN_PRESS[0], user="U2147483697", channel="C2147483705"))
        session_id = slack.stub.named("chat.postEphemeral")[0].params["text"].split()[2]
        app.service.get(session_id)
        for verb in ("start", "status", "proposal"):
            slack.command(f"{verb} {session_id}", user="U0INTRUDER")
        slack.stub.wait_for(lambda s: len(s.named("response_url")) == 3)
        assert all("No interview with that id is yours" in r["text"] for r in _responses(slack))
        assert len(slack.stub.posts()) == 3 and not slack.stub.named("views.open")


def test_start_stores_only_the_owner_until_the_first_answer_and_another_instance_takes_it(app: App):
    """No empty interview row from `/theme start`; a second instance (its own store connection and chat service)
    gets the thread's first answer, stores the interview with it, and binds the thread to it."""
    with slack_stub() as stub:
        with serving(app, stub=stub) as first:
            first.command("start")
            parent = _started(first)
        key = f"slack:T123ABC456:C2147483705:{parent}"
        assert app.store.recent() == [] and app.store.lookup(key) is None
        assert app.store.owner(key) == "T123ABC456:U2147483697" and not stub.named("chat.postEphemeral")
        other = SessionStore(app.settings.db_url)
        with serving(app, service=ChatService(other, app.interviewer(), app.kb), stub=stub) as second:
            second.say(reply(parent, EN_PRESS[0], user="U2147483697", channel="C2147483705"))
        other.close()
    (stored,) = app.store.recent()
    assert app.store.lookup(key) == stored.id
    assert [t.text for t in app.service.get(stored.id).transcript if t.role == "user"] == EN_PRESS[:1]
    (note,) = stub.named("chat.postEphemeral")
    assert stored.id in note.params["text"] and note.params["user"] == "U2147483697"
    assert len(stub.posts(parent)) == 2  # the welcome, then the answer to the first message


class _Slow:
    """An interviewer as slow as a loaded LLM: every turn waits until the test lets it go."""

    name = "slow"

    def __init__(self) -> None:
        self.release = threading.Event()
        self.waiting = 0
        self.lock = threading.Lock()

    def respond(self, state: InterviewState, turn: int) -> Reply:
        with self.lock:
            self.waiting += 1
        self.release.wait(20)
        return Reply("Thanks. What do you look at when you decide?", "inputs")

    def refresh(self, state: InterviewState) -> None:
        pass


def test_slow_turns_never_hold_up_the_three_second_ack(app: App):
    """More slow turns at once than bolt has threads: every event and command is still acknowledged in time."""
    slow = _Slow()
    with serving(app, service=ChatService(app.store, slow, app.kb)) as slack:
        events = [mention(f"{EN_PRESS[0]} ({i})", channel=f"C0SLOW{i:04d}") for i in range(12)]
        for event in events:
            began = time.monotonic()
            assert slack.event(event)[0] == 200
            assert time.monotonic() - began < 3.0
        slack.stub.wait_for(lambda s: slow.waiting >= 8)  # every turn worker is now stuck in the backend
        began = time.monotonic()
        assert slack.command("start")[0] == 200 and time.monotonic() - began < 3.0
        _started(slack)  # and the command did its work
        slow.release.set()
        slack.wait_handled(len(events))
        for event in events:
            (answer,) = slack.stub.posts(event["event"]["ts"])
            assert "What do you look at" in answer.params["text"]


class _Fragile:
    """Fails on one conversation's words, answers the others."""

    name = "fragile"

    def respond(self, state: InterviewState, turn: int) -> Reply:
        if "explode" in state.transcript[turn].text:
            raise RuntimeError("boom")
        return Reply("And what do you look at when you decide?", "inputs")

    def refresh(self, state: InterviewState) -> None:
        pass


def test_a_failure_in_one_conversation_does_not_stop_the_others(app: App):
    with serving(app, service=ChatService(app.store, _Fragile(), app.kb)) as slack:
        slack.stub.failing_channels.add("C0BROKEN1")
        broken_post = mention("We throw away bread.", channel="C0BROKEN1", user="U0OTHER01")
        exploding = mention("Please explode.", user="U0THIRD01", channel="C0THIRD01")
        healthy = mention("We throw away bread every night.")
        for event in (broken_post, exploding, healthy):
            assert slack.event(event)[0] == 200
        slack.wait_handled(3)
        assert "what do you look at" in slack.stub.posts(healthy["event"]["ts"])[0].params["text"]
        (apology,) = slack.stub.posts(exploding["event"]["ts"])
        assert "something went wrong on my side" in apology.params["text"]
        follow = reply(healthy["event"]["ts"], "The weather and last week's sales.")
        slack.say(follow)
        assert len(slack.stub.posts(healthy["event"]["ts"])) == 2
