from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from upstander.accounts import permissions
from upstander.accounts.middleware import SESSION_2FA_NEEDED, SESSION_2FA_OK
from upstander.cases import permissions as case_permissions
from upstander.insights import permissions as insights_permissions
from upstander.prevention import permissions as prevention_permissions


def actor(request: HttpRequest) -> dict[str, Any]:
    """The actor, and the navigation their role allows (each link is checked again by its view)."""
    current = getattr(request, "actor", None)
    if current is not None and request.session.get(SESSION_2FA_NEEDED) and not request.session.get(SESSION_2FA_OK):
        current = None  # half signed in: nothing to navigate to until the second factor is given
    nav: list[tuple[str, str]] = []
    if current is not None:
        if case_permissions.can_view_cases(current):
            nav.append(("Cases", reverse("cases:queue")))
        if permissions.can_view_reports(current):
            nav.append(("Reports", reverse("reports:inbox")))
        if insights_permissions.can_view_insights(current):
            nav.append(("Insights", reverse("insights:home")))
        if permissions.can_record_report(current):
            nav.append(("Record a concern", reverse("reports:record")))
        if prevention_permissions.can_view_prevention(current):
            nav.append(("Prevention", reverse("prevention:home")))
        if permissions.can_view_people(current):
            nav.append(("People", reverse("people:list")))
        if permissions.can_view_audit_trail(current):
            nav.append(("Audit trail", reverse("audit:list")))
        if permissions.can_manage_members(current):
            nav.append(("Members", reverse("accounts:members")))
            nav.append(("API keys", reverse("accounts:api_keys")))
        if permissions.can_change_organisation_settings(current):
            nav.append(("Settings", reverse("accounts:organisation_settings")))
    return {"actor": current, "nav": nav}
