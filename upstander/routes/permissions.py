"""Who may change an organisation's routes: its own administrator, working in it, and nobody else."""

from __future__ import annotations

from upstander.accounts.actor import Actor
from upstander.accounts.models import Role


def can_edit_routes(actor: Actor, organisation_id: int) -> bool:
    return actor.organisation_id == organisation_id and actor.has_any(Role.ORG_ADMIN)
