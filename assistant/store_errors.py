"""Database errors in words: what to check, never the SQL or its parameters (they hold what people typed)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

logger = logging.getLogger("assistant.store")


class StoreError(RuntimeError):
    """The session store cannot be read or written; the message says what to check (never SQL or its parameters,
    which hold what people typed)."""


class PlainSessions:
    """Sessions whose database errors become a `StoreError` in words; IntegrityError stays (callers handle it)."""

    def __init__(self, maker: sessionmaker[Session], url: str) -> None:
        self._maker = maker
        parsed = make_url(url)
        self._where = (
            f"the SQLite file {parsed.database}" if parsed.drivername.startswith("sqlite") else "the database server"
        )

    @contextmanager
    def _plain(self, opened: Any) -> Iterator[Session]:
        try:
            with opened as db:
                yield db
        except IntegrityError:
            raise
        except SQLAlchemyError as exc:
            logger.warning("the session store failed: %s", type(exc).__name__)  # no SQL: it holds user text
            raise StoreError(
                f"the interviews could not be saved or read ({type(exc).__name__}): {self._where} is locked by "
                "another program, read-only, unreachable or on a full disk. Check it (THEME_ASSISTANT_DATA_DIR or "
                "THEME_ASSISTANT_DATABASE_URL) and try again; nothing you typed was lost from this page."
            ) from None

    def __call__(self) -> Any:
        return self._plain(self._maker())

    def begin(self) -> Any:
        return self._plain(self._maker.begin())
