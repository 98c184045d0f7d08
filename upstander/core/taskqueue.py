"""The task queue's backlog and workers, whichever backend runs the tasks (settings: TASKS_BACKEND).

- `database` (django-tasks-db): the queue is a table; a worker is alive when its heartbeat file
  under var/ is fresh (core/heartbeat.py: web and worker share the machine in embedded mode).
- `rq` (django-tasks-rq over Redis): the queue is Redis lists read through RQ; a worker is alive
  when RQ's own registry lists one that sent its heartbeat recently (workers may be on other
  machines, so no file is involved).
Any other backend (tests' immediate or dummy ones) has no queue to read: every figure is 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

DATABASE = "database"
RQ = "rq"


def backend_kind() -> str:
    """ "database", "rq" or "other", from the default task backend."""
    path = str(settings.TASKS["default"]["BACKEND"])
    if path.startswith("django_tasks_db."):
        return DATABASE
    if path.startswith("django_tasks_rq."):
        return RQ
    return "other"


@dataclass(frozen=True)
class Backlog:
    ready: int = 0  # tasks waiting for a worker
    oldest_seconds: int = 0  # how long the oldest has waited (0: none)
    failed: int = 0  # task runs that failed and whose result is still kept


def _age(enqueued_at: datetime | None) -> int:
    if enqueued_at is None:
        return 0
    if timezone.is_naive(enqueued_at):  # RQ stores UTC without a zone
        enqueued_at = enqueued_at.replace(tzinfo=UTC)
    return max(0, int((timezone.now() - enqueued_at).total_seconds()))


def _rq_queues() -> list[Any]:
    import django_rq

    return [django_rq.get_queue(name) for name in settings.RQ_QUEUES]


def backlog() -> Backlog:
    kind = backend_kind()
    if kind == DATABASE:
        from django_tasks import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.ready()
        first = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count()
        return Backlog(ready=waiting.count(), oldest_seconds=_age(first), failed=failed)
    if kind == RQ:
        ready = failed = oldest = 0
        for queue in _rq_queues():
            ready += queue.count
            failed += queue.failed_job_registry.count
            ids = queue.get_job_ids(0, 1)
            job = queue.fetch_job(ids[0]) if ids else None
            if job is not None:
                oldest = max(oldest, _age(job.enqueued_at))
        return Backlog(ready=ready, oldest_seconds=oldest, failed=failed)
    return Backlog()


def rq_heartbeat_age() -> float | None:
    """Seconds since the newest heartbeat of any RQ worker on any machine (None: no worker)."""
    import django_rq
    from rq import Worker

    now = datetime.now(UTC)
    ages = []
    for worker in Worker.all(connection=django_rq.get_connection()):
        beat = worker.last_heartbeat
        if beat is None:
            continue
        if timezone.is_naive(beat):
            beat = beat.replace(tzinfo=UTC)
        ages.append(max(0.0, (now - beat).total_seconds()))
    return min(ages) if ages else None
