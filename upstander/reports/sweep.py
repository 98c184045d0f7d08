"""Recovering work stranded by a worker that died (killed, out of memory, power cut).

The database task queue marks a task RUNNING when a worker claims it and never again if that
worker dies: the report would never open a case and the DSL would never be told. The sweeper
(every minute in the task worker that `upstander serve` starts, and `upstander sweep`):

1. marks FAILED every RUNNING task whose worker is gone (on this machine: its process is not
   running) or that has run longer than TASK_STALE_MINUTES, and queues it again at once (a task
   that was lost this way 3 times is left failed and logged; a report's task counts as one of the
   report's attempts instead);
2. queues `process_report` again for every report whose checks have not finished within
   REPORT_CHECKS_TIMEOUT_MINUTES of its arrival and that has no live task (its task was pruned,
   or lost before it was recorded), counting it as an attempt.
After the report's last attempt it is marked failed, and the DSL alert (if it never went) is sent by
the sweeper itself.

Tasks are idempotent (`reports.tasks`): a report processed twice opens one case and sends one alert.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from upstander.reports.models import ProcessingState, Report

logger = logging.getLogger(__name__)

PROCESS_REPORT = "upstander.reports.tasks.process_report"
WORKER_LOST = "upstander.reports.sweep.WorkerLost"
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


def stale_running_tasks(*, now: datetime) -> list[DBTaskResult]:
    """Upstander's RUNNING tasks whose worker is gone or that have run too long."""
    cutoff = _stale_cutoff(now)
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, task_path__startswith="upstander.")
    return [
        row
        for row in running.order_by("started_at")
        if row.started_at is None or row.started_at < cutoff or worker_is_gone(list(row.worker_ids or []))
    ]


def _live_report_ids(now: datetime) -> set[int]:
    """Reports with a process_report task queued (even for later) or running and not stale."""
    stale = {row.pk for row in stale_running_tasks(now=now)}
    live: set[int] = set()
    rows = DBTaskResult.objects.filter(
        task_path=PROCESS_REPORT, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    ).values_list("pk", "args_kwargs")
    for pk, args_kwargs in rows:
        if pk in stale:
            continue
        report_id = _report_id_of(args_kwargs)
        if report_id is not None:
            live.add(report_id)
    return live


def stranded_reports(*, now: datetime) -> QuerySet[Report]:
    """Reports whose checks have not finished in REPORT_CHECKS_TIMEOUT_MINUTES and that no live task
    will finish."""
    cutoff = now - timedelta(minutes=int(settings.REPORT_CHECKS_TIMEOUT_MINUTES))
    waiting = Report.objects.filter(processing=ProcessingState.PENDING, created_at__lt=cutoff)
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
        DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at).update(
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
        for args_kwargs in DBTaskResult.objects.filter(
            task_path=row.task_path, exception_class_path=WORKER_LOST
        ).values_list("args_kwargs", flat=True)
        if args_kwargs == row.args_kwargs
    )
    if lost_before > MAX_LOST:
        result.tasks_given_up += 1
        logger.error("Task %s %s was lost with its worker %s times: not retried", row.task_path, row.pk, lost_before)
        return
    args_kwargs = row.args_kwargs or {}
    row.task.enqueue(*args_kwargs.get("args", []), **args_kwargs.get("kwargs", {}))
    result.tasks_retried += 1


def _give_up(report: Report, result: SweepResult) -> None:
    from upstander.reports import alerts
    from upstander.reports.tasks import send_once

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
    from upstander.reports.tasks import MAX_ATTEMPTS, process_report

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
        ).update(processing_attempts=report.processing_attempts + 1)
        if changed:
            process_report.enqueue(report.pk)
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
