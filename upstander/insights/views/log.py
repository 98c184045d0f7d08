"""The incident log: every case (and report not yet in a case) in a date range, filtered."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from upstander.accounts.auth import actor_of, require, user_of
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.cases import selectors as case_selectors
from upstander.cases.models import CaseStatus, Outcome
from upstander.cases.taxonomy import BEHAVIOUR_CHOICES, PREJUDICE_CHOICES
from upstander.insights import exports, permissions, selectors
from upstander.insights.filters import LogFilters, log_filters
from upstander.reports.models import Channel, Platform

PAGE_SIZE = 50


def filter_query(filters: LogFilters) -> str:
    values = filters.as_dict()
    values["from"], values["to"] = values.pop("start"), values.pop("end")
    return urlencode(values)


@require_GET
@require(permissions.can_view_log)
def log_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    assert actor.organisation_id is not None
    filters = log_filters(request.GET)
    cases = selectors.log_cases(organisation_id=actor.organisation_id, filters=filters).select_related("assignee")
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    ids = [case.pk for case in page]
    years = selectors.target_year_groups(case_ids=ids)
    for case in page:
        case.target_years = years.get(case.pk, [])  # type: ignore[attr-defined]
    reports = list(
        selectors.log_reports_without_case(organisation_id=actor.organisation_id, filters=filters)[:PAGE_SIZE]
    )
    audit_record(
        action=AuditAction.VIEWED,
        actor=user_of(request),
        organisation_id=actor.organisation_id,
        object_type="cases.case",
        request=request,
        detail={"page": "incident_log", "cases": ids, "filters": filters.as_dict()},
    )
    context = {
        "filters": filters,
        "page": page,
        "reports": reports,
        "query": filter_query(filters),
        "behaviours": BEHAVIOUR_CHOICES,
        "strands": PREJUDICE_CHOICES,
        "platforms": [(v, label) for v, label in Platform.choices if v],
        "channels": Channel.choices,
        "statuses": CaseStatus.choices,
        "outcomes": Outcome.choices,
        "year_groups": selectors.year_groups_in_use(organisation_id=actor.organisation_id),
        "workers": case_selectors.case_workers(organisation_id=actor.organisation_id),
        "can_export": permissions.can_export_log(actor),
        "columns": exports.COLUMNS,
        "free_text_columns": exports.FREE_TEXT_COLUMNS,
    }
    return render(request, "insights/log.html", context)
