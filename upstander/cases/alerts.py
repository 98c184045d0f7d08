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
