"""Confirm or dismiss analysis's suggestion that a case may be urgent (with the reason)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from upstander.accounts.auth import require, user_of
from upstander.cases import forms, permissions, urgency
from upstander.cases.services import CaseError
from upstander.cases.views._common import case_for, done, form_page, refused


@require_http_methods(["GET", "POST"])
@require(permissions.can_work_cases)
def urgency_view(request: HttpRequest, case_id: int) -> HttpResponse:
    _, case = case_for(request, case_id, work=True)
    form = forms.UrgencyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        confirm = form.cleaned_data["decision"] == "confirm"
        try:
            urgency.case_decide_urgency(
                case=case, confirm=confirm, reason=form.cleaned_data["reason"], by=user_of(request), request=request
            )
        except CaseError as error:
            refused(form, error)
        else:
            return done(request, case, "Confirmed as urgent." if confirm else "Suggestion dismissed: not urgent.")
    sources = "; ".join((case.urgent_suggestion or {}).get("sources", []))
    intro = (
        f"Analysis found words that may mean a risk to someone's life or safety now (in: {sources or 'this case'}). "
        "It is a suggestion from software and may be wrong: you decide."
    )
    return form_page(request, case, form, title=f"Is case {case.number} urgent?", submit="Record the decision",
                     page="urgency", intro=intro)  # fmt: skip
