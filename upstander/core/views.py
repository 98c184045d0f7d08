from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from upstander.accounts import permissions
from upstander.accounts.models import Role
from upstander.core.selectors import task_queue_health


@require_GET
def home_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "core/welcome.html")
    actor = request.actor  # type: ignore[attr-defined]
    links = {
        "record": permissions.can_record_report(actor),
        "people": permissions.can_view_people(actor),
        "audit": permissions.can_view_audit_trail(actor),
        "members": permissions.can_manage_members(actor),
        "settings": permissions.can_change_organisation_settings(actor),
    }
    role_labels = sorted(Role(role).label for role in actor.roles)
    return render(request, "core/home.html", {"links": links, "role_labels": role_labels})


@never_cache
@require_GET
def healthz_view(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitors: is the database answering, and is the task queue moving?"""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:  # any failure is a failed check, reported as such
        checks["database"] = f"error: {exc.__class__.__name__}"
    if checks["database"] == "ok":
        checks["tasks"] = task_queue_health()
    else:
        checks["tasks"] = "unknown: database unavailable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
