"""Background work for reports: thin wrappers that take ids, re-read rows and call services.

Enqueued inside the report's own transaction (the database task queue shares the database), so a
committed report always has its work queued. A failure is recorded on the report, and the work is
tried again later with a growing delay; after the last try the report says so to the DSL.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from upstander.cases.models import Case, CaseReport
from upstander.cases.services import case_open_for_report, case_record_suggestion
from upstander.cases.urgency import case_suggest_urgent
from upstander.escalation.facts import BEHAVIOURS, PREJUDICE_STRANDS
from upstander.reports import alerts, analysing
from upstander.reports.models import ProcessingState, Report

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def retry_delay(attempt: int) -> timedelta:
    return timedelta(seconds=30 * 4 ** (attempt - 1))  # 30 s, 2 min, 8 min, 32 min


@task()
def process_report(report_id: int) -> None:
    report = Report.objects.filter(pk=report_id).first()
    if report is None or report.processing == ProcessingState.DONE:
        return
    try:
        run_report_steps(report)
        Report.objects.filter(pk=report.pk).update(processing=ProcessingState.DONE, processing_error="")
    except Exception as exc:
        attempts = report.processing_attempts + 1
        logger.exception("Processing report %s failed (attempt %s)", report.reference, attempts)
        final = attempts >= MAX_ATTEMPTS
        Report.objects.filter(pk=report.pk).update(
            processing_attempts=attempts,
            processing=ProcessingState.FAILED if final else ProcessingState.PENDING,
            processing_error=f"{exc.__class__.__name__}: {exc}"[:500],
        )
        if not final:
            process_report.using(run_after=timezone.now() + retry_delay(attempts)).enqueue(report_id)


def send_once(*, report: Report, stamp: str, send: Callable[[], object]) -> bool:
    """Send an alert unless the report's `stamp` field says it went: claim the stamp first (one
    conditional UPDATE, so two workers running the same report send one alert), send, and give the
    claim back if sending fails (so the retry sends it). A worker killed between the claim and the
    send loses that one alert; one killed before the claim sends it on its retry."""
    if getattr(report, stamp) is not None:
        return False
    claimed = timezone.now()
    if not Report.objects.filter(pk=report.pk, **{f"{stamp}__isnull": True}).update(**{stamp: claimed}):
        return False
    try:
        send()
    except BaseException:
        Report.objects.filter(pk=report.pk, **{stamp: claimed}).update(**{stamp: None})
        raise
    setattr(report, stamp, claimed)
    return True


def run_report_steps(report: Report) -> None:
    """Everything done in the background for a new report. Each step is safe to run again, and
    twice at once (a report queued again by the sweeper while a slow run still goes on)."""
    # The DSL hears of the report first, so a failure in a later step never delays that.
    send_once(report=report, stamp="alerted_at", send=lambda: alerts.alert_new_report(report=report))
    try:  # first, so that the case's first notification can say what the report seems to be about
        analysing.analyse_report(report=report)
    except Exception:  # the case opens all the same; analyse_and_alert tries again and fails the task
        logger.exception("Analysing report %s before opening its case failed", report.reference)
    case = case_open_for_report(report=report)  # idempotent: safe on every retry
    analyse_and_alert(report)
    suggest_labels_for_case(report=report, case=case)


def suggest_labels_for_case(*, report: Report, case: Case) -> None:
    """Hand the classifier's labels to the case as a suggestion; a person confirms them there."""
    for analysis in report.analyses.all():
        flags = set(analysis.flags)
        case_record_suggestion(
            case=case,
            model_version=analysis.model_version,
            categories=sorted(flags & set(BEHAVIOURS)),
            prejudice=sorted(flags & set(PREJUDICE_STRANDS)),
            scores=analysis.result.get("categories", {}),
        )


def analyse_and_alert(report: Report) -> None:
    """Analyse the report's texts not analysed yet. A possible risk to life or safety reaches the case
    (suggested urgent: listed and due as urgent until a person decides) before the DSL is emailed."""
    analysing.analyse_report(report=report)
    urgent = list(report.analyses.filter(urgent=True).order_by("created_at", "pk"))
    if not urgent or report.urgent:
        return
    case_id = CaseReport.objects.filter(report=report).values_list("case_id", flat=True).first()
    if case_id is not None:
        flags = sorted({flag for analysis in urgent for flag in analysis.flags})
        case_suggest_urgent(case_id=case_id, sources=[a.source_label for a in urgent], flags=flags)
    send_once(report=report, stamp="analysis_alerted_at", send=lambda: alerts.alert_possible_urgent(report=report))


@task()
def analyse_report_texts(report_id: int) -> None:
    """Run again when a report gains text later (OCR of a screenshot, evidence added afterwards)."""
    report = Report.objects.filter(pk=report_id).first()
    if report is not None:
        analyse_and_alert(report)
        link = CaseReport.objects.filter(report=report).select_related("case").first()
        if link is not None:  # the new text's labels reach the case as a suggestion too
            suggest_labels_for_case(report=report, case=link.case)


@task()
def reporter_message_alert(report_id: int) -> None:
    report = Report.objects.filter(pk=report_id).first()
    if report is not None:
        alerts.alert_reporter_replied(report=report)


def enqueue_report_processing(*, report_id: int) -> None:
    process_report.enqueue(report_id)


def enqueue_reporter_message_alert(*, report_id: int) -> None:
    reporter_message_alert.enqueue(report_id)


def enqueue_analysis(*, report_id: int) -> None:
    analyse_report_texts.enqueue(report_id)
