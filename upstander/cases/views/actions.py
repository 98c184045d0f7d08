"""The forms that change a case. Each view authorises, validates, calls one service and redirects to
the case; a refusal from the service is shown on the form like any other error."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from upstander import escalation
from upstander.accounts.auth import require, user_of
from upstander.cases import duties, facts, forms, hooks, permissions, related, selectors, services
from upstander.cases.follow_through import case_follow_up_record, case_record_responsible_action
from upstander.cases.models import CaseEntry, CaseParty, PlaybookItem, Referral
from upstander.cases.open_work import case_open_work
from upstander.cases.services import CaseError
from upstander.cases.views._common import case_for, done, form_page, refused

GET_POST = ["GET", "POST"]


def _data(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


@require_http_methods(GET_POST)
@require(permissions.can_work_cases)
def triage_view(request: HttpRequest, case_id: int) -> HttpResponse:
    _, case = case_for(request, case_id, work=True)
    form = forms.TriageForm(_data(request), initial=forms.TriageForm.initial_for(case), case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_triage(case=case, by=user_of(request), request=request, **form.cleaned_data)
        except CaseError as error:
            refused(form, error)
        else:
            return done(request, case, "Triage recorded. Check the proposed escalations below.", "escalation")
    intro = "Assess the case. The escalation rules read what you confirm here, with the people involved."
    return form_page(request, case, form, title=f"Triage case {case.number}", submit="Save triage", page="triage",
                     intro=intro, extra={"reports": selectors.case_reports(case=case)}, template="cases/triage.html")  # fmt: skip


@require_http_methods(GET_POST)
@require(permissions.can_work_cases)
def status_view(request: HttpRequest, case_id: int) -> HttpResponse:
    _, case = case_for(request, case_id, work=True)
    form = forms.StatusForm(_data(request), initial={"status": case.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.case_set_status(case=case, by=user_of(request), request=request, **form.cleaned_data)
        except CaseError as error:
            refused(form, error)
        else:
            return done(request, case, "Status changed.")
    return form_page(request, case, form, title=f"Change the status of case {case.number}", submit="Change status",
                     page="status")  # fmt: skip


@require_http_methods(GET_POST)
@require(permissions.can_view_cases)
def entry_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = case_for(request, case_id)
    if not permissions.can_add_note(actor, case):
        raise PermissionDenied("Your role does not include this.")
    form = forms.EntryForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.case_add_entry(case=case, by=user_of(request), request=request, **form.cleaned_data)
        except CaseError as error:
            refused(form, error)
        else:
            return done(request, case, "Added to the chronology.", "chronology")
    return form_page(request, case, form, title=f"Add to the chronology of case {case.number}", submit="Add",
                     page="entry")  # fmt: skip


@require_http_methods(GET_POST)
@require(permissions.can_view_cases)
def correct_view(request: HttpRequest, case_id: int, entry_id: int) -> HttpResponse:
    actor, case = case_for(request, case_id)
    if not permissions.can_add_note(actor, case):
        raise PermissionDenied("Your role does not include this.")
    entry = get_object_or_404(CaseEntry.objects.select_related("case", "author"), pk=entry_id, case=case)
    form = forms.CorrectionForm(_data(request), initial={"text": entry.text})
    if request.method == "POST" and form.is_valid():
        services.case_correct_entry(entry=entry, by=user_of(request), request=request, **form.cleaned_data)
        return done(request, case, "Correction added. The original entry stays in the record.", "chronology")
    intro = f"The entry stays as it was; your correction is added after it and linked to it. It said: “{entry.text}”"
    return form_page(request, case, form, title="Correct an entry", submit="Add correction", page="correct",
                     intro=intro)  # fmt: skip


@require_http_methods(GET_POST)
@require(permissions.can_work_cases)
def party_add_view(request: HttpRequest, case_id: int) -> HttpResponse:
    _, case = case_for(request, case_id, work=True)
    search = _person_search(request)
    form = forms.PartyForm(_data(request), organisation_id=case.organisation_id, search=search)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_party_add(case=case, by=user_of(request), request=request, **form.cleaned_data)
        except CaseError as error:
            refused(form, error)
        else:
            return done(request, case, "Person added to the case.", "people")
    return form_page(request, case, form, title=f"Add someone to case {case.number}", submit="Add", page="party_add",
                     template="cases/party_form.html", extra=_search_context(form, search))  # fmt: skip


def _person_search(request: HttpRequest) -> str:
    return " ".join(request.GET.get("q", "").split())[:100]


def _search_context(form: forms.PartyForm, search: str) -> dict[str, Any]:
    return {"search": search, "people_shown": form.people_shown, "people_limit": forms.PEOPLE_SHOWN}


@require_http_methods(GET_POST)
@require(permissions.can_work_cases)
def party_change_view(request: HttpRequest, case_id: int, party_id: int) -> HttpResponse:
    _, case = case_for(request, case_id, work=True)
    party = get_object_or_404(CaseParty.objects.select_related("case", "person"), pk=party_id, case=case)
    search = _person_search(request)
    form = forms.PartyForm(
        _data(request), initial=forms.PartyForm.initial_for(party), organisation_id=case.organisation_id, search=search
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.case_party_change(party=party, by=user_of(request), request=request, **form.cleaned_data)
        except CaseError as error:
            refused(form, error)
        else:
            return done(request, case, "Changes saved.", "people")
    return form_page(request, case, form, title=f"Change {party.display_name}", submit="Save", page="party_change",
                     template="cases/party_form.html", extra={"party": party, **_search_context(form, search)})  # fmt: skip


@require_http_methods(GET_POST)
@require(permissions.can_work_cases)
def party_remove_view(request: HttpRequest, case_id: int, party_id: int) -> HttpResponse:
    _, case = case_for(request, case_id, work=True)
    party = get_object_or_404(CaseParty.objects.select_related("case", "person"), pk=party_id, case=case)
    form = forms.ReasonForm(_data(request), label="Why are they no longer part of the case?")
    if request.method == "POST" and form.is_valid():
        services.case_party_remove(party=party, by=user_of(request), request=request, **form.cleaned_data)
        return done(request, case, "Removed from the case. The chronology keeps the record.", "people")
    return form_page(request, case, form, title=f"Remove {party.display_name}", submit="Remove", page="party_remove")


def decision_request(decision: Any) -> int | None:
    """What an accepted duty carried out by another app opened (takedown: its removal request), if any."""
    work = hooks.duty_work(decision.duty)
    return work.opened(decision=decision) if work is not None else None


@require_http_methods(GET_POST)
@require(permissions.can_work_cases)
def duty_view(request: HttpRequest, case_id: int, duty: str) -> HttpResponse:
    _, case = case_for(request, case_id, work=True)
    if duty not in escalation.DUTY_CODES:
        raise Http404
    form = forms.DutyDecisionForm(_data(request))
    if request.method == "POST" and form.is_valid():
        accepted = form.cleaned_data["decision"] == "accept"
        try:
            decision = services.case_decide_duty(
                case=case, duty=duty, accepted=accepted, reason=form.cleaned_data["reason"], by=user_of(request),
                request=request,
            )  # fmt: skip
        except CaseError as error:
            refused(form, error)
            decision = None
        if decision is not None and accepted and (opened := decision_request(decision)) is not None:
            messages.success(request, f"{duties.duty_title(duty)}: accepted. The removal request is drafted below.")
            return redirect("takedown:request", case_id=case.pk, request_id=opened)
    if request.method == "POST" and form.is_valid() and not form.errors:
        message = f"{duties.duty_title(duty)}: {'accepted' if accepted else 'declined'}."
        if accepted and duty in duties.AGENCIES:
            message += " Record the reference number when you have it."
        if accepted and duty in duties.LOCAL_AUTHORITY_DUTIES and case.escalated_authority_id is None:
            message += " To let the local authority's lead see this case, escalate it to the local authority."
        return done(request, case, message, "escalation")
    extra = {"proposal": facts.proposed_duty(case=case, code=duty), "duty_title": duties.duty_title(duty),
             "rules_version": escalation.RULES_VERSION}  # fmt: skip
    return form_page(request, case, form, title=duties.duty_title(duty), submit="Record decision", page="duty",
                     extra=extra, template="cases/duty.html")  # fmt: skip


@require_http_methods(GET_POST)
@require(permissions.can_work_cases)
def referral_view(request: HttpRequest, case_id: int, referral_id: int) -> HttpResponse:
    _, case = case_for(request, case_id, work=True)
    referral = get_object_or_404(Referral.objects.select_related("case"), pk=referral_id, case=case)
    # The form validates a copy: the service compares the old and new values to record the change.
    form = forms.ReferralForm(_data(request), instance=Referral.objects.get(pk=referral.pk))
    if request.method == "POST" and form.is_valid():
        services.case_referral_update(referral=referral, by=user_of(request), request=request, **form.cleaned_data)
        return done(request, case, f"Referral to {referral.agency} updated.", "escalation")
    return form_page(request, case, form, title=f"Referral to {referral.agency}", submit="Save referral",
                     page="referral")  # fmt: skip


@require_POST
@require(permissions.can_view_cases)
def playbook_item_view(request: HttpRequest, case_id: int, item_id: int) -> HttpResponse:
    actor, case = case_for(request, case_id)
    item = get_object_or_404(PlaybookItem.objects.select_related("case"), pk=item_id, case=case)
    if not permissions.can_tick_playbook_item(actor, case, item):
        raise PermissionDenied("Your role does not include this step.")
    form = forms.PlaybookItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()) or "Choose done or not needed.")
        return redirect(reverse("cases:detail", args=[case]) + f"#item-{item.pk}")
    try:
        services.case_playbook_item_complete(
            item=item, by=user_of(request), request=request, note=form.cleaned_data["note"],
            not_needed=form.cleaned_data["action"] == "not_needed",
        )  # fmt: skip
    except CaseError as error:
        messages.error(request, str(error))
        return redirect(reverse("cases:detail", args=[case]) + f"#item-{item.pk}")
    return done(request, case, "Step recorded.", f"item-{item.pk}")


@require_http_methods(GET_POST)
@require(permissions.can_work_cases)
def escalate_view(request: HttpRequest, case_id: int) -> HttpResponse:
    _, case = case_for(request, case_id, work=True)
    form = forms.ReasonForm(
        _data(request),
        label="Why does the local authority need to see this case?",
        help_text="Its safeguarding lead will be able to read the case record and its chronology.",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.case_escalate_to_authority(case=case, by=user_of(request), request=request, **form.cleaned_data)
        except CaseError as error:
            refused(form, error)
        else:
            return done(request, case, "Escalated to the local authority. Its safeguarding lead has been notified.")
    return form_page(request, case, form, title="Escalate to the local authority", submit="Escalate",
                     page="escalate")  # fmt: skip


@require_http_methods(GET_POST)
@require(permissions.can_work_cases)
def close_view(request: HttpRequest, case_id: int) -> HttpResponse:
    _, case = case_for(request, case_id, work=True)
    follow_up_days = selectors.case_settings_for(organisation_id=case.organisation_id).follow_up_days
    open_work = case_open_work(case=case) if case.is_active else []
    form = forms.CloseForm(_data(request), follow_up_days=follow_up_days, open_work=[w.text for w in open_work])
    if request.method == "POST" and form.is_valid():
        try:
            services.case_close(case=case, by=user_of(request), request=request, **form.cleaned_data)
        except CaseError as error:
            refused(form, error)
        else:
            return done(request, case, "Case closed. When you are ready, record the post-incident review.")
    submit = "Close the case anyway" if open_work else "Close case"
    return form_page(request, case, form, title=f"Close case {case.number}", submit=submit, page="close",
                     extra={"open_work": open_work}, template="cases/close.html")  # fmt: skip


@require_http_methods(GET_POST)
@require(permissions.can_work_cases)
def review_view(request: HttpRequest, case_id: int) -> HttpResponse:
    _, case = case_for(request, case_id, work=True)
    form = forms.ReviewForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.case_review(case=case, answers=form.cleaned_data, by=user_of(request), request=request)
        except CaseError as error:
            refused(form, error)
        else:
            return done(request, case, "Post-incident review recorded.")
    intro = "After any incident, look again at policies, procedures and teaching: could anything prevent it next time?"
    return form_page(request, case, form, title="Post-incident review", submit="Record review", page="review",
                     intro=intro)  # fmt: skip


@require_http_methods(GET_POST)
@require(permissions.can_work_cases)
def reopen_view(request: HttpRequest, case_id: int) -> HttpResponse:
    _, case = case_for(request, case_id, work=True)
    form = forms.ReasonForm(_data(request), label="Why reopen the case?")
    if request.method == "POST" and form.is_valid():
        try:
            services.case_reopen(case=case, by=user_of(request), request=request, **form.cleaned_data)
        except CaseError as error:
            refused(form, error)
        else:
            return done(request, case, "Case reopened.")
    return form_page(request, case, form, title=f"Reopen case {case.number}", submit="Reopen", page="reopen")


@require_http_methods(GET_POST)
@require(permissions.can_work_cases)
def merge_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = case_for(request, case_id, work=True)
    form = forms.MergeForm(_data(request), case=case, suggestions=related.related_cases(actor=actor, case=case))
    if request.method == "POST" and form.is_valid():
        other = form.cleaned_data["other_number"]
        try:
            services.case_merge(
                case=case, other=other, reason=form.cleaned_data["reason"], by=user_of(request), request=request
            )
        except CaseError as error:
            refused(form, error)
        else:
            return done(request, case, f"Case {other.number} merged into this case.")
    return form_page(request, case, form, title=f"Merge another case into case {case.number}", submit="Merge",
                     page="merge")  # fmt: skip


@require_http_methods(GET_POST)
@require(permissions.can_work_cases)
def split_view(request: HttpRequest, case_id: int) -> HttpResponse:
    _, case = case_for(request, case_id, work=True)
    form = forms.SplitForm(_data(request), case=case)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.case_split(
                case=case, reports=list(form.cleaned_data["reports"]), reason=form.cleaned_data["reason"],
                by=user_of(request), request=request,
            )  # fmt: skip
        except CaseError as error:
            refused(form, error)
        else:
            return done(request, new, f"New case {new.number} made from case {case.number}. Triage it next.")
    return form_page(request, case, form, title=f"Split case {case.number}", submit="Split", page="split")


@require_http_methods(GET_POST)
@require(permissions.can_work_cases)
def responsible_action_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """Record an action with a person responsible: sanction (under which policy), restorative meeting, apology..."""
    _, case = case_for(request, case_id, work=True)
    form = forms.ResponsibleActionForm(_data(request), case=case)
    if request.method == "POST" and form.is_valid():
        party = get_object_or_404(CaseParty, pk=form.cleaned_data.pop("party"), case=case)
        try:
            case_record_responsible_action(case=case, party=party, by=user_of(request), request=request,
                                           **form.cleaned_data)  # fmt: skip
        except CaseError as error:
            refused(form, error)
        else:
            return done(request, case, "Action recorded.", "follow-through")
    intro = "One action with one person responsible. Record each action, for each person, as it happens."
    return form_page(request, case, form, title="Record an action with a person responsible", submit="Record action",
                     page="responsible_action", intro=intro)  # fmt: skip


@require_http_methods(GET_POST)
@require(permissions.can_work_cases)
def follow_up_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """The follow-up with the person targeted, once the case is closed: ends its reminders."""
    _, case = case_for(request, case_id, work=True)
    form = forms.FollowUpForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            case_follow_up_record(case=case, by=user_of(request), request=request, **form.cleaned_data)
        except CaseError as error:
            refused(form, error)
        else:
            return done(request, case, "Follow-up recorded.", "follow-through")
    return form_page(request, case, form, title="Follow up with the person targeted", submit="Record follow-up",
                     page="follow_up")  # fmt: skip
