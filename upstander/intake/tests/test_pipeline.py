"""The intake pipeline (issue 11): its tasks are queued only once the report is committed (on any
task backend), never for a report whose transaction rolled back, and running them twice does no
double work: one case, one alert, one suggestion."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django_tasks import default_task_backend
from django_tasks_db.models import DBTaskResult

from upstander.accounts.models import Organisation, User
from upstander.cases.models import CaseEntry, CaseReport
from upstander.core.queue import URGENT, QueuedTask
from upstander.intake import tasks
from upstander.intake.pipeline import suggest_labels_for_case
from upstander.reports.models import ProcessingState, Report
from upstander.reports.services import ReportInput, report_message_from_reporter, report_submit
from upstander.reports.tests.helpers import run_tasks

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
URGENT_WORDS = "She said she has taken a load of pills and wants to die tonight."


def _queued() -> list[tuple[str, list[Any]]]:
    return [(result.task.name, list(result.args)) for result in default_task_backend.results]  # type: ignore[attr-defined]


def _submit(org: Organisation, account: str = "They keep calling me names in the group chat.") -> Report:
    return report_submit(organisation=org, data=ReportInput(reporter_role="target", account=account)).report


# transaction=True: these tests commit for real, as production does (no test wrapper to emulate).


@pytest.mark.django_db(transaction=True)
def test_a_reports_task_is_queued_only_when_its_transaction_commits(
    org: Organisation, users: dict[str, User], settings: Any
) -> None:
    settings.TASKS = DUMMY  # a backend outside the database: a broker's worker could run at once
    with transaction.atomic():
        report = _submit(org)
        assert Report.objects.filter(pk=report.pk).exists()
        assert _queued() == []  # the report exists only inside this transaction: nothing is queued yet
    assert _queued() == [("process_report", [report.pk])]


@pytest.mark.django_db(transaction=True)
def test_on_the_database_queue_the_task_row_is_written_in_the_reports_own_transaction(
    org: Organisation, users: dict[str, User], settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    queued = DBTaskResult.objects.filter(task_path="upstander.intake.tasks.process_report")
    with transaction.atomic():
        report = _submit(org)
        # One transaction, one commit: the row is there before the commit, invisible to any worker
        # until it, and nothing is left to do after it.
        assert [row.args_kwargs["args"] for row in queued] == [[report.pk]]
        assert not [hook for hook in transaction.get_connection().run_on_commit if isinstance(hook[1], QueuedTask)]
    assert [row.args_kwargs["args"] for row in queued] == [[report.pk]]
    with pytest.raises(RuntimeError), transaction.atomic():
        _submit(org)
        raise RuntimeError("the request failed after the report was stored")
    assert Report.objects.count() == 1 and queued.count() == 1  # the second report and its task: both gone


@pytest.mark.django_db
def test_a_reporter_in_danger_is_checked_before_the_backlog_of_a_burst(
    org: Organisation, users: dict[str, User]
) -> None:
    backlog = [_submit(org) for _ in range(3)]
    urgent = report_submit(
        organisation=org, data=ReportInput(reporter_role="target", account=URGENT_WORDS, in_danger=True)
    ).report
    # The database queue's worker takes tasks by priority, then in order: the urgent report first.
    first = DBTaskResult.objects.ready().filter(task_path="upstander.intake.tasks.process_report").first()
    assert first is not None and first.args_kwargs["args"] == [urgent.pk]
    assert first.priority == URGENT
    assert {row.priority for row in DBTaskResult.objects.exclude(pk=first.pk)} == {0}
    assert len(backlog) == 3


@pytest.mark.django_db(transaction=True)
def test_a_report_whose_transaction_rolls_back_queues_nothing(org: Organisation, settings: Any) -> None:
    settings.TASKS = DUMMY
    with pytest.raises(RuntimeError), transaction.atomic():
        _submit(org)
        raise RuntimeError("the request failed after the report was stored")
    assert not Report.objects.exists()
    assert _queued() == []


@pytest.mark.django_db(transaction=True)
def test_with_a_worker_that_runs_at_once_the_report_is_found_and_its_case_opened(
    org: Organisation, users: dict[str, User], settings: Any
) -> None:
    settings.TASKS = IMMEDIATE  # runs each task the moment it is handed over, as an eager worker would
    with transaction.atomic():
        report = _submit(org)
        assert not CaseReport.objects.filter(report=report).exists()  # not run inside the transaction
    report.refresh_from_db()
    assert report.processing == ProcessingState.DONE
    assert CaseReport.objects.filter(report=report).count() == 1
    assert len([m for m in mail.outbox if m.subject.startswith(f"New report {report.reference}")]) == 1


@pytest.mark.django_db
def test_processing_a_report_twice_opens_one_case_sends_one_alert_and_records_one_suggestion(
    org: Organisation, users: dict[str, User]
) -> None:
    report = _submit(org)
    run_tasks()
    Report.objects.filter(pk=report.pk).update(processing=ProcessingState.PENDING)  # as if queued again
    tasks.process_report.call(report.pk)
    tasks.analyse_report_texts.call(report.pk)
    tasks.analyse_report_texts.call(report.pk)

    link = CaseReport.objects.get(report=report)
    assert len([m for m in mail.outbox if m.subject.startswith(f"New report {report.reference}")]) == 1
    assert CaseEntry.objects.filter(case=link.case, text__startswith="Analysis suggested").count() == 1
    assert report.analyses.count() == 1


@pytest.mark.django_db
def test_two_runs_holding_the_same_old_copy_of_the_case_record_one_suggestion(
    org: Organisation, users: dict[str, User]
) -> None:
    report = _submit(org)
    run_tasks()
    case = CaseReport.objects.select_related("case").get(report=report).case
    first, second = type(case).objects.get(pk=case.pk), type(case).objects.get(pk=case.pk)
    first.suggestion, second.suggestion = {}, {}  # both read before any suggestion was recorded
    first.suggestion_model = second.suggestion_model = ""
    suggest_labels_for_case(report=report, case=first)
    suggest_labels_for_case(report=report, case=second)
    assert CaseEntry.objects.filter(case=case, text__startswith="Analysis suggested").count() == 1


@pytest.mark.django_db
def test_a_possible_risk_to_life_alerts_the_dsl_once_however_often_the_texts_are_analysed(
    org: Organisation, users: dict[str, User]
) -> None:
    report = _submit(org, account=URGENT_WORDS)
    run_tasks()
    for _ in range(2):
        tasks.analyse_report_texts.call(report.pk)
        tasks.process_report.call(report.pk)
    case = CaseReport.objects.select_related("case").get(report=report).case
    assert case.urgent_suggested
    assert len([m for m in mail.outbox if m.subject.startswith(f"URGENT? Please check report {report.reference}")]) == 1


@pytest.mark.django_db
def test_a_reporters_message_queues_the_dsls_alert_after_it_is_stored(
    org: Organisation, users: dict[str, User]
) -> None:
    report = _submit(org)
    run_tasks()
    mail.outbox.clear()
    report_message_from_reporter(report=report, body="It happened again today.")
    assert run_tasks() == 1
    assert [m.subject for m in mail.outbox] == [f"New message on report {report.reference}"]
