"""`upstander worker`: the background task worker (django-tasks-db's `db_worker`) plus housekeeping.

Besides running queued tasks, it sweeps every minute for work stranded by a worker that died and
writes signed checkpoints of the trails every CHECKPOINT_INTERVAL_MINUTES (upstander/core/
housekeeping.py). Its worker id is host:pid:random, so the sweeper knows at once when a task's
worker on this machine is gone. `upstander serve` starts it; larger installations run it as a
service of its own. Options are `db_worker`'s, plus --no-housekeeping.

The loop also writes the worker's heartbeat (core/heartbeat.py) for `/healthz` and `/metrics`: the
loop reads `running` before every poll and after every task, and here that read refreshes the
heartbeat file (at most every BEAT_EVERY seconds).
"""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django_tasks_db.management.commands import db_worker

from upstander.core import heartbeat, housekeeping
from upstander.intake.sweep import new_worker_id


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
    help = "Run queued background tasks, sweep for stranded work every minute, and checkpoint the trails."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=new_worker_id())
        parser.add_argument(
            "--no-housekeeping", action="store_true", help="only run tasks: no sweeper and no checkpoints"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options.pop("no_housekeeping", False) and not options.get("batch"):
            housekeeping.start()
        original = db_worker.Worker
        db_worker.Worker = HeartbeatWorker  # type: ignore[misc]
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original  # type: ignore[misc]
