"""The safeguarding leads' daily digest (`upstander case-digest`, or queued with `--queue`): counts
of overdue cases, referrals and follow-ups to chase, reviews to do, and the lines other apps add
through `cases.hooks.register_digest_part` (takedown: overdue removal requests; prevention:
policies and training due). A link, never details."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django_tasks import task

from upstander.accounts.models import Organisation
from upstander.cases import hooks, selectors
from upstander.cases.follow_through import case_follow_through_reminders
from upstander.core.queue import enqueue_on_commit
from upstander.reports.alerts import safeguarding_lead_emails


def _link(path: str) -> str:
    return settings.SITE_URL + path


def send_overdue_digest(*, organisation_id: int) -> int:
    """The daily summary for the DSL and deputies: how many cases are overdue, follow-ups with targets and
    post-incident reviews still to do (each also an in-app reminder until done), and a link to them."""
    # In-app reminders first (they do not depend on anyone having an email address).
    case_follow_through_reminders(organisation_id=organisation_id)
    overdue = selectors.overdue_cases(organisation_id=organisation_id).count()
    follow_ups = selectors.referral_follow_ups_due(organisation_id=organisation_id)
    target_follow_ups = selectors.follow_ups_due(organisation_id=organisation_id).count()
    reviews = selectors.reviews_outstanding(organisation_id=organisation_id).count()
    parts = hooks.digest_parts(organisation_id=organisation_id)  # prevention's and takedown's (cases.hooks)
    others = [line for part in parts for line in part.lines]
    recipients = safeguarding_lead_emails(organisation_id=organisation_id)
    if not recipients or not (overdue or follow_ups or target_follow_ups or reviews or others):
        return 0
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
    if reviews:
        lines.append(f"- {reviews} closed {'case needs' if reviews == 1 else 'cases need'} a post-incident review.")
    lines += others
    lines += ["", f"See them in Upstander: {_link(reverse('cases:queue'))}?overdue=1"]
    lines += [part.link for part in parts if part.lines and part.link]
    lines += ["", "For privacy, this email does not contain the details."]
    cases_due = overdue or follow_ups or target_follow_ups or reviews
    subject = f"Cases overdue at {organisation}" if cases_due else f"Policies and training due at {organisation}"
    return send_mail(subject, "\n".join(lines), None, recipients)


@task()
def overdue_digest(organisation_id: int) -> None:
    send_overdue_digest(organisation_id=organisation_id)


def enqueue_overdue_digests() -> int:
    """One digest task per organisation with something overdue (`upstander case-digest --queue`)."""
    organisation_ids = selectors.organisations_to_digest()
    for organisation_id in organisation_ids:
        enqueue_on_commit(overdue_digest, organisation_id)
    return len(organisation_ids)
