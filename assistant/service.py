"""The chat service, the one door into the core: (conversation, user, text) in, reply events out."""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass, field

from assistant import prompts
from assistant.edits import apply_edit
from assistant.interview import Interviewer, Reply
from assistant.knowledge import KnowledgeBase
from assistant.language import detect_language
from assistant.proposal import Proposal, build_proposal
from assistant.state import InterviewState, Theme
from assistant.store import SessionStore
from assistant.vocabulary import Lang

logger = logging.getLogger(__name__)

#: Longer messages are cut (and the employee told so); interviews are about work, not documents.
MAX_CHARS = 4000


class SessionNotFound(KeyError):
    """No session has this id (or it belongs to someone else)."""


@dataclass(frozen=True)
class ReplyEvent:
    text: str
    topic: str | None


@dataclass(frozen=True)
class BoardEvent:
    """The themes found so far, ranked (the live theme board)."""

    themes: list[Theme]


@dataclass(frozen=True)
class ProposalEvent:
    proposal: Proposal


Event = ReplyEvent | BoardEvent | ProposalEvent


@dataclass
class TurnResult:
    session_id: str
    state: InterviewState
    events: list[Event] = field(default_factory=list)

    @property
    def reply(self) -> str:
        return "\n\n".join(e.text for e in self.events if isinstance(e, ReplyEvent))

    @property
    def proposal(self) -> Proposal | None:
        return next((e.proposal for e in self.events if isinstance(e, ProposalEvent)), None)


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:2000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn") and ch not in "\n\r\t")
    return controls > max(3, len(sample) // 20)


class ChatService:
    """Transport-neutral: the terminal, the web UI, a Slack bot and the eval all call `handle`."""

    def __init__(
        self, store: SessionStore, interviewer: Interviewer, kb: KnowledgeBase, log_user_text: bool = False
    ) -> None:
        self.store = store
        self.interviewer = interviewer
        self.kb = kb
        self.log_user_text = log_user_text
        """Debug-log what the employee says and the replies (off: it is personal data)."""

    # -- sessions ---------------------------------------------------------------------------

    def new_session(self, user_id: str, lang: Lang | None = None, key: str | None = None) -> InterviewState:
        state = InterviewState(user_id=user_id)
        if lang:
            state.lang, state.lang_locked = lang, True
        self.store.save(state)
        if key:
            self.store.bind(key, state.id)
        return state

    def get(self, session_id: str) -> InterviewState:
        """Sessions are reached by their unguessable id; knowing it is the permission."""
        state = self.store.load(session_id)
        if state is None:
            raise SessionNotFound(f"no interview with id {session_id!r}; check the id or start a new interview")
        return state

    def session_for(self, key: str, user_id: str) -> InterviewState:
        session_id = self.store.lookup(key)
        if session_id is not None:
            state = self.store.load(session_id)
            if state is not None:
                return state
        return self.new_session(user_id, key=key)

    def set_language(self, session_id: str, lang: Lang) -> InterviewState:
        state = self.get(session_id)
        state.lang, state.lang_locked = lang, True
        self.interviewer.refresh(state)  # questions, values and reasons are re-worded in the new language
        self.store.save(state)
        return state

    # -- turns --------------------------------------------------------------------------------

    def handle(self, key: str, user_id: str, text: str) -> TurnResult:
        """One employee message in; the reply, the theme board and (when ready) the proposal out.
        The message is committed before the interviewer runs, the reply before it is returned."""
        state = self.session_for(key, user_id)
        return self.handle_state(state, text)

    def handle_state(self, state: InterviewState, text: str) -> TurnResult:
        text = text if isinstance(text, str) else str(text)
        lang: Lang = state.lang if (state.lang_locked or state.transcript) else detect_language(text)
        note = ""
        if _looks_binary(text):
            return self._answer(state, Reply(prompts.render("not_text", lang), state.asking))
        text = text.strip()
        if not text:
            question = self._last_question(state) or prompts.render("ask_work", lang)
            return self._answer(
                state,
                Reply(prompts.render("empty_input", lang, question=question), state.asking),
            )
        if len(text) > MAX_CHARS:
            note = prompts.render("too_long", lang, limit=MAX_CHARS)
            text = text[:MAX_CHARS]
        if self.log_user_text:
            logger.debug("session %s: user said %r", state.id, text)
        turn = state.add_turn("user", text, topic=state.asking)
        self.store.save(state)  # what the employee said is safe before anything else runs
        try:
            reply = self.interviewer.respond(state, turn)
        except Exception:
            logger.exception("interviewer %s failed on a turn", getattr(self.interviewer, "name", "?"))
            state = self.store.load(state.id) or state  # drop half-applied changes, keep the message
            reply = Reply(prompts.render("error_fallback", state.lang), state.asking)
        if note:
            reply = Reply(f"{note}\n\n{reply.text}", reply.topic)
        return self._answer(state, reply)

    def _answer(self, state: InterviewState, reply: Reply) -> TurnResult:
        if self.log_user_text:
            logger.debug("session %s: replied %r", state.id, reply.text)
        state.asking = reply.topic
        state.add_turn("assistant", reply.text, topic=reply.topic)
        self.store.save(state)
        events: list[Event] = [ReplyEvent(reply.text, reply.topic), BoardEvent(list(state.themes))]
        if state.proposal_ready:
            events.append(ProposalEvent(build_proposal(state, self.kb)))
        return TurnResult(state.id, state, events)

    def edit(self, session_id: str, field: str, value: str) -> TurnResult:
        """Apply a correction from outside the chat (the UI's edit box) and re-rank; raises EditError."""
        state = self.get(session_id)
        apply_edit(state, field, value)
        self.interviewer.refresh(state)
        self.store.save(state)
        events: list[Event] = [BoardEvent(list(state.themes))]
        if state.proposal_ready:
            events.append(ProposalEvent(build_proposal(state, self.kb)))
        return TurnResult(state.id, state, events)

    @staticmethod
    def _last_question(state: InterviewState) -> str | None:
        last = next((t for t in reversed(state.transcript) if t.role == "assistant"), None)
        return last.text.split("\n")[-1] if last and last.topic else None

    def proposal(self, session_id: str) -> Proposal | None:
        state = self.get(session_id)
        return build_proposal(state, self.kb) if state.proposal_ready else None
