"""The Slack bot: each thread one interview with one owner, replies in the thread, events answered once."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from pydantic import ValidationError
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from assistant.adapters.slack_format import WELCOME, board_blocks, board_fallback_text, board_modal, chunks, escape
from assistant.adapters.slack_models import USER_ID, EventEnvelope, MessageEvent, SlashCommand
from assistant.render import to_docx, to_markdown
from assistant.service import ChatService
from assistant.state import InterviewState

logger = logging.getLogger(__name__)

Respond = Callable[..., Any]

REFUSAL = (
    "This thread is someone else's interview, so I can only talk with them here. Mention me in a new message "
    "(or send me a direct message) to start your own. / このスレッドは別の方の面談です。ご自身の面談は、新しい"
    "メッセージで私をメンションするか、DMで始めてください。"
)
FAILED = (
    "Sorry, something went wrong on my side; please try again in a minute. / 申し訳ありません、こちらで問題が"
    "起きました。少し待ってからもう一度お試しください。"
)
HELP = (
    "`/theme start`: start an interview in a new thread here (`/theme start CODE` continues one from the web UI:\n"
    "press “Link to Slack” on its page for the code)\n"
    "`/theme status [ID]`: the theme board, with the value and feasibility of each theme\n"
    "`/theme proposal [ID]`: the proposal as a message and a .docx file\n"
    "Without an ID: your latest interview in this channel. You can also mention me or send me a direct message."
)
NO_INTERVIEW = (
    "You have no interview in this channel yet: start one with `/theme start`, by mentioning me, or give its id "
    "(`/theme status ID`)."
)
UNKNOWN_ID = "No interview with that id is yours to open: check the id (it is shown to you when an interview starts)."
UNKNOWN_LINK = (
    "That link code is unknown, used or older than 10 minutes: press “Link to Slack” on the interview's page again."
)
LINK_NEEDED = (
    "To continue an interview from the web UI here, press “Link to Slack” on its page and use the code it shows: "
    "`/theme start CODE` (an id alone is not enough)."
)
LINK_CODE = re.compile(r"[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}")
NOT_STARTED = (
    "Your interview in this channel has no answers yet: answer the first question in its thread, then try again."
)
NOT_READY = (
    "The proposal is not ready yet: answer the questions in the interview's thread until I offer it, then try "
    "`/theme proposal` again."
)
CANNOT_POST = (
    "I cannot post in this conversation ({error}): invite me with `/invite @theme-assistant`, or send me a "
    "direct message and use `/theme` there."
)


class CommandError(Exception):
    """A slash command the user can fix; the message says how."""


@dataclass(frozen=True)
class Conversation:
    """One Slack thread: the key the chat service knows it by is team, channel and thread_ts."""

    team: str
    channel: str
    thread_ts: str

    @property
    def key(self) -> str:
        return f"slack:{self.team}:{self.channel}:{self.thread_ts}"

    @classmethod
    def from_key(cls, key: str) -> Conversation:
        _, team, channel, thread_ts = key.split(":", 3)
        return cls(team, channel, thread_ts)


@dataclass
class _KeyedLocks:
    """One lock per conversation, so two messages in a thread take turns while other threads run on."""

    _guard: threading.Lock = field(default_factory=threading.Lock)
    _locks: dict[str, tuple[threading.Lock, list[int]]] = field(default_factory=dict)

    @contextmanager
    def hold(self, key: str) -> Iterator[None]:
        with self._guard:
            lock, users = self._locks.setdefault(key, (threading.Lock(), [0]))
            users[0] += 1
        try:
            with lock:
                yield
        finally:
            with self._guard:
                users[0] -= 1
                if users[0] == 0:
                    del self._locks[key]


#: Turns run on the bot's own threads, so slow LLM turns never take the threads bolt needs to acknowledge
#: slash commands within 3 s; LLM turns mostly wait on the network, so a few more than the cores is right.
TURN_WORKERS = 8
#: A claimed event not finished after this long was lost with its instance (a turn takes seconds, an LLM turn
#: at most a few minutes): a retry may answer it. A holder on this host that died is known at once.
STALE_CLAIM_S = 600.0


def _owner(team: str, user: str) -> str:
    return f"{team}:{user}"


class SlackBot:
    """Slack specifics only; everything about the interview goes through the chat service."""

    def __init__(
        self, service: ChatService, client: WebClient, bot_user_id: str | None = None, workers: int = TURN_WORKERS
    ) -> None:
        self.service = service
        self.store = service.store
        self.client = client
        self.bot_user_id = bot_user_id
        self._locks = _KeyedLocks()
        self._turns = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="slack-turn")

    # -- events: mentions, direct messages, replies in a thread ------------------------------------

    def submit(self, body: dict[str, Any], retry: str | None = None) -> Future[None]:
        """Queue an acknowledged event for a turn worker and return at once."""
        return self._turns.submit(self.on_event, body, retry)

    def close(self) -> None:
        """Let the queued turns finish (their events were acknowledged, so Slack will not send them again)."""
        self._turns.shutdown(wait=True)

    def on_event(self, body: dict[str, Any], retry: str | None = None) -> None:
        """Called after the event was acknowledged; never raises (one conversation cannot stop others)."""
        try:
            envelope = EventEnvelope.model_validate(body)
        except ValidationError:
            logger.debug("ignored an event without a message in it")
            return
        event = envelope.event
        team = envelope.team_id or event.team or "-"
        if not self._for_us(event, team):
            return
        conv = Conversation(team, event.channel, event.thread_ts or event.ts)
        # Slack resends an event it thinks was lost (X-Slack-Retry-Num) with the same event_id, and one message
        # can arrive twice (app_mention and message): both claims live in the store, so a restart keeps them.
        # A claim is finished once the reply is posted: a retry after a crash mid-turn (the claim's process gone)
        # answers the message, which the service stored before the crash and does not store twice.
        claims = [f"slack-event:{envelope.event_id}"] if envelope.event_id else []
        claims.append(f"slack-message:{team}:{event.channel}:{event.ts}")
        for key in claims:
            if not self.store.claim(key, stale_after=STALE_CLAIM_S):
                logger.info("event %s already handled (retry %s); not answering again", envelope.event_id, retry)
                return
        try:
            with self._locks.hold(conv.key):
                self._turn(conv, event)
        except Exception:
            logger.exception("Slack turn failed in conversation %s", conv.key)
            self._post_quietly(conv, FAILED)
        for key in claims:
            self.store.finish(key)

    def _for_us(self, event: MessageEvent, team: str) -> bool:
        if not event.from_person:
            return False  # our own replies, other bots, edits and joins come back as events too
        if event.type == "app_mention" or event.is_dm:
            return True
        if event.thread_ts is None:
            return False
        # a reply in a channel thread: ours only when the thread is an interview (one `/theme start` opened has
        # an owner before it has a stored session, so any instance knows it from its first answer on)
        key = Conversation(team, event.channel, event.thread_ts).key
        return self.store.owner(key) is not None or self.store.lookup(key) is not None

    def _turn(self, conv: Conversation, event: MessageEvent) -> None:
        assert event.user is not None  # from_person
        owner = _owner(conv.team, event.user)
        # who speaks first in a new thread owns it (after `/theme start`, its owner is set already)
        current = self.store.owner(conv.key) or self.store.set_owner(conv.key, owner)
        if current != owner:
            logger.info("refused a message from someone other than the owner in %s", conv.key)
            self._ephemeral(conv, event.user, REFUSAL)
            return
        result = self.service.handle(conv.key, f"slack:{owner}", event.text_without(self.bot_user_id))
        if result.reply:  # none to the second and later empty messages in a row (see ChatService.handle_state)
            self.post(conv, result.reply)
        if result.started:  # the interview was stored with this message: now its id opens something
            self._note_id(conv, event.user, result.session_id)

    # -- the /theme command ------------------------------------------------------------------------------

    def on_command(self, payload: dict[str, Any], ack: Callable[..., Any], respond: Respond) -> None:
        """Acknowledges at once (Slack waits 3 s at most), then does the work and reports problems to the user."""
        try:
            command = SlashCommand.model_validate(payload)
        except ValidationError:
            ack(text="That command was missing its team, channel or user; please try again.")
            return
        verb, args = command.verb_and_args
        handlers = {"start": self._start, "status": self._status, "proposal": self._proposal}
        handler = handlers.get(verb)
        if handler is None:
            ack(text=HELP)
            return
        if verb == "proposal":
            ack(text="Preparing the proposal…")  # building the .docx takes a moment
        else:
            ack()
        try:
            handler(command, args, respond)
        except CommandError as exc:
            self._respond_quietly(respond, str(exc))
        except Exception:
            logger.exception("/theme %s failed in channel %s", verb, command.channel_id)
            self._respond_quietly(respond, FAILED)

    def _start(self, command: SlashCommand, args: list[str], respond: Respond) -> None:
        owner = _owner(command.team_id, command.user_id)
        resumed = self._permitted(args[0], owner) if args else None
        who = f"<@{command.user_id}>" if USER_ID.fullmatch(command.user_id) else "Someone"
        verb = "continues an interview" if resumed else "starts an interview"
        try:
            posted = self.client.chat_postMessage(
                channel=command.channel_id, text=f"{who} {verb} with theme-assistant: it happens in this thread."
            )
        except SlackApiError as exc:
            raise CommandError(CANNOT_POST.format(error=exc.response.get("error", "error"))) from None
        conv = Conversation(command.team_id, command.channel_id, str(posted["ts"]))
        # a new interview stores nothing but the thread's owner: its session is stored (and bound to the thread)
        # with the first answer, and its id is shown then
        if resumed is not None:
            self.store.bind(conv.key, resumed.id)
        self.store.set_owner(conv.key, owner)
        opening = (_last_question(resumed) if resumed else None) or WELCOME
        self.post(conv, opening, markdown=resumed is not None)
        if resumed is not None:
            self._note_id(conv, command.user_id, resumed.id)

    def _status(self, command: SlashCommand, args: list[str], respond: Respond) -> None:
        state, _ = self._resolve(command, args)
        if command.trigger_id:
            try:
                self.client.views_open(trigger_id=command.trigger_id, view=board_modal(state))
                return
            except SlackApiError as exc:  # an expired trigger (over 3 s): show the board in the channel instead
                logger.info("views.open failed (%s); answering with a message", exc.response.get("error"))
        respond(text=board_fallback_text(state), blocks=board_blocks(state), response_type="ephemeral")

    def _proposal(self, command: SlashCommand, args: list[str], respond: Respond) -> None:
        state, conv = self._resolve(command, args)
        proposal = self.service.proposal(state.id)
        if proposal is None:
            raise CommandError(NOT_READY)
        target = conv or Conversation(command.team_id, command.channel_id, "")
        self.post(target, to_markdown(proposal, state))
        with TemporaryDirectory(prefix="theme-assistant-") as folder:
            path = to_docx(proposal, Path(folder) / f"proposal-{state.id[:8]}.docx", state)
            self.client.files_upload_v2(
                channel=target.channel,
                thread_ts=target.thread_ts or None,
                file=str(path),
                filename=path.name,
                title=proposal.title[:250],
            )

    # -- who may open what -------------------------------------------------------------------------------

    def _permitted(self, arg: str, owner: str) -> InterviewState:
        """A link code from the interview's web page opens it (once) and links it to this Slack user; an id opens
        an interview this Slack user started or linked, and nothing else (an id alone proves nothing: it may have
        been seen over a shoulder or in a shared link)."""
        if LINK_CODE.fullmatch(arg.strip()):
            session_id = self.store.redeem_link(arg)
            state = self.store.load(session_id) if session_id else None
            if state is None:
                raise CommandError(UNKNOWN_LINK)
            self.store.set_owner(f"web-link:{state.id}", owner)
            return state
        state = self.store.load(arg)  # stored ones only: a page not yet answered holds nothing to open
        if state is None:
            raise CommandError(UNKNOWN_ID)
        if state.user_id.startswith("slack:"):
            if state.user_id != f"slack:{owner}":
                raise CommandError(UNKNOWN_ID)  # the same words as a wrong id: nothing is revealed
        elif self.store.owner(f"web-link:{state.id}") != owner:
            raise CommandError(LINK_NEEDED)
        return state

    def _resolve(self, command: SlashCommand, args: list[str]) -> tuple[InterviewState, Conversation | None]:
        owner = _owner(command.team_id, command.user_id)
        prefix = f"slack:{command.team_id}:{command.channel_id}:"
        latest = self.store.latest_owned(owner, prefix)
        if args:
            state = self._permitted(args[0], owner)
            same = latest is not None and self.store.lookup(latest) == state.id
            return state, Conversation.from_key(latest) if same and latest else None
        if latest is None:
            raise CommandError(NO_INTERVIEW)
        session_id = self.store.lookup(latest)
        if session_id is None:
            raise CommandError(NOT_STARTED)
        return self._permitted(session_id, owner), Conversation.from_key(latest)

    # -- posting -------------------------------------------------------------------------------------

    def post(self, conv: Conversation, text: str, markdown: bool = True) -> None:
        """Into the thread, split to Slack's limits, every character of user text escaped."""
        pieces = chunks(text) if markdown else [text]
        for piece in pieces:
            self.client.chat_postMessage(
                channel=conv.channel,
                thread_ts=conv.thread_ts or None,
                text=piece,
                unfurl_links=False,
                unfurl_media=False,
            )

    def _ephemeral(self, conv: Conversation, user: str, text: str) -> None:
        self.client.chat_postEphemeral(channel=conv.channel, user=user, thread_ts=conv.thread_ts, text=escape(text))

    def _note_id(self, conv: Conversation, user: str, session_id: str) -> None:
        """Only the owner sees the id: it opens the interview in the web UI (Resume) or in another channel."""
        self._ephemeral(
            conv,
            user,
            f"Interview id: {session_id} (open it in the web UI under Resume, or here with /theme start {session_id})",
        )

    def _post_quietly(self, conv: Conversation, text: str) -> None:
        try:
            self.post(conv, text)
        except Exception:
            logger.warning("could not tell conversation %s about a failure", conv.key, exc_info=True)

    @staticmethod
    def _respond_quietly(respond: Respond, text: str) -> None:
        try:
            respond(text=escape(text), response_type="ephemeral")
        except Exception:
            logger.warning("could not answer a /theme command", exc_info=True)


def _last_question(state: InterviewState) -> str | None:
    return next((t.text for t in reversed(state.transcript) if t.role == "assistant"), None)
