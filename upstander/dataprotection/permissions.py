"""Who may do what with retention, legal holds, subject access and erasure: pure functions of an Actor.

- The DSL and deputies read the records-review list, see holds and decisions, set a legal hold (a
  hold only protects records, so either lead may set one at once) and record a decision to keep.
- Only the DSL lifts a hold, records or carries out a decision to anonymise or delete, produces a
  subject access export, and erases a person: each removes protection from records or hands them
  outside the organisation, which is the DSL's accountability (KCSIE: the DSL holds the records).
- Senior leaders, organisation administrators, staff and authority leads do none of it. Another
  organisation's case or person answers 404 (views find it in the actor's organisation first).
"""

from __future__ import annotations

from upstander.accounts.actor import Actor
from upstander.accounts.models import Role
from upstander.accounts.permissions import SAFEGUARDING_LEADS, OrganisationOwned, in_organisation


def can_review_records(actor: Actor) -> bool:
    return actor.organisation_id is not None and actor.has_any(*SAFEGUARDING_LEADS)


def can_set_hold(actor: Actor, case: OrganisationOwned) -> bool:
    return in_organisation(actor, case) and actor.has_any(*SAFEGUARDING_LEADS)


def can_lift_hold(actor: Actor, case: OrganisationOwned) -> bool:
    return in_organisation(actor, case) and actor.has_any(Role.DSL)


def can_decide(actor: Actor, case: OrganisationOwned, *, kind: str) -> bool:
    """Keep: either lead. Anonymise or delete (and carrying them out): the DSL."""
    if not in_organisation(actor, case):
        return False
    if kind == "keep":
        return actor.has_any(*SAFEGUARDING_LEADS)
    return actor.has_any(Role.DSL)


def can_handle_requests(actor: Actor) -> bool:
    """Subject access and erasure pages exist for the DSL only."""
    return actor.organisation_id is not None and actor.has_any(Role.DSL)


def can_export_subject_access(actor: Actor, person: OrganisationOwned) -> bool:
    return in_organisation(actor, person) and actor.has_any(Role.DSL)


def can_erase_person(actor: Actor, person: OrganisationOwned) -> bool:
    return in_organisation(actor, person) and actor.has_any(Role.DSL)
