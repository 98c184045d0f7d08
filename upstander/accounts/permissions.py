"""Who may do what: small pure functions used by every view and API call.

Objects of another organisation are never "forbidden": views look them up within the actor's
organisation first, so they answer 404 (see `core.views.get_for_actor`). These functions decide
what a role may do inside its own organisation.
"""

from __future__ import annotations

from typing import Protocol

from upstander.accounts.actor import Actor
from upstander.accounts.models import Role

SAFEGUARDING_LEADS = (Role.DSL, Role.DEPUTY_DSL)
PEOPLE_READERS = (Role.DSL, Role.DEPUTY_DSL, Role.SENIOR_LEADER, Role.ORG_ADMIN)
PEOPLE_EDITORS = (Role.DSL, Role.DEPUTY_DSL, Role.ORG_ADMIN)


class OrganisationOwned(Protocol):
    organisation_id: int


def in_organisation(actor: Actor, obj: OrganisationOwned) -> bool:
    return actor.organisation_id is not None and obj.organisation_id == actor.organisation_id


def can_view_people(actor: Actor) -> bool:
    return actor.has_any(*PEOPLE_READERS)


def can_manage_people(actor: Actor) -> bool:
    return actor.has_any(*PEOPLE_EDITORS)


def can_view_person(actor: Actor, person: OrganisationOwned) -> bool:
    return in_organisation(actor, person) and can_view_people(actor)


def can_change_person(actor: Actor, person: OrganisationOwned) -> bool:
    return in_organisation(actor, person) and can_manage_people(actor)


def can_view_audit_trail(actor: Actor) -> bool:
    """The DSL and deputy read the trail of any object in their organisation."""
    return actor.organisation_id is not None and actor.has_any(*SAFEGUARDING_LEADS)


def can_manage_members(actor: Actor) -> bool:
    return actor.organisation_id is not None and actor.has_any(Role.ORG_ADMIN)


def can_change_organisation_settings(actor: Actor) -> bool:
    return actor.organisation_id is not None and actor.has_any(Role.ORG_ADMIN)


def requires_two_factor(*, roles: set[str] | frozenset[str], staff_2fa_required: bool) -> bool:
    """Every role but `staff` needs a second factor; staff too where the organisation asks."""
    if any(role != Role.STAFF for role in roles):
        return True
    return bool(roles) and staff_2fa_required


def can_record_report(actor: Actor) -> bool:
    """Every member of an organisation records what they saw or were told (seed 002: staff pass
    every concern to the DSL). They see what they recorded, not the DSL's work on it."""
    return actor.organisation_id is not None and actor.has_any(
        Role.STAFF, Role.DSL, Role.DEPUTY_DSL, Role.SENIOR_LEADER, Role.ORG_ADMIN
    )


def can_view_reports(actor: Actor) -> bool:
    """Reports reach the DSL and deputy; other staff see only what a case shares with them."""
    return actor.organisation_id is not None and actor.has_any(*SAFEGUARDING_LEADS)


def can_view_report(actor: Actor, report: OrganisationOwned) -> bool:
    return in_organisation(actor, report) and can_view_reports(actor)


def can_respond_to_report(actor: Actor, report: OrganisationOwned) -> bool:
    return can_view_report(actor, report)


def can_reset_second_factor(
    *,
    by_installation_admin: bool,
    administers: frozenset[int],
    account_organisations: frozenset[int],
    account_authorities: frozenset[int],
    account_is_installation_staff: bool,
) -> bool:
    """A second factor guards every organisation an account belongs to, so only someone who
    administers all of them (or the installation admin) may clear it. An org admin of one school
    must never be able to strip the factor of another school's DSL."""
    if by_installation_admin:
        return True
    if account_is_installation_staff or account_authorities or not account_organisations:
        return False
    return account_organisations <= administers
