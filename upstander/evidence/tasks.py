"""Background work for evidence: thin wrappers that take ids, re-read rows and call services.

Enqueued inside the item's own transaction (the database task queue shares the database), so a
committed item always has its preview and text reading queued. A vault error is retried with a
growing delay; after the last try the item page says the work failed. Tesseract being absent is
not a failure: the item records that OCR is unavailable.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from upstander.evidence import services
from upstander.evidence.models import EvidenceItem
from upstander.reports.tasks import enqueue_analysis

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 3


def retry_delay(attempt: int) -> timedelta:
    return timedelta(seconds=60 * 4 ** (attempt - 1))  # 1 min, 4 min


@task()
def derive_evidence(item_id: int) -> None:
    try:
        services.evidence_derive(item_id=item_id)
    except Exception as exc:  # any failure is recorded on the item and retried
        logger.exception("Making the preview and text of evidence item %s failed", item_id)
        attempts, final = services.evidence_derive_failed(
            item_id=item_id, error=f"{exc.__class__.__name__}: {exc}", max_attempts=MAX_ATTEMPTS
        )
        if attempts and not final:
            derive_evidence.using(run_after=timezone.now() + retry_delay(attempts)).enqueue(item_id)
        return
    # New text (OCR of a screenshot, an email's words) goes to the classifier with the report's own.
    report_id = EvidenceItem.objects.filter(pk=item_id).values_list("report_id", flat=True).first()
    if report_id is not None:
        enqueue_analysis(report_id=report_id)


def enqueue_derive(*, item_id: int) -> None:
    derive_evidence.enqueue(item_id)
