"""The messages of each browser tab, answered one after another in the order they were sent: none is dropped.

A person may send a second message while the first is still being answered (a correction, a forgotten
detail). Gradio runs both events at once; each waits here for the messages sent before it, and the chat shows
the waiting ones as sent, so nothing typed disappears from the screen or from the interview.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

#: Tabs remembered per process (the oldest idle one is forgotten first); a tab is one page connection.
MAX_TABS = 5000
#: How long a message waits for the one before it. A turn is seconds at most (an LLM turn is bounded by its
#: timeouts); a message never waits forever behind one whose page went away mid-turn.
WAIT_S = 300.0


@dataclass
class Tab:
    """One page connection: its queue of messages and the interview its first message started."""

    lock: threading.Condition = field(default_factory=threading.Condition)
    issued: int = 0
    """Tickets handed out (one per message, in the order the messages arrived)."""
    serving: int = 0
    """The ticket whose turn it is."""
    finished: set[int] = field(default_factory=set)
    """Tickets done out of order (a page closed before its turn): skipped when their turn comes."""
    waiting: dict[int, str] = field(default_factory=dict)
    """Messages sent and not yet taken in, by ticket."""
    fresh: str | None = None
    """The interview this tab's first message started, until the page knows its id (a second message sent before
    the first reply arrived has no id on the page yet, and belongs to the same interview)."""
    seen: float = field(default_factory=time.monotonic)

    def enqueue(self, text: str) -> int:
        with self.lock:
            ticket = self.issued
            self.issued += 1
            self.waiting[ticket] = text
            self.seen = time.monotonic()
            return ticket

    def wait_turn(self, ticket: int) -> None:
        """Block until every message sent before this one was answered (or WAIT_S passed)."""
        with self.lock:
            if not self.lock.wait_for(lambda: self.serving >= ticket, timeout=WAIT_S):
                logger.warning("a message waited %.0f s for the one before it; answering it now", WAIT_S)

    def ready(self, ticket: int) -> bool:
        """Every message sent before this one was answered: it is answered now, without waiting."""
        with self.lock:
            return self.serving >= ticket

    def taken(self, ticket: int) -> None:
        with self.lock:
            self.waiting.pop(ticket, None)

    def done(self, ticket: int) -> None:
        with self.lock:
            self.waiting.pop(ticket, None)
            self.finished.add(ticket)
            while self.serving in self.finished:
                self.finished.discard(self.serving)
                self.serving += 1
            self.lock.notify_all()

    def others(self, ticket: int) -> list[str]:
        """The messages waiting behind this one, in order (shown under its answer as sent)."""
        with self.lock:
            return [text for t, text in sorted(self.waiting.items()) if t != ticket]


class Inbox:
    """Tabs by Gradio's session hash (one per page connection)."""

    def __init__(self, limit: int = MAX_TABS) -> None:
        self._tabs: OrderedDict[str, Tab] = OrderedDict()
        self._guard = threading.Lock()
        self._limit = limit
        self.busy = 0
        """Messages being answered or waiting, over every tab."""

    @contextmanager
    def answering(self) -> Iterator[None]:
        """Count one message in while it is answered (or waits for its turn)."""
        with self._guard:
            self.busy += 1
        try:
            yield
        finally:
            with self._guard:
                self.busy -= 1

    def alone(self) -> bool:
        """No other message is being answered or waiting, in any tab."""
        with self._guard:
            return self.busy <= 1

    def tab(self, key: str | None) -> Tab:
        """The tab's queue; without a key (an API call with no page), a queue of its own."""
        if not key:
            return Tab()
        with self._guard:
            tab = self._tabs.get(key)
            if tab is None:
                tab = self._tabs[key] = Tab()
                self._forget_idle()
            self._tabs.move_to_end(key)
            return tab

    def _forget_idle(self) -> None:
        while len(self._tabs) > self._limit:
            key, oldest = next(iter(self._tabs.items()))
            if oldest.waiting:
                break  # never forget a tab with messages in flight
            del self._tabs[key]
