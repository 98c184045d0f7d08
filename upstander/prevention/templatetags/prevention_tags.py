"""`{% case_policy_reviews case %}`: on a case's review, the policy reviews it asked for, and a link
to ask for one (the link runs from the case review to the policy)."""

from __future__ import annotations

from typing import Any

from django import template

from upstander.prevention import permissions
from upstander.prevention.models import PolicyReview

register = template.Library()


@register.inclusion_tag("prevention/includes/case_policy_reviews.html", takes_context=True)
def case_policy_reviews(context: Any, case: Any) -> dict[str, Any]:
    actor = context.get("actor")
    allowed = actor is not None and actor.organisation_id == case.organisation_id and permissions.can_request_policy_review(actor)
    reviews = PolicyReview.objects.filter(case=case, policy__organisation_id=case.organisation_id).select_related("policy") if allowed else []
    review = case.review or {}
    # Structured review answers (policy_change: yes/no/unsure) or the free-text answer about policies.
    suggested = review.get("policy_change") == "yes" or bool((review.get("policies") or "").strip())
    return {"case": case, "reviews": reviews, "allowed": allowed, "suggested": suggested}
