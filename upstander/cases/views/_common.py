"""What every case view does the same way: find the case for the actor (404 otherwise), audit the
view, and render a form page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from upstander.accounts.actor import Actor
from upstander.accounts.auth import actor_of, user_of
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.cases import permissions, selectors
from upstander.cases.models import Case
from upstander.cases.services import CaseError


def case_for(request: HttpRequest, case_id: int, *, work: bool = False) -> tuple[Actor, Case]:
    """The case, if the actor may see it (404 if not); with `work`, 403 unless they may change it."""
    actor = actor_of(request)
    case = selectors.case_for_actor(
        actor=actor,
        case_id=case_id,
        queryset=Case.objects.select_related("organisation", "assignee", "escalated_authority", "merged_into"),
    )
    if work and not permissions.can_work_case(actor, case):
        raise PermissionDenied("Your role does not include this.")
    return actor, case


def audit_view(request: HttpRequest, case: Case, page: str) -> None:
    """Every view of a case is audited, with the page it was seen on."""
    audit_record(
        action=AuditAction.VIEWED,
        actor=user_of(request),
        organisation_id=case.organisation_id,
        obj=case,
        request=request,
        detail={"page": page},
    )


def form_page(
    request: HttpRequest,
    case: Case,
    form: forms.BaseForm,
    *,
    title: str,
    submit: str,
    page: str,
    intro: str = "",
    extra: dict[str, Any] | None = None,
    template: str = "cases/form.html",
) -> HttpResponse:
    if request.method == "GET":
        audit_view(request, case, page)
    context = {"case": case, "form": form, "title": title, "submit": submit, "intro": intro, **(extra or {})}
    return render(request, template, context)


def done(request: HttpRequest, case: Case, message: str, anchor: str = "") -> HttpResponse:
    messages.success(request, message)
    response = redirect("cases:detail", case_id=case)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def refused(form: forms.BaseForm, error: CaseError) -> None:
    """A service refused the change: show why on the form, like a validation error."""
    form.add_error(None, str(error))
