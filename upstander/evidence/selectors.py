"""Reads for evidence: lists, custody trails, texts for analysis, and the whole-vault check."""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import QuerySet

from upstander.audit.checkpoints import check_against_checkpoints
from upstander.core.progress import Progress, no_progress
from upstander.evidence import checkpoints as custody_chains
from upstander.evidence import conf
from upstander.evidence.models import CustodyAction, CustodyEvent, EvidenceItem, EvidenceKind, OrganisationSigningKey
from upstander.evidence.services import EMAIL_TEXT, OCR_TEXT
from upstander.evidence.vault import bundle, custody, storage
from upstander.evidence.vault.crypto import CryptoError
from upstander.evidence.vault.storage import BlobNotFound


def evidence_for_report(*, report_id: int) -> QuerySet[EvidenceItem]:
    return EvidenceItem.objects.filter(report_id=report_id).order_by("added_at", "pk")


def evidence_custody_for_item(*, item_id: int) -> QuerySet[CustodyEvent]:
    return CustodyEvent.objects.filter(item_id=item_id).order_by("seq")


def evidence_signing_key_info(*, organisation_id: int) -> OrganisationSigningKey | None:
    """The public half (key id, fingerprint) to show recipients; None before the first export."""
    return OrganisationSigningKey.objects.filter(organisation_id=organisation_id).defer("sealed_private_key").first()


def evidence_signing_key_info_for_slug(*, slug: str) -> OrganisationSigningKey | None:
    return OrganisationSigningKey.objects.filter(organisation__slug=slug).defer("sealed_private_key").first()


@dataclass(frozen=True)
class EvidenceText:
    item_id: int
    kind: str
    source: str  # "ocr", "pasted", "email" or "file"
    text: str


def evidence_item_text(*, item: EvidenceItem) -> EvidenceText | None:
    """The words of one item: pasted text and uploaded text files as stored, OCR text of images, the
    text of e-mails. None for a sealed item, or when there is no text (yet)."""
    if item.sealed:
        return None
    store = conf.store()
    if item.kind in (EvidenceKind.MESSAGE, EvidenceKind.WEB_PAGE):
        return EvidenceText(item.pk, item.kind, "pasted", store.get(item.sha256).decode("utf-8"))
    if item.kind == EvidenceKind.DOCUMENT and item.file_type == "text":
        return EvidenceText(item.pk, item.kind, "file", store.get(item.sha256).decode("utf-8-sig", "replace"))
    if not item.has_text:
        return None
    derived = OCR_TEXT if item.kind == EvidenceKind.IMAGE else EMAIL_TEXT
    try:
        text = store.get_derived(kind=derived, sha256=item.sha256).decode("utf-8")
    except BlobNotFound:
        return None
    return EvidenceText(item.pk, item.kind, "ocr" if derived == OCR_TEXT else "email", text)


def evidence_texts_for_report(*, report_id: int) -> list[EvidenceText]:
    """Every readable text of a report's evidence, oldest first, for the analysis step: OCR text of
    screenshots, pasted messages and web-page records, e-mail text. Sealed items give none."""
    texts = []
    for item in evidence_for_report(report_id=report_id).filter(sealed=False):
        found = evidence_item_text(item=item)
        if found is not None and found.text.strip():
            texts.append(found)
    return texts


# -- the whole-vault check -----------------------------------------------------------------------


@dataclass
class VerifyResult:
    objects: int = 0
    items: int = 0
    events: int = 0
    signing_keys: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    checkpoints: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _check_chains(result: VerifyResult) -> None:
    items = {item.pk: item for item in EvidenceItem.objects.only("pk", "sha256", "custody_seq", "custody_head")}
    result.items = len(items)
    seen: set[int] = set()
    events = CustodyEvent.objects.order_by("item_id", "seq").iterator(chunk_size=2000)
    for item_id, group in itertools.groupby(events, key=lambda event: event.item_id):
        rows = list(group)
        result.events += len(rows)
        item = items.get(item_id)
        if item is None:  # pragma: no cover - the foreign key prevents it
            result.problems.append(f"custody events exist for item {item_id}, which is not in the database")
            continue
        seen.add(item_id)
        chain = [custody.ChainRow(e.seq, e.prev_hash, e.row_hash, e.chain_payload()) for e in rows]
        problem = custody.verify_chain(chain, head_seq=item.custody_seq, head_hash=item.custody_head)
        if problem is not None:
            result.problems.append(f"item {item_id}: custody trail broken at {problem}")
        recorded = {e.sha256 for e in rows}
        if recorded != {item.sha256}:
            others = ", ".join(sorted(recorded - {item.sha256})) or "none"
            result.problems.append(
                f"item {item_id}: the database says its SHA-256 is {item.sha256}, but its custody trail recorded "
                f"{others}: the hash in the database was changed"
            )
    for item_id in sorted(set(items) - seen):
        result.problems.append(f"item {item_id}: it has no custody events at all (its trail was removed)")


def _check_signing_keys(result: VerifyResult) -> None:
    ring = conf.keyring()
    for row in OrganisationSigningKey.objects.order_by("pk"):
        result.signing_keys += 1
        try:
            key = bundle.SigningKey.unseal(envelope=bytes(row.sealed_private_key), keyring=ring)
        except (CryptoError, bundle.BundleError, ValueError) as exc:
            result.problems.append(f"signing key of organisation {row.organisation_id}: cannot be opened: {exc}")
            continue
        if key.fingerprint != row.fingerprint or key.public_key_pem() != row.public_key_pem:
            result.problems.append(
                f"signing key of organisation {row.organisation_id}: the private key does not match the public "
                "key recorded beside it"
            )


def evidence_verify(
    *, checkpoint_file: Path | None = None, checkpoint_key: Path | None = None, progress: Progress = no_progress
) -> VerifyResult:
    """Re-hash every stored object, open every derived file, walk every item's custody chain up to
    its head and check it against every signed checkpoint (`checkpoint_file`/`checkpoint_key`: a
    copy kept elsewhere), and open every organisation's signing key. Each mismatch is one line in
    `problems`."""
    result = VerifyResult()
    store = conf.store()
    by_digest: dict[str, list[int]] = defaultdict(list)
    # An erased item (erasure.py) keeps its row and trail but not its object: expect none for it.
    erased = set(CustodyEvent.objects.filter(action=CustodyAction.ERASED).values_list("item_id", flat=True))
    for pk, digest in EvidenceItem.objects.values_list("pk", "sha256").order_by("pk"):
        if pk not in erased:
            by_digest[digest].append(pk)
    for problem in storage.verify_all(store=store, expected_digests=by_digest, progress=progress):
        owners = by_digest.get(problem.digest)
        suffix = f" (item {', '.join(str(pk) for pk in owners)})" if owners else ""
        result.problems.append(f"{problem}{suffix}")
    stored = set(store.digests())
    result.objects = len(stored)
    unreferenced = stored - set(by_digest)
    if unreferenced:
        result.notes.append(
            f"{len(unreferenced)} stored object(s) belong to no item (an upload interrupted before it was "
            "recorded); they are kept and reused if the same file is sent again."
        )
    _check_chains(result)
    check = check_against_checkpoints(prefix=custody_chains.PREFIX, path=checkpoint_file, public_key=checkpoint_key)
    result.problems.extend(check.problems)
    result.notes.extend(check.notes)
    result.checkpoints = check.checkpoints
    _check_signing_keys(result)
    return result
