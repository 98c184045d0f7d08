"""`upstander worker`: the background task worker plus housekeeping.

With the database queue (TASKS_BACKEND=database, the default) it is django-tasks-db's `db_worker`;
with TASKS_BACKEND=rq it is an RQ worker on the same queue names (`--batch` is RQ's burst mode:
stop when the queue is empty), so one command starts the right worker either way.

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

from upstander.core import heartbeat, housekeeping, taskqueue
from upstander.intake.sweep import new_worker_id

# RQ workers send a heartbeat to Redis every (ttl - 15) seconds while idle: 45 s, well within the
# two minutes after which /healthz says no worker is alive (core/heartbeat.py).
RQ_WORKER_TTL = 60


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
        if taskqueue.backend_kind() == taskqueue.RQ:
            # db_worker's --backend accepts database backends only; with RQ the default is right.
            for action in parser._actions:
                if action.dest == "backend_name":
                    action.type = str
        parser.set_defaults(worker_id=new_worker_id())
        parser.add_argument(
            "--no-housekeeping", action="store_true", help="only run tasks: no sweeper and no checkpoints"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options.pop("no_housekeeping", False) and not options.get("batch"):
            housekeeping.start()
        if taskqueue.backend_kind() == taskqueue.RQ:
            run_rq_worker(
                queues=[options["queue_name"]], burst=bool(options.get("batch")), name=options.get("worker_id")
            )
            return
        original = db_worker.Worker
        db_worker.Worker = HeartbeatWorker  # type: ignore[misc]
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original  # type: ignore[misc]


def run_rq_worker(*, queues: list[str], burst: bool, name: str | None = None) -> None:
    """An RQ worker on `queues` (TASKS_BACKEND=rq), with RQ's scheduler for delayed retries. It runs
    each job in its own process, without a fork per job (RQ's SimpleWorker): the Django set-up and
    database connection are reused, and a connection found broken is replaced before the next job,
    as Django does between requests."""
    import django_rq
    from django.db import close_old_connections
    from rq.worker import SimpleWorker

    class UpstanderRQWorker(SimpleWorker):
        def execute_job(self, job: Any, queue: Any) -> Any:
            close_old_connections()
            try:
                return super().execute_job(job, queue)
            finally:
                close_old_connections()

    worker = django_rq.get_worker(
        *queues,
        worker_class=UpstanderRQWorker,  # type: ignore[arg-type]  # django-rq's hint names rq.Worker, not its base
        name=(name or "").replace(":", "-") or None,
        worker_ttl=RQ_WORKER_TTL,
    )
    # with_scheduler: retries are queued for later (`run_after`), which RQ keeps in its scheduled
    # registry until a worker running the scheduler moves them to the queue (RQ lets one at a time).
    worker.work(burst=burst, logging_level="WARNING", with_scheduler=True)
