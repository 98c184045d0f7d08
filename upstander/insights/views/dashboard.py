"""The organisation's dashboard: charts and figures for the DSL, deputy and senior leaders."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from upstander.accounts.auth import actor_of, require, user_of
from upstander.accounts.models import Organisation
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.cases.duties import duty_title
from upstander.cases.models import PartyRole
from upstander.cases.permissions import LEADS_ONLY_PLAYBOOKS
from upstander.insights import permissions, presenters, providers, selectors
from upstander.insights.views._common import offered_terms, period_from_request


@require_GET
@require(permissions.can_view_insights)
def dashboard_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not permissions.can_view_dashboard(actor):
        return redirect("insights:area")
    assert actor.organisation_id is not None
    period, error = period_from_request(request)
    leads = permissions.can_follow_to_cases(actor)
    current, previous = selectors.organisation_figures_compared(
        organisation_id=actor.organisation_id, period=period, list_people=leads
    )
    hide = frozenset() if leads else LEADS_ONLY_PLAYBOOKS
    changes = selectors.review_changes(organisation_id=actor.organisation_id, period=period, hide_playbooks=hide)
    audit_record(
        action=AuditAction.VIEWED,
        actor=user_of(request),
        organisation_id=actor.organisation_id,
        object_type="insights.dashboard",
        request=request,
        detail={"period": period.label},
    )
    repeats = {
        PartyRole.TARGET: current.repeats[0],
        PartyRole.ALLEGED_PERPETRATOR: current.repeats[1],
    }
    context = {
        "organisation": Organisation.objects.get(pk=actor.organisation_id),
        "period": period,
        "previous": previous.period,
        "error": error,
        "terms": offered_terms(),
        "figures": current,
        "opened_trend": presenters.trend(current.headline["opened"], previous.headline["opened"]),
        "prejudice_trend": presenters.trend(
            current.headline["prejudice_related"], previous.headline["prejudice_related"]
        ),
        "charts": presenters.organisation_charts(current, previous),
        "duties": [{**row, "label": duty_title(row["duty"])} for row in current.duties],
        "targets": repeats[PartyRole.TARGET],
        "perpetrators": repeats[PartyRole.ALLEGED_PERPETRATOR],
        "changes": changes,
        "leads": leads,
        "sections": providers.sections(organisation_ids=[actor.organisation_id], start=period.start, end=period.end),
    }
    return render(request, "insights/dashboard.html", context)
