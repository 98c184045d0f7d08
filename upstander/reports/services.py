"""Writes for reports: submit (from the web form, email or API), messages, status.

A report is committed before anyone is answered. Storing it announces `hooks.report_received`
inside its transaction; the intake pipeline (upstander.intake, above this app) queues its work
for after the commit, so no worker can look for the report before it exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import HttpRequest

from upstander.accounts.models import Organisation, User
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record, client_ip
from upstander.evidence import conf as evidence_conf
from upstander.evidence.adding import evidence_add_file
from upstander.evidence.vault.errors import UploadRefused
from upstander.people.models import Person
from upstander.reports import hooks, receipts
from upstander.reports.acknowledgements import acknowledge_on_commit
from upstander.reports.models import LabelDecision, Report, ReportMessage, ReportSource, ReportStatus, TextAnalysis

MAX_ACCOUNT_CHARS = 20_000
MAX_MESSAGE_CHARS = 5_000
MAX_EMAIL_CHARS = 254


def reporter_email_problem(email: str) -> str:
    """What is wrong with a reporter's email address ("" if nothing). One plain address only: a
    line break or other control character could add headers (Bcc: ...) to the mail we send it."""
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in email):
        return "must be one email address, with no line breaks or control characters."
    if len(email) > MAX_EMAIL_CHARS:
        return f"must be at most {MAX_EMAIL_CHARS} characters."
    try:
        validate_email(email)
    except ValidationError:
        return "must be an email address like name@example.com."
    return ""


@dataclass(frozen=True)
class Receipt:
    report: Report
    reference: str
    passphrase: str


@dataclass(frozen=True)
class ReportInput:
    """What a reporter tells us, from any route. Validated by the route's form or schema first."""

    reporter_role: str
    account: str
    anonymous: bool = True
    reporter_name: str = ""
    reporter_email: str = ""
    channel: str = ""
    platform: str = ""
    happened_at: datetime | None = None
    happened_when: str = ""
    people_involved: str = ""
    in_danger: bool = False
    # Who the reporter is (ReporterKind), when they say: with the target role, who was harmed.
    reporter_kind: str = ""
    concerns: tuple[str, ...] = ()
    # Person records of the organisation named by the member of staff recording a concern.
    named_people: tuple[int, ...] = ()


def _create_with_unique_reference(**fields: object) -> tuple[Report, str]:
    for _ in range(10):
        reference = receipts.new_reference()
        try:
            with transaction.atomic():
                return Report.objects.create(reference=reference, **fields), reference
        except IntegrityError:  # the same reference drawn twice: draw again
            continue
    raise RuntimeError("could not draw a unique report reference")  # pragma: no cover


@dataclass(frozen=True)
class PreparedPassphrase:
    """A passphrase and its slow hash, made before any transaction: hashing is deliberately slow,
    and a write transaction holds SQLite's single write lock, so hashing inside one would queue
    every other report behind it."""

    passphrase: str
    hashed: str


def prepare_passphrase(passphrase: str | None = None) -> PreparedPassphrase:
    passphrase = passphrase or receipts.new_passphrase()
    return PreparedPassphrase(passphrase=passphrase, hashed=receipts.hash_passphrase(passphrase))


def report_submit(
    *,
    organisation: Organisation,
    data: ReportInput,
    source: ReportSource = ReportSource.WEB,
    request: HttpRequest | None = None,
    prepared: PreparedPassphrase | None = None,
    recorded_by: User | None = None,
) -> Receipt:
    """Store a report and queue its background work. Anonymous: no name, contact or address kept.

    `recorded_by`: a member of staff recording what they saw or were told (never anonymous)."""
    prepared = prepared or prepare_passphrase()  # the slow hash, before queueing to write
    return _report_store(
        organisation=organisation,
        data=data,
        source=source,
        request=request,
        prepared=prepared,
        recorded_by=recorded_by,
    )


@transaction.atomic(savepoint=False)
def _report_store(
    *,
    organisation: Organisation,
    data: ReportInput,
    source: ReportSource,
    request: HttpRequest | None,
    prepared: PreparedPassphrase,
    recorded_by: User | None,
) -> Receipt:
    passphrase = prepared.passphrase
    anonymous = data.anonymous and recorded_by is None
    if not anonymous and data.reporter_email.strip() and reporter_email_problem(data.reporter_email.strip()):
        raise ValueError("reporter_email is not one plain email address: validate it in the route first")
    report, reference = _create_with_unique_reference(
        organisation=organisation,
        passphrase_hash=prepared.hashed,
        source=source,
        reporter_role=data.reporter_role,
        reporter_kind=data.reporter_kind,
        concerns=list(dict.fromkeys(data.concerns)),
        anonymous=anonymous,
        reporter_name="" if anonymous else data.reporter_name.strip(),
        reporter_email="" if anonymous else data.reporter_email.strip(),
        submitted_ip=None if anonymous else client_ip(request),
        recorded_by=recorded_by,
        account=data.account.strip(),
        channel=data.channel,
        platform=data.platform,
        happened_at=data.happened_at,
        happened_when=data.happened_when.strip(),
        people_involved=data.people_involved.strip(),
        in_danger=data.in_danger,
        urgent=data.in_danger,
    )
    if data.named_people:
        # Only the organisation's own records: an id from elsewhere is ignored, never linked.
        report.named_people.set(Person.objects.filter(organisation=organisation, pk__in=data.named_people))
    # The pipeline's work, queued with the report; a reporter in danger is dealt with before any backlog.
    hooks.report_received(report_id=report.pk, urgent=report.urgent)
    acknowledge_on_commit(report=report)  # a reporter who gave an address hears we have it (the reference only)
    # The audit append comes last: on PostgreSQL it locks the chain head until commit, so the
    # less that follows it, the less other reports wait.
    audit_record(
        action=AuditAction.CREATED,
        actor=recorded_by,
        actor_label="" if recorded_by else reporter_label(report),
        organisation_id=organisation.pk,
        obj=report,
        request=request,
        record_ip=not anonymous,
        detail={"source": str(source), "urgent": report.urgent},
    )
    return Receipt(report=report, reference=reference, passphrase=passphrase)


def reporter_label(report: Report) -> str:
    """Who a reporter is in the audit trail and custody records: never more than they told us."""
    if report.recorded_by_id is not None:  # whoever the recording member of staff gave the receipt to
        return "reporter (with the passphrase of a report recorded by staff)"
    return "anonymous reporter" if report.anonymous else f"reporter: {report.reporter_email or report.reporter_name}"


@transaction.atomic
def report_message_from_reporter(*, report: Report, body: str) -> ReportMessage:
    message = ReportMessage.objects.create(report=report, author_kind=ReportMessage.Author.REPORTER, body=body.strip())
    if report.status in (ReportStatus.WAITING_FOR_REPORTER, ReportStatus.CLOSED):
        report.status = ReportStatus.IN_PROGRESS
        report.save(update_fields=["status", "updated_at"])
    hooks.reporter_replied(report_id=report.pk)
    return message


@transaction.atomic
def report_message_from_staff(
    *, report: Report, author: User, body: str, request: HttpRequest | None, wait_for_reply: bool = False
) -> ReportMessage:
    message = ReportMessage.objects.create(
        report=report, author_kind=ReportMessage.Author.STAFF, author=author, body=body.strip()
    )
    new_status = ReportStatus.WAITING_FOR_REPORTER if wait_for_reply else ReportStatus.IN_PROGRESS
    if report.status != ReportStatus.CLOSED and report.status != new_status:
        report.status = new_status
        report.save(update_fields=["status", "updated_at"])
    audit_record(
        action=AuditAction.CREATED,
        actor=author,
        organisation_id=report.organisation_id,
        obj=message,
        request=request,
        detail={"report": report.reference},
    )
    return message


@transaction.atomic
def report_set_status(*, report: Report, status: ReportStatus, changed_by: User, request: HttpRequest | None) -> None:
    before = report.status
    if before == status:
        return
    report.status = status
    report.save(update_fields=["status", "updated_at"])
    audit_record(
        action=AuditAction.CHANGED,
        actor=changed_by,
        organisation_id=report.organisation_id,
        obj=report,
        request=request,
        detail={"status": [before, str(status)]},
    )


def report_attach_uploads(
    *,
    report: Report,
    files: list[UploadedFile],
    sexual_image: bool,
    request: HttpRequest | None,
    added_by: User | None = None,
) -> list[str]:
    """Add the reporter's files (or the recording staff member's, `added_by`) to the vault, one
    transaction each, so a refused file loses nothing else. Returns 'name: reason' for each refused file."""
    if not files:
        return []
    label = "" if added_by else reporter_label(report)
    refused: list[str] = []
    for upload in files:
        name = upload.name or "file"
        try:
            if (upload.size or 0) > evidence_conf.max_file_bytes():  # refuse before reading it into memory
                raise UploadRefused(
                    f"This file is {(upload.size or 0) / evidence_conf.MB:.1f} MB; the limit is "
                    f"{evidence_conf.max_file_bytes() // evidence_conf.MB} MB per file. Send a shorter clip, a screenshot instead "
                    "of a screen recording, or a smaller copy of the file.",
                    code="file_too_large",
                )
            data = upload.read()
            with transaction.atomic():
                evidence_add_file(
                    report=report,
                    data=data,
                    filename=name,
                    added_by=added_by,
                    added_by_label=label,
                    sexual_image=sexual_image,
                    request=request,
                )
        except UploadRefused as exc:
            refused.append(f"{name}: {exc}")
    return refused


@transaction.atomic
def report_labels_decide(
    *, analysis: TextAnalysis, confirmed: list[str], note: str, decided_by: User, request: HttpRequest | None
) -> LabelDecision:
    decision = LabelDecision.objects.create(
        analysis=analysis,
        decided_by=decided_by,
        suggested=list(analysis.flags),
        confirmed=sorted(set(confirmed)),
        note=note.strip(),
    )
    audit_record(
        action=AuditAction.CHANGED,
        actor=decided_by,
        organisation_id=analysis.report.organisation_id,
        obj=analysis.report,
        request=request,
        detail={"labels": decision.confirmed, "suggested": decision.suggested, "source": analysis.source},
    )
    return decision
