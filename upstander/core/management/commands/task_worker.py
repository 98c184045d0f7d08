"""`upstander task-worker`: django-tasks-db's `db_worker`, with a heartbeat for `/healthz`.

Same options as `db_worker`. The loop reads `running` before every poll and after every task; here
that read also refreshes the heartbeat file (at most every BEAT_EVERY seconds).
"""

from __future__ import annotations

import time
from typing import Any

from django_tasks_db.management.commands import db_worker

from upstander.core import heartbeat


class HeartbeatWorker(db_worker.Worker):
    _running = True
    _last_beat = 0.0

    @property
    def running(self) -> bool:
        now = time.monotonic()
        if now - self._last_beat >= heartbeat.BEAT_EVERY:
            heartbeat.beat()
            self._last_beat = now
        return self._running

    @running.setter
    def running(self, value: bool) -> None:
        self._running = value


class Command(db_worker.Command):
    help = "Run the background task worker (db_worker) and write its heartbeat for /healthz."

    def handle(self, *args: Any, **options: Any) -> None:
        original = db_worker.Worker
        db_worker.Worker = HeartbeatWorker  # type: ignore[misc]
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original  # type: ignore[misc]
