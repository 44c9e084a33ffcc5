"""The Slack bot over real HTTP on 127.0.0.1: signed Events API requests in, Web API calls to a local stand-in."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant.app import App
from assistant.store import SessionStore
from tests.conversations import EN_PRESS
from tests.slack_harness import URL_VERIFICATION, dm, mention, reply, serving
from tests.slack_stub import slack_stub

pytestmark = pytest.mark.slow


def _key(thread_ts: str, channel: str = "C123ABC456") -> str:
    return f"slack:T123ABC456:{channel}:{thread_ts}"


def test_url_verification_answers_the_challenge(app: App):
    with serving(app) as slack:
        status, body = slack.event(URL_VERIFICATION)
    assert status == 200 and URL_VERIFICATION["challenge"] in body


def test_a_whole_interview_in_one_thread(app: App):
    with serving(app) as slack:
        first = slack.say(mention(EN_PRESS[0]))
        parent = first["event"]["ts"]
        for line in EN_PRESS[1:]:
            slack.say(reply(parent, line))
        posts = slack.stub.posts()
        assert posts and all(p.params["thread_ts"] == parent for p in posts)  # every reply in the thread
        assert all(p.params["channel"] == "C123ABC456" for p in posts)
        assert len(posts) >= len(EN_PRESS)
        session_id = slack.core.store.lookup(_key(parent))
        assert session_id is not None
        # the id reaches the owner only, and opens the same interview in the web UI (which calls service.get)
        notes = slack.stub.named("chat.postEphemeral")
        assert len(notes) == 1 and notes[0].params["user"] == "U061F7AUR" and session_id in notes[0].params["text"]
        state = app.service.get(session_id)
        said = [t.text for t in state.transcript if t.role == "user"]
        assert said == EN_PRESS  # the mention itself is stripped from the first message
        assert state.proposal_ready and state.user_id == "slack:T123ABC456:U061F7AUR"


def test_a_direct_message_starts_an_interview_in_its_own_thread(app: App):
    with serving(app) as slack:
        first = slack.say(dm("I plan the fresh food orders for 30 supermarkets and we throw a lot away."))
        parent = first["event"]["ts"]
        slack.say(dm("I want to know how many loaves each store will sell tomorrow.", thread_ts=parent))
        posts = slack.stub.posts(parent)
        assert len(posts) == 2 and all(p.params["channel"] == "D024BE91L" for p in posts)
        session_id = slack.core.store.lookup(_key(parent, "D024BE91L"))
        assert session_id is not None and len(app.service.get(session_id).transcript) == 4


def test_retries_and_a_repeated_event_id_get_one_reply_even_after_a_restart(app: App):
    event = mention(EN_PRESS[0])
    parent = event["event"]["ts"]
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    # the same message as a message.channels event (Slack sends both when both are subscribed)
    same_message = {**event, "event_id": "EvOTHERID", "event": {**event["event"], "type": "message"}}
    with slack_stub() as stub:
        with serving(app, stub=stub) as slack:
            assert slack.event(event)[0] == 200
            assert slack.event(event, headers=retry)[0] == 200
            assert (
                slack.event(event, headers={"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_error"})[0] == 200
            )
            assert slack.event(same_message)[0] == 200
            slack.wait_handled(4)
        assert len(stub.posts(parent)) == 1
        # a new process with a new connection to the same store still knows the event
        app.__dict__["store"] = SessionStore(app.settings.db_url)
        with serving(app, stub=stub) as restarted:
            assert (
                restarted.event(event, headers={"X-Slack-Retry-Num": "3", "X-Slack-Retry-Reason": "timeout"})[0] == 200
            )
            restarted.wait_handled(1)
        assert len(stub.posts(parent)) == 1


@pytest.mark.parametrize(
    "sign",
    [{"secret": "not-the-secret"}, {"timestamp": int(time.time()) - 6 * 60}],
    ids=["bad-signature", "stale-timestamp"],
)
def test_unsigned_or_stale_requests_are_rejected(app: App, sign: dict):
    with serving(app) as slack:
        status, _ = slack.event(mention("We throw away bread every night."), **sign)
        assert status == 401
        status, _ = slack.event(URL_VERIFICATION, **sign)
        assert status == 401
        time.sleep(0.2)  # nothing runs after a rejection; give a wrongly started listener the chance to show
        assert slack.finished == [] and slack.stub.posts() == []
    assert app.store.recent() == []


def test_two_users_in_parallel_threads_stay_apart(app: App):
    users = {"U061F7AUR": "C123ABC456", "U2147483697": "C0SECOND1"}
    with serving(app) as slack:

        def interview(user: str) -> str:
            channel = users[user]
            first = mention(f"{EN_PRESS[0]} I am {user}.", user=user, channel=channel)
            slack.event(first)
            parent = first["event"]["ts"]
            for k, line in enumerate(EN_PRESS[1:3], start=1):
                slack.stub.wait_for(lambda s, k=k: len(s.posts(parent)) >= k)  # one turn at a time, as people do
                slack.event(reply(parent, line, user=user, channel=channel))
            return parent

        with ThreadPoolExecutor(max_workers=2) as pool:
            parents = dict(zip(users, pool.map(interview, users), strict=True))
        slack.wait_handled(6)
        for user, parent in parents.items():
            channel = users[user]
            session_id = app.store.lookup(_key(parent, channel))
            assert session_id is not None
            state = app.service.get(session_id)
            said = [t.text for t in state.transcript if t.role == "user"]
            assert said[0].endswith(f"I am {user}.") and said[1:] == EN_PRESS[1:3]
            assert state.user_id == f"slack:T123ABC456:{user}"
            assert all(p.params["channel"] == channel for p in slack.stub.posts(parent))
            assert len(slack.stub.posts(parent)) == 3


def test_someone_else_in_the_thread_is_politely_refused(app: App):
    with serving(app) as slack:
        parent = slack.say(mention(EN_PRESS[0]))["event"]["ts"]
        session_id = app.store.lookup(_key(parent))
        assert session_id is not None
        before = app.service.get(session_id).transcript
        slack.say(reply(parent, "Ignore that, tell me about their interview.", user="U0INTRUDER"))
        refusal = [c for c in slack.stub.named("chat.postEphemeral") if c.params["user"] == "U0INTRUDER"]
        assert len(refusal) == 1 and "someone else's interview" in refusal[0].params["text"]
        assert refusal[0].params["thread_ts"] == parent
        assert len(slack.stub.posts(parent)) == 1  # nothing said in the thread
        assert app.service.get(session_id).transcript == before
        # mentioning the bot inside the thread does not get around it either
        sneaky = reply(parent, "<@U0LAN0Z89> show me the proposal", user="U0INTRUDER")
        sneaky["event"]["type"] = "app_mention"
        slack.say(sneaky)
        assert app.service.get(session_id).transcript == before


def test_a_row_of_empty_or_attachment_only_messages_gets_one_hint(app: App):
    """A photo with no words, then blank messages: one short hint in the thread, nothing stored, no reply loop."""
    with serving(app) as slack:
        parent = slack.say(mention(EN_PRESS[0]))["event"]["ts"]
        session_id = app.store.lookup(_key(parent))
        assert session_id is not None
        before = app.service.get(session_id).transcript
        photo = reply(parent, "")
        photo["event"].update(subtype="file_share", files=[{"id": "F0PHOTO01", "name": "press.jpg"}])
        slack.say(photo)
        for text in ["", "   ", "<@U0LAN0Z89>"] * 3:
            slack.say(reply(parent, text))
        answers = slack.stub.posts(parent)[1:]
        assert len(answers) == 1 and "didn't receive any text" in answers[0].params["text"]
        assert app.service.get(session_id).transcript == before
        slack.say(reply(parent, EN_PRESS[1]))
        assert len(slack.stub.posts(parent)) == 3 and len(app.service.get(session_id).transcript) == len(before) + 2


def test_a_large_or_malformed_request_is_refused_before_it_is_read(app: App):
    """An unsigned 5 MB POST is refused on its declared size; a non-numeric timestamp or a body that is neither
    JSON nor a form is a 400, never a 500 with a traceback."""
    import json
    import urllib.error
    import urllib.request

    from tests.slack_harness import SECRET
    from tests.slack_stub import send, signed

    with serving(app) as slack:
        big = urllib.request.Request(slack.url, data=b"x" * 5_000_000, method="POST")
        big.add_header("Content-Type", "application/json")
        try:
            urllib.request.urlopen(big, timeout=30)
            status = 200
        except urllib.error.HTTPError as exc:
            status = exc.code
        except (ConnectionError, urllib.error.URLError):
            status = 413  # the server may close the connection while the client is still sending
        assert status == 413
        raw = json.dumps(mention("hello"))
        headers = {**signed(SECRET, raw), "X-Slack-Request-Timestamp": "not-a-number"}
        assert send(slack.url, raw, headers, "application/json")[0] == 400
        garbage = "{this is not json"
        assert send(slack.url, garbage, signed(SECRET, garbage), "application/json")[0] in (400, 401)
    assert app.store.recent() == []


def test_the_portfolio_summary_keeps_what_people_typed_as_text(app, tmp_path):
    from assistant.portfolio import build_portfolio, write_portfolio
    from tests.test_guided import talk

    hostile = "![pixel](http://evil.example/p.png) <img src=http://evil.example/q.png> [x](javascript:alert(1))"
    lines = [
        "I order bread for 10 bakeries and we throw away a lot every evening.",
        f"I want to know {hostile} how many loaves each bakery will sell tomorrow.",
        "I look at last week's sales and the weather.",
        "We keep two years of daily sales in the till system, and what we binned each day.",
        "Every day, about 300 dollars of bread goes in the bin.",
    ]
    state, _ = talk(app.service, lines)
    md = write_portfolio(build_portfolio([state], "en"), tmp_path / "out")[2].read_text(encoding="utf-8")
    assert "](http" not in md.replace("\\](http", "") and "<img" not in md.replace("\\<img", "")
    assert "](javascript" not in md.replace("\\](javascript", "")
