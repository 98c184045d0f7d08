"""Email intake: a message to an organisation's reporting address becomes a report.

The body is the account, attachments become evidence, and the sender is told the reference.
Plain functions over bytes so the command (stdin or IMAP) and the tests share one path.
"""

from __future__ import annotations

import email
import email.policy
import html
import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from upstander.accounts.models import Organisation
from upstander.evidence.adding import evidence_add_email, evidence_add_file
from upstander.evidence.vault.images import UploadRefused
from upstander.reports import receipts, schema, services
from upstander.reports.models import ReporterRole, ReportSource

MAX_MESSAGE_BYTES = 50 * 1024 * 1024
RECIPIENT_HEADERS = ("Delivered-To", "X-Original-To", "To", "Cc", "Envelope-To")


class IntakeError(ValueError):
    """The message cannot become a report; the text says why and what to do."""


@dataclass(frozen=True)
class IntakeResult:
    receipt: services.Receipt
    attachments: int
    refused_attachments: list[str]
    acknowledged: bool


def parse_message(raw: bytes) -> EmailMessage:
    if len(raw) > MAX_MESSAGE_BYTES:
        raise IntakeError(f"The message is larger than {MAX_MESSAGE_BYTES // (1024 * 1024)} MB.")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not message.keys():
        raise IntakeError("This is not an email message (no headers found).")
    return message


def _header_values(message: EmailMessage, name: str) -> list[str]:
    """A header's values as text. An address header whose encoded words decode to a line break
    (a header-injection attempt) cannot be parsed: its raw, undecoded text is used instead."""
    try:
        return [str(value) for value in message.get_all(name, [])]
    except ValueError:
        return [str(value) for key, value in message.raw_items() if key.lower() == name.lower()]


def _sender(message: EmailMessage) -> tuple[str, str]:
    """(name, address) of the sender; the address only if it is one plain address we may write to."""
    try:
        name, address = parseaddr(str(message.get("From", "")))
    except ValueError:  # encoded words hiding a line break: no address we could safely answer
        return "", ""
    return " ".join(name.split())[: schema.MAX_NAME_CHARS], "" if services.reporter_email_problem(address) else address


def organisation_for(message: EmailMessage, *, fallback_slug: str = "") -> Organisation:
    addresses = {
        addr.lower() for _, addr in getaddresses([v for h in RECIPIENT_HEADERS for v in _header_values(message, h)])
    }
    for organisation in Organisation.objects.exclude(reporting_email=""):
        if organisation.reporting_email.lower() in addresses:
            return organisation
    if fallback_slug:
        found = Organisation.objects.filter(slug=fallback_slug).first()
        if found is not None:
            return found
        raise IntakeError(f"No organisation has the slug {fallback_slug!r}.")
    raise IntakeError(
        "No organisation's reporting address is among the recipients ("
        + (", ".join(sorted(addresses)) or "none")
        + "): set it in the organisation's settings, or pass --organisation."
    )


def _body_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    text = part.get_content()
    if part.get_content_type() == "text/html":
        text = re.sub(r"(?is)<(script|style).*?</\1>", " ", text)
        text = re.sub(r"(?i)<br\s*/?>|</p>|</div>", "\n", text)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"[ \t]+", " ", str(text)).strip()


def _text_only(text: str) -> str:
    """Undecodable bytes (kept by the email parser as lone surrogates) and NULs cannot be stored: '?' and nothing."""
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def is_automatic(message: EmailMessage) -> bool:
    """Auto-replies and lists must not get an acknowledgement (no mail loops)."""
    auto = str(message.get("Auto-Submitted", "no")).lower()
    precedence = str(message.get("Precedence", "")).lower()
    return auto != "no" or precedence in {"bulk", "list", "junk"} or bool(message.get("List-Id"))


def ingest(raw: bytes, *, fallback_slug: str = "") -> IntakeResult:
    message = parse_message(raw)
    organisation = organisation_for(message, fallback_slug=fallback_slug)
    sender_name, sender = _sender(message)
    subject = str(message.get("Subject", "")).strip()
    body = _body_text(message)
    account = "\n\n".join(part for part in (f"Subject: {subject}" if subject else "", body) if part)
    account = _text_only(account)
    if not account:
        account = "(The email had no text: see the attached evidence.)"
    # Through the one report schema: an email's sender did not say how they know (role unknown).
    data = schema.ReportData.model_validate(
        {
            "reporter_role": ReporterRole.UNKNOWN.value,
            "account": account[: schema.MAX_ACCOUNT_CHARS],
            "anonymous": False,
            "reporter_name": _text_only(sender_name),
            "reporter_email": sender,
        }
    ).to_input()
    refused: list[str] = []
    attachments = 0
    with transaction.atomic():
        receipt = services.report_submit(organisation=organisation, data=data, source=ReportSource.EMAIL)
        attachments, refused = _store_evidence(receipt, message, raw)
    acknowledged = False
    if data.reporter_email and not is_automatic(message):
        acknowledge(receipt=receipt, to=data.reporter_email, refused=refused)
        acknowledged = True
    return IntakeResult(
        receipt=receipt, attachments=attachments, refused_attachments=refused, acknowledged=acknowledged
    )


def _store_evidence(receipt: services.Receipt, message: EmailMessage, raw: bytes) -> tuple[int, list[str]]:
    label = f"email from {receipt.report.reporter_email or 'unknown sender'}"
    stored, refused = 0, []
    try:
        with transaction.atomic():
            evidence_add_email(report=receipt.report, raw=raw, added_by_label=label)
    except UploadRefused as exc:  # the report and its text are kept; the original message is not
        refused.append(f"the original email: {exc}")
    for part in message.iter_attachments():
        name = part.get_filename() or "attachment"
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes) or not data:
            continue
        try:
            with transaction.atomic():
                evidence_add_file(report=receipt.report, data=data, filename=name, added_by_label=label)
            stored += 1
        except UploadRefused as exc:
            refused.append(f"{name}: {exc}")
    return stored, refused


def acknowledge(*, receipt: services.Receipt, to: str, refused: list[str]) -> None:
    reference = receipts.format_reference(receipt.reference)
    lines = [
        f"Thank you for telling {receipt.report.organisation.name}. You did the right thing.",
        "",
        f"Your report reference is {reference}. Your passphrase is {receipt.passphrase}.",
        f"With both you can check on your report and message the safeguarding lead: {settings.SITE_URL}{reverse('reports:status')}",
        "",
        "Please do not reply to the people involved. Keep screenshots of what happened, with the date, time and usernames.",
        "If anyone is in danger right now, call 999.",
    ]
    if refused:
        lines += ["", "We could not keep these attachments:", *[f"- {line}" for line in refused]]
    send_mail(f"We have your report {reference}", "\n".join(lines), None, [to])
