"""A fair queue for SQLite writers.

SQLite has one write lock. A writer that finds it taken sleeps and retries (1, 2, 5 ... 100 ms), so
under a burst of reports the waiting processes oversleep, the CPU sits idle between transactions,
and a writer of low priority (the task worker) can keep the web server waiting. Every transaction
on SQLite (`transaction.atomic`, which begins with the write lock taken: settings' transaction_mode)
first queues on an operating-system file lock beside the database instead, which wakes the next
writer the moment the lock is released. The database backend `upstander.core.sqlite` does this.
PostgreSQL needs none of it.
"""

from __future__ import annotations

import fcntl
import os
import threading
from dataclasses import dataclass, field


@dataclass
class Gate:
    path: str | None  # the lock file; None for an in-memory database (one process: threads only)
    threads: threading.Lock = field(default_factory=threading.Lock)
    fd: int | None = None

    def acquire(self) -> None:
        self.threads.acquire()  # threads of one process queue here (a file lock is per process)
        if self.path is None:
            return
        try:
            if self.fd is None:
                self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except BaseException:
            self.threads.release()
            raise

    def release(self) -> None:
        try:
            if self.fd is not None:
                fcntl.flock(self.fd, fcntl.LOCK_UN)
        finally:
            self.threads.release()


_gates: dict[str, Gate] = {}
_gates_lock = threading.Lock()


def gate_for(database: str, *, in_memory: bool) -> Gate:
    """The gate of one database file (the same object for every connection of this process)."""
    with _gates_lock:
        gate = _gates.get(database)
        if gate is None:
            gate = _gates[database] = Gate(path=None if in_memory else f"{database}-write.lock")
        return gate
