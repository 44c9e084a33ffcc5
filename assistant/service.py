"""The chat service, the one door into the core: (conversation, user, text) in, reply events out."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Generator, Iterator

from assistant import prompts
from assistant.edits import apply_edit
from assistant.interview import Interviewer, Reply, reply_stream
from assistant.interview.playback import change
from assistant.knowledge import KnowledgeBase
from assistant.language import detect_language
from assistant.polish import Polish, polished, record
from assistant.proposal import Proposal, build_proposal
from assistant.state import InterviewState, TurnUsage
from assistant.store import SessionConflict, SessionStore, StoredState
from assistant.textsafe import as_text, clean_text, looks_binary, valid_unicode
from assistant.turns import BoardEvent, Event, ProposalEvent, ReplyEvent, TurnResult, TurnStream
from assistant.understanding import edit_readers
from assistant.understanding.costing import lines_from_readings
from assistant.undo import restore, snapshot
from assistant.unsaved import Unsaved
from assistant.vocabulary import Lang

logger = logging.getLogger(__name__)

__all__ = [
    "BoardEvent",
    "ChatService",
    "Event",
    "ProposalEvent",
    "ReplyEvent",
    "SessionNotFound",
    "TurnResult",
    "TurnStream",
]

#: Longer messages are cut (and the employee told so); interviews are about work, not documents.
MAX_CHARS = 4000
#: Defaults of the session caps (settings max_user_turns, max_themes): enough for any real interview,
#: and they keep one session's size, and so its turn time and proposal, bounded.
MAX_USER_TURNS = 400
MAX_THEMES = 12
#: Saves tried when other writers keep saving the same session in between (people type far slower);
#: a short random pause between tries lets two busy writers take turns instead of colliding again.
SAVE_ATTEMPTS = 12
RETRY_PAUSE_S = 0.05


class SessionNotFound(KeyError):
    """No session has this id (or it belongs to someone else)."""


class ChatService:
    """Transport-neutral: the terminal, the web UI, a Slack bot and the eval all call `handle`.

    Every text that comes in is cleaned here (valid Unicode, no control characters) before it is stored.
    A turn is saved once, after the reply; when another writer saved the session in between, the turn is
    applied again on the newer state, so every turn of every writer is kept."""

    def __init__(
        self,
        store: SessionStore,
        interviewer: Interviewer,
        kb: KnowledgeBase,
        log_user_text: bool = False,
        max_user_turns: int = MAX_USER_TURNS,
        max_themes: int = MAX_THEMES,
        polish: Polish | None = None,
    ) -> None:
        self.store = store
        self.interviewer = interviewer
        self.kb = kb
        self.log_user_text = log_user_text
        """Debug-log what the employee says and the replies (off: it is personal data)."""
        self.max_user_turns = max_user_turns
        self.max_themes = max_themes
        self.polish = polish
        """Applied to every proposal built here (the optional prose rewrite; it keeps figures and quotes)."""
        self._unsaved = Unsaved()
        self.readers = edit_readers()
        """How the Edit tab's text is read (the offline parser's readers, whichever backend runs)."""

    # -- sessions ---------------------------------------------------------------------------

    def new_session(self, user_id: str, lang: Lang | None = None, key: str | None = None) -> InterviewState:
        """A new interview, stored with its first message: a page load, `/theme start` or an empty message
        leaves no row. One for a conversation key (a Slack thread) is bound to the key in that same commit."""
        state = StoredState(user_id=clean_text(user_id))
        if lang:
            state.lang, state.lang_locked = lang, True
        self._unsaved.add(state, key)
        return state

    def get(self, session_id: str) -> InterviewState:
        """Sessions are reached by their unguessable id; knowing it is the permission."""
        state = self._load(session_id) or self._unsaved.get(session_id)
        if state is None:
            raise SessionNotFound(f"no interview with id {session_id!r}; check the id or start a new interview")
        return state

    def session_for(self, key: str, user_id: str) -> InterviewState:
        """The conversation's interview: the stored one bound to `key`, else the one waiting for its first
        message here, else a new one (stored and bound with its first message)."""
        session_id = self.store.lookup(key)
        if session_id is not None:
            state = self._load(session_id)
            if state is not None:
                return state
        return self._unsaved.for_key(key) or self.new_session(user_id, key=key)

    def _load(self, session_id: str) -> StoredState | None:
        """A stored interview; one saved before cost lines gets its lines from its numbers, once (the next save
        keeps them)."""
        state = self.store.load(session_id)
        if state is not None and lines_from_readings(state):
            self.interviewer.refresh(state)
        return state

    def set_language(self, session_id: str, lang: Lang) -> InterviewState:
        def choose(state: InterviewState) -> None:
            state.lang, state.lang_locked = lang, True
            self.interviewer.refresh(state)  # questions, values and reasons are re-worded in the new language

        return self._update(session_id, choose)

    def _update(self, session_id: str, change: Callable[[InterviewState], None]) -> InterviewState:
        """Apply `change` to the newest stored copy; again on a newer one when someone saved in between."""
        for _ in range(SAVE_ATTEMPTS):
            state = self.get(session_id)
            change(state)
            if not _is_stored(state):
                return state  # an unsaved new session: it is stored with its first message
            try:
                self.store.save(state)
                return state
            except SessionConflict:
                logger.info("session %s changed while updating it; applying the change again", session_id)
                time.sleep(random.uniform(0, RETRY_PAUSE_S))  # jitter, not a secret
        raise SessionConflict(f"interview {session_id!r} is being changed elsewhere right now; try again")

    # -- turns --------------------------------------------------------------------------------

    def handle(self, key: str, user_id: str, text: str) -> TurnResult:
        """One employee message in; the reply, the theme board and (when ready) the proposal out."""
        state = self.session_for(key, user_id)
        return self.handle_state(state, text)

    def _prepare(self, state: InterviewState, text: str) -> tuple[str, list[str]] | TurnResult:
        """The message cleaned and cut, with notes about it; or the notice when it is not taken in."""
        raw = valid_unicode(as_text(text))
        lang: Lang = state.lang if (state.lang_locked or state.transcript) else detect_language(raw)
        if looks_binary(raw):
            return self._hint(state, prompts.render("not_text", lang))
        text = clean_text(raw)  # before anything else: the text is stored, logged and rendered later
        text = text.strip()
        if not text:
            question = self._last_question(state) or prompts.render("ask_work", lang)
            return self._hint(state, prompts.render("empty_input", lang, question=question))
        notes: list[str] = []
        if len(text) > MAX_CHARS:
            notes.append(prompts.render("too_long", lang, limit=MAX_CHARS))
            text = text[:MAX_CHARS]
        if self.log_user_text:
            logger.debug("session %s: user said %r", state.id, text)
        return text, notes

    def handle_state(self, state: InterviewState, text: str) -> TurnResult:
        """One message in, the whole reply out. The message is stored before it is answered (a crash or a failing
        interviewer keeps it; see `send_stream`) and the answered turn after.

        A message that is not taken in (empty, only an attachment, binary) is never stored. The first of a row
        gets a short hint; the ones after it get no reply at all (no events), until a message is taken in: a
        person has the hint on screen, and a loop sending empty messages gets nothing to answer."""
        stream = self.send_stream(state, text)
        for _ in stream:
            pass
        assert stream.result is not None  # set once the stream has ended
        return stream.result

    def _reload(self, state: InterviewState, notes: list[str], doing: str) -> InterviewState:
        """The newer copy of a session saved elsewhere since it was read (or, for a new one, the interview another
        instance stored first for its conversation); `notes` gain the note that says so."""
        logger.info("session %s was continued elsewhere; %s on the newer state", state.id, doing)
        fresh = self._load(state.id)
        key = self._unsaved.key_of(state.id)
        if fresh is None and key is not None:
            # a new session for a conversation another instance stored first: this message goes to theirs
            found = self.store.lookup(key)
            fresh = self._load(found) if found else None
            self._unsaved.discard(state.id)
        if fresh is None:
            raise SessionConflict(f"interview {state.id!r} could not be saved or read back; send it again")
        time.sleep(random.uniform(0, RETRY_PAUSE_S))  # jitter, not a secret
        said = prompts.render("continued_elsewhere", fresh.lang)
        if said not in notes:
            notes.insert(0, said)
        return fresh

    # -- streamed turns ------------------------------------------------------------------------

    @property
    def streams(self) -> bool:
        """The interviewer writes its replies piece by piece (the LLM backend); the offline one answers whole."""
        return hasattr(self.interviewer, "respond_stream")

    def send_stream(self, state: InterviewState, text: str) -> TurnStream:
        """One message in, its reply growing as it is written (see TurnStream). The message is committed before
        any model call and the state after the reply, so a reply that never finishes loses nothing said. An
        interviewer that does not stream (the offline engine) gives its whole reply at once."""
        return TurnStream(self._stream_turn(state, text))

    def _stream_turn(self, state: InterviewState, text: str) -> Generator[str, None, TurnResult]:
        prepared = self._prepare(state, text)
        committed = prepared if isinstance(prepared, TurnResult) else self._commit_message(state, *prepared)
        if isinstance(committed, TurnResult):
            yield committed.reply
            return committed
        state, turn, notes, started = committed
        before = "".join(f"{n}\n\n" for n in notes)
        so_far, reply = "", None
        for item in self._respond_stream(state, turn):
            if isinstance(item, Reply):
                reply = Reply(before + item.text, item.topic)
            elif item:
                so_far += item
                yield before + so_far
        assert reply is not None  # the stream always ends with the Reply
        state, reply, proposal = self._save_reply(state, turn, reply, notes)
        if reply.text != before + so_far:
            yield reply.text  # the stored reply replaces what was streamed (a failed check, a fallback, a retry)
        return self._result(state, reply, proposal, started=started)

    def _commit_message(
        self, state: InterviewState, text: str, notes: list[str]
    ) -> tuple[InterviewState, int, list[str], bool] | TurnResult:
        """Store the message before it is answered: the state holding it, its turn, the notes and whether this
        stored a new interview; or the turn-cap notice."""
        for _ in range(SAVE_ATTEMPTS):
            orphan = _unanswered(state)
            if orphan is not None and state.transcript[orphan].text == text:
                # the same message again after a crash stored it unanswered (a Slack retry, the employee resending)
                return state, orphan, notes, False
            if _user_turns(state) >= self.max_user_turns:
                return self._notice(state, prompts.render("turn_cap", state.lang, limit=self.max_user_turns))
            if orphan is not None:  # stored before a crash, never answered: answered first, so it is not lost
                self._add_reply(state, self._respond(state, orphan))
            state.hinted = False  # a message taken in ends a row of empty ones
            turn = state.add_turn("user", text, topic=state.asking)
            new = not _is_stored(state)
            try:
                self.store.save(state, bind=self._unsaved.key_of(state.id))
            except SessionConflict:
                state = self._reload(state, notes, "adding the message")
                continue
            self._unsaved.discard(state.id)
            return state, turn, notes, new
        raise SessionConflict(f"interview {state.id!r} is being continued elsewhere right now; send it again")

    def _save_reply(
        self, state: InterviewState, turn: int, reply: Reply, notes: list[str]
    ) -> tuple[InterviewState, Reply, Proposal | None]:
        """Store the answered turn (and the proposal's model use). Saved elsewhere since the message was committed:
        it is answered again on the newer state, which holds the message at the same place (the transcript only
        grows)."""
        spent: list[TurnUsage] = []
        for _ in range(SAVE_ATTEMPTS):
            self._add_reply(state, reply)
            proposal = polished(state, self.kb, self.polish, spent) if state.proposal_ready else None
            try:
                self.store.save(state)
                return state, reply, proposal
            except SessionConflict:
                state = self._reload(state, notes, "answering the turn")
                again = self._respond(state, turn)
                reply = Reply("\n\n".join([*notes, again.text]), again.topic)
        raise SessionConflict(f"interview {state.id!r} is being continued elsewhere right now; send it again")

    def _respond(self, state: InterviewState, turn: int) -> Reply:
        """The interviewer's reply, whole (see `_respond_stream`)."""
        reply = None
        for item in self._respond_stream(state, turn):
            reply = item
        assert isinstance(reply, Reply)  # the stream always ends with the Reply
        return reply

    def _respond_stream(self, state: InterviewState, turn: int) -> Iterator[str | Reply]:
        """The interviewer's reply in pieces, then the `Reply`; its changes are undone when it fails or goes past
        the theme cap (then the Reply says so, replacing whatever was streamed)."""
        before = snapshot(state)
        reply: Reply | None = None
        try:
            for item in reply_stream(self.interviewer, state, turn):
                if isinstance(item, Reply):
                    reply = item
                else:
                    yield item
            if reply is None:
                raise RuntimeError("the interviewer's stream ended without a reply")
        except Exception:
            logger.exception("interviewer %s failed on a turn", getattr(self.interviewer, "name", "?"))
            restore(state, before)  # drop half-applied changes, keep the message
            yield Reply(prompts.render("error_fallback", state.lang), state.asking)
            return
        grew = len(state.pains) > len(before["pains"]) or len(state.themes) > len(before["themes"])
        if grew and max(len(state.pains), len(state.themes)) > self.max_themes:
            restore(state, before)
            question = self._last_question(state) or ""
            cap = prompts.render("theme_cap", state.lang, limit=self.max_themes)
            reply = Reply(f"{cap} {question}".strip(), state.asking)
        yield reply

    def _hint(self, state: InterviewState, text: str) -> TurnResult:
        """The reply to a message not taken in: only the first of a row gets one (see handle_state)."""
        if state.hinted:
            return TurnResult(state.id, state)  # no reply: the hint before still stands
        state.hinted = True
        if _is_stored(state):
            try:
                self.store.save(state)  # the flag only, no turn: every instance knows the hint was given
            except SessionConflict:
                logger.info("session %s changed while noting a hint; the next empty message may get one too", state.id)
        return self._notice(state, text)

    def _notice(self, state: InterviewState, text: str) -> TurnResult:
        """A reply about a message that is not taken in (a hint, the turn cap): shown, never stored."""
        reply = Reply(text, state.asking)
        proposal = self._proposal(state) if state.proposal_ready else None
        shown = state.model_copy(update={"transcript": [*state.transcript]})
        self._add_reply(shown, reply)
        return self._result(shown, reply, proposal)

    def _add_reply(self, state: InterviewState, reply: Reply) -> None:
        if self.log_user_text:
            logger.debug("session %s: replied %r", state.id, reply.text)
        state.asking = reply.topic
        state.add_turn("assistant", reply.text, topic=reply.topic)

    def _result(
        self, state: InterviewState, reply: Reply, proposal: Proposal | None, started: bool = False
    ) -> TurnResult:
        events: list[Event] = [ReplyEvent(reply.text, reply.topic), BoardEvent(list(state.themes))]
        if proposal is not None:
            events.append(ProposalEvent(proposal))
        return TurnResult(state.id, state, events, started)

    def edit(self, session_id: str, field: str, value: str) -> TurnResult:
        """Apply a correction from outside the chat (the UI's edit box) and re-rank; raises EditError. The reply
        says what changed: the yearly figure old -> new, that it stayed, or the field updated."""
        shown: Proposal | None = None
        spent: list[TurnUsage] = []
        said = ""

        def correct(state: InterviewState) -> None:
            nonlocal shown, said
            before = state.top_theme.value.model_copy() if state.top_theme else None
            pain = apply_edit(state, clean_text(field), clean_text(value), self.readers)
            self.interviewer.refresh(state)
            after = next((t.value for t in state.themes if pain is not None and t.pain_id == pain.id), None)
            moved = change(state, before, after, said=field in ("frequency", "cost"))
            said = moved or prompts.render("edit_updated", state.lang)
            shown = polished(state, self.kb, self.polish, spent) if state.proposal_ready else None

        state = self._update(session_id, correct)
        events: list[Event] = [ReplyEvent(said, None), BoardEvent(list(state.themes))]
        if shown is not None:
            events.append(ProposalEvent(shown))
        return TurnResult(state.id, state, events)

    @staticmethod
    def _last_question(state: InterviewState) -> str | None:
        last = next((t for t in reversed(state.transcript) if t.role == "assistant"), None)
        return last.text.split("\n")[-1] if last and last.topic else None

    def proposal(self, session_id: str, draft: bool = False) -> Proposal | None:
        """The interview's proposal as every adapter shows and exports it (see `proposal_of`)."""
        return self.proposal_of(self.get(session_id), draft)

    def proposal_of(self, state: InterviewState, draft: bool = False) -> Proposal | None:
        """The one door to a proposal: the web page, its files, `propose`, Slack and the eval all come here, so
        they show what a turn shows (with the optional prose rewrite). None until the proposal is ready; with
        `draft`, the proposal as built so far once there is a theme, never rewritten (it changes every turn, and
        a rewrite per turn would spend a model call each time)."""
        if state.proposal_ready:
            return self._proposal(state)
        return build_proposal(state, self.kb) if draft and state.top_theme is not None else None

    def _proposal(self, state: InterviewState) -> Proposal:
        """The ready proposal outside a turn; a rewrite's model use is saved at once (it counts against the budget)."""
        spent: list[TurnUsage] = []
        proposal = polished(state, self.kb, self.polish, spent)
        if spent and _is_stored(state):
            try:
                self.store.save(state)
            except SessionConflict:  # saved elsewhere since it was read: add the use to the newer copy
                self._update(state.id, lambda newer: record(newer, spent))
        return proposal


def _is_stored(state: InterviewState) -> bool:
    # a plain InterviewState (built by a tool or test) is saved as before: last writer wins
    return state.stored if isinstance(state, StoredState) else True


def _unanswered(state: InterviewState) -> int | None:
    """The last message when it was stored but its reply never was (the process died mid-turn)."""
    if state.transcript and state.transcript[-1].role == "user":
        return len(state.transcript) - 1
    return None


def _user_turns(state: InterviewState) -> int:
    # bounded by the cap itself, so counting stays cheap
    return sum(1 for t in state.transcript if t.role == "user")
