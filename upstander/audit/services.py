"""Writing to the audit trail. Every view of a case, evidence item or person, and every change,
goes through `audit_record`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from upstander.audit.chain import GENESIS, chain_genesis, link_hash
from upstander.audit.checkpoints import maybe_checkpoint_after
from upstander.audit.models import INSTALLATION_CHAIN, AuditAction, AuditEvent, AuditHead, chain_for
from upstander.core.clientip import client_ip as core_client_ip

if TYPE_CHECKING:
    from upstander.accounts.models import User


def object_ref(obj: models.Model) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address, past any trusted reverse proxy (see core.clientip)."""
    return core_client_ip(request)


def _start_chain(chain: str) -> None:
    """Create the head of a chain that has none yet (a new organisation's, or any chain after a
    test flush). Two writers may race here: the insert ignores the loser's row, and both then lock
    the one head."""
    if chain == INSTALLATION_CHAIN:
        head = AuditHead(chain=chain, seq=0, last_hash=GENESIS, genesis=GENESIS, anchor_seq=None)
    else:
        anchor = AuditHead.objects.filter(chain=INSTALLATION_CHAIN).values_list("seq", "last_hash").first()
        anchor_seq, anchor_hash = (int(anchor[0]), str(anchor[1])) if anchor else (0, GENESIS)
        genesis = chain_genesis(chain=chain, anchor_seq=anchor_seq, anchor_hash=anchor_hash)
        head = AuditHead(chain=chain, seq=0, last_hash=genesis, genesis=genesis, anchor_seq=anchor_seq)
    AuditHead.objects.bulk_create([head], ignore_conflicts=True)


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
    """Append one event to its organisation's chain (or the installation's, for none).
    `record_ip=False` for anonymous reporters (no IP kept)."""
    if obj is not None:
        object_type, object_id = object_ref(obj)
    chain = chain_for(organisation_id)
    # Lock this chain's head so two appends cannot take the same number (PostgreSQL): writers for
    # other organisations are not held up. On SQLite the write lock taken at BEGIN (settings:
    # transaction_mode) serialises all writers anyway.
    head = AuditHead.objects.select_for_update().filter(chain=chain).first()
    if head is None:
        _start_chain(chain)
        head = AuditHead.objects.select_for_update().get(chain=chain)
    event = AuditEvent(
        chain=chain,
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
    AuditHead.objects.filter(pk=head.pk).update(seq=event.seq, last_hash=event.row_hash)
    maybe_checkpoint_after(event.seq)  # every CHECKPOINT_EVERY_ROWS rows, once committed
    return event
