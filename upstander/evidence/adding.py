"""Adding evidence to a report: files (type from the content, image bombs refused, EXIF capture
time read), pasted messages and web-page records, whole e-mails; the seeds' metadata checked.

Each item's rows are written in one transaction; its encrypted blob is written to the vault just
before, since the blob is content-addressed and idempotent: if the transaction then fails, an
unreferenced object stays behind, which `upstander evidence verify` lists and a later upload of
the same bytes reuses. Its background work (preview, OCR, e-mail text: `evidence.tasks`) is queued
for after the commit; text kept as given goes to the intake pipeline at once
(`hooks.evidence_text_ready`). Sealed items get none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

from upstander.accounts.models import User
from upstander.audit.models import AuditAction
from upstander.core.queue import enqueue_on_commit
from upstander.evidence import conf, emails, hooks, tasks
from upstander.evidence.custody import (
    actor_label,
    audit_item,
    custody_append,
    iso,
)
from upstander.evidence.models import (
    CapturedAtSource,
    CustodyAction,
    DeriveState,
    EvidenceItem,
    EvidenceKind,
    OcrState,
)
from upstander.evidence.sealing import SEXUAL_IMAGE_REASON, seal_item
from upstander.evidence.vault import crypto, filetypes, images
from upstander.evidence.vault.errors import UploadRefused
from upstander.evidence.vault.filetypes import Category, FileType
from upstander.reports.models import Channel, Platform, Report

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


_KIND_BY_CATEGORY = {
    Category.IMAGE: EvidenceKind.IMAGE,
    Category.VIDEO: EvidenceKind.VIDEO,
    Category.DOCUMENT: EvidenceKind.DOCUMENT,
    Category.TEXT: EvidenceKind.DOCUMENT,
    Category.EMAIL: EvidenceKind.EMAIL,
}


_URL_VALIDATOR = URLValidator(schemes=["http", "https"])


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
        audit_item(
            action=AuditAction.CHANGED, item=item, actor=added_by, actor_label=label, request=request,
            detail={"sent_again": True},
        )  # fmt: skip
        if sexual_image and not item.sealed:
            seal_item(item=item, actor=added_by, label=label, reason=SEXUAL_IMAGE_REASON, request=request)
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
        snapshot = {k: iso(v) if isinstance(v, dt.datetime) else v for k, v in meta.items()}
        custody_append(
            item=item, action=CustodyAction.ADDED, actor=added_by, actor_label=label,
            detail={
                "kind": str(new.kind), "size": item.size, "file_type": item.file_type, "key_id": key_id,
                "original_name": item.original_name, "metadata": snapshot,
                "captured_at_source": new.captured_at_source,
            },
        )  # fmt: skip
        audit_item(
            action=AuditAction.CREATED, item=item, actor=added_by, actor_label=label, request=request,
            detail={"kind": str(new.kind), "sealed": new.sealed},
        )  # fmt: skip
        if new.sealed:
            seal_item(item=item, actor=added_by, label=label, reason=SEXUAL_IMAGE_REASON, request=request)
        elif derive:
            enqueue_on_commit(tasks.derive_evidence, item.pk)
        elif item.kind in (EvidenceKind.MESSAGE, EvidenceKind.WEB_PAGE) or item.file_type == filetypes.TEXT:
            # Text kept as given (a pasted message, a text file) has nothing to read first: it goes to the
            # classifier now, as OCR text does once read (a possible risk to life then reaches the case).
            hooks.evidence_text_ready(report_id=item.report_id)
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
    label = actor_label(added_by, added_by_label)
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
    label = actor_label(added_by, added_by_label)
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
    label = actor_label(added_by, added_by_label)
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
