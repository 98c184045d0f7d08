"""Who may see which insights: pure functions of an Actor (accounts/permissions.py's style).

- The DSL and deputy: the dashboard, the incident log, its exports, and links to the cases and
  people behind repeat figures.
- Senior leaders: the dashboard and the termly report (counts and charts), never a case or a name.
- The authority lead: the area view of their own authority (suppressed) and its termly report.
- Staff and organisation administrators: none of it.
"""

from __future__ import annotations

from upstander.accounts.actor import Actor
from upstander.accounts.models import Role
from upstander.accounts.permissions import SAFEGUARDING_LEADS

DASHBOARD_READERS = (*SAFEGUARDING_LEADS, Role.SENIOR_LEADER)


def can_view_dashboard(actor: Actor) -> bool:
    return actor.organisation_id is not None and actor.has_any(*DASHBOARD_READERS)


def can_view_log(actor: Actor) -> bool:
    """The log lists cases, so it is the safeguarding leads' alone."""
    return actor.organisation_id is not None and actor.has_any(*SAFEGUARDING_LEADS)


def can_export_log(actor: Actor) -> bool:
    return can_view_log(actor)


def can_follow_to_cases(actor: Actor) -> bool:
    """Links from a figure to the cases and people behind it."""
    return can_view_log(actor)


def can_view_area(actor: Actor) -> bool:
    return actor.authority_id is not None and actor.has_any(Role.AUTHORITY_LEAD)


def can_view_insights(actor: Actor) -> bool:
    return can_view_dashboard(actor) or can_view_area(actor)
