"""Sealing nude or sexual images (UKCIS: never viewed, copied or shared): a sealed item has no
preview, text or export until the DSL unseals it with a recorded reason."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest

from upstander.accounts.models import User
from upstander.audit.models import AuditAction
from upstander.core.queue import enqueue_on_commit
from upstander.evidence import conf, hooks, tasks
from upstander.evidence.custody import (
    actor_label,
    audit_item,
    clean_reason,
    custody_append,
    drop_shared_derived,
    lock_same_content,
    redacted_kind,
)
from upstander.evidence.models import (
    CustodyAction,
    DeriveState,
    EvidenceItem,
    EvidenceKind,
    OcrState,
)
from upstander.evidence.selectors import evidence_item_text

SEXUAL_IMAGE_REASON = "Marked as a nude or sexual image when it was added (UKCIS: never viewed, copied or shared)."


def seal_item(*, item: EvidenceItem, actor: User | None, label: str, reason: str, request: HttpRequest | None) -> None:
    lock_same_content(item.sha256)
    item.sealed = True
    item.sealed_reason = reason
    item.has_redacted_preview = False
    item.derive_state = DeriveState.NOT_NEEDED
    if item.kind == EvidenceKind.IMAGE:
        item.ocr_state = OcrState.WITHHELD
        item.ocr_message = ""
    item.save(
        update_fields=["sealed", "sealed_reason", "has_redacted_preview", "derive_state", "ocr_state", "ocr_message"]
    )
    drop_shared_derived(item.sha256)
    hooks.evidence_text_withdrawn(item_ids=[item.pk])  # a pasted message's text too: it is the item itself
    conf.store().delete_derived(kind=redacted_kind(item), sha256=item.sha256)
    item.has_preview = item.has_text = False
    custody_append(item=item, action=CustodyAction.SEALED, actor=actor, actor_label=label, reason=reason)
    audit_item(
        action=AuditAction.CHANGED, item=item, actor=actor, actor_label=label, request=request, detail={"sealed": True}
    )


@transaction.atomic
def evidence_seal(*, item: EvidenceItem, by: User, reason: str, request: HttpRequest | None = None) -> EvidenceItem:
    """Seal an item (a nude or sexual image): its previews and texts are deleted, and nobody reaches
    its content until the DSL unseals it. The bytes and hash are kept."""
    reason = clean_reason(reason)
    lock_same_content(item.sha256)
    item.refresh_from_db()
    if not item.sealed:
        seal_item(item=item, actor=by, label=actor_label(by, ""), reason=reason, request=request)
    return item


@transaction.atomic
def evidence_unseal(*, item: EvidenceItem, by: User, reason: str, request: HttpRequest | None = None) -> EvidenceItem:
    """The DSL's recorded decision that the item may be handled as ordinary evidence again."""
    reason = clean_reason(reason)
    others = lock_same_content(item.sha256)
    item.refresh_from_db()
    if not item.sealed:
        return item
    item.sealed = False
    item.sealed_reason = ""
    # Previews and text are made again, unless the same bytes are sealed in another report.
    derive = item.kind in (EvidenceKind.IMAGE, EvidenceKind.EMAIL) and not any(
        o.sealed for o in others if o.pk != item.pk
    )
    item.derive_state = DeriveState.PENDING if derive else DeriveState.NOT_NEEDED
    item.derive_attempts = 0
    item.ocr_state = OcrState.PENDING if derive and item.kind == EvidenceKind.IMAGE else item.ocr_state
    item.save(update_fields=["sealed", "sealed_reason", "derive_state", "derive_attempts", "ocr_state"])
    label = actor_label(by, "")
    custody_append(item=item, action=CustodyAction.UNSEALED, actor=by, actor_label=label, reason=reason)
    audit_item(
        action=AuditAction.CHANGED, item=item, actor=by, actor_label=label, request=request, detail={"sealed": False}
    )
    if derive:
        enqueue_on_commit(tasks.derive_evidence, item.pk)
    elif evidence_item_text(item=item) is not None:  # a pasted message or a text file: readable again now
        hooks.evidence_text_ready(report_id=item.report_id)
    return item
