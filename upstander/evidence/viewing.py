"""Opening evidence (the item page, its original, preview or redacted preview) and redacting a
preview, each recorded on the custody and audit trails. Sealed items are never opened."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.http import HttpRequest

from upstander.accounts.models import User
from upstander.audit.models import AuditAction
from upstander.evidence import conf
from upstander.evidence.custody import (
    PREVIEW,
    PREVIEW_MAX_SIDE,
    EvidenceSealed,
    actor_label,
    audit_item,
    clean_reason,
    custody_append,
    lock_same_content,
    redacted_kind,
)
from upstander.evidence.models import (
    CustodyAction,
    EvidenceItem,
    EvidenceKind,
)
from upstander.evidence.vault import filetypes, images


@dataclass(frozen=True)
class EvidenceFile:
    filename: str
    content_type: str
    data: bytes


@transaction.atomic
def evidence_record_view(*, item: EvidenceItem, by: User, request: HttpRequest | None = None) -> None:
    """A person opened the item's page (its record, and for an unsealed item its text)."""
    label = actor_label(by, "")
    custody_append(item=item, action=CustodyAction.VIEWED, actor=by, actor_label=label, detail={"what": "item page"})
    audit_item(action=AuditAction.VIEWED, item=item, actor=by, actor_label=label, request=request)


def evidence_open(
    *, item: EvidenceItem, by: User, what: str = "original", request: HttpRequest | None = None
) -> EvidenceFile:
    """The bytes of an item ("original"), its preview ("preview") or redacted preview ("redacted"),
    recorded on the custody trail and the audit trail. Sealed items raise EvidenceSealed whoever
    asks: the views check permissions first, this is the last line."""
    item.refresh_from_db()
    if item.sealed:
        raise EvidenceSealed("This item is sealed: its content cannot be opened until the DSL unseals it.")
    blob_store = conf.store()
    stem = item.safe_name.rsplit(".", 1)[0]
    if what == "original":
        result = EvidenceFile(item.safe_name, item.mime_type, blob_store.get(item.sha256))
        action = CustodyAction.DOWNLOADED
    elif what == "preview":
        data = blob_store.get_derived(kind=PREVIEW, sha256=item.sha256)
        result = EvidenceFile(f"{stem}-preview.jpg", "image/jpeg", data)
        action = CustodyAction.VIEWED
    elif what == "redacted":
        data = blob_store.get_derived(kind=redacted_kind(item), sha256=item.sha256)
        result = EvidenceFile(f"{stem}-redacted.jpg", "image/jpeg", data)
        action = CustodyAction.DOWNLOADED
    else:
        raise ValueError(f"what must be original, preview or redacted, not {what!r}")
    label = actor_label(by, "")
    with transaction.atomic():
        custody_append(item=item, action=action, actor=by, actor_label=label, detail={"what": what})
        downloaded = action == CustodyAction.DOWNLOADED
        audit_item(
            action=AuditAction.DOWNLOADED if downloaded else AuditAction.VIEWED,
            item=item,
            actor=by,
            actor_label=label,
            request=request,
            detail={"what": what},
        )
    return result


def evidence_redact(
    *,
    item: EvidenceItem,
    by: User,
    boxes: Sequence[tuple[int, int, int, int]],
    reason: str,
    request: HttpRequest | None = None,
) -> EvidenceItem:
    """Make a preview with `boxes` (left, top, right, bottom, in the original's pixels) blacked out,
    to share without, say, other pupils' names. The original never changes."""
    reason = clean_reason(reason)
    if item.kind != EvidenceKind.IMAGE:
        raise ValueError("Only screenshots and photos can be redacted.")
    if not boxes:
        raise ValueError("Give at least one area to black out.")
    if item.sealed:
        raise EvidenceSealed("A sealed item cannot be redacted.")
    blob_store = conf.store()
    data = blob_store.get(item.sha256)
    file_type = filetypes.TYPES_BY_KEY.get(item.file_type)
    redacted = images.make_preview(data=data, file_type=file_type, max_side=PREVIEW_MAX_SIDE, redact_boxes=boxes)
    with transaction.atomic():
        lock_same_content(item.sha256)
        item.refresh_from_db()
        if item.sealed:
            raise EvidenceSealed("A sealed item cannot be redacted.")
        blob_store.put_derived(kind=redacted_kind(item), sha256=item.sha256, data=redacted)
        item.has_redacted_preview = True
        item.save(update_fields=["has_redacted_preview"])
        label = actor_label(by, "")
        custody_append(
            item=item, action=CustodyAction.REDACTED, actor=by, actor_label=label, reason=reason,
            detail={"boxes": [list(box) for box in boxes]},
        )  # fmt: skip
        audit_item(
            action=AuditAction.CHANGED,
            item=item,
            actor=by,
            actor_label=label,
            request=request,
            detail={"redacted": True},
        )
    return item
