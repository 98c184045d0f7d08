"""What the signed-in home page shows of prevention (core.views.home_view calls these)."""

from __future__ import annotations

from upstander.accounts.actor import Actor
from upstander.prevention import permissions, selectors


def can_open(actor: Actor) -> bool:
    return permissions.can_view_prevention(actor)


def summary(actor: Actor) -> dict[str, int]:
    """Due and overdue policy reviews, for those who look after policies (DSL, senior leader...)."""
    if actor.organisation_id is None or not permissions.can_manage_policies(actor):
        return {}
    rows = selectors.reviews_due(organisation_id=actor.organisation_id)
    overdue = sum(1 for row in rows if row.state in (selectors.PolicyState.OVERDUE, selectors.PolicyState.REVIEW_ASKED))
    return {"policy_reviews_due": len(rows), "policy_reviews_overdue": overdue}
