"""Who may do what with cases: small pure functions of an Actor, in the style of accounts/permissions.py.

- The DSL and deputies work the cases of their organisation.
- Senior leaders read them, add notes, and tick the playbook steps seed 002 gives them (the meeting
  with an adult responsible, the organisation's decision if removal is refused). Cases on the nude
  or sexual images playbook are the safeguarding leads' alone (UKCIS): hidden from senior leaders.
- Staff and organisation administrators see no case.
- An authority lead sees, read only, the cases its organisations escalated to the authority.

Views find a case within the actor's organisation (or, for an authority lead, among the cases
escalated to the authority) first, so anyone else's case answers 404, never 403.
"""

from __future__ import annotations

from typing import Protocol

from upstander.accounts.actor import Actor
from upstander.accounts.models import Role
from upstander.accounts.permissions import SAFEGUARDING_LEADS, in_organisation
from upstander.cases.playbooks import SENIOR_LEADER

CASE_READERS = (*SAFEGUARDING_LEADS, Role.SENIOR_LEADER)
LEADS_ONLY_PLAYBOOKS = frozenset({"sexual_images"})


class CaseLike(Protocol):
    organisation_id: int
    playbook: str
    escalated_authority_id: int | None


class PlaybookItemLike(Protocol):
    who: str


def can_view_cases(actor: Actor) -> bool:
    """The triage queue (for an authority lead: the cases escalated to the authority)."""
    if actor.authority_id is not None:
        return actor.has_any(Role.AUTHORITY_LEAD)
    return actor.organisation_id is not None and actor.has_any(*CASE_READERS)


def can_work_cases(actor: Actor) -> bool:
    return actor.organisation_id is not None and actor.has_any(*SAFEGUARDING_LEADS)


def can_view_case(actor: Actor, case: CaseLike) -> bool:
    if actor.authority_id is not None:
        return actor.has_any(Role.AUTHORITY_LEAD) and case.escalated_authority_id == actor.authority_id
    if not in_organisation(actor, case):
        return False
    if actor.has_any(*SAFEGUARDING_LEADS):
        return True
    return actor.has_any(Role.SENIOR_LEADER) and case.playbook not in LEADS_ONLY_PLAYBOOKS


def can_work_case(actor: Actor, case: CaseLike) -> bool:
    return in_organisation(actor, case) and can_work_cases(actor)


def can_add_note(actor: Actor, case: CaseLike) -> bool:
    """Notes, actions and decisions on the chronology: the leads, and senior leaders who can see the case."""
    return can_view_case(actor, case) and actor.organisation_id is not None


def can_tick_playbook_item(actor: Actor, case: CaseLike, item: PlaybookItemLike) -> bool:
    if can_work_case(actor, case):
        return True
    return item.who == SENIOR_LEADER and can_view_case(actor, case) and actor.has_any(Role.SENIOR_LEADER)


def can_change_case_settings(actor: Actor) -> bool:
    return can_work_cases(actor)


def can_see_notifications(actor: Actor) -> bool:
    """Anyone signed in to an organisation or authority: staff kept informed about a case get them too."""
    return can_view_cases(actor) or actor.organisation_id is not None


def can_keep_staff_informed(actor: Actor, case: CaseLike) -> bool:
    """Choose who is kept informed, and write the updates they see: the safeguarding leads."""
    return can_work_case(actor, case)


def can_read_shared_updates(actor: Actor, case: CaseLike, *, kept_informed: bool) -> bool:
    """The updates shared with staff kept informed: those staff (while they are), and whoever sees the case."""
    if actor.authority_id is not None:
        return False
    return (in_organisation(actor, case) and kept_informed) or can_view_case(actor, case)
