"""The triage queue, notifications and the organisation's case settings."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from upstander.accounts.auth import actor_of, require, user_of
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.cases import permissions, selectors, services, taxonomy
from upstander.cases.forms import CaseSettingsForm
from upstander.cases.models import Case, CaseStatus
from upstander.reports.models import Platform

PAGE_SIZE = 25  # a triage queue, not an archive: a short page renders fast and reads on a phone


def _filters(request: HttpRequest) -> selectors.QueueFilters:
    get = request.GET
    status = get.get("status", "")
    category = get.get("category", "")
    platform = get.get("platform", "")
    person_id = get.get("person_id", "")
    assignee = get.get("assignee", "")
    return selectors.QueueFilters(
        status=status if status in CaseStatus.values or status == "all" else "",
        category=category if category in taxonomy.BEHAVIOUR_LABELS or category in taxonomy.PREJUDICE_LABELS else "",
        platform=platform if platform in Platform.values and platform else "",
        person=get.get("person", "")[:100],
        person_id=int(person_id) if person_id.isdigit() else None,
        assignee=assignee if assignee in ("me", "none") or assignee.isdigit() else "",
        overdue=get.get("overdue") == "1",
    )


def _query(filters: selectors.QueueFilters) -> str:
    """The filters as a query string, for the page links."""
    values = {
        "status": filters.status,
        "category": filters.category,
        "platform": filters.platform,
        "person": filters.person,
        "person_id": filters.person_id or "",
        "assignee": filters.assignee,
        "overdue": "1" if filters.overdue else "",
    }
    return urlencode({k: v for k, v in values.items() if v})


@require_GET
@require(permissions.can_view_cases)
def queue_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    filters = _filters(request)
    cases = selectors.queue_for_actor(actor=actor, filters=filters)
    # Page the ids, then read only that page's cases (see selectors.cases_listed).
    ids = Paginator(cases.values_list("pk", flat=True), PAGE_SIZE).get_page(request.GET.get("page"))
    page: Page[Case] = Page(selectors.cases_listed(ids=list(ids)), ids.number, ids.paginator)  # type: ignore[arg-type]
    audit_record(
        action=AuditAction.VIEWED,
        actor=user_of(request),
        organisation_id=actor.organisation_id,
        object_type="cases.case",
        request=request,
        detail={"page": "queue", "cases": [case.pk for case in page], "filters": _query(filters)},
    )
    workers = selectors.case_workers(organisation_id=actor.organisation_id) if actor.organisation_id else []
    context = {
        "page": page,
        "filters": filters,
        "query": _query(filters),
        "statuses": CaseStatus.choices,
        "categories": [*taxonomy.BEHAVIOUR_CHOICES, *taxonomy.PREJUDICE_CHOICES],
        "platforms": [c for c in Platform.choices if c[0]],
        "workers": workers,
        "for_authority": actor.authority_id is not None,
        "can_change_settings": permissions.can_change_case_settings(actor),
        "now": timezone.now(),
    }
    return render(request, "cases/queue.html", context)


@require_GET
@require(permissions.can_see_notifications)
def notifications_view(request: HttpRequest) -> HttpResponse:
    notifications = selectors.notifications_for(user_id=user_of(request).pk)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    can_view_cases = permissions.can_view_cases(actor_of(request))
    return render(request, "cases/notifications.html", {"page": page, "can_view_cases": can_view_cases})


@require_POST
@require(permissions.can_see_notifications)
def notifications_read_view(request: HttpRequest) -> HttpResponse:
    count = services.case_notifications_read(user=user_of(request))
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read.")
    return redirect("cases:notifications")


@require_http_methods(["GET", "POST"])
@require(permissions.can_change_case_settings)
def settings_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    assert actor.organisation_id is not None
    current = selectors.case_settings_for(organisation_id=actor.organisation_id)
    form = CaseSettingsForm(request.POST if request.method == "POST" else None, instance=current)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.SETTINGS_FIELDS}
        services.case_settings_update(
            organisation_id=actor.organisation_id, by=user_of(request), request=request, **values
        )
        messages.success(request, "Case settings saved.")
        return redirect("cases:settings")
    return render(request, "cases/settings.html", {"form": form})
