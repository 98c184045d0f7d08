"""Records review, legal holds, decisions, subject access and erasure pages. Each finds its case or
person in the actor's organisation first (404 otherwise), checks the role (403), audits every view,
and calls one service."""

from __future__ import annotations

from typing import Any

from django import forms as dj_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from upstander.accounts.actor import Actor
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.cases.models import Case
from upstander.cases.views._common import audit_view, case_for
from upstander.core.auth import actor_of, get_for_actor, require, user_of
from upstander.dataprotection import forms, permissions, selectors, services
from upstander.dataprotection.access import subject_access_data, subject_access_export
from upstander.dataprotection.models import DecisionKind, DecisionState, RetentionDecision
from upstander.dataprotection.services import DataProtectionError
from upstander.people.models import Person


@require_GET
@require(permissions.can_review_records)
def records_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    assert actor.organisation_id is not None
    rows = [
        row
        for row in selectors.records_review_rows(organisation_id=actor.organisation_id)
        if not (row.decision and row.decision.state == DecisionState.CARRIED_OUT and row.decision.kind != "keep")
    ]
    audit_record(action=AuditAction.VIEWED, actor=user_of(request), organisation_id=actor.organisation_id,
                 object_type="dataprotection.records_review", request=request,
                 detail={"page": "records-review", "cases": [row.case.number for row in rows]})  # fmt: skip
    return render(request, "dataprotection/records.html", {"rows": rows})


def _case(request: HttpRequest, case_id: int) -> tuple[Actor, Case]:
    actor, case = case_for(request, case_id)
    if not permissions.can_review_records(actor) or case.organisation_id != actor.organisation_id:
        raise PermissionDenied("Your role does not include this.")
    return actor, case


def _case_page(request: HttpRequest, actor: Actor, case: Case, **bound: dj_forms.Form) -> HttpResponse:
    context: dict[str, Any] = {
        "case": case,
        "hold": selectors.active_hold(case_id=case.pk),
        "decisions": selectors.decisions_for_case(case_id=case.pk),
        "pending": selectors.pending_decision(case_id=case.pk),
        "holds": case.legal_holds.select_related("set_by", "lifted_by"),
        "hold_form": bound.get("hold_form") or forms.HoldForm(prefix="hold"),
        "lift_form": bound.get("lift_form") or forms.LiftForm(prefix="lift"),
        "decision_form": bound.get("decision_form") or forms.DecisionForm(prefix="decide"),
        "withdraw_form": bound.get("withdraw_form") or forms.WithdrawForm(prefix="withdraw"),
        "can_set_hold": permissions.can_set_hold(actor, case),
        "can_lift_hold": permissions.can_lift_hold(actor, case),
        "can_dispose": permissions.can_decide(actor, case, kind=DecisionKind.DELETE),
        "finished": not case.is_active,
        "deleted": selectors.records_deleted(case_id=case.pk),
    }
    return render(request, "dataprotection/case.html", context, status=400 if bound else 200)


@require_GET
@require(permissions.can_review_records)
def case_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = _case(request, case_id)
    audit_view(request, case, "records-review")
    return _case_page(request, actor, case)


def _done(request: HttpRequest, case: Case, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("dataprotection:case", case_id=case.pk)


@require_POST
@require(permissions.can_review_records)
def hold_set_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = _case(request, case_id)
    if not permissions.can_set_hold(actor, case):
        raise PermissionDenied
    form = forms.HoldForm(request.POST, prefix="hold")
    if form.is_valid():
        try:
            services.hold_set(case=case, reason=form.cleaned_data["reason"], by=user_of(request), request=request)
        except DataProtectionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, case, "Legal hold set.")
    return _case_page(request, actor, case, hold_form=form)


@require_POST
@require(permissions.can_review_records)
def hold_lift_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = _case(request, case_id)
    if not permissions.can_lift_hold(actor, case):
        raise PermissionDenied("Only the DSL lifts a legal hold.")
    form = forms.LiftForm(request.POST, prefix="lift")
    if form.is_valid():
        try:
            services.hold_lift(case=case, reason=form.cleaned_data["reason"], by=user_of(request), request=request)
        except DataProtectionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, case, "Legal hold lifted.")
    return _case_page(request, actor, case, lift_form=form)


@require_POST
@require(permissions.can_review_records)
def decide_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = _case(request, case_id)
    form = forms.DecisionForm(request.POST, prefix="decide")
    if form.is_valid():
        data = form.cleaned_data
        if not permissions.can_decide(actor, case, kind=data["kind"]):
            raise PermissionDenied("Only the DSL decides to anonymise or delete records.")
        try:
            services.retention_decide(case=case, kind=data["kind"], reason=data["reason"], keep_until=data["keep_until"],
                                      by=user_of(request), request=request)  # fmt: skip
        except DataProtectionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, case, "Decision recorded.")
    return _case_page(request, actor, case, decision_form=form)


def _decision(request: HttpRequest, case_id: int, decision_id: int) -> tuple[Actor, Case, RetentionDecision]:
    actor, case = _case(request, case_id)
    decision = get_object_or_404(RetentionDecision, case=case, pk=decision_id)
    if not permissions.can_decide(actor, case, kind=decision.kind):
        raise PermissionDenied("Only the DSL carries out or withdraws this decision.")
    return actor, case, decision


@require_http_methods(["GET", "POST"])
@require(permissions.can_review_records)
def carry_out_view(request: HttpRequest, case_id: int, decision_id: int) -> HttpResponse:
    _, case, decision = _decision(request, case_id, decision_id)
    form = forms.CarryOutForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.retention_carry_out(decision=decision, by=user_of(request),
                                         confirm_number=form.cleaned_data["confirm_number"], request=request)  # fmt: skip
        except DataProtectionError as error:
            form.add_error(None, str(error))
        else:
            return _done(
                request, case, f"Done: the records of case {case.number} were {decision.get_kind_display().lower()}d."
            )
    if request.method == "GET":
        audit_view(request, case, f"retention-carry-out-{decision.pk}")
    context = {"case": case, "decision": decision, "form": form, "hold": selectors.active_hold(case_id=case.pk),
               "evidence_count": case.case_reports.filter(report__evidence_items__isnull=False).count()}  # fmt: skip
    return render(request, "dataprotection/carry_out.html", context, status=400 if form.errors else 200)


@require_POST
@require(permissions.can_review_records)
def withdraw_view(request: HttpRequest, case_id: int, decision_id: int) -> HttpResponse:
    actor, case, decision = _decision(request, case_id, decision_id)
    form = forms.WithdrawForm(request.POST, prefix="withdraw")
    if form.is_valid():
        try:
            services.retention_withdraw(decision=decision, reason=form.cleaned_data["reason"], by=user_of(request),
                                        request=request)  # fmt: skip
        except DataProtectionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, case, "Decision withdrawn.")
    return _case_page(request, actor, case, withdraw_form=form)


def _person(request: HttpRequest, person_id: int, page: str) -> Person:
    actor = actor_of(request)
    person = get_for_actor(Person.objects.select_related("organisation"), actor, pk=person_id)
    if request.method == "GET":
        audit_record(action=AuditAction.VIEWED, actor=user_of(request), organisation_id=person.organisation_id,
                     obj=person, request=request, detail={"page": page})  # fmt: skip
    return person


@require_http_methods(["GET", "POST"])
@require(permissions.can_handle_requests)
def access_view(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id, "subject-access")
    if not permissions.can_export_subject_access(actor_of(request), person):  # pragma: no cover - implied
        raise PermissionDenied
    if request.method == "POST":
        name, data = subject_access_export(person=person, by=user_of(request), request=request)
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response
    preview = subject_access_data(person=person)
    return render(request, "dataprotection/access.html", {"person": person, "preview": preview})


@require_http_methods(["GET", "POST"])
@require(permissions.can_handle_requests)
def erase_view(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id, "erasure")
    if not permissions.can_erase_person(actor_of(request), person):  # pragma: no cover - implied
        raise PermissionDenied
    form = forms.EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_erase(person=person, reason=form.cleaned_data["reason"], by=user_of(request),
                                  confirm_name=form.cleaned_data["confirm_name"], request=request)  # fmt: skip
        except DataProtectionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The person's record was erased. The audit trail keeps a record that it was.")
            return redirect("people:detail", person_id=person.pk)
    context = {"person": person, "form": form, "blockers": selectors.erasure_blockers(person=person),
               "erasure": selectors.person_erasure(person=person),
               "parties": selectors.person_parties(person=person)}  # fmt: skip
    return render(request, "dataprotection/erase.html", context, status=400 if form.errors else 200)
