"""Sessions on SQLAlchemy: SQLite in the user data folder by default, PostgreSQL via a URL."""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import PrivateAttr, TypeAdapter
from sqlalchemy import (
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    create_engine,
    delete,
    event,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from assistant.processes import holder, holder_gone
from assistant.state import InterviewState, Turn
from assistant.store_errors import PlainSessions

logger = logging.getLogger(__name__)

_TURNS = TypeAdapter(list[Turn])


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
    """The state without its transcript (rows written before the turns table: the whole state)."""
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    """Bumped by every save; a save from an older copy is refused (optimistic concurrency)."""
    turn_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """How many rows of `session_turns` belong to the state (0 in rows from before the turns table)."""


class TurnRow(_Base):
    """One transcript turn, appended once, so a turn costs the same at the first message and the 5,000th."""

    __tablename__ = "session_turns"

    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    turn_json: Mapped[str] = mapped_column(Text)


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
    holder: Mapped[str] = mapped_column(String(200), default="", server_default="")
    """The process that took it on (host:pid:start); a claim whose holder died unfinished may be taken over."""
    done: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """1 once handled to the end (the reply posted): then no retry is ever answered again."""


@dataclass(frozen=True)
class SessionInfo:
    id: str
    user_id: str
    title: str
    lang: str
    phase: str
    updated_at: datetime


class StoredState(InterviewState):
    """An interview state that remembers which stored version it was read at (0: not stored yet)."""

    _version: int = PrivateAttr(default=0)
    _stored_turns: int = PrivateAttr(default=0)

    @property
    def stored(self) -> bool:
        return self._version > 0


#: How long a link code from the web page stays valid.
LINK_TTL_S = 600.0


class SessionConflict(RuntimeError):
    """The session was saved elsewhere (another tab, process or instance) since this copy was read."""


class SessionStore:
    """Every save is its own committed transaction, so a crash between turns loses nothing."""

    def __init__(self, url: str) -> None:
        self.url = url
        _private_sqlite_file(url)
        self.engine: Engine = create_engine(url, future=True)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        _Base.metadata.create_all(self.engine)
        _add_missing_columns(self.engine)
        self._sessions = PlainSessions(sessionmaker(self.engine, expire_on_commit=False), url)

    def save(self, state: InterviewState, bind: str | None = None) -> None:
        """Commit the state and append its new turns. A `StoredState` read at an older version than the stored
        one raises SessionConflict (nothing is written); re-read it with `load` and apply the change again.
        `bind`: a new session's conversation key, bound in the same commit; SessionConflict when the key is
        bound already (another instance started the conversation's interview first: `lookup` finds it)."""
        if not isinstance(state, StoredState):
            self._save_unversioned(state)
            return
        if len(state.transcript) < state._stored_turns:
            raise ValueError("the transcript only grows; turns cannot be removed from a stored session")
        values = _row_values(state)
        try:
            with self._sessions.begin() as db:
                if not state.stored:
                    db.add(SessionRow(id=state.id, user_id=state.user_id, created_at=state.created_at, **values))
                    db.flush()  # the session row before its turns (PostgreSQL checks the foreign key)
                    if bind is not None:
                        db.add(ConversationRow(key=bind, session_id=state.id))
                else:
                    changed = db.execute(
                        update(SessionRow)
                        .where(SessionRow.id == state.id, SessionRow.version == state._version)
                        .values(version=state._version + 1, **values)
                        .execution_options(synchronize_session=False)
                    )
                    if getattr(changed, "rowcount", 0) != 1:
                        raise SessionConflict(state.id)
                db.add_all(_turn_rows(state, state._stored_turns))
        except IntegrityError as exc:  # two first saves of one session or conversation, or turns written already
            raise SessionConflict(state.id) from exc
        state._version += 1
        state._stored_turns = len(state.transcript)

    def _save_unversioned(self, state: InterviewState) -> None:
        """A plain InterviewState (tools, tests): written over whatever is stored, its new turns appended."""
        values = _row_values(state)
        with self._sessions.begin() as db:
            row = db.get(SessionRow, state.id)
            if row is None:
                db.add(SessionRow(id=state.id, user_id=state.user_id, created_at=state.created_at, **values))
                db.flush()
                stored = 0
            else:
                stored = row.turn_count
                for name, value in values.items():
                    setattr(row, name, value)
                row.version += 1
            db.add_all(_turn_rows(state, stored))

    def load(self, session_id: str) -> StoredState | None:
        if not _storable(session_id):
            return None  # no stored id holds it: PostgreSQL would answer a NUL with an SQL error, not "unknown"
        with self._sessions() as db:
            row = db.get(SessionRow, session_id)
            return _assemble(db, row) if row else None

    def bind(self, key: str, session_id: str) -> None:
        with self._sessions.begin() as db:
            row = db.get(ConversationRow, key)
            if row is None:
                db.add(ConversationRow(key=key, session_id=session_id))
            else:
                row.session_id = session_id

    def lookup(self, key: str) -> str | None:
        if not _storable(key):
            return None
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

    def claim(self, key: str, stale_after: float | None = None) -> bool:
        """True when this process may handle `key`: the first claim in any process, or a claim left unfinished by
        a process of this host that died (killed mid-turn), or by any holder more than `stale_after` seconds ago.
        False when it was handled, or is being handled, elsewhere."""
        me = holder()
        now = datetime.now(UTC)
        try:
            with self._sessions.begin() as db:
                db.add(ClaimRow(key=key, claimed_at=now, holder=me))
            return True
        except IntegrityError:
            pass
        with self._sessions.begin() as db:
            row = db.get(ClaimRow, key)
            if row is None or row.done or row.holder == me:
                return False
            stale = stale_after is not None and _age_s(row, now) > stale_after
            if not (stale or holder_gone(row.holder)):
                return False
            taken = db.execute(
                update(ClaimRow)
                .where(ClaimRow.key == key, ClaimRow.holder == row.holder, ClaimRow.done == 0)
                .values(holder=me, claimed_at=now)
                .execution_options(synchronize_session=False)
            )
            return getattr(taken, "rowcount", 0) == 1

    def link_code(self, session_id: str) -> str:
        """A one-time code that links this interview to a chat platform (shown only on the interview's own page:
        knowing it proves the person in the chat is the one at that page)."""
        code = "-".join(secrets.token_hex(2).upper() for _ in range(2))
        with self._sessions.begin() as db:
            db.add(ConversationRow(key=f"link:{code}", session_id=session_id))
            db.add(ClaimRow(key=f"link:{code}", claimed_at=datetime.now(UTC), holder=holder()))
        return code

    def redeem_link(self, code: str, ttl: float = LINK_TTL_S) -> str | None:
        """The interview a link code opens, once and within `ttl` seconds; None when it is unknown, used or old."""
        key = f"link:{code.strip().upper()}"
        if not _storable(key):
            return None
        with self._sessions.begin() as db:
            claim = db.get(ClaimRow, key)
            row = db.get(ConversationRow, key)
            if claim is None or row is None or claim.done:
                return None
            if _age_s(claim, datetime.now(UTC)) > ttl:
                return None
            claim.done = 1
            return row.session_id

    def finish(self, key: str) -> None:
        """`key` was handled to the end: no later claim takes it over."""
        with self._sessions.begin() as db:
            db.execute(update(ClaimRow).where(ClaimRow.key == key).values(done=1))

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
        query = select(SessionRow)
        if session_ids:
            query = query.where(SessionRow.id.in_(session_ids))
        with self._sessions() as db:
            return [_assemble(db, row) for row in db.scalars(query).all()]

    def close(self) -> None:
        self.engine.dispose()


def _title(state: InterviewState) -> str:
    top = state.top_theme
    if top is not None:
        return top.question.target[:200]
    first = next((t.text for t in state.transcript if t.role == "user"), "")
    return first[:200]


def _row_values(state: InterviewState) -> dict[str, Any]:
    """The session row's columns; the transcript goes to `session_turns`, so this does not grow per turn."""
    return {
        "title": _title(state),
        "lang": state.lang,
        "phase": state.phase,
        "updated_at": state.updated_at,
        "state_json": state.model_dump_json(exclude={"transcript"}),
        "turn_count": len(state.transcript),
    }


def _turn_rows(state: InterviewState, start: int) -> list[TurnRow]:
    return [
        TurnRow(session_id=state.id, seq=i, turn_json=state.transcript[i].model_dump_json())
        for i in range(start, len(state.transcript))
    ]


def _assemble(db: Session, row: SessionRow) -> StoredState:
    """The full state of a row. Rows from before the turns table carry the transcript in their JSON
    (turn_count 0); their turns are written to the turns table by the next save (migration on read)."""
    state = StoredState.model_validate_json(row.state_json)
    if row.turn_count:
        # only the turns this version counts: a writer may have appended more since the row was read
        query = (
            select(TurnRow.turn_json)
            .where(TurnRow.session_id == row.id, TurnRow.seq < row.turn_count)
            .order_by(TurnRow.seq)
        )
        state.transcript = _TURNS.validate_json("[" + ",".join(db.scalars(query)) + "]")  # one parse, not n
    state._version = row.version
    state._stored_turns = row.turn_count
    return state


#: The longest key any table holds (conversations.key).
_KEY_CHARS = 300


def _storable(key: str) -> bool:
    """A key that could be stored: ids and codes are short printable text (a pasted id with a NUL byte or a
    control character is unknown, not an error of the database)."""
    return 0 < len(key) <= _KEY_CHARS and key.isprintable()


def _age_s(claim: ClaimRow, now: datetime) -> float:
    """Seconds since the claim was taken (SQLite hands back naive datetimes: they were stored as UTC)."""
    then = claim.claimed_at if claim.claimed_at.tzinfo else claim.claimed_at.replace(tzinfo=UTC)
    return (now - then).total_seconds()


#: Columns added after a table was first made: older databases get them on open (their rows load as before).
_ADDED = {
    "sessions": {"version": "INTEGER NOT NULL DEFAULT 1", "turn_count": "INTEGER NOT NULL DEFAULT 0"},
    "claimed_events": {"holder": "VARCHAR(200) NOT NULL DEFAULT ''", "done": "INTEGER NOT NULL DEFAULT 0"},
}


def _add_missing_columns(engine: Engine) -> None:
    for table, wanted in _ADDED.items():
        present = {c["name"] for c in inspect(engine).get_columns(table)}
        for name, ddl in wanted.items():
            if name in present:
                continue
            try:
                with engine.begin() as conn:
                    conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {name} {ddl}"))
            except (OperationalError, ProgrammingError):  # another process added it first
                if name not in {c["name"] for c in inspect(engine).get_columns(table)}:
                    raise


def _private_sqlite_file(url: str) -> None:
    """Interviews are personal data: the SQLite file (and its -wal and -shm files) are readable by the owner only."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite") or not parsed.database or parsed.database == ":memory:":
        return
    path = Path(parsed.database)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))  # SQLite gives -wal and -shm the same mode
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists() and file.stat().st_mode & 0o077:
            file.chmod(0o600)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the web UI's readers and writers work at once; synchronous=NORMAL is durable in WAL mode
    # against process crashes, which is what "a kill between turns loses nothing" needs.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
