"""Staff kept informed about a case: the DSL's page to choose them and share updates, and the
minimal page where a member of staff kept informed reads those updates (and nothing else)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from upstander.accounts.auth import actor_of, require, user_of
from upstander.cases import forms, informed, permissions
from upstander.cases.models import Case, CaseWatcher
from upstander.cases.services import CaseError
from upstander.cases.views._common import audit_view, case_for, done, refused


@require_http_methods(["GET", "POST"])
@require(permissions.can_work_cases)
def informed_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = case_for(request, case_id, work=True)
    if not permissions.can_keep_staff_informed(actor, case):
        raise PermissionDenied("Your role does not include this.")
    staff = informed.staff_who_can_be_informed(case=case)
    post = request.POST if request.method == "POST" else None
    which = request.POST.get("form", "") if post else ""
    add_form = forms.WatcherForm(post if which == "add" else None, staff=staff, prefix="add")
    update_form = forms.SharedUpdateForm(post if which == "update" else None, prefix="update")
    by = user_of(request)
    if which == "add" and add_form.is_valid():
        try:
            watcher = informed.case_watcher_add(case=case, by=by, request=request, **add_form.cleaned_data)
        except CaseError as error:
            refused(add_form, error)
        else:
            return done(request, case, f"{watcher.user.full_name} is kept informed.", "informed")
    if which == "update" and update_form.is_valid():
        try:
            informed.case_share_update(case=case, by=by, request=request, text=update_form.cleaned_data["text"])
        except CaseError as error:
            refused(update_form, error)
        else:
            return done(request, case, "Update shared with the staff kept informed.", "informed")
    if request.method == "GET":
        audit_view(request, case, "kept informed")
    context = {
        "case": case,
        "watchers": informed.current_watchers(case=case),
        "updates": informed.shared_updates(case=case),
        "add_form": add_form,
        "update_form": update_form,
    }
    return render(request, "cases/informed.html", context)


@require_POST
@require(permissions.can_work_cases)
def informed_remove_view(request: HttpRequest, case_id: int, watcher_id: int) -> HttpResponse:
    _, case = case_for(request, case_id, work=True)
    watcher = get_object_or_404(CaseWatcher.objects.select_related("user", "case"), pk=watcher_id, case=case)
    try:
        informed.case_watcher_remove(watcher=watcher, by=user_of(request), request=request)
    except CaseError as error:
        raise Http404 from error
    return done(request, case, f"{watcher.user.full_name} is no longer kept informed.", "informed")


@require_GET
@require(permissions.can_see_notifications)
def shared_updates_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """What a member of staff kept informed sees: the case number and the updates shared, nothing more.
    Anyone else (another organisation, someone removed, someone never added) gets 404."""
    actor = actor_of(request)
    if actor.organisation_id is None:
        raise Http404
    case = Case.objects.filter(pk=case_id, organisation_id=actor.organisation_id).first()
    if case is None:
        raise Http404
    kept = informed.is_kept_informed(case=case, user_id=actor.user_id)
    if not permissions.can_read_shared_updates(actor, case, kept_informed=kept):
        raise Http404
    audit_view(request, case, "shared updates")
    context = {
        "case": case,
        "updates": informed.shared_updates(case=case),
        "can_view_case": permissions.can_view_case(actor, case),
    }
    return render(request, "cases/shared.html", context)
