"""Make and download a case-level signed referral pack for one agency (leads only). The ZIP is made
when asked for and handed over once; the pack row keeps its hash, which the referral then shows."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from upstander.accounts.auth import require, user_of
from upstander.cases import permissions as case_permissions
from upstander.cases.views._common import case_for
from upstander.takedown import forms, packs, selectors


@require_POST
@require(case_permissions.can_work_cases)
def pack_view(request: HttpRequest, case_id: int) -> HttpResponse:
    _, case = case_for(request, case_id, work=True)
    referrals = [(r.pk, r.agency) for r in case.referrals.all()]
    form = forms.PackForm(request.POST, referrals=referrals)
    if not form.is_valid():
        messages.error(request, "Choose who the pack is for.")
        return redirect("takedown:list", case_id=case.pk)
    referral = (
        get_object_or_404(case.referrals, pk=form.cleaned_data["referral"]) if form.cleaned_data["referral"] else None
    )
    removal = None
    if request.POST.get("request"):
        removal = selectors.request_in_case(case_id=case.pk, request_id=int(request.POST["request"]))
    _, exported = packs.referral_pack_make(case=case, agency=form.cleaned_data["agency"], by=user_of(request),
                                           request=request, referral=referral, removal=removal)  # fmt: skip
    response = HttpResponse(exported.data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    response["X-Bundle-SHA256"] = exported.sha256
    return response
