"""Each item's chain of custody and audit entries, and the rules every evidence module shares.

Every event on an item lands on its custody chain (who, when, why; hash-chained, with the head kept
on the item: `custody_append`) and on the audit trail (`audit_item`). Anonymous reporters'
addresses are never recorded. Derived files (previews, extracted text) are shared by every item
holding the same bytes, so work on one item locks them all (`lock_same_content`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from upstander.accounts.models import User
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.evidence import conf, hooks
from upstander.evidence.models import (
    CustodyAction,
    CustodyEvent,
    EvidenceItem,
    EvidenceKind,
)
from upstander.evidence.vault import custody as chain

PREVIEW_MAX_SIDE = 1200


# Derived-file kinds in the vault (vault/storage.py: derived/<kind>/...). The redacted preview is
# per item, not per content: two reports holding the same screenshot redact it independently.
PREVIEW = "preview"
OCR_TEXT = "ocr_text"
EMAIL_TEXT = "email_text"


SHARED_DERIVED_KINDS = (PREVIEW, OCR_TEXT, EMAIL_TEXT)


MAX_REASON_CHARS = 2_000


class EvidenceSealed(PermissionError):
    """The item is sealed: its content is not read, shown, copied or exported (UKCIS)."""


def actor_label(user: User | None, given: str) -> str:
    if given.strip():
        return given.strip()[:254]
    if user is not None:
        return f"{user.full_name} ({user.email})"[:254]
    return "reporter"


def clean_reason(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise ValueError("A reason is required, and it is recorded on the item's custody trail.")
    return text[:MAX_REASON_CHARS]


def iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def audit_item(
    *,
    action: AuditAction,
    item: EvidenceItem,
    actor: User | None,
    actor_label: str,
    request: HttpRequest | None,
    detail: dict[str, Any] | None = None,
) -> None:
    audit_record(
        action=action,
        actor=actor,
        actor_label=actor_label,
        organisation_id=item.organisation_id,
        obj=item,
        request=request,
        record_ip=actor is not None,  # reporters (anonymous or not) are not users: no address kept
        detail={"report_id": item.report_id, **(detail or {})},
    )


def custody_append(
    *,
    item: EvidenceItem,
    action: CustodyAction,
    actor: User | None,
    actor_label: str,
    reason: str = "",
    detail: dict[str, Any] | None = None,
) -> CustodyEvent:
    """Append one event to the item's chain and move its head. Call inside a transaction."""
    # Locking the item row gives each event its own number (PostgreSQL); on SQLite the write lock
    # taken at BEGIN already serialises writers.
    head = EvidenceItem.objects.select_for_update().values("custody_seq", "custody_head", "sha256").get(pk=item.pk)
    event = CustodyEvent(
        item_id=item.pk,
        seq=head["custody_seq"] + 1,
        action=action,
        occurred_at=timezone.now(),
        actor_id=actor.pk if actor is not None else None,
        actor_label=actor_label,
        reason=reason,
        detail=detail or {},
        sha256=head["sha256"],
        prev_hash=head["custody_head"],
    )
    event.row_hash = chain.link_hash(prev_hash=event.prev_hash, payload=event.chain_payload())
    event.save(force_insert=True)
    EvidenceItem.objects.filter(pk=item.pk).update(custody_seq=event.seq, custody_head=event.row_hash)
    item.custody_seq, item.custody_head = event.seq, event.row_hash
    return event


def lock_same_content(sha256: str) -> list[EvidenceItem]:
    """Lock every item holding these bytes: sealing one and deriving files from another must not
    interleave, since derived files are shared by content."""
    return list(EvidenceItem.objects.select_for_update().filter(sha256=sha256).order_by("pk"))


def drop_shared_derived(sha256: str) -> None:
    """Delete every preview and extracted text made from these bytes, and say so on every item
    holding them. Used when any item with these bytes is sealed: safety wins over convenience."""
    blob_store = conf.store()
    for kind in SHARED_DERIVED_KINDS:
        blob_store.delete_derived(kind=kind, sha256=sha256)
    holders = EvidenceItem.objects.filter(sha256=sha256)
    holders.update(has_preview=False, has_text=False)
    # Their text read from these bytes (OCR, an email's body) is gone, and with it the copies above.
    derived_text = holders.filter(kind__in=[EvidenceKind.IMAGE, EvidenceKind.EMAIL])
    hooks.evidence_text_withdrawn(item_ids=list(derived_text.values_list("pk", flat=True)))


def redacted_kind(item: EvidenceItem) -> str:
    return f"redacted-{item.pk}"
