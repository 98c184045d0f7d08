"""Erasing an evidence item: for a person's erasure or a records-review decision (dataprotection app).

The item's row and its custody trail stay (the trail is append-only and the audit chain refers to
it): the item gets a tombstone event on its custody chain, its details (description, handles,
addresses, file name, file metadata) are emptied, and it is sealed so that nothing tries to show,
read or export it again. Its stored object is removed from the vault unless another item that is
not erased holds the same bytes (identical bytes are stored once: vault/storage.py), and its
previews, extracted text and redacted preview go with it. `evidence verify` expects no object for
an erased item (selectors.evidence_verify).
"""

from __future__ import annotations

from django.db import transaction
from django.db.transaction import on_commit
from django.http import HttpRequest

from upstander.accounts.models import User
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.evidence import conf, hooks
from upstander.evidence.custody import SHARED_DERIVED_KINDS, custody_append, redacted_kind
from upstander.evidence.models import CustodyAction, CustodyEvent, DeriveState, EvidenceItem, OcrState
from upstander.evidence.permissions import ERASED_SEAL_PREFIX


def erased_item_ids(item_ids: list[int] | None = None) -> set[int]:
    """The items whose custody trail holds a tombstone (ERASED) event."""
    events = CustodyEvent.objects.filter(action=CustodyAction.ERASED)
    if item_ids is not None:
        events = events.filter(item_id__in=item_ids)
    return set(events.values_list("item_id", flat=True))


@transaction.atomic
def evidence_erase(
    *, item: EvidenceItem, reason: str, by: User | None, by_label: str, request: HttpRequest | None = None
) -> bool:
    """Erase one item; True if its stored object was removed (False: another item still uses it, or
    it was erased before). The reason is kept on the tombstone, never the removed details."""
    item = EvidenceItem.objects.select_for_update().get(pk=item.pk)
    if item.pk in erased_item_ids([item.pk]):
        return False
    others = EvidenceItem.objects.filter(sha256=item.sha256).exclude(pk=item.pk).values_list("pk", flat=True)
    still_used = bool(set(others) - erased_item_ids(list(others)))
    store = conf.store()
    store.delete_derived(kind=redacted_kind(item), sha256=item.sha256)
    if not still_used:
        for kind in SHARED_DERIVED_KINDS:
            store.delete_derived(kind=kind, sha256=item.sha256)
    for name in ("original_name", "url", "handles", "captured_by", "location", "description"):
        setattr(item, name, "")
    item.safe_name = f"erased-item-{item.pk}"
    item.file_metadata = {}
    item.posted_at = item.captured_at = None
    item.sealed = True
    item.sealed_reason = f"{ERASED_SEAL_PREFIX}{reason}"[:2000]
    item.has_preview = item.has_text = item.has_redacted_preview = False
    item.derive_state = DeriveState.NOT_NEEDED
    item.ocr_state = OcrState.WITHHELD if item.ocr_state != OcrState.NOT_APPLICABLE else item.ocr_state
    item.ocr_message = ""
    item.save()
    hooks.evidence_text_withdrawn(item_ids=[item.pk])
    custody_append(
        item=item,
        action=CustodyAction.ERASED,
        actor=by,
        actor_label=by_label,
        reason=reason,
        detail={"object_removed": not still_used},
    )
    audit_record(
        action=AuditAction.DELETED,
        actor=by,
        actor_label=by_label,
        organisation_id=item.organisation_id,
        obj=item,
        request=request,
        detail={"report_id": item.report_id, "erased": True, "object_removed": not still_used},
    )
    if not still_used:
        # After the commit: a rollback must never leave a row whose object is gone.
        on_commit(lambda: store.delete(item.sha256))
    return not still_used
