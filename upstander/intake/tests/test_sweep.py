"""Reports stranded by a worker that died are recovered (issue 10, item 5): a task left RUNNING is
marked failed and retried, a report whose checks stalled is queued again, and processing a report
twice opens one case and sends one alert."""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta
from io import StringIO
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from upstander.accounts.models import Organisation, User
from upstander.cases.models import CaseReport
from upstander.core import housekeeping
from upstander.intake import sweep
from upstander.intake.pipeline import report_received_steps
from upstander.intake.tasks import MAX_ATTEMPTS, process_report
from upstander.reports.models import ProcessingState, Report
from upstander.reports.services import ReportInput, report_submit
from upstander.reports.tests.helpers import run_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(org: Organisation, users: dict[str, User]) -> Report:
    """A report that arrived 20 minutes ago, its processing task still queued."""
    made = report_submit(organisation=org, data=ReportInput(reporter_role="target", account="They keep messaging me."))
    Report.objects.filter(pk=made.report.pk).update(created_at=timezone.now() - timedelta(minutes=20))
    return Report.objects.get(pk=made.report.pk)


def _task_of(report: Report) -> DBTaskResult:
    return DBTaskResult.objects.get(task_path=sweep.PROCESS_REPORT, args_kwargs__args=[report.pk])


def _claimed_by_a_worker_that_died(report: Report, *, worker: str = "elsewhere:4242:dead", minutes: int = 31) -> None:
    """What a worker killed mid-task leaves: the task row RUNNING for ever."""
    DBTaskResult.objects.filter(pk=_task_of(report).pk).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - timedelta(minutes=minutes), worker_ids=[worker]
    )


def _stats() -> dict[str, int]:
    out = StringIO()
    call_command("stats", "--json", stdout=out)
    return dict(json.loads(out.getvalue()))


def _alerts(report: Report) -> list[Any]:
    return [m for m in mail.outbox if m.subject.startswith(f"New report {report.reference}")]


def test_a_report_whose_worker_was_killed_gets_its_case_and_dsl_alert_after_the_sweep(report: Report) -> None:
    _claimed_by_a_worker_that_died(report)
    assert run_tasks() == 0  # nothing runs it: it is RUNNING for ever
    counts = _stats()
    assert (counts["tasks_stranded"], counts["reports_stranded"]) == (1, 1)

    out = StringIO()
    call_command("sweep", stdout=out)
    assert "1 report(s) queued again for their checks" in out.getvalue()
    lost = DBTaskResult.objects.get(pk=_task_of_lost(report))
    assert lost.exception_class_path == sweep.WORKER_LOST and "stopped while running this task" in lost.traceback

    run_tasks()

    report.refresh_from_db()
    assert report.processing == ProcessingState.DONE
    assert CaseReport.objects.filter(report=report).count() == 1
    assert len(_alerts(report)) == 1
    counts = _stats()
    assert (counts["tasks_stranded"], counts["reports_stranded"]) == (0, 0)


def _task_of_lost(report: Report) -> Any:
    return DBTaskResult.objects.get(
        task_path=sweep.PROCESS_REPORT, args_kwargs__args=[report.pk], status=TaskResultStatus.FAILED
    ).pk


def test_a_task_whose_worker_process_on_this_machine_is_gone_is_retried_at_once(report: Report) -> None:
    Report.objects.filter(pk=report.pk).update(created_at=timezone.now())  # well within its time
    dead = subprocess.Popen(["true"])  # a process that has surely ended
    dead.wait()
    _claimed_by_a_worker_that_died(report, worker=f"{sweep._host()}:{dead.pid}:abcd1234", minutes=0)
    assert sweep.worker_is_gone([f"{sweep._host()}:{dead.pid}:abcd1234"])

    result = sweep.sweep_stranded()

    assert _task_of_lost(report)
    assert result.reports_requeued == 1  # at once: no need to wait for REPORT_CHECKS_TIMEOUT_MINUTES
    run_tasks()
    assert CaseReport.objects.filter(report=report).exists()


def test_a_task_still_running_in_time_and_a_queued_report_are_left_alone(report: Report, org: Organisation) -> None:
    _claimed_by_a_worker_that_died(report, minutes=5)  # RUNNING 5 minutes: may well be working
    queued = report_submit(organisation=org, data=ReportInput(reporter_role="target", account="Another one.")).report
    Report.objects.filter(pk=queued.pk).update(created_at=timezone.now() - timedelta(minutes=40))  # worker was down

    result = sweep.sweep_stranded()

    assert not result.anything
    assert _task_of(report).status == TaskResultStatus.RUNNING
    assert DBTaskResult.objects.filter(task_path=sweep.PROCESS_REPORT).count() == 2


def test_a_report_whose_task_vanished_is_queued_again_but_a_fresh_one_is_not(report: Report, org: Organisation) -> None:
    fresh = report_submit(organisation=org, data=ReportInput(reporter_role="target", account="Just now.")).report
    DBTaskResult.objects.all().delete()  # e.g. pruned, or lost with a restored backup

    result = sweep.sweep_stranded()

    assert result.reports_requeued == 1
    assert DBTaskResult.objects.get().args_kwargs["args"] == [report.pk]
    report.refresh_from_db()
    assert report.processing_attempts == 1
    assert fresh.processing == ProcessingState.PENDING


def test_a_report_stranded_on_every_try_is_marked_failed_and_the_dsl_still_alerted(report: Report) -> None:
    Report.objects.filter(pk=report.pk).update(processing_attempts=MAX_ATTEMPTS - 1)
    _claimed_by_a_worker_that_died(report)

    result = sweep.sweep_stranded()

    assert result.reports_given_up == 1
    report.refresh_from_db()
    assert report.processing == ProcessingState.FAILED
    assert "did not finish after several tries" in report.processing_error
    assert len(_alerts(report)) == 1


def test_a_report_processed_twice_opens_one_case_and_sends_one_alert(report: Report) -> None:
    # Two workers read the report at the same moment (the sweeper queued it again while a slow run
    # still went on): both see no alert sent yet.
    first, second = Report.objects.get(pk=report.pk), Report.objects.get(pk=report.pk)
    report_received_steps(first)
    report_received_steps(second)
    # And once more later, from the queue.
    Report.objects.filter(pk=report.pk).update(processing=ProcessingState.PENDING)
    process_report.call(report.pk)

    assert CaseReport.objects.filter(report=report).count() == 1
    assert len(_alerts(report)) == 1


def test_an_alert_that_fails_to_send_is_sent_on_the_retry(report: Report) -> None:
    with mock.patch("upstander.intake.alerts.alert_new_report", side_effect=OSError("mail server down")):
        process_report.call(report.pk)
    report.refresh_from_db()
    assert report.alerted_at is None and report.processing == ProcessingState.PENDING

    process_report.call(report.pk)

    assert len(_alerts(report)) == 1


def test_another_lost_task_is_queued_again(report: Report) -> None:
    process_report.call(report.pk)
    from upstander.intake.tasks import reporter_message_alert

    reporter_message_alert.enqueue(report.pk)
    DBTaskResult.objects.filter(task_path__endswith="reporter_message_alert").update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - timedelta(hours=2), worker_ids=["x:1:y"]
    )

    result = sweep.sweep_stranded()

    assert result.tasks_retried == 1
    statuses = sorted(
        DBTaskResult.objects.filter(task_path__endswith="reporter_message_alert").values_list("status", flat=True)
    )
    assert statuses == [TaskResultStatus.FAILED, TaskResultStatus.READY]


def test_the_workers_housekeeping_sweeps_and_writes_checkpoints(report: Report, settings: Any) -> None:
    _claimed_by_a_worker_that_died(report)

    housekeeping.run_once(checkpoint=True)

    assert _task_of_lost(report)
    assert settings.CHECKPOINT_FILE.exists()


def test_on_another_task_backend_a_stalled_report_is_queued_again_from_its_own_row(
    report: Report, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # not the database queue
    from django_tasks import default_task_backend

    assert not sweep.database_queue()
    result = sweep.sweep_stranded()

    assert result.reports_requeued == 1
    assert [(r.task.name, list(r.args)) for r in default_task_backend.results] == [("process_report", [report.pk])]  # type: ignore[attr-defined]
    report.refresh_from_db()
    assert report.processing_attempts == 1 and report.processing_queued_at is not None
    # A minute later it is still within its time since it was queued again: left alone.
    assert not sweep.sweep_stranded(now=timezone.now() + timedelta(minutes=1)).anything
    # Still pending a whole timeout after that: queued once more.
    later = report.processing_queued_at + timedelta(minutes=settings.REPORT_CHECKS_TIMEOUT_MINUTES + 1)
    assert sweep.sweep_stranded(now=later).reports_requeued == 1
    assert len(default_task_backend.results) == 2  # type: ignore[attr-defined]
