from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from upstander.accounts import permissions


def actor(request: HttpRequest) -> dict[str, Any]:
    """The actor, and the navigation their role allows (each link is checked again by its view)."""
    current = getattr(request, "actor", None)
    nav: list[tuple[str, str]] = []
    if current is not None:
        if permissions.can_view_people(current):
            nav.append(("People", reverse("people:list")))
        if permissions.can_view_audit_trail(current):
            nav.append(("Audit trail", reverse("audit:list")))
        if permissions.can_manage_members(current):
            nav.append(("Members", reverse("accounts:members")))
        if permissions.can_change_organisation_settings(current):
            nav.append(("Settings", reverse("accounts:organisation_settings")))
    return {"actor": current, "nav": nav}
