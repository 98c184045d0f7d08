"""Periodic work of the task worker (`upstander worker`, which `upstander serve` starts): every
minute the sweeper (stranded tasks and reports, upstander/reports/sweep.py), every
CHECKPOINT_INTERVAL_MINUTES the signed checkpoints of the trails (upstander/audit/checkpoints.py)
and the deletion of expired sessions (a half-written anonymous report or an unopened receipt must
not outlive its session in the database), and every CHECKPOINT_EMAIL_HOURS (when set) an email of
the checkpoints to the DSLs (audit/checkpoint_mail.py).

It runs in a thread of the worker process, with its own database connection, so a long task never
delays it and it never delays a task.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import connections

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 60.0


def run_once(*, checkpoint: bool, emailed_at: datetime | None = None) -> datetime | None:
    """One round; every failure is logged, never raised (the worker must keep running). Returns
    when checkpoints were last emailed to the DSLs (CHECKPOINT_EMAIL_HOURS)."""
    from upstander.audit.checkpoint_mail import email_due_checkpoints
    from upstander.audit.checkpoints import write_checkpoints_quietly
    from upstander.reports.sweep import sweep_stranded

    try:
        result = sweep_stranded()
        if result.anything:
            logger.warning("Sweeper: %s", result)
    except Exception:
        logger.exception("The sweeper failed")
    if checkpoint:
        clear_expired_sessions()
        write_checkpoints_quietly()
        try:
            emailed_at = email_due_checkpoints(last_sent=emailed_at)
        except Exception:
            logger.exception("Emailing the trail checkpoints failed")
    for connection in connections.all(initialized_only=True):  # this thread's own connections
        if not connection.in_atomic_block:
            connection.close()
    return emailed_at


def clear_expired_sessions() -> None:
    """Delete expired sessions: they can hold an anonymous reporter's draft or unopened receipt."""
    try:
        SessionStore.clear_expired()
    except Exception:
        logger.exception("Deleting expired sessions failed")


def start(*, sweep_seconds: float = SWEEP_SECONDS) -> threading.Event:
    """Start the housekeeping thread (a daemon: it dies with the worker). Set the event to stop it."""
    stop = threading.Event()
    checkpoint_seconds = int(settings.CHECKPOINT_INTERVAL_MINUTES) * 60

    def loop() -> None:
        last_checkpoint = float("-inf")  # a checkpoint at start, then every interval
        emailed_at: datetime | None = None
        while not stop.is_set():
            due = time.monotonic() - last_checkpoint >= checkpoint_seconds
            emailed_at = run_once(checkpoint=due, emailed_at=emailed_at)
            if due:
                last_checkpoint = time.monotonic()
            stop.wait(sweep_seconds)

    threading.Thread(target=loop, name="upstander-housekeeping", daemon=True).start()
    return stop
