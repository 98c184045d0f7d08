"""What prevention adds to the cases app's daily digest (cases.hooks), registered by
PreventionConfig.ready(): policy reviews, acknowledgements and training due, as counts."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from upstander.cases import hooks
from upstander.prevention import selectors
from upstander.prevention.models import PolicyReview


def _digest_part(*, organisation_id: int) -> hooks.DigestPart:
    lines = selectors.digest_lines(organisation_id=organisation_id)
    return hooks.DigestPart(lines=lines, link=f"Policies and training: {settings.SITE_URL}{reverse('prevention:home')}")


def register_with_cases() -> None:
    hooks.register_digest_part("prevention", organisations=selectors.organisations_with_due, part=_digest_part)
    # A policy review started by a case keeps what it learned, without the names of the case's people.
    hooks.register_case_texts("prevention", [hooks.CaseTexts(PolicyReview, "case", ("why", "outcome"), record=True)])
