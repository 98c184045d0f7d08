"""The incident log as CSV or XLSX: the DSL and deputy only, audited with the filters used."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from upstander.accounts.auth import actor_of, require, user_of
from upstander.accounts.models import Organisation
from upstander.insights import permissions, services
from upstander.insights.filters import log_filters

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@require_GET
@require(permissions.can_export_log)
def export_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    assert actor.organisation_id is not None  # can_export_log needs an organisation
    organisation = Organisation.objects.get(pk=actor.organisation_id)
    fmt = request.GET.get("format", "csv")
    if fmt not in CONTENT_TYPES:
        return HttpResponse("Choose csv or xlsx.", status=400, content_type="text/plain")
    filters = log_filters(request.GET)
    free_text = request.GET.get("free_text") == "1"
    content, _ = services.log_export(
        organisation=organisation, filters=filters, fmt=fmt, free_text=free_text, by=user_of(request), request=request
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = f"incident-log-{organisation.slug}-{filters.start}-to-{filters.end}-{timezone.localdate():%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
