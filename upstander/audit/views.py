from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from upstander.accounts import permissions
from upstander.accounts.auth import actor_of, require
from upstander.audit import selectors
from upstander.audit.models import AuditAction

PAGE_SIZE = 100


@require_GET
@require(permissions.can_view_audit_trail)
def audit_list_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    assert actor.organisation_id is not None
    events = selectors.audit_events_for_organisation(organisation_id=actor.organisation_id)
    action = request.GET.get("action", "")
    if action in AuditAction.values:
        events = events.filter(action=action)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "actions": AuditAction.choices, "action": action, "title": "Audit trail"}
    return render(request, "audit/list.html", context)


@require_GET
@require(permissions.can_view_audit_trail)
def audit_object_view(request: HttpRequest, object_type: str, object_id: str) -> HttpResponse:
    """The trail of one object; only rows recorded in the actor's organisation are ever shown."""
    actor = actor_of(request)
    assert actor.organisation_id is not None
    events = selectors.audit_events_for_object(
        organisation_id=actor.organisation_id, object_type=object_type[:80], object_id=object_id[:64]
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "title": f"Audit trail of {object_type} {object_id}", "object_type": object_type}
    return render(request, "audit/list.html", context)
