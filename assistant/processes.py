"""Which process this is, and whether another one on this host is still alive (stale claims and temp folders)."""

from __future__ import annotations

import functools
import os
import socket
from pathlib import Path


def alive(pid: int) -> bool:
    """The process exists (it may belong to another user)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _start_ticks(pid: int) -> str | None:
    """When the process started, in clock ticks since boot (Linux); tells a reused pid from the original."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


@functools.cache
def holder() -> str:
    """This process as a claim holder: host, pid and start time (a restarted process is another holder)."""
    return f"{socket.gethostname()}:{os.getpid()}:{_start_ticks(os.getpid()) or '-'}"


def holder_gone(name: str) -> bool:
    """True only when `name` is a process of this host that is certainly no longer running (an unknown or remote
    holder is never called gone: a claim of another instance ages out instead)."""
    parts = name.rsplit(":", 2)
    if len(parts) != 3 or parts[0] != socket.gethostname() or not parts[1].isdigit():
        return False
    pid = int(parts[1])
    if not alive(pid):
        return True
    started = _start_ticks(pid)
    return started is not None and parts[2] != "-" and started != parts[2]
