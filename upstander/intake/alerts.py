"""Emails to the safeguarding leads about a report: a new report, a possible risk to life found by
analysis, a message from the reporter. They carry a link, never the details: an email can be read
over a shoulder or forwarded, a signed-in page is audited. Each says when the report is due by the
organisation's case settings, so these live above both reports and cases."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from upstander.cases import notices, selectors, timing
from upstander.reports.alerts import safeguarding_lead_emails
from upstander.reports.models import Report


def _link(report: Report) -> str:
    return settings.SITE_URL + reverse("reports:staff_detail", args=[report.pk])


def _due_words(report: Report, *, urgent: bool) -> str:
    """When the organisation's case settings say it is due: 'due by 14:00' (cases.notices)."""
    case_settings = selectors.case_settings_for(organisation_id=report.organisation_id)
    due = timing.response_due(
        opened_at=timezone.now() if urgent and not report.urgent else report.created_at,
        urgent=urgent,
        urgent_minutes=case_settings.urgent_due_minutes,
        day_ends=case_settings.working_day_ends,
        tz=timezone.get_current_timezone(),
    )
    return notices.due_words(due)


def alert_new_report(*, report: Report) -> int:
    """What and how urgent, and when it is due; never who or what was said (those are on the page)."""
    recipients = safeguarding_lead_emails(organisation_id=report.organisation_id)
    if not recipients:
        return 0
    due = _due_words(report, urgent=report.urgent)
    subject = (
        f"URGENT: new report {report.reference} for {report.organisation.name}, someone may be in danger now"
        if report.urgent
        else f"New report {report.reference} for {report.organisation.name}, {due}"
    )
    lines = [
        f"A new report ({report.reference}) has been made to {report.organisation.name}.",
        "The reporter said someone may be in danger now: if so, call 999." if report.urgent else "",
        f"It is {due} (your organisation's response time).",
        "",
        f"Open it in Upstander: {_link(report)}",
        "",
        "For privacy, this email does not contain the details.",
    ]
    return send_mail(subject, "\n".join(line for line in lines if line is not None), None, recipients)


def alert_reporter_replied(*, report: Report) -> int:
    recipients = safeguarding_lead_emails(organisation_id=report.organisation_id)
    if not recipients:
        return 0
    body = f"The reporter of {report.reference} sent a message.\n\nRead it in Upstander: {_link(report)}\n"
    return send_mail(f"New message on report {report.reference}", body, None, recipients)


def alert_possible_urgent(*, report: Report) -> int:
    """The classifier saw a possible risk to life or safety: the DSL looks at once (people decide)."""
    recipients = safeguarding_lead_emails(organisation_id=report.organisation_id)
    if not recipients:
        return 0
    body = (
        f"Upstander's analysis of report {report.reference} found words that may mean a risk to someone's "
        f"life or safety now. Its case is marked 'possibly urgent' and is {_due_words(report, urgent=True)}, "
        "until you confirm or dismiss that.\n\n"
        f"Please look at it straight away: {_link(report)}\n\n"
        "This is a suggestion from software; it may be wrong. For privacy, this email does not contain the details.\n"
    )
    return send_mail(f"URGENT? Please check report {report.reference} now", body, None, recipients)
