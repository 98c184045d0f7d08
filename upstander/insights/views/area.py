"""The local authority's area view: every organisation's figures, small numbers suppressed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from upstander.accounts.models import Authority
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.core.auth import actor_of, require, user_of
from upstander.insights import permissions, presenters
from upstander.insights.area import area
from upstander.insights.suppression import SMALL_TEXT, THRESHOLD
from upstander.insights.views._common import area_period_from, offered_terms


@require_GET
@require(permissions.can_view_area)
def area_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    assert actor.authority_id is not None
    period, error = area_period_from(request.GET)
    figures = area(authority_id=actor.authority_id, period=period)
    audit_record(
        action=AuditAction.VIEWED,
        actor=user_of(request),
        object_type="insights.area",
        object_id=str(actor.authority_id),
        request=request,
        detail={"period": period.label},
    )
    context = {
        "authority": Authority.objects.get(pk=actor.authority_id),
        "period": period,
        "error": error,
        "terms": offered_terms(),
        "area": figures,
        "charts": presenters.area_charts(figures),
        "small_text": SMALL_TEXT,
        "threshold": THRESHOLD,
        "terms_only": True,
    }
    return render(request, "insights/area.html", context)
