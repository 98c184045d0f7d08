"""Background work for evidence: thin wrappers that take ids, re-read rows and call services.

Queued after the commit of the item's own transaction (`core.queue.enqueue_on_commit`), so the
worker always finds the item. A vault error is retried with a growing delay; after the last try
the item page says the work failed. Tesseract being absent is not a failure: the item records
that OCR is unavailable. New text is announced (`hooks.evidence_text_ready`) for the intake
pipeline above, which runs the classifier on it.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from upstander.core.queue import enqueue_on_commit
from upstander.evidence import derived, hooks
from upstander.evidence.models import EvidenceItem

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 3


def retry_delay(attempt: int) -> timedelta:
    return timedelta(seconds=60 * 4 ** (attempt - 1))  # 1 min, 4 min


@task()
def derive_evidence(item_id: int) -> None:
    try:
        derived.evidence_derive(item_id=item_id)
    except Exception as exc:  # any failure is recorded on the item and retried
        logger.exception("Making the preview and text of evidence item %s failed", item_id)
        attempts, final = derived.evidence_derive_failed(
            item_id=item_id, error=f"{exc.__class__.__name__}: {exc}", max_attempts=MAX_ATTEMPTS
        )
        if attempts and not final:
            enqueue_on_commit(derive_evidence, item_id, run_after=timezone.now() + retry_delay(attempts))
        return
    # New text (OCR of a screenshot, an email's words) goes to the classifier with the report's own.
    report_id = EvidenceItem.objects.filter(pk=item_id).values_list("report_id", flat=True).first()
    if report_id is not None:
        hooks.evidence_text_ready(report_id=report_id)
