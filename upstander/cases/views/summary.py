"""The case summary for the file and for meetings: a printable page and a PDF (both audited)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from upstander.accounts.auth import require, user_of
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.cases import permissions
from upstander.cases.summary import case_summary
from upstander.cases.summary_pdf import render_case_summary
from upstander.cases.views._common import audit_view, case_for


@require_GET
@require(permissions.can_view_cases)
def summary_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = case_for(request, case_id)
    audit_view(request, case, "summary")
    summary = case_summary(case=case, actor=actor, produced_by=user_of(request).full_name)
    return render(request, "cases/summary.html", {"case": case, "summary": summary})


@require_GET
@require(permissions.can_view_cases)
def summary_pdf_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = case_for(request, case_id)
    user = user_of(request)
    summary = case_summary(case=case, actor=actor, produced_by=user.full_name)
    data = render_case_summary(summary)
    audit_record(
        action=AuditAction.EXPORTED, actor=user, organisation_id=case.organisation_id, obj=case, request=request,
        detail={"page": "summary-pdf", "bytes": len(data)},
    )  # fmt: skip
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="case-{case.number}-summary.pdf"'
    response["Cache-Control"] = "no-store"
    return response
