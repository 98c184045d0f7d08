"""Who may do what in prevention. Pure functions over an Actor; objects of another organisation are
looked up within the actor's organisation first, so they answer 404 (accounts.auth.get_for_actor)."""

from __future__ import annotations

from upstander.accounts.actor import Actor
from upstander.accounts.models import Role

MEMBERS = (Role.STAFF, Role.DSL, Role.DEPUTY_DSL, Role.SENIOR_LEADER, Role.ORG_ADMIN)
MANAGERS = (Role.DSL, Role.DEPUTY_DSL, Role.SENIOR_LEADER, Role.ORG_ADMIN)


def _in_org(actor: Actor) -> bool:
    return actor.organisation_id is not None


def can_view_prevention(actor: Actor) -> bool:
    """Every member reads the policies (old versions too), the awareness log and survey results."""
    return _in_org(actor) and actor.has_any(*MEMBERS)


def can_manage_policies(actor: Actor) -> bool:
    """Write versions, record reviews, send for acknowledgement and see who has not acknowledged."""
    return _in_org(actor) and actor.has_any(*MANAGERS)


def can_view_training(actor: Actor) -> bool:
    return _in_org(actor) and actor.has_any(*MANAGERS)


def can_record_training(actor: Actor) -> bool:
    return _in_org(actor) and actor.has_any(*MANAGERS)


def can_record_awareness(actor: Actor) -> bool:
    """Any member logs an assembly, lesson or display they ran."""
    return can_view_prevention(actor)


def can_manage_surveys(actor: Actor) -> bool:
    return _in_org(actor) and actor.has_any(*MANAGERS)


def can_view_survey_results(actor: Actor) -> bool:
    """Results are aggregates with small groups suppressed, so every member may read them."""
    return can_view_prevention(actor)


def can_request_policy_review(actor: Actor) -> bool:
    """The safeguarding leads, from a case review, and the senior leaders."""
    return _in_org(actor) and actor.has_any(Role.DSL, Role.DEPUTY_DSL, Role.SENIOR_LEADER)
