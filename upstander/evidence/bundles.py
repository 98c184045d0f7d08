"""Signed export bundles (ZIP with a PDF summary, manifest and checkpoints) for the police, a
platform or the local authority: one report's evidence, or chosen items of a case (referral packs)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from upstander.accounts.models import Organisation, User
from upstander.audit import checkpoints
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.evidence import conf
from upstander.evidence.checkpoints import chain_id
from upstander.evidence.custody import (
    actor_label,
    clean_reason,
    custody_append,
)
from upstander.evidence.models import (
    CustodyAction,
    CustodyEvent,
    EvidenceItem,
    OrganisationSigningKey,
)
from upstander.evidence.vault import bundle, crypto
from upstander.reports.models import Report, ReportMessage
from upstander.reports.receipts import format_reference


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
    items = list(EvidenceItem.objects.filter(report=report).order_by("added_at", "pk"))
    sealed_ids = {item.pk for item in items if item.sealed}
    chosen = set(include_sealed) & sealed_ids
    if set(include_sealed) - sealed_ids:
        raise ValueError("Only sealed items of this report can be chosen for inclusion.")
    reason = clean_reason(sealed_reason) if chosen else ""
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
    label = actor_label(by, "")
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
        files.append(
            bundle.BundleFile(name=name, data=blob_store.get(item.sha256), metadata=metadata, sealed=item.sealed)
        )
    withheld = tuple(item.pk for item in items if item.sealed)
    included = tuple(item.pk for item in items if not item.sealed)
    data = bundle.build_bundle(
        files=files, chronology=chronology, case_reference=reference, organisation=organisation.name,
        signing_key=key, summary=summary, prepared_by=f"{by.full_name} ({by.email})", display_tz=conf.local_tz(),
    )  # fmt: skip
    digest = crypto.sha256_hex(data)
    label = actor_label(by, "")
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


def _bundle_checkpoints(items: Sequence[EvidenceItem], *, organisation_id: int) -> list[tuple[str, bytes]]:
    """A fresh signed checkpoint of these items' custody trails and the audit trail, with every
    earlier checkpoint of them and the public keys, for the bundle's checkpoints/ folder. Only these
    chains: the bundle says nothing about other reports or organisations."""
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
