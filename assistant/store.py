"""Sessions on SQLAlchemy: SQLite in the user data folder by default, PostgreSQL via a URL."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, String, Text, create_engine, delete, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

from assistant.state import InterviewState

logger = logging.getLogger(__name__)


class _Base(DeclarativeBase):
    pass


class SessionRow(_Base):
    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(200), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    lang: Mapped[str] = mapped_column(String(8))
    phase: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    state_json: Mapped[str] = mapped_column(Text)


class ConversationRow(_Base):
    """Maps a transport's conversation key (a Slack thread, a web tab) to a session."""

    __tablename__ = "conversations"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"), index=True)


class OwnerRow(_Base):
    """Who may speak in a conversation (a Slack thread in a shared channel is visible to many)."""

    __tablename__ = "conversation_owners"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    owner: Mapped[str] = mapped_column(String(200), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ClaimRow(_Base):
    """An incoming event already taken on (a chat platform's retry or duplicate must not be answered twice)."""

    __tablename__ = "claimed_events"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


@dataclass(frozen=True)
class SessionInfo:
    id: str
    user_id: str
    title: str
    lang: str
    phase: str
    updated_at: datetime


class SessionStore:
    """Every save is its own committed transaction, so a crash between turns loses nothing."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(url, future=True)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        _Base.metadata.create_all(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def save(self, state: InterviewState) -> None:
        title = _title(state)
        with self._sessions.begin() as db:
            row = db.get(SessionRow, state.id)
            if row is None:
                row = SessionRow(id=state.id, user_id=state.user_id, created_at=state.created_at)
                db.add(row)
            row.title, row.lang, row.phase = title, state.lang, state.phase
            row.updated_at, row.state_json = state.updated_at, state.to_json()

    def load(self, session_id: str) -> InterviewState | None:
        with self._sessions() as db:
            row = db.get(SessionRow, session_id)
            return InterviewState.from_json(row.state_json) if row else None

    def bind(self, key: str, session_id: str) -> None:
        with self._sessions.begin() as db:
            row = db.get(ConversationRow, key)
            if row is None:
                db.add(ConversationRow(key=key, session_id=session_id))
            else:
                row.session_id = session_id

    def lookup(self, key: str) -> str | None:
        with self._sessions() as db:
            row = db.get(ConversationRow, key)
            return row.session_id if row else None

    def set_owner(self, key: str, owner: str) -> str:
        """Record the owner of a conversation unless it has one; returns the owner that stands."""
        try:
            with self._sessions.begin() as db:
                db.add(OwnerRow(key=key, owner=owner, created_at=datetime.now(UTC)))
        except IntegrityError:  # someone got there first (two messages at once): theirs stands
            pass
        current = self.owner(key)
        return current if current is not None else owner

    def owner(self, key: str) -> str | None:
        with self._sessions() as db:
            row = db.get(OwnerRow, key)
            return row.owner if row else None

    def latest_owned(self, owner: str, key_prefix: str) -> str | None:
        """The newest conversation key of this owner that starts with `key_prefix` (e.g. one channel)."""
        query = (
            select(OwnerRow.key)
            .where(OwnerRow.owner == owner, OwnerRow.key.startswith(key_prefix, autoescape=True))
            .order_by(OwnerRow.created_at.desc())
            .limit(1)
        )
        with self._sessions() as db:
            return db.scalars(query).first()

    def claim(self, key: str) -> bool:
        """True the first time `key` is claimed, False ever after (in this and every other process)."""
        try:
            with self._sessions.begin() as db:
                db.add(ClaimRow(key=key, claimed_at=datetime.now(UTC)))
        except IntegrityError:
            return False
        return True

    def forget_claims(self, before: datetime) -> int:
        """Drop claims older than `before` (retries stop within hours); returns how many."""
        with self._sessions.begin() as db:
            result = db.execute(delete(ClaimRow).where(ClaimRow.claimed_at < before))
            return int(getattr(result, "rowcount", 0) or 0)

    def recent(self, user_id: str | None = None, limit: int = 100) -> list[SessionInfo]:
        query = select(SessionRow).order_by(SessionRow.updated_at.desc()).limit(limit)
        if user_id is not None:
            query = query.where(SessionRow.user_id == user_id)
        with self._sessions() as db:
            return [SessionInfo(r.id, r.user_id, r.title, r.lang, r.phase, r.updated_at) for r in db.scalars(query)]

    def all_states(self, session_ids: list[str] | None = None) -> list[InterviewState]:
        query = select(SessionRow.state_json)
        if session_ids:
            query = query.where(SessionRow.id.in_(session_ids))
        with self._sessions() as db:
            return [InterviewState.from_json(s) for s in db.scalars(query)]

    def close(self) -> None:
        self.engine.dispose()


def _title(state: InterviewState) -> str:
    top = state.top_theme
    if top is not None:
        return top.question.target[:200]
    first = next((t.text for t in state.transcript if t.role == "user"), "")
    return first[:200]


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the web UI's readers and writers work at once; synchronous=NORMAL is durable in WAL mode
    # against process crashes, which is what "a kill between turns loses nothing" needs.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
