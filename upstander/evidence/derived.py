"""Previews and text read from evidence in the background (`evidence.tasks.derive_evidence`): image
previews, OCR of screenshots (Tesseract), the text of e-mails. A seal always wins over this work."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from upstander.evidence import conf, emails
from upstander.evidence.custody import (
    EMAIL_TEXT,
    OCR_TEXT,
    PREVIEW,
    PREVIEW_MAX_SIDE,
    lock_same_content,
)
from upstander.evidence.models import (
    DeriveState,
    EvidenceItem,
    EvidenceKind,
    OcrState,
)
from upstander.evidence.vault import filetypes, images, ocr, storage
from upstander.evidence.vault.errors import UploadRefused


@dataclass
class _Derived:
    files: dict[str, bytes] = field(default_factory=dict)
    updates: dict[str, Any] = field(default_factory=dict)


def _derive_image(*, item: EvidenceItem, data: bytes, blob_store: storage.BlobStore, out: _Derived) -> None:
    file_type = filetypes.TYPES_BY_KEY.get(item.file_type)
    if blob_store.derived_exists(kind=PREVIEW, sha256=item.sha256):
        out.updates["has_preview"] = True
    else:
        try:
            out.files[PREVIEW] = images.make_preview(data=data, file_type=file_type, max_side=PREVIEW_MAX_SIDE)
            out.updates["has_preview"] = True
        except ValueError:  # no decoder here (HEIC without pillow-heif): the page says so
            out.updates["has_preview"] = False
    if blob_store.derived_exists(kind=OCR_TEXT, sha256=item.sha256):
        out.updates.update(has_text=True, ocr_state=OcrState.DONE, ocr_message="")
        return
    status = conf.ocr_status()
    if not status.available:
        out.updates.update(ocr_state=OcrState.UNAVAILABLE, ocr_message=(status.reason or "")[:500])
        return
    try:
        text = ocr.ocr_image(data=data, lang=conf.ocr_lang(), binary=conf.ocr_binary())
    except ocr.OcrUnavailable as exc:
        out.updates.update(ocr_state=OcrState.UNAVAILABLE, ocr_message=str(exc)[:500])
    except (ocr.OcrFailed, UploadRefused) as exc:
        out.updates.update(ocr_state=OcrState.FAILED, ocr_message=str(exc)[:500])
    else:
        out.files[OCR_TEXT] = text.encode("utf-8")
        out.updates.update(has_text=True, ocr_state=OcrState.DONE, ocr_message="" if text else "No text was found.")


def evidence_derive(*, item_id: int) -> None:
    """Make an item's preview and extracted text (OCR of images, the text of e-mails).

    The slow part runs outside any transaction; the results are written in a short one that first
    checks, with every item holding the same bytes locked, that none of them is sealed: a seal
    that lands while Tesseract runs wins. Raises on a vault error (the task retries)."""
    item = EvidenceItem.objects.filter(pk=item_id).first()
    if item is None or item.sealed or item.derive_state != DeriveState.PENDING:
        return
    blob_store = conf.store()
    out = _Derived()
    if not EvidenceItem.objects.filter(sha256=item.sha256, sealed=True).exists():
        data = blob_store.get(item.sha256)
        if item.kind == EvidenceKind.IMAGE:
            _derive_image(item=item, data=data, blob_store=blob_store, out=out)
        elif item.kind == EvidenceKind.EMAIL:
            out.files[EMAIL_TEXT] = emails.email_text(data).encode("utf-8")
            out.updates["has_text"] = True
    with transaction.atomic():
        same = lock_same_content(item.sha256)
        current = next((o for o in same if o.pk == item.pk), None)
        if current is None or current.derive_state != DeriveState.PENDING:
            return
        if any(o.sealed for o in same):
            withheld = {"ocr_state": OcrState.WITHHELD} if item.kind == EvidenceKind.IMAGE else {}
            EvidenceItem.objects.filter(pk=item.pk).update(
                derive_state=DeriveState.NOT_NEEDED, has_preview=False, has_text=False, **withheld
            )
            return
        for kind, blob in out.files.items():
            blob_store.put_derived(kind=kind, sha256=item.sha256, data=blob)
        EvidenceItem.objects.filter(pk=item.pk).update(derive_state=DeriveState.DONE, derive_error="", **out.updates)


def evidence_derive_failed(*, item_id: int, error: str, max_attempts: int) -> tuple[int, bool]:
    """Record a failed attempt: (attempts so far, whether that was the last one)."""
    with transaction.atomic():
        item = EvidenceItem.objects.select_for_update().filter(pk=item_id).first()
        if item is None:
            return 0, True
        item.derive_attempts += 1
        final = item.derive_attempts >= max_attempts
        item.derive_error = error[:500]
        item.derive_state = DeriveState.FAILED if final else DeriveState.PENDING
        if final and item.ocr_state == OcrState.PENDING:
            item.ocr_state = OcrState.FAILED
            item.ocr_message = "The file could not be read from the vault; see the error above."
        item.save(update_fields=["derive_attempts", "derive_error", "derive_state", "ocr_state", "ocr_message"])
        return item.derive_attempts, final
