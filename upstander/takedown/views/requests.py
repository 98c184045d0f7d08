"""A case's removal requests: the list (with the form to open one), one request with its draft to
copy, and the steps recorded on it. Each view finds the case for the actor first (404 otherwise) and
then the request within that case, so another organisation's request id is a 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as dj_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from upstander.accounts.auth import require, user_of
from upstander.cases import facts as cases_facts
from upstander.cases import permissions as case_permissions
from upstander.cases import selectors as case_selectors
from upstander.cases.models import Case
from upstander.cases.views._common import audit_view, case_for
from upstander.takedown import forms, permissions, rules, selectors, services
from upstander.takedown.models import PackAgency, RemovalRequest, Route, Status

GET_POST = ["GET", "POST"]


def _items(case: Case) -> list[tuple[int, str]]:
    return [
        (item.pk, f"Item {item.pk}: {item.safe_name}")
        for item in case_selectors.case_evidence(case=case).filter(sealed=False)
    ]


def _guard_notes(case: Case) -> dict[str, Any]:
    facts = cases_facts.case_facts(case=case)
    return {"blocked": rules.blocked_because(facts), "police_first": rules.police_first(facts) and rules.POLICE_FIRST}


@require_http_methods(GET_POST)
@require(case_permissions.can_view_cases)
def list_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = case_for(request, case_id)
    if not permissions.can_view_requests(actor, case):
        raise PermissionDenied
    can_work = permissions.can_work_requests(actor, case)
    form = forms.OpenForm(request.POST if request.method == "POST" else None, items=_items(case))
    if request.method == "POST":
        if not can_work:
            raise PermissionDenied("Your role does not include this.")
        if form.is_valid():
            data = form.cleaned_data
            item = (
                case_selectors.case_evidence(case=case).filter(pk=data["evidence_item"]).first()
                if data["evidence_item"]
                else None
            )
            try:
                removal = services.takedown_open(
                    case=case, route=data["route"], by=user_of(request), request=request, platform=data["platform"],
                    evidence_item=item, url=data["url"], username=data["username"], content=data["content"],
                    harm=data["harm"], made_by=data["made_by"], poster_kind=data["poster_kind"],
                )  # fmt: skip
            except services.TakedownError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Removal request drafted.")
                return redirect("takedown:request", case_id=case.pk, request_id=removal.pk)
    else:
        audit_view(request, case, "takedown")
    context = {
        "case": case, "requests": selectors.requests_for_case(case_id=case.pk), "form": form, "can_work": can_work,
        "packs": case.referral_packs.all(), "pack_form": forms.PackForm(referrals=_referrals(case)),
        "agencies": PackAgency.choices, **_guard_notes(case),
    }  # fmt: skip
    return render(request, "takedown/list.html", context)


def _referrals(case: Case) -> list[tuple[int, str]]:
    return [(r.pk, f"{r.agency} ({r.created_at:%d %b %Y})") for r in case.referrals.all()]


@require_http_methods(["GET"])
@require(case_permissions.can_view_cases)
def request_view(request: HttpRequest, case_id: int, request_id: int) -> HttpResponse:
    actor, case = case_for(request, case_id)
    if not permissions.can_view_requests(actor, case):
        raise PermissionDenied
    removal = selectors.request_in_case(case_id=case.pk, request_id=request_id)
    audit_view(request, case, f"takedown-request-{removal.pk}")
    draft = services.draft_for(removal)
    next_route = services.next_step(removal)
    context = {
        "case": case, "removal": removal, "draft": draft, "draft_text": removal.draft or draft.body,
        "can_work": permissions.can_work_requests(actor, case), "next_route": next_route,
        "next_label": dict(Route.choices).get(next_route, next_route), "events": removal.events.all(), "Status": Status,
        "sent_form": forms.SentForm(initial={"text": removal.draft or draft.body}),
        "reference_form": forms.ReferenceForm(), "reply_form": forms.ReplyForm(items=_items(case)),
        "check_form": forms.CheckForm(), "outcome_form": forms.OutcomeForm(),
        "escalations": removal.escalations.all(), **_guard_notes(case),
    }  # fmt: skip
    return render(request, "takedown/request.html", context)


def _step(
    form_class: Callable[..., dj_forms.Form],
    run: Callable[[RemovalRequest, dict[str, Any], HttpRequest], Any],
    done: str,
) -> Callable[..., HttpResponse]:
    """A POST that records one step on a request: leads only; errors come back as a message."""

    @require_POST
    @require(case_permissions.can_work_cases)
    def view(request: HttpRequest, case_id: int, request_id: int) -> HttpResponse:
        _, case = case_for(request, case_id, work=True)
        removal = selectors.request_in_case(case_id=case.pk, request_id=request_id)
        kwargs = {"items": _items(case)} if form_class is forms.ReplyForm else {}
        form = form_class(request.POST, **kwargs)
        target = removal.pk
        if not form.is_valid():
            messages.error(request, "; ".join(f"{k}: {' '.join(str(e) for e in v)}" for k, v in form.errors.items()))
        else:
            try:
                result = run(removal, form.cleaned_data, request)
            except services.TakedownError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, done)
                if isinstance(result, RemovalRequest):
                    target = result.pk
        return redirect("takedown:request", case_id=case.pk, request_id=target)

    return view


def _item(removal: RemovalRequest, pk: int | None) -> Any:
    return case_selectors.case_evidence(case=removal.case).filter(pk=pk).first() if pk else None


sent_view = _step(
    forms.SentForm,
    lambda r, d, q: services.takedown_mark_sent(removal=r, text=d["text"], by=user_of(q), request=q),
    "Marked as sent: the text is on the chronology.",
)
reference_view = _step(
    forms.ReferenceForm,
    lambda r, d, q: services.takedown_record_reference(removal=r, reference=d["reference"], by=user_of(q), request=q),
    "Reference recorded.",
)
reply_view = _step(
    forms.ReplyForm,
    lambda r, d, q: services.takedown_record_reply(
        removal=r, text=d["text"], evidence_item=_item(r, d["evidence_item"]), by=user_of(q), request=q
    ),
    "Reply recorded.",
)
check_view = _step(
    forms.CheckForm,
    lambda r, d, q: services.takedown_record_check(
        removal=r, still_live=d["still_live"], note=d["note"], by=user_of(q), request=q
    ),
    "Check recorded.",
)
outcome_view = _step(
    forms.OutcomeForm,
    lambda r, d, q: services.takedown_record_outcome(
        removal=r, status=d["status"], reason=d["reason"], by=user_of(q), request=q
    ),
    "Outcome recorded.",
)
escalate_view = _step(
    dj_forms.Form,
    lambda r, d, q: services.takedown_escalate(removal=r, by=user_of(q), request=q),
    "Escalation request opened with the history attached.",
)
