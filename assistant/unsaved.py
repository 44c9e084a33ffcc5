"""New sessions held in memory until their first message, found by id or by their conversation's key."""

from __future__ import annotations

import threading
from collections import OrderedDict

from assistant.state import InterviewState


class Unsaved:
    """New sessions kept in memory until their first message, so a page load or `/theme start` stores nothing.
    One started for a conversation key (a Slack thread) is found by its key too, and bound to it when stored."""

    def __init__(self, limit: int = 2000) -> None:
        self._states: OrderedDict[str, tuple[InterviewState, str | None]] = OrderedDict()
        self._keys: dict[str, str] = {}
        self._limit = limit
        self._lock = threading.Lock()

    def add(self, state: InterviewState, key: str | None = None) -> None:
        with self._lock:
            self._states[state.id] = (state, key)
            if key is not None:
                self._keys[key] = state.id
            while len(self._states) > self._limit:  # the oldest untouched tabs; they held nothing said
                self._forget(next(iter(self._states)))

    def get(self, session_id: str) -> InterviewState | None:
        with self._lock:
            found = self._states.get(session_id)
            return found[0] if found else None

    def for_key(self, key: str) -> InterviewState | None:
        with self._lock:
            found = self._states.get(self._keys.get(key, ""))
            return found[0] if found else None

    def key_of(self, session_id: str) -> str | None:
        with self._lock:
            found = self._states.get(session_id)
            return found[1] if found else None

    def discard(self, session_id: str) -> None:
        with self._lock:
            self._forget(session_id)

    def _forget(self, session_id: str) -> None:
        _, key = self._states.pop(session_id, (None, None))
        if key is not None and self._keys.get(key) == session_id:
            del self._keys[key]
