"""Writes for evidence: adding items, custody events, sealing, derived files, export bundles, keys.

Every function is keyword-only. Each writes its rows in one transaction; the encrypted blob of a
new item is written to the vault just before that transaction, since the blob is content-addressed
and idempotent: if the transaction then fails, an unreferenced object stays behind, which
`upstander evidence verify` lists and a later upload of the same bytes reuses. Background work
(preview, OCR, email text) is enqueued inside the transaction, so a committed item always has it
queued; sealed items never get any.

Every event on an item lands on its custody chain (who, when, why; hash-chained, with the head
kept on the item) and on the audit trail. Anonymous reporters' addresses are never recorded.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

from upstander.accounts.models import Organisation, User
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.core.progress import Progress, no_progress
from upstander.evidence import conf, emails
from upstander.evidence.models import (
    CapturedAtSource,
    CustodyAction,
    CustodyEvent,
    DeriveState,
    EvidenceItem,
    EvidenceKind,
    OcrState,
    OrganisationSigningKey,
)
from upstander.evidence.vault import bundle, crypto, custody, filetypes, images, ocr, storage
from upstander.evidence.vault.errors import UploadRefused
from upstander.evidence.vault.filetypes import Category, FileType
from upstander.reports.models import Channel, Platform, Report, ReportMessage

METADATA_FIELDS = (
    "platform",
    "channel",
    "url",
    "handles",
    "posted_at",
    "captured_at",
    "captured_by",
    "location",
    "description",
)
MAX_TEXT_CHARS = 100_000
MAX_DESCRIPTION_CHARS = 5_000
MAX_REASON_CHARS = 2_000
PREVIEW_MAX_SIDE = 1200
# Derived-file kinds in the vault (vault/storage.py: derived/<kind>/...). The redacted preview is
# per item, not per content: two reports holding the same screenshot redact it independently.
PREVIEW = "preview"
OCR_TEXT = "ocr_text"
EMAIL_TEXT = "email_text"
SHARED_DERIVED_KINDS = (PREVIEW, OCR_TEXT, EMAIL_TEXT)

SEXUAL_IMAGE_REASON = "Marked as a nude or sexual image when it was added (UKCIS: never viewed, copied or shared)."

_KIND_BY_CATEGORY = {
    Category.IMAGE: EvidenceKind.IMAGE,
    Category.VIDEO: EvidenceKind.VIDEO,
    Category.DOCUMENT: EvidenceKind.DOCUMENT,
    Category.TEXT: EvidenceKind.DOCUMENT,
    Category.EMAIL: EvidenceKind.EMAIL,
}
_URL_VALIDATOR = URLValidator(schemes=["http", "https"])


class EvidenceSealed(PermissionError):
    """The item is sealed: its content is not read, shown, copied or exported (UKCIS)."""


# -- small helpers ---------------------------------------------------------------------------------


def _label(user: User | None, given: str) -> str:
    if given.strip():
        return given.strip()[:254]
    if user is not None:
        return f"{user.full_name} ({user.email})"[:254]
    return "reporter"


def _clean_url(value: str) -> str:
    url = value.strip()
    if not url:
        return ""
    if len(url) > 2000:
        raise UploadRefused("The web address is too long (over 2,000 characters).", code="bad_url")
    try:
        _URL_VALIDATOR(url)
    except ValidationError:
        raise UploadRefused(
            f"{url[:100]!r} is not a web address. Copy it from the browser's address bar: it starts with https://.",
            code="bad_url",
        ) from None
    return url


def _clean_time(name: str, value: Any) -> dt.datetime | None:
    label = {"posted_at": "when it was posted", "captured_at": "when it was captured"}[name]
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise UploadRefused(
                f"The date and time for {label} is not one we can read: use a form like 2026-11-03 14:05.",
                code="bad_metadata",
            ) from None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(12, 0))
    if not isinstance(value, dt.datetime):
        raise TypeError(f"metadata[{name!r}] must be a datetime or an ISO 8601 string")
    if timezone.is_naive(value):
        value = timezone.make_aware(value, conf.local_tz())
    if value > timezone.now() + dt.timedelta(days=1):
        raise UploadRefused(f"The date for {label} is in the future: check it and try again.", code="bad_metadata")
    return value


def _clean_metadata(metadata: Mapping[str, Any] | None) -> dict[str, Any]:
    """The seeds' metadata, checked: unknown names are a programming error (ValueError), bad values
    an input problem (UploadRefused, with what to change)."""
    given = dict(metadata or {})
    unknown = set(given) - set(METADATA_FIELDS)
    if unknown:
        raise ValueError(f"unknown evidence metadata {sorted(unknown)}; allowed: {', '.join(METADATA_FIELDS)}")
    platform = str(given.get("platform") or "")
    if platform not in Platform.values:
        raise ValueError(f"platform {platform!r} is not one of {Platform.values}")
    channel = str(given.get("channel") or "")
    if channel and channel not in Channel.values:
        raise ValueError(f"channel {channel!r} is not one of {Channel.values}")
    handles = given.get("handles") or ""
    if not isinstance(handles, str):
        handles = "\n".join(str(h) for h in handles)
    handles = "\n".join(line.strip() for line in handles.splitlines() if line.strip())
    description = str(given.get("description") or "").strip()
    if len(description) > MAX_DESCRIPTION_CHARS:
        raise UploadRefused(
            f"The description is over {MAX_DESCRIPTION_CHARS:,} characters: shorten it.", code="bad_metadata"
        )
    return {
        "platform": platform,
        "channel": channel,
        "url": _clean_url(str(given.get("url") or "")),
        "handles": handles[:5000],
        "posted_at": _clean_time("posted_at", given.get("posted_at")),
        "captured_at": _clean_time("captured_at", given.get("captured_at")),
        "captured_by": str(given.get("captured_by") or "").strip()[:200],
        "location": str(given.get("location") or "").strip()[:300],
        "description": description,
    }


def _clean_reason(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise ValueError("A reason is required, and it is recorded on the item's custody trail.")
    return text[:MAX_REASON_CHARS]


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _human_size(size: int) -> str:
    return f"{size / conf.MB:.1f} MB" if size >= conf.MB // 10 else f"{max(1, round(size / 1024))} KB"


def report_bytes(*, report_id: int) -> int:
    total = EvidenceItem.objects.filter(report_id=report_id).aggregate(total=Sum("size"))["total"]
    return int(total or 0)


def _check_report_total(*, report_id: int, size: int) -> None:
    used, limit = report_bytes(report_id=report_id), conf.max_report_bytes()
    if used + size > limit:
        raise UploadRefused(
            f"With this file the report would hold {_human_size(used + size)} of evidence; the limit is "
            f"{_human_size(limit)} per report. Send the most important files, and say in your report what "
            "else you have so staff can ask for it.",
            code="report_too_large",
        )


def _audit(
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
    event.row_hash = custody.link_hash(prev_hash=event.prev_hash, payload=event.chain_payload())
    event.save(force_insert=True)
    EvidenceItem.objects.filter(pk=item.pk).update(custody_seq=event.seq, custody_head=event.row_hash)
    item.custody_seq, item.custody_head = event.seq, event.row_hash
    return event


def _lock_same_content(sha256: str) -> list[EvidenceItem]:
    """Lock every item holding these bytes: sealing one and deriving files from another must not
    interleave, since derived files are shared by content."""
    return list(EvidenceItem.objects.select_for_update().filter(sha256=sha256).order_by("pk"))


def _drop_shared_derived(sha256: str) -> None:
    """Delete every preview and extracted text made from these bytes, and say so on every item
    holding them. Used when any item with these bytes is sealed: safety wins over convenience."""
    blob_store = conf.store()
    for kind in SHARED_DERIVED_KINDS:
        blob_store.delete_derived(kind=kind, sha256=sha256)
    EvidenceItem.objects.filter(sha256=sha256).update(has_preview=False, has_text=False)


def _enqueue_derive(item: EvidenceItem) -> None:
    from upstander.evidence.tasks import enqueue_derive

    enqueue_derive(item_id=item.pk)


# -- adding evidence -----------------------------------------------------------------------------


@dataclass
class _NewItem:
    report: Report
    data: bytes
    kind: EvidenceKind
    file_type: FileType
    original_name: str
    safe_name: str
    metadata: dict[str, Any]
    file_metadata: dict[str, Any] = field(default_factory=dict)
    captured_at_source: str = ""
    sealed: bool = False


def _add_again(
    *,
    item: EvidenceItem,
    original_name: str,
    sexual_image: bool,
    added_by: User | None,
    label: str,
    request: HttpRequest | None,
) -> EvidenceItem:
    with transaction.atomic():
        custody_append(
            item=item, action=CustodyAction.ADDED_AGAIN, actor=added_by, actor_label=label,
            detail={"original_name": original_name[:255], "marked_sexual_image": sexual_image},
        )  # fmt: skip
        _audit(
            action=AuditAction.CHANGED, item=item, actor=added_by, actor_label=label, request=request,
            detail={"sent_again": True},
        )  # fmt: skip
        if sexual_image and not item.sealed:
            _seal(item=item, actor=added_by, label=label, reason=SEXUAL_IMAGE_REASON, request=request)
    return item


def _store_new(*, new: _NewItem, added_by: User | None, label: str, request: HttpRequest | None) -> EvidenceItem:
    digest = crypto.sha256_hex(new.data)
    blob_store = conf.store()
    existed = blob_store.exists(digest)
    blob_store.put(new.data)
    key_id = crypto.envelope_key_id(blob_store.read_raw(digest)) if existed else blob_store.keyring.active_key_id
    meta = new.metadata
    derive = not new.sealed and new.kind in (EvidenceKind.IMAGE, EvidenceKind.EMAIL)
    with transaction.atomic():
        # Lock the report so two uploads at once cannot both squeeze under its limit.
        list(Report.objects.select_for_update().filter(pk=new.report.pk).values_list("pk", flat=True))
        duplicate = EvidenceItem.objects.filter(report_id=new.report.pk, sha256=digest).first()
        if duplicate is not None:
            return _add_again(
                item=duplicate, original_name=new.original_name, sexual_image=new.sealed, added_by=added_by,
                label=label, request=request,
            )  # fmt: skip
        _check_report_total(report_id=new.report.pk, size=len(new.data))
        item = EvidenceItem.objects.create(
            organisation_id=new.report.organisation_id,
            report=new.report,
            kind=new.kind,
            sha256=digest,
            size=len(new.data),
            key_id=key_id,
            file_type=new.file_type.key,
            mime_type=new.file_type.mime,
            original_name=new.original_name[:255],
            safe_name=new.safe_name,
            captured_at_source=new.captured_at_source,
            file_metadata=new.file_metadata,
            added_by=added_by,
            added_by_label=label,
            derive_state=DeriveState.PENDING if derive else DeriveState.NOT_NEEDED,
            ocr_state=OcrState.PENDING if derive and new.kind == EvidenceKind.IMAGE else OcrState.NOT_APPLICABLE,
            **meta,
        )
        snapshot = {k: _iso(v) if isinstance(v, dt.datetime) else v for k, v in meta.items()}
        custody_append(
            item=item, action=CustodyAction.ADDED, actor=added_by, actor_label=label,
            detail={
                "kind": str(new.kind), "size": item.size, "file_type": item.file_type, "key_id": key_id,
                "original_name": item.original_name, "metadata": snapshot,
                "captured_at_source": new.captured_at_source,
            },
        )  # fmt: skip
        _audit(
            action=AuditAction.CREATED, item=item, actor=added_by, actor_label=label, request=request,
            detail={"kind": str(new.kind), "sealed": new.sealed},
        )  # fmt: skip
        if new.sealed:
            _seal(item=item, actor=added_by, label=label, reason=SEXUAL_IMAGE_REASON, request=request)
        elif derive:
            _enqueue_derive(item)
        elif item.kind in (EvidenceKind.MESSAGE, EvidenceKind.WEB_PAGE) or item.file_type == filetypes.TEXT:
            # Text kept as given (a pasted message, a text file) has nothing to read first: it goes to the
            # classifier now, as OCR text does once read (a possible risk to life then reaches the case).
            from upstander.reports.tasks import enqueue_analysis

            enqueue_analysis(report_id=item.report_id)
    return item


def evidence_add_file(
    *,
    report: Report,
    data: bytes,
    filename: str,
    added_by: User | None = None,
    added_by_label: str = "",
    sexual_image: bool = False,
    metadata: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> EvidenceItem:
    """Store an uploaded file as evidence of `report`, or raise UploadRefused saying why not.

    The type comes from the content; images are checked for bombs and their EXIF capture time is
    read. `sexual_image` seals the item at once: no preview, no OCR, never shown or exported
    until the DSL unseals it. The same file sent again to the same report is the same item (its
    custody trail records the second sending).
    """
    meta = _clean_metadata(metadata)
    label = _label(added_by, added_by_label)
    duplicate = EvidenceItem.objects.filter(report_id=report.pk, sha256=crypto.sha256_hex(data)).first()
    if duplicate is not None:
        return _add_again(
            item=duplicate, original_name=filename, sexual_image=sexual_image, added_by=added_by, label=label,
            request=request,
        )  # fmt: skip
    checked = images.check_upload(
        data=data,
        filename=filename,
        max_file_bytes=conf.max_file_bytes(),
        report_bytes_so_far=report_bytes(report_id=report.pk),
        max_report_bytes=conf.max_report_bytes(),
        local_tz=conf.local_tz(),
    )
    kind = _KIND_BY_CATEGORY[checked.file_type.category]
    file_metadata: dict[str, Any] = dict(checked.image.metadata()) if checked.image else {}
    source = CapturedAtSource.GIVEN if meta["captured_at"] else CapturedAtSource.NONE
    if checked.image is not None and checked.image.captured_at is not None and not meta["captured_at"]:
        meta["captured_at"] = checked.image.captured_at
        source = CapturedAtSource.EXIF
    if kind == EvidenceKind.EMAIL:
        _fill_from_email(data=data, meta=meta, file_metadata=file_metadata)
    new = _NewItem(
        report=report, data=data, kind=kind, file_type=checked.file_type, original_name=filename or "",
        safe_name=checked.safe_name, metadata=meta, file_metadata=file_metadata, captured_at_source=source,
        sealed=sexual_image,
    )  # fmt: skip
    return _store_new(new=new, added_by=added_by, label=label, request=request)


def _fill_from_email(*, data: bytes, meta: dict[str, Any], file_metadata: dict[str, Any]) -> None:
    """The record of an e-mail from its headers: sent time, addresses; the channel is e-mail."""
    file_metadata.update(emails.email_summary(data))
    sent = emails.email_sent_at(data)
    if sent is not None and not meta["posted_at"]:
        meta["posted_at"] = sent
    if not meta["channel"]:
        meta["channel"] = Channel.EMAIL
    if not meta["platform"]:
        meta["platform"] = Platform.EMAIL
    if not meta["handles"]:
        meta["handles"] = "\n".join(emails.email_addresses(data))[:5000]


def evidence_add_text(
    *,
    report: Report,
    text: str,
    kind: str,
    url: str = "",
    added_by: User | None = None,
    added_by_label: str = "",
    metadata: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> EvidenceItem:
    """Keep a pasted message (`kind="message"`) or a record of a web page (`kind="web_page"`: its
    address and what it showed, in words; the server never fetches the web)."""
    if kind not in (EvidenceKind.MESSAGE, EvidenceKind.WEB_PAGE):
        raise ValueError(f"kind must be 'message' or 'web_page', not {kind!r}")
    meta = _clean_metadata({**(metadata or {}), **({"url": url} if url else {})})
    body = (text or "").strip()
    if not body:
        what = "the message" if kind == EvidenceKind.MESSAGE else "what the page showed"
        raise UploadRefused(f"There is no text to keep: paste or type {what}.", code="empty")
    if len(body) > MAX_TEXT_CHARS:
        raise UploadRefused(
            f"The text is {len(body):,} characters; the limit is {MAX_TEXT_CHARS:,}. Split it into parts, or "
            "save it as a PDF and add it as a file.",
            code="text_too_long",
        )
    if kind == EvidenceKind.WEB_PAGE and not meta["url"]:
        raise UploadRefused(
            "Give the web page's address (URL), copied from the browser's address bar.", code="missing_url"
        )
    label = _label(added_by, added_by_label)
    data = body.encode("utf-8")
    duplicate = EvidenceItem.objects.filter(report_id=report.pk, sha256=crypto.sha256_hex(data)).first()
    if duplicate is not None:
        return _add_again(
            item=duplicate, original_name="", sexual_image=False, added_by=added_by, label=label, request=request
        )
    _check_report_total(report_id=report.pk, size=len(data))
    name = "message.txt" if kind == EvidenceKind.MESSAGE else "web-page.txt"
    source = CapturedAtSource.GIVEN if meta["captured_at"] else CapturedAtSource.NONE
    new = _NewItem(
        report=report, data=data, kind=EvidenceKind(kind), file_type=filetypes.TEXT, original_name="",
        safe_name=name, metadata=meta, captured_at_source=source,
    )  # fmt: skip
    return _store_new(new=new, added_by=added_by, label=label, request=request)


def evidence_add_email(
    *,
    report: Report,
    raw: bytes,
    added_by: User | None = None,
    added_by_label: str = "",
    request: HttpRequest | None = None,
) -> EvidenceItem:
    """Keep a whole e-mail (.eml bytes, as received) as one item; its headers fill the record and its
    text is extracted in the background for analysis. Attachments are separate items (the caller
    adds them with `evidence_add_file`)."""
    label = _label(added_by, added_by_label)
    duplicate = EvidenceItem.objects.filter(report_id=report.pk, sha256=crypto.sha256_hex(raw)).first()
    if duplicate is not None:
        return _add_again(
            item=duplicate, original_name="message.eml", sexual_image=False, added_by=added_by, label=label,
            request=request,
        )  # fmt: skip
    checked = images.check_upload(
        data=raw,
        filename="message.eml",
        max_file_bytes=conf.max_file_bytes(),
        report_bytes_so_far=report_bytes(report_id=report.pk),
        max_report_bytes=conf.max_report_bytes(),
        local_tz=conf.local_tz(),
    )
    if checked.file_type.category not in (Category.EMAIL, Category.TEXT):
        raise UploadRefused(
            f"This is a {checked.file_type.label}, not a saved e-mail. Add it as a file instead.", code="not_email"
        )
    meta = _clean_metadata(None)
    file_metadata: dict[str, Any] = {}
    _fill_from_email(data=raw, meta=meta, file_metadata=file_metadata)
    subject = str(file_metadata.get("email_subject") or "message")
    new = _NewItem(
        report=report, data=raw, kind=EvidenceKind.EMAIL, file_type=filetypes.EMAIL, original_name="",
        safe_name=filetypes.sanitise_filename(name=f"{subject}.eml", file_type=filetypes.EMAIL),
        metadata=meta, file_metadata=file_metadata,
    )  # fmt: skip
    return _store_new(new=new, added_by=added_by, label=label, request=request)


# -- sealing -------------------------------------------------------------------------------------


def _seal(*, item: EvidenceItem, actor: User | None, label: str, reason: str, request: HttpRequest | None) -> None:
    _lock_same_content(item.sha256)
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
    _drop_shared_derived(item.sha256)
    conf.store().delete_derived(kind=redacted_kind(item), sha256=item.sha256)
    item.has_preview = item.has_text = False
    custody_append(item=item, action=CustodyAction.SEALED, actor=actor, actor_label=label, reason=reason)
    _audit(
        action=AuditAction.CHANGED, item=item, actor=actor, actor_label=label, request=request, detail={"sealed": True}
    )


@transaction.atomic
def evidence_seal(*, item: EvidenceItem, by: User, reason: str, request: HttpRequest | None = None) -> EvidenceItem:
    """Seal an item (a nude or sexual image): its previews and texts are deleted, and nobody reaches
    its content until the DSL unseals it. The bytes and hash are kept."""
    reason = _clean_reason(reason)
    _lock_same_content(item.sha256)
    item.refresh_from_db()
    if not item.sealed:
        _seal(item=item, actor=by, label=_label(by, ""), reason=reason, request=request)
    return item


@transaction.atomic
def evidence_unseal(*, item: EvidenceItem, by: User, reason: str, request: HttpRequest | None = None) -> EvidenceItem:
    """The DSL's recorded decision that the item may be handled as ordinary evidence again."""
    reason = _clean_reason(reason)
    others = _lock_same_content(item.sha256)
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
    label = _label(by, "")
    custody_append(item=item, action=CustodyAction.UNSEALED, actor=by, actor_label=label, reason=reason)
    _audit(
        action=AuditAction.CHANGED, item=item, actor=by, actor_label=label, request=request, detail={"sealed": False}
    )
    if derive:
        _enqueue_derive(item)
    return item


# -- derived files (background) --------------------------------------------------------------------


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
        same = _lock_same_content(item.sha256)
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


# -- looking at evidence ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceFile:
    filename: str
    content_type: str
    data: bytes


def redacted_kind(item: EvidenceItem) -> str:
    return f"redacted-{item.pk}"


@transaction.atomic
def evidence_record_view(*, item: EvidenceItem, by: User, request: HttpRequest | None = None) -> None:
    """A person opened the item's page (its record, and for an unsealed item its text)."""
    label = _label(by, "")
    custody_append(item=item, action=CustodyAction.VIEWED, actor=by, actor_label=label, detail={"what": "item page"})
    _audit(action=AuditAction.VIEWED, item=item, actor=by, actor_label=label, request=request)


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
    label = _label(by, "")
    with transaction.atomic():
        custody_append(item=item, action=action, actor=by, actor_label=label, detail={"what": what})
        downloaded = action == CustodyAction.DOWNLOADED
        _audit(
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
    reason = _clean_reason(reason)
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
        _lock_same_content(item.sha256)
        item.refresh_from_db()
        if item.sealed:
            raise EvidenceSealed("A sealed item cannot be redacted.")
        blob_store.put_derived(kind=redacted_kind(item), sha256=item.sha256, data=redacted)
        item.has_redacted_preview = True
        item.save(update_fields=["has_redacted_preview"])
        label = _label(by, "")
        custody_append(
            item=item, action=CustodyAction.REDACTED, actor=by, actor_label=label, reason=reason,
            detail={"boxes": [list(box) for box in boxes]},
        )  # fmt: skip
        _audit(
            action=AuditAction.CHANGED,
            item=item,
            actor=by,
            actor_label=label,
            request=request,
            detail={"redacted": True},
        )
    return item


# -- export bundles ------------------------------------------------------------------------------


def evidence_signing_key(*, organisation: Organisation) -> bundle.SigningKey:
    """The organisation's Ed25519 bundle-signing key, made (and audited) on first use."""
    row = OrganisationSigningKey.objects.filter(organisation=organisation).first()
    if row is None:
        key = bundle.SigningKey.generate()
        try:
            with transaction.atomic():
                row = OrganisationSigningKey.objects.create(
                    organisation=organisation,
                    sealed_private_key=key.seal(keyring=conf.keyring()),
                    public_key_pem=key.public_key_pem(),
                    key_id=key.key_id,
                    fingerprint=key.fingerprint,
                )
                audit_record(
                    action=AuditAction.CREATED, actor_label="Upstander", organisation_id=organisation.pk, obj=row,
                    detail={"key_id": key.key_id, "fingerprint": key.fingerprint},
                )  # fmt: skip
        except IntegrityError:  # made by a concurrent export a moment ago
            row = OrganisationSigningKey.objects.get(organisation=organisation)
    return bundle.SigningKey.unseal(envelope=bytes(row.sealed_private_key), keyring=conf.keyring())


@dataclass(frozen=True)
class ExportedBundle:
    filename: str
    data: bytes
    sha256: str
    included: tuple[int, ...]
    withheld: tuple[int, ...]


def _item_metadata(item: EvidenceItem) -> dict[str, Any]:
    values: dict[str, Any] = {
        "item_id": item.pk,
        "kind": item.get_kind_display(),
        "added_by": item.added_by_label,
        "added_at": item.added_at,
        "captured_at": item.captured_at,
        "captured_at_source": item.get_captured_at_source_display() if item.captured_at else "",
        "captured_by": item.captured_by,
        "posted_at": item.posted_at,
        "platform": item.get_platform_display() if item.platform else "",
        "channel": item.get_channel_display() if item.channel else "",
        "url": item.url,
        "handles": item.handle_list,
        "location": item.location,
        "description": item.description,
        "custody_events": item.custody_seq,
        "custody_head_sha256": item.custody_head,
    }
    values.update({k: v for k, v in item.file_metadata.items() if k not in values})
    return {k: v for k, v in values.items() if v not in ("", None, [])}


def _sealed_metadata(item: EvidenceItem) -> dict[str, Any]:
    return {
        "item_id": item.pk,
        "added_at": item.added_at,
        "added_by": item.added_by_label,
        "custody_events": item.custody_seq,
        "custody_head_sha256": item.custody_head,
    }


def _chronology(*, report: Report, items: Sequence[EvidenceItem], withheld: set[int]) -> list[bundle.ChronologyEntry]:
    reporter = (
        "Anonymous reporter" if report.anonymous else f"Reporter: {report.reporter_name or report.reporter_email}"
    )
    entries = [
        bundle.ChronologyEntry(
            time=report.created_at,
            author=reporter,
            text=f"Report received ({report.get_source_display()}).\n{report.account}",
        )
    ]
    for message in ReportMessage.objects.filter(report=report).select_related("author"):
        author = (
            reporter
            if message.author_kind == ReportMessage.Author.REPORTER
            else (f"{message.author.full_name} (safeguarding lead)" if message.author else "Safeguarding lead")
        )
        entries.append(bundle.ChronologyEntry(time=message.created_at, author=author, text=f"Message: {message.body}"))
    names = {item.pk: "sealed item" if item.pk in withheld else item.safe_name for item in items}
    for event in CustodyEvent.objects.filter(item__in=items).order_by("occurred_at", "pk"):
        text = f"Evidence item {event.item_id} ({names[event.item_id]}): {event.get_action_display().lower()}"
        if event.reason:
            text += f". Reason: {event.reason}"
        entries.append(bundle.ChronologyEntry(time=event.occurred_at, author=event.actor_label, text=text))
    return entries


def evidence_export_bundle(
    *,
    report: Report,
    by: User,
    include_sealed: Iterable[int] = (),
    sealed_reason: str = "",
    request: HttpRequest | None = None,
) -> ExportedBundle:
    """A signed ZIP for the police, a platform or the local authority: summary PDF (the report's
    account, messages and custody events), the evidence files, manifest.json with every SHA-256,
    and the organisation's Ed25519 signature. Sealed items are withheld (listed by hash) unless
    their ids are in `include_sealed` with a `sealed_reason` (the view allows that to the DSL only).
    Audited as "exported", and each item's custody trail records the export."""
    from upstander.reports.receipts import format_reference

    items = list(EvidenceItem.objects.filter(report=report).order_by("added_at", "pk"))
    sealed_ids = {item.pk for item in items if item.sealed}
    chosen = set(include_sealed) & sealed_ids
    if set(include_sealed) - sealed_ids:
        raise ValueError("Only sealed items of this report can be chosen for inclusion.")
    reason = _clean_reason(sealed_reason) if chosen else ""
    key = evidence_signing_key(organisation=report.organisation)
    blob_store = conf.store()
    withheld = tuple(item.pk for item in items if item.sealed and item.pk not in chosen)
    included = tuple(item.pk for item in items if item.pk not in withheld)
    files = []
    for item in items:
        if item.pk in withheld:
            # Only that it exists, its hash and its custody: not its name, description or EXIF. Its
            # bytes are decrypted only to be hashed for the manifest, never written (vault/bundle.py).
            name, metadata = f"sealed-item-{item.pk}", _sealed_metadata(item)
        else:
            name, metadata = item.safe_name, _item_metadata(item)
            if item.pk in chosen:
                metadata["sealed_item_included_because"] = reason
        files.append(
            bundle.BundleFile(
                name=name, data=blob_store.get(item.sha256), metadata=metadata, sealed=item.pk in withheld
            )
        )
    reference = format_reference(report.reference)
    prepared_by = f"{by.full_name} ({by.email})"
    summary = {
        "Report": reference,
        "Received": timezone.localtime(report.created_at).strftime("%d %b %Y %H:%M %Z"),
        "Source": report.get_source_display(),
        "Where": ", ".join(
            x
            for x in (
                report.channel and report.get_channel_display(),
                report.platform and report.get_platform_display(),
            )
            if x
        )
        or "Not said",
        "Status": report.get_status_display(),
    }
    data = bundle.build_bundle(
        files=files, chronology=_chronology(report=report, items=items, withheld=set(withheld)),
        case_reference=reference,
        organisation=report.organisation.name, signing_key=key, summary=summary, prepared_by=prepared_by,
        display_tz=conf.local_tz(), checkpoints=_bundle_checkpoints(items, organisation_id=report.organisation_id),
    )  # fmt: skip
    digest = crypto.sha256_hex(data)
    label = _label(by, "")
    with transaction.atomic():
        for item in items:
            custody_append(
                item=item, action=CustodyAction.EXPORTED, actor=by, actor_label=label,
                reason=reason if item.pk in chosen else "",
                detail={"bundle_sha256": digest, "included": item.pk in included},
            )  # fmt: skip
        audit_record(
            action=AuditAction.EXPORTED, actor=by, organisation_id=report.organisation_id, obj=report, request=request,
            detail={
                "bundle_sha256": digest, "included": list(included), "withheld": list(withheld),
                "sealed_included": sorted(chosen), "sealed_reason": reason, "signing_key": key.key_id,
            },
        )  # fmt: skip
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return ExportedBundle(f"evidence-{reference}-{stamp}.zip", data, digest, included, withheld)


def _bundle_checkpoints(items: Sequence[EvidenceItem], *, organisation_id: int) -> list[tuple[str, bytes]]:
    """A fresh signed checkpoint of these items' custody trails and the audit trail, with every
    earlier checkpoint of them and the public keys, for the bundle's checkpoints/ folder. Only these
    chains: the bundle says nothing about other reports or organisations."""
    from upstander.audit import checkpoints
    from upstander.evidence.checkpoints import chain_id

    chains = {*checkpoints.audit_chains_of(organisation_id), *(chain_id(item.pk) for item in items)}
    if not transaction.get_connection().in_atomic_block:  # never sign rows that may yet roll back
        checkpoints.write_checkpoints_quietly(chains=chains)
    path = checkpoints.log_path()
    log = path.read_bytes() if path.exists() else b""
    lines = [line for line in log.splitlines(keepends=True) if _chain_of(line) in chains]
    keys = checkpoints.public_keys_path()
    return [
        ("checkpoints.jsonl", b"".join(lines)),
        ("public-keys.pem", keys.read_bytes() if keys.exists() else checkpoints.public_key_pem().encode("ascii")),
    ]


def _chain_of(line: bytes) -> str | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value.get("chain") if isinstance(value, dict) else None


# -- keys ------------------------------------------------------------------------------------------


@dataclass
class RotationSummary:
    active_key_id: str
    new_key_made: bool
    reencrypted: int
    already_current: int
    items_updated: int
    signing_keys_resealed: int
    problems: list[str]


def evidence_rotate_keys(*, make_new_key: bool, progress: Progress = no_progress) -> RotationSummary:
    """Re-encrypt every stored object, derived file and signing key under the active vault key.

    `make_new_key` (embedded mode only): first put a fresh key at the top of the key file under
    var/. With EVIDENCE_KEY from the environment the operator puts the new key first there, and
    this re-encrypts to it. Each original is hash-checked before it is rewritten (the vault's
    rotation never launders a damaged blob); those it cannot read are listed in `problems` and
    keep their old key id."""
    if make_new_key:
        if conf.key_from_environment():
            raise ValueError("The vault keys come from EVIDENCE_KEY: put the new key first there instead.")
        ring = crypto.rotate_key_file(path=conf.key_file_path())
    else:
        ring = conf.keyring()
    result = storage.rotate_store_keys(store=conf.store(ring=ring), progress=progress)
    failed = {p.digest for p in result.problems if p.location == "original"}
    resealed = 0
    with transaction.atomic():
        items_updated = (
            EvidenceItem.objects.exclude(key_id=ring.active_key_id)
            .exclude(sha256__in=failed)
            .update(key_id=ring.active_key_id)
        )
        for row in OrganisationSigningKey.objects.select_for_update().order_by("pk"):
            envelope = bytes(row.sealed_private_key)
            fresh = crypto.reencrypt(envelope=envelope, keyring=ring, context=bundle.SIGNING_KEY_CONTEXT)
            if fresh != envelope:
                row.sealed_private_key = fresh
                row.save(update_fields=["sealed_private_key"])
                resealed += 1
        audit_record(
            action=AuditAction.CHANGED, actor_label="upstander evidence rotate-keys", object_type="evidence.keyring",
            object_id=ring.active_key_id,
            detail={"reencrypted": result.reencrypted, "problems": len(result.problems), "new_key": make_new_key},
        )  # fmt: skip
    return RotationSummary(
        active_key_id=ring.active_key_id,
        new_key_made=make_new_key,
        reencrypted=result.reencrypted,
        already_current=result.already_current,
        items_updated=items_updated,
        signing_keys_resealed=resealed,
        problems=[str(p) for p in result.problems],
    )


def evidence_export_items_bundle(
    *,
    organisation: Organisation,
    items: Sequence[EvidenceItem],
    chronology: Sequence[bundle.ChronologyEntry],
    reference: str,
    summary: dict[str, str],
    by: User,
    audit_obj: Any,
    purpose: str,
    request: HttpRequest | None = None,
) -> ExportedBundle:
    """A signed bundle of chosen items across reports (a case's referral pack), written by the same
    `bundle.build_bundle` as a report's export. Sealed items are ALWAYS withheld here (listed by hash
    only; their bytes are never written): there is no way to include one. Each item's custody trail
    and the audit trail record the export with the bundle's hash."""
    items = [item for item in items if item.organisation_id == organisation.pk]
    key = evidence_signing_key(organisation=organisation)
    blob_store = conf.store()
    files = []
    for item in items:
        if item.sealed:
            name, metadata = f"sealed-item-{item.pk}", _sealed_metadata(item)
        else:
            name, metadata = item.safe_name, _item_metadata(item)
        files.append(bundle.BundleFile(name=name, data=blob_store.get(item.sha256), metadata=metadata, sealed=item.sealed))
    withheld = tuple(item.pk for item in items if item.sealed)
    included = tuple(item.pk for item in items if not item.sealed)
    data = bundle.build_bundle(
        files=files, chronology=chronology, case_reference=reference, organisation=organisation.name,
        signing_key=key, summary=summary, prepared_by=f"{by.full_name} ({by.email})", display_tz=conf.local_tz(),
    )  # fmt: skip
    digest = crypto.sha256_hex(data)
    label = _label(by, "")
    with transaction.atomic():
        for item in items:
            custody_append(
                item=item, action=CustodyAction.EXPORTED, actor=by, actor_label=label,
                detail={"bundle_sha256": digest, "included": item.pk in included, "purpose": purpose},
            )  # fmt: skip
        audit_record(
            action=AuditAction.EXPORTED, actor=by, organisation_id=organisation.pk, obj=audit_obj, request=request,
            detail={"bundle_sha256": digest, "included": list(included), "withheld": list(withheld),
                    "purpose": purpose, "signing_key": key.key_id},
        )  # fmt: skip
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return ExportedBundle(f"{reference}-{purpose}-{stamp}.zip", data, digest, included, withheld)
