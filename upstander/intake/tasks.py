"""Background work of the intake pipeline: thin wrappers that take ids, re-read the rows and call
`upstander.intake.pipeline`. Queued after the commit (`core.queue.enqueue_on_commit`, see
IntakeConfig.ready), so the row is always there; a task run twice does no double work.

A failure of `process_report` is recorded on the report, and the work is tried again later with a
growing delay; after the last try the report says so to the DSL. The sweeper (`intake.sweep`)
queues again a report whose checks have not finished in REPORT_CHECKS_TIMEOUT_MINUTES.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from upstander.core.queue import enqueue_on_commit
from upstander.intake import pipeline
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
        pipeline.report_received_steps(report)
        Report.objects.filter(pk=report.pk).update(processing=ProcessingState.DONE, processing_error="")
    except Exception as exc:
        attempts = report.processing_attempts + 1
        logger.exception("Processing report %s failed (attempt %s)", report.reference, attempts)
        final = attempts >= MAX_ATTEMPTS
        run_after = timezone.now() + retry_delay(attempts)
        Report.objects.filter(pk=report.pk).update(
            processing_attempts=attempts,
            processing=ProcessingState.FAILED if final else ProcessingState.PENDING,
            processing_queued_at=None if final else run_after,
            processing_error=f"{exc.__class__.__name__}: {exc}"[:500],
        )
        if not final:
            enqueue_on_commit(process_report, report_id, run_after=run_after)


@task()
def analyse_report_texts(report_id: int) -> None:
    """Run again when a report gains text later (OCR of a screenshot, evidence added afterwards)."""
    report = Report.objects.filter(pk=report_id).first()
    if report is not None:
        pipeline.evidence_text_ready(report)


@task()
def reporter_message_alert(report_id: int) -> None:
    report = Report.objects.filter(pk=report_id).first()
    if report is not None:
        pipeline.reporter_replied(report)
