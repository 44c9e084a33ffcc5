"""One process at a time creates or rebuilds an embedded Chroma folder: an OS file lock inside it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

from chromadb.api import ClientAPI
from filelock import FileLock, Timeout

logger = logging.getLogger(__name__)

#: The lock file, inside the Chroma folder (Chroma ignores files it does not know).
LOCK_FILE = "theme-assistant.lock"
#: How long a start waits for another process's build: far above a build at 20,000 patterns.
WAIT_S = 1800.0


@contextmanager
def folder_lock(folder: Path, wait_s: float = WAIT_S) -> Iterator[None]:
    """Hold the folder's lock. Two processes starting at once on a new folder both created Chroma's tables
    and then dropped each other's half-built collections; now the second waits and reuses the first's.
    The OS releases the lock when its process dies, so a crashed build never blocks the next start."""
    folder.mkdir(parents=True, exist_ok=True)
    # kept after release: deleting it would let a third process lock a new file while a second holds the old
    lock = FileLock(folder / LOCK_FILE, preserve_lock_file=True)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        logger.warning("another process is building the search index in %s; waiting for it", folder)
        try:
            lock.acquire(timeout=wait_s)
        except Timeout as exc:
            raise TimeoutError(
                f"another process has held {folder / LOCK_FILE} for {wait_s:.0f} s while building the search "
                "index; stop that process (or wait for it), or point THEME_ASSISTANT_DATA_DIR at another folder"
            ) from exc
    try:
        yield
    finally:
        lock.release()


def client_lock(client: ClientAPI) -> AbstractContextManager[None]:
    """The folder lock of an embedded client; none for a Chroma server (a file lock cannot span machines)."""
    settings = client.get_settings()
    if settings.is_persistent and settings.persist_directory:
        return folder_lock(Path(settings.persist_directory))
    return nullcontext()
