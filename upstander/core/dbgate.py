"""A fair queue for SQLite writers.

SQLite has one write lock. A writer that finds it taken sleeps and retries (1, 2, 5 ... 100 ms),
so under a burst of reports the waiting web processes oversleep and the CPU sits idle between
transactions. Writers on the hot path (report intake) first queue on an operating-system file lock
instead, which wakes the next one the moment the lock is released. PostgreSQL needs none of this.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connection

_thread_lock = threading.Lock()
_fd: int | None = None


def _lock_fd() -> int:
    global _fd
    if _fd is None:
        path = os.path.join(str(settings.VAR_DIR), "sqlite-write.lock")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        _fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    return _fd


@contextmanager
def write_gate() -> Iterator[None]:
    """Wrap an outermost write transaction: queue fairly for SQLite's write lock."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with _thread_lock:  # threads of this process queue here (flock is per process)
        fd = _lock_fd()
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
