"""The acknowledgement a reporter who gave an email address receives: the reference, never the
passphrase (an email can be read by someone else; the passphrase opens the report's messages).

Sent once the report is committed (`transaction.on_commit`, robust: a mail server that is down
never loses or undoes the report, which the reporter has already been shown on screen). Reports
that came in by email are acknowledged by the intake (intake/email.py), which replies to the sender's
own chosen route, with the passphrase.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from upstander.reports import receipts
from upstander.reports.models import Report, ReportSource

logger = logging.getLogger(__name__)


def needs_acknowledgement(report: Report) -> bool:
    return bool(report.reporter_email) and not report.anonymous and report.source != ReportSource.EMAIL


def acknowledgement_text(*, report: Report) -> tuple[str, str]:
    reference = receipts.format_reference(report.reference)
    organisation = report.organisation.name
    lines = [
        f"Thank you for telling {organisation}. We have your report. You did the right thing.",
        "",
        f"Your report reference is {reference}.",
        f"To check on it or message the safeguarding lead, go to {settings.SITE_URL}{reverse('reports:status')} and "
        "enter this reference with the passphrase you were shown when you sent the report.",
        "For your safety, we never send the passphrase by email.",
        "",
        "If anyone is in danger right now, call 999.",
    ]
    return f"We have your report {reference}", "\n".join(lines)


def send_acknowledgement(*, report_id: int) -> int:
    report = Report.objects.select_related("organisation").filter(pk=report_id).first()
    if report is None or not needs_acknowledgement(report):
        return 0
    subject, body = acknowledgement_text(report=report)
    return send_mail(subject, body, None, [report.reporter_email])


def acknowledge_on_commit(*, report: Report) -> None:
    """Queue the acknowledgement to go once the report's transaction commits."""
    if needs_acknowledgement(report):
        report_id = report.pk
        transaction.on_commit(lambda: send_acknowledgement(report_id=report_id), robust=True)
