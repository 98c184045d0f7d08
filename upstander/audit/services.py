"""Writing to the audit trail. Every view of a case, evidence item or person, and every change,
goes through `audit_record`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from upstander.audit.chain import GENESIS, link_hash
from upstander.audit.checkpoints import maybe_checkpoint_after
from upstander.audit.models import AuditAction, AuditEvent, AuditHead
from upstander.core.clientip import client_ip as core_client_ip

if TYPE_CHECKING:
    from upstander.accounts.models import User


def object_ref(obj: models.Model) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address, past any trusted reverse proxy (see core.clientip)."""
    return core_client_ip(request)


@transaction.atomic(savepoint=False)  # part of the caller's transaction: no savepoint round trips
def audit_record(
    *,
    action: AuditAction | str,
    actor: User | None = None,
    actor_label: str = "",
    organisation_id: int | None = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    request: HttpRequest | None = None,
    record_ip: bool = True,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. `record_ip=False` for anonymous reporters (no IP kept)."""
    if obj is not None:
        object_type, object_id = object_ref(obj)
    # Lock the head row so two appends cannot take the same sequence number (PostgreSQL); on
    # SQLite the write lock taken at BEGIN (settings: transaction_mode) already serialises writers.
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is None:  # a new database whose migration row was flushed (tests), or the first event
        AuditHead.objects.get_or_create(pk=1, defaults={"seq": 0, "last_hash": GENESIS})
        head = AuditHead.objects.select_for_update().get(pk=1)
    event = AuditEvent(
        seq=head.seq + 1,
        occurred_at=timezone.now(),
        actor_id=actor.pk if actor is not None else None,
        actor_label=actor_label or (actor.email if actor is not None else ""),
        organisation_id=organisation_id,
        action=str(action),
        object_type=object_type,
        object_id=object_id,
        ip_address=client_ip(request) if record_ip else None,
        detail=detail or {},
        prev_hash=head.last_hash,
    )
    event.row_hash = link_hash(prev_hash=event.prev_hash, payload=event.chain_payload())
    event.save(force_insert=True)
    AuditHead.objects.filter(pk=1).update(seq=event.seq, last_hash=event.row_hash)
    maybe_checkpoint_after(event.seq)  # every CHECKPOINT_EVERY_ROWS rows, once committed
    return event
