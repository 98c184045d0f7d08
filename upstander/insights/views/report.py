"""The termly report as a PDF: the organisation's for its DSL, deputy and senior leaders; the area's
for the authority lead. No names; small numbers suppressed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from upstander.core.auth import actor_of, require, user_of
from upstander.insights import permissions, report_pdf, services
from upstander.insights.views._common import area_period_from, period_from_request


@require_GET
@require(permissions.can_view_insights)
def report_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    dashboard = permissions.can_view_dashboard(actor)
    period, error = period_from_request(request) if dashboard else area_period_from(request.GET)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    if dashboard:
        assert actor.organisation_id is not None
        content = report_pdf.organisation_report(organisation_id=actor.organisation_id, period=period)
        slug = f"organisation-{actor.organisation_id}"
    else:
        assert actor.authority_id is not None
        content = report_pdf.authority_report(authority_id=actor.authority_id, period=period)
        slug = f"authority-{actor.authority_id}"
    services.report_handed_out(
        organisation_id=actor.organisation_id,
        authority_id=actor.authority_id,
        period_label=period.label,
        by=user_of(request),
        request=request,
    )
    response = HttpResponse(content, content_type="application/pdf")
    name = f"termly-report-{slug}-{period.key or f'{period.start}-to-{period.end}'}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
