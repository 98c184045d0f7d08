"""Reading the audit trail."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from upstander.audit.chain import ChainProblem, ChainRow, verify_rows
from upstander.audit.models import AuditEvent, AuditHead


def audit_events_for_object(*, organisation_id: int, object_type: str, object_id: str) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        organisation_id=organisation_id, object_type=object_type, object_id=object_id
    ).order_by("-seq")


def audit_events_for_organisation(*, organisation_id: int) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(organisation_id=organisation_id).order_by("-seq")


def _rows(batch_size: int = 2000) -> Iterator[ChainRow]:
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch_size):
        yield ChainRow(seq=event.seq, prev_hash=event.prev_hash, row_hash=event.row_hash, payload=event.chain_payload())


def audit_chain_verify() -> tuple[int, ChainProblem | None]:
    """(rows checked, first problem or None)."""
    head = AuditHead.objects.filter(pk=1).first()
    count = AuditEvent.objects.count()
    if head is None:
        if count:
            return count, ChainProblem(1, "the chain head is missing")
        return 0, None
    problem = verify_rows(_rows(), head_seq=head.seq, head_hash=head.last_hash)
    return count, problem
