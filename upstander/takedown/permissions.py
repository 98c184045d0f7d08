"""Who may do what with takedown: the case's own rules (cases/permissions.py), applied to its requests.

- Whoever may see the case sees its removal requests and drafts (DSL, deputies, senior leaders on
  cases not on the sexual-images playbook, an authority lead on a case escalated to the authority).
- Only the safeguarding leads (DSL, deputies) open, send, record, escalate and make referral packs.
- Anyone signed in to an organisation or an authority reads the platform directory.
"""

from __future__ import annotations

from upstander.accounts.actor import Actor
from upstander.cases import permissions as case_permissions
from upstander.cases.permissions import CaseLike


def can_view_requests(actor: Actor, case: CaseLike) -> bool:
    return case_permissions.can_view_case(actor, case)


def can_work_requests(actor: Actor, case: CaseLike) -> bool:
    return case_permissions.can_work_case(actor, case)


def can_make_pack(actor: Actor, case: CaseLike) -> bool:
    return case_permissions.can_work_case(actor, case)


def can_view_directory(actor: Actor) -> bool:
    return actor.organisation_id is not None or actor.authority_id is not None
