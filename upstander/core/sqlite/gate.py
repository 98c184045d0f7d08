"""A queue for SQLite's single write lock that wakes the next writer as soon as it is free.

Every transaction on SQLite takes the write lock at BEGIN (settings: transaction_mode EXCLUSIVE).
A writer that finds it taken waits in SQLite's busy handler, which sleeps 1, 2, 5, 10, 15, 20, 25,
25, 25, 50, 50, 100, 100 ... ms between tries: under a burst of reports (2 web processes x 4
threads and the task worker, all writing) most waiters are asleep when the lock is released, the
lock sits idle, the CPUs sit idle, and the unlucky ones wait seconds. Here a transaction first
takes, in order:

1. a `threading.Lock` of its process (threads queue there and are woken the moment it is released);
2. an exclusive `flock` on `<database>-write.lock` beside the database, shared by every process
   (released by the kernel if a process dies), tried every 0.05-1 ms while another process holds it;

then BEGIN finds SQLite's own lock free. Both are given back right after COMMIT or ROLLBACK (or when
the connection closes). If the gate cannot be had within the database's `timeout`, the transaction
goes ahead without it and SQLite's own busy timeout applies, as it would with no gate.

Statements outside a transaction (autocommit) and other programs opening the file are not gated:
SQLite's busy timeout still covers them. Figures: bench/README.md ("Issue 11 speed").
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import threading
import time
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

FIRST_WAIT = 0.00005  # seconds between tries of the file lock: doubling up to LONGEST_WAIT
LONGEST_WAIT = 0.001


@dataclass
class Gate:
    path: str | None  # the lock file; None for an in-memory database (one process: threads only)
    threads: threading.Lock = field(default_factory=threading.Lock)
    fd: int | None = None

    def acquire(self, timeout: float) -> bool:
        """Wait for the gate up to `timeout` seconds; False if it could not be had."""
        deadline = time.monotonic() + timeout
        if not self.threads.acquire(timeout=max(timeout, 0.001)):
            return False
        if self.path is None:
            return True
        try:
            if self.fd is None:
                self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            wait = FIRST_WAIT
            while True:
                try:
                    fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return True
                except OSError as exc:
                    if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                        raise
                if time.monotonic() >= deadline:
                    self.threads.release()
                    return False
                time.sleep(wait)
                wait = min(wait * 2, LONGEST_WAIT)
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
    """The gate of one database (the same object for every connection of this process)."""
    with _gates_lock:
        gate = _gates.get(database)
        if gate is None:
            gate = _gates[database] = Gate(path=None if in_memory else f"{database}-write.lock")
        return gate


def _forget_after_fork() -> None:
    """A forked child starts with no gate held: the parent's locks and file are not its own."""
    global _gates_lock
    _gates.clear()
    _gates_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_after_fork)
