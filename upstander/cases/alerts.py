"""Emails about cases. Like the reports app's alerts, they carry a link, never the details: an email
can be read over a shoulder or forwarded, while a signed-in page is audited."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from upstander.cases import selectors, timing
from upstander.cases.models import Case
from upstander.reports.alerts import safeguarding_lead_emails


def _link(path: str) -> str:
    return settings.SITE_URL + path


def alert_out_of_hours(*, case: Case, now: datetime | None = None) -> int:
    """Tell the out-of-hours contact about an urgent case that opened outside the working day."""
    case_settings = selectors.case_settings_for(organisation_id=case.organisation_id)
    if not (case.urgent or case.urgent_suggested) or not case_settings.out_of_hours_email:
        return 0
    out_of_hours = timing.is_out_of_hours(
        at=now or timezone.now(),
        day_starts=case_settings.working_day_starts,
        day_ends=case_settings.working_day_ends,
        tz=timezone.get_current_timezone(),
    )
    if not out_of_hours:
        return 0
    organisation = case.organisation.name
    if not case.urgent:  # suggested by analysis (cases.urgency): a person has not confirmed it yet
        lines = [
            f"Upstander's analysis found words that may mean a risk to someone's life or safety in case {case.number} "
            f"at {organisation}, outside the working day. It is a suggestion from software and may be wrong.",
            f"Please look at it now, and confirm or dismiss it: {_link(reverse('cases:detail', args=[case]))}",
            "",
            "For privacy, this email does not contain the details.",
        ]
        subject = f"URGENT? Case {case.number} at {organisation} may be urgent"
        return send_mail(subject, "\n".join(lines), None, [case_settings.out_of_hours_email])
    lines = [
        f"An urgent case ({case.number}) has opened at {organisation}, outside the working day.",
        "Someone may be in danger now: if so, call 999.",
        "",
        f"Open it in Upstander: {_link(reverse('cases:detail', args=[case]))}",
        "",
        "For privacy, this email does not contain the details.",
    ]
    return send_mail(
        f"URGENT: case {case.number} at {organisation}", "\n".join(lines), None, [case_settings.out_of_hours_email]
    )


def send_overdue_digest(*, organisation_id: int) -> int:
    """The daily summary for the DSL and deputies: how many cases are overdue, follow-ups with targets and
    post-incident reviews still to do (each also an in-app reminder until done), and a link to them."""
    from upstander.cases.follow_through import case_follow_through_reminders

    # In-app reminders first (they do not depend on anyone having an email address).
    case_follow_through_reminders(organisation_id=organisation_id)
    overdue = selectors.overdue_cases(organisation_id=organisation_id).count()
    follow_ups = selectors.referral_follow_ups_due(organisation_id=organisation_id)
    target_follow_ups = selectors.follow_ups_due(organisation_id=organisation_id).count()
    reviews = selectors.reviews_outstanding(organisation_id=organisation_id).count()
    from upstander.takedown.selectors import overdue_requests

    takedowns = overdue_requests(organisation_id=organisation_id).count()
    recipients = safeguarding_lead_emails(organisation_id=organisation_id)
    from upstander.prevention.selectors import digest_lines as prevention_lines

    prevention = prevention_lines(organisation_id=organisation_id)
    if not recipients or not (overdue or follow_ups or target_follow_ups or reviews or takedowns or prevention):
        return 0
    from upstander.accounts.models import Organisation

    organisation = Organisation.objects.get(pk=organisation_id).name
    lines = [f"Daily summary of cases at {organisation}:", ""]
    if overdue:
        lines.append(f"- {overdue} {'case is' if overdue == 1 else 'cases are'} overdue.")
    if follow_ups:
        lines.append(f"- {follow_ups} {'referral needs' if follow_ups == 1 else 'referrals need'} following up.")
    if target_follow_ups:
        lines.append(
            f"- {target_follow_ups} {'case needs' if target_follow_ups == 1 else 'cases need'} a follow-up with the "
            "person targeted."
        )
    if takedowns:
        lines.append(f"- {takedowns} removal {'request is' if takedowns == 1 else 'requests are'} overdue for an answer.")
    if reviews:
        lines.append(f"- {reviews} closed {'case needs' if reviews == 1 else 'cases need'} a post-incident review.")
    lines += prevention
    lines += ["", f"See them in Upstander: {_link(reverse('cases:queue'))}?overdue=1"]
    if prevention:
        lines.append(f"Policies and training: {_link(reverse('prevention:home'))}")
    lines += ["", "For privacy, this email does not contain the details."]
    cases_due = overdue or follow_ups or target_follow_ups or reviews
    subject = f"Cases overdue at {organisation}" if cases_due else f"Policies and training due at {organisation}"
    return send_mail(subject, "\n".join(lines), None, recipients)
