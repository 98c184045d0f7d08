"""Who receives the emails to an organisation's safeguarding leads (the emails themselves are sent
by the layers above: upstander.intake.alerts for reports, upstander.cases.alerts for cases)."""

from __future__ import annotations

from upstander.accounts.models import Membership, Role


def safeguarding_lead_emails(*, organisation_id: int) -> list[str]:
    emails = Membership.objects.filter(
        organisation_id=organisation_id, role__in=[Role.DSL, Role.DEPUTY_DSL], is_active=True, user__is_active=True
    ).values_list("user__email", flat=True)
    return sorted(set(emails))
