from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from upstander.accounts import permissions
from upstander.accounts.models import Organisation, Role
from upstander.cases import permissions as case_permissions
from upstander.cases import selectors as case_selectors
from upstander.core import heartbeat
from upstander.core.selectors import task_backlog_age, task_queue_health
from upstander.reports import selectors as report_selectors
from upstander.routes import permissions as routes_permissions

WELCOME_ORGANISATIONS = 8  # more than this: the welcome page leaves the list to the report chooser


@require_GET
def home_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        # Each organisation's page, one tap away, while the list is short (the report chooser searches).
        organisations = list(Organisation.objects.order_by("name")[: WELCOME_ORGANISATIONS + 1])
        shown = organisations if len(organisations) <= WELCOME_ORGANISATIONS else []
        return render(request, "core/welcome.html", {"organisations": shown})
    actor = request.actor  # type: ignore[attr-defined]
    summary: dict[str, int] = {}
    if case_permissions.can_view_cases(actor) and actor.organisation_id is not None:
        summary = case_selectors.queue_summary(organisation_id=actor.organisation_id)
    if permissions.can_view_reports(actor) and actor.organisation_id is not None:
        summary["new_reports"] = report_selectors.new_report_count(organisation_id=actor.organisation_id)
    links = {
        "cases": case_permissions.can_view_cases(actor) and actor.organisation_id is not None,
        "reports": permissions.can_view_reports(actor),
        "record": permissions.can_record_report(actor),
        "people": permissions.can_view_people(actor),
        "audit": permissions.can_view_audit_trail(actor),
        "members": permissions.can_manage_members(actor),
        "settings": permissions.can_change_organisation_settings(actor),
        "routes": actor.organisation_id is not None
        and routes_permissions.can_edit_routes(actor, actor.organisation_id),
    }
    organisation = Organisation.objects.filter(pk=actor.organisation_id).first() if actor.organisation_id else None
    # Here, not at the top: core sits below the apps; its home page asks the apps above for their parts.
    from upstander.prevention import home as prevention_home

    links["prevention"] = prevention_home.can_open(actor)
    summary.update(prevention_home.summary(actor))
    role_labels = sorted(Role(role).label for role in actor.roles)
    overdue_takedowns = []
    if case_permissions.can_work_cases(actor) and actor.organisation_id is not None:
        # Here, not at the top: core sits below the apps (see prevention_home above).
        from upstander.takedown.selectors import overdue_requests

        overdue_takedowns = list(overdue_requests(organisation_id=actor.organisation_id)[:10])
    authority = None
    if actor.authority_id is not None and case_permissions.can_view_cases(actor):
        authority = case_selectors.authority_home(authority_id=actor.authority_id)
    context = {
        "links": links,
        "role_labels": role_labels,
        "summary": summary,
        "organisation": organisation,
        "authority": authority,
        "overdue_takedowns": overdue_takedowns,
    }
    return render(request, "core/home.html", context)


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
    body: dict[str, object] = {"status": "ok" if healthy else "error", **checks}
    # Said, not judged: the web server is healthy without the worker (reports are stored first); the
    # "tasks" check above fails once work has waited too long.
    beat = heartbeat.age_seconds()
    body["worker"] = {
        "alive": heartbeat.worker_alive(),
        "last_heartbeat_seconds_ago": None if beat is None else round(beat),
    }
    if checks["database"] == "ok":
        body["backlog"] = task_backlog_age()
    return JsonResponse(body, status=200 if healthy else 503)
