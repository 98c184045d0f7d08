"""Recovering work stranded by a worker that died (killed, out of memory, power cut), or by a task
backend that lost it (a broker restarted, a queue flushed, an enqueue that failed after the commit).

The sweeper runs every minute in the task worker that `upstander serve` starts, and as
`upstander sweep`. Whatever the task backend:

- it queues `process_report` again for every report whose checks are still pending
  REPORT_CHECKS_TIMEOUT_MINUTES after they were last queued (`Report.processing_queued_at`, or
  its arrival), counting it as an attempt and stamping the new queue time. This reads only the
  report rows, so it works on RQ or any other backend as on the database queue. After the
  report's last attempt it is marked failed, and the DSL alert (if it never went) is sent by the
  sweeper itself.

With the database queue (django-tasks-db, the embedded default) it also reads that queue's rows:

- it marks FAILED every RUNNING task whose worker is gone (on this machine: its process is not
  running) or that has run longer than TASK_STALE_MINUTES, and queues it again at once (a task
  lost this way 3 times is left failed and logged; a report's task counts as one of the report's
  attempts instead, and is queued again at once);
- it leaves alone a report whose `process_report` task is still queued or running in time, so a
  worker that was only stopped for a while does not get every report twice.
Other backends keep their own records of lost jobs (RQ's failed-job registry); a report whose job
was lost there is found by its own row, as above.

Tasks are idempotent (`intake.pipeline`): a report processed twice opens one case and sends one alert.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_tasks import TaskResultStatus, task_backends

from upstander.core.queue import enqueue_on_commit
from upstander.intake import alerts
from upstander.intake.pipeline import send_once
from upstander.intake.tasks import MAX_ATTEMPTS, process_report
from upstander.reports.models import ProcessingState, Report

if TYPE_CHECKING:
    from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

PROCESS_REPORT = process_report.module_path
WORKER_LOST = "upstander.intake.sweep.WorkerLost"
MAX_LOST = 3


class WorkerLost(Exception):
    """Recorded on a task whose worker stopped while running it."""


def _host() -> str:
    return socket.gethostname()[:32]


def new_worker_id() -> str:
    """host:pid:random, so a sweeper on the same machine can tell a dead worker's tasks at once."""
    return f"{_host()}:{os.getpid()}:{secrets.token_hex(4)}"


def worker_is_gone(worker_ids: list[str]) -> bool:
    """True when the task's last worker ran on this machine and its process no longer exists."""
    if not worker_ids:
        return False
    parts = str(worker_ids[-1]).split(":")
    if len(parts) != 3 or parts[0] != _host() or not parts[1].isdigit():
        return False
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # a process of another user has that number now: not ours, but alive
        return False
    return False


def _stale_cutoff(now: datetime) -> datetime:
    return now - timedelta(minutes=int(settings.TASK_STALE_MINUTES))


def database_queue() -> bool:
    """Whether reports' tasks go to the database queue (django-tasks-db), whose rows the sweeper
    can read; any other backend (RQ...) is swept by the reports' own rows only."""
    # Imported here: django_tasks_db's models load only when it is installed, which a deployment
    # on another backend need not do.
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends[process_report.backend], DatabaseBackend)


def _task_rows() -> type[DBTaskResult]:
    from django_tasks_db.models import DBTaskResult  # see database_queue()

    return DBTaskResult


def stale_running_tasks(*, now: datetime) -> list[DBTaskResult]:
    """Upstander's RUNNING tasks whose worker is gone or that have run too long (database queue only)."""
    if not database_queue():
        return []
    DBTaskResult = _task_rows()
    cutoff = _stale_cutoff(now)
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, task_path__startswith="upstander.")
    return [
        row
        for row in running.order_by("started_at")
        if row.started_at is None or row.started_at < cutoff or worker_is_gone(list(row.worker_ids or []))
    ]


def _live_report_ids(now: datetime) -> set[int]:
    """Reports with a process_report task queued (even for later) or running and not stale, as far as
    the database queue tells (empty on any other backend)."""
    if not database_queue():
        return set()
    stale = {row.pk for row in stale_running_tasks(now=now)}
    live: set[int] = set()
    rows = (
        _task_rows()
        .objects.filter(task_path=PROCESS_REPORT, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
        .values_list("pk", "args_kwargs")
    )
    for pk, args_kwargs in rows:
        if pk in stale:
            continue
        report_id = _report_id_of(args_kwargs)
        if report_id is not None:
            live.add(report_id)
    return live


def stranded_reports(*, now: datetime) -> QuerySet[Report]:
    """Reports whose checks are still pending REPORT_CHECKS_TIMEOUT_MINUTES after they were last
    queued (or arrived), and that no live task will finish."""
    cutoff = now - timedelta(minutes=int(settings.REPORT_CHECKS_TIMEOUT_MINUTES))
    waiting = Report.objects.filter(processing=ProcessingState.PENDING).filter(
        Q(processing_queued_at__lt=cutoff) | Q(processing_queued_at__isnull=True, created_at__lt=cutoff)
    )
    return waiting.exclude(pk__in=_live_report_ids(now)).order_by("created_at")


@dataclass
class SweepResult:
    tasks_retried: int = 0
    tasks_given_up: int = 0
    reports_requeued: int = 0
    reports_given_up: int = 0

    @property
    def anything(self) -> bool:
        return any((self.tasks_retried, self.tasks_given_up, self.reports_requeued, self.reports_given_up))


def _mark_lost(row: DBTaskResult, now: datetime) -> bool:
    """Mark the task failed, unless it moved on meanwhile (finished, or another sweeper got it)."""
    return bool(
        _task_rows()
        .objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at)
        .update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=WORKER_LOST,
            traceback=(
                f"WorkerLost: the worker ({', '.join(map(str, row.worker_ids or [])) or 'unknown'}) stopped while "
                f"running this task, started {row.started_at:%Y-%m-%d %H:%M:%S %Z}; marked failed by the sweeper."
                if row.started_at
                else "WorkerLost: marked failed by the sweeper."
            ),
        )
    )


def _retry_task(row: DBTaskResult, result: SweepResult) -> None:
    lost_before = sum(
        1
        for args_kwargs in _task_rows()
        .objects.filter(task_path=row.task_path, exception_class_path=WORKER_LOST)
        .values_list("args_kwargs", flat=True)
        if args_kwargs == row.args_kwargs
    )
    if lost_before > MAX_LOST:
        result.tasks_given_up += 1
        logger.error("Task %s %s was lost with its worker %s times: not retried", row.task_path, row.pk, lost_before)
        return
    args_kwargs = row.args_kwargs or {}
    enqueue_on_commit(row.task, *(int(arg) for arg in args_kwargs.get("args", [])))  # our tasks take ids only
    result.tasks_retried += 1


def _give_up(report: Report, result: SweepResult) -> None:
    changed = Report.objects.filter(pk=report.pk, processing=ProcessingState.PENDING).update(
        processing=ProcessingState.FAILED,
        processing_attempts=report.processing_attempts + 1,
        processing_error=(
            "The background checks did not finish after several tries (the worker stopped each time). "
            "Look at this report yourself."
        ),
    )
    if changed:
        result.reports_given_up += 1
        logger.error("Report %s: background checks never finished; marked failed", report.reference)
        send_once(report=report, stamp="alerted_at", send=lambda: alerts.alert_new_report(report=report))


def _report_id_of(args_kwargs: dict[str, Any] | None) -> int | None:
    given = args_kwargs or {}
    args = given.get("args") or [given.get("kwargs", {}).get("report_id")]
    return args[0] if isinstance(args[0], int) else None


def sweep_stranded(*, now: datetime | None = None) -> SweepResult:
    """Retry what a dead worker left RUNNING, and queue again every report whose checks stalled."""
    now = now or timezone.now()
    result = SweepResult()
    lost_reports: set[int] = set()
    for row in stale_running_tasks(now=now):
        if not _mark_lost(row, now):
            continue
        logger.warning("Task %s (%s) was RUNNING when its worker stopped: marked failed", row.pk, row.task_path)
        if row.task_path == PROCESS_REPORT:  # queued again below at once, counting the attempt
            report_id = _report_id_of(row.args_kwargs)
            if report_id is not None:
                lost_reports.add(report_id)
        else:
            _retry_task(row, result)
    live = _live_report_ids(now)
    lost = Report.objects.filter(pk__in=lost_reports - live, processing=ProcessingState.PENDING)
    for report in [*lost, *stranded_reports(now=now).exclude(pk__in=lost_reports)]:
        if report.processing_attempts + 1 >= MAX_ATTEMPTS:
            _give_up(report, result)
            continue
        changed = Report.objects.filter(
            pk=report.pk, processing=ProcessingState.PENDING, processing_attempts=report.processing_attempts
        ).update(processing_attempts=report.processing_attempts + 1, processing_queued_at=now)
        if changed:
            enqueue_on_commit(process_report, report.pk)
            result.reports_requeued += 1
            logger.warning("Report %s: checks had not finished; queued again", report.reference)
    return result


def stranded_counts(*, now: datetime | None = None) -> dict[str, int]:
    """For `upstander stats`: tasks left RUNNING by a dead worker, and reports whose checks stalled."""
    now = now or timezone.now()
    return {
        "tasks_stranded": len(stale_running_tasks(now=now)),
        "reports_stranded": stranded_reports(now=now).count(),
    }
