"""Signed-in pages: policies, acknowledgements, reviews, training, awareness and surveys.

Every view checks the role (accounts.auth.require) and finds objects within the actor's organisation
only (other organisations' objects answer 404)."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from upstander.accounts.auth import actor_of, get_for_actor, require, user_of
from upstander.accounts.models import Organisation, User
from upstander.cases.models import Case
from upstander.prevention import forms, permissions, selectors, services
from upstander.prevention.models import (
    Acknowledgement,
    AwarenessActivity,
    Policy,
    PolicyVersion,
    Survey,
    TrainingKind,
)
from upstander.prevention.render import markdown_to_html
from upstander.prevention.services import PreventionError


def _org_id(request: HttpRequest) -> int:
    organisation_id = actor_of(request).organisation_id
    if organisation_id is None:
        raise Http404
    return organisation_id


def _org(request: HttpRequest) -> Organisation:
    return Organisation.objects.get(pk=_org_id(request))


def _policy(request: HttpRequest, pk: int) -> Policy:
    return get_for_actor(Policy.objects.select_related("organisation", "owner"), actor_of(request), pk=pk)


def _version(request: HttpRequest, pk: int, number: int) -> PolicyVersion:
    policy = _policy(request, pk)
    version = policy.versions.filter(number=number).first()
    if version is None:
        raise Http404
    return version


@require_GET
@require(permissions.can_view_prevention)
def home_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    assert actor.organisation_id is not None
    manager = permissions.can_manage_policies(actor)
    context: dict[str, Any] = {
        "organisation": _org(request),
        "manager": manager,
        "can_view_training": permissions.can_view_training(actor),
        "summary": selectors.due_summary(organisation_id=actor.organisation_id) if manager else None,
        "policies": selectors.policy_rows(organisation_id=actor.organisation_id),
        "mine": selectors.my_acknowledgements(user=user_of(request), organisation_id=actor.organisation_id).filter(
            acknowledged_at__isnull=True
        ),
    }
    return render(request, "prevention/home.html", context)


@require_http_methods(["GET", "POST"])
@require(permissions.can_manage_policies)
def policy_new_view(request: HttpRequest) -> HttpResponse:
    organisation = _org(request)
    existing = set(Policy.objects.filter(organisation=organisation).values_list("kind", flat=True))
    form = forms.PolicyCreateForm(request.POST or None, existing=existing)
    if request.method == "POST" and form.is_valid():
        try:
            policy = services.policy_create(
                organisation=organisation, kind=form.cleaned_data["kind"], by=user_of(request), request=request
            )
        except PreventionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Started from Upstander's template. Adapt the draft, then approve it.")
            return redirect("prevention:policy", pk=policy.pk)
    return render(request, "prevention/policy_new.html", {"form": form, "all_done": not form.fields["kind"].choices})  # type: ignore[attr-defined]


@require_GET
@require(permissions.can_view_prevention)
def policy_view(request: HttpRequest, pk: int) -> HttpResponse:
    policy = _policy(request, pk)
    actor = actor_of(request)
    current = selectors.current_version(policy)
    context = {
        "policy": policy,
        "current": current,
        "state": selectors.PolicyState.LABELS[selectors.policy_state(policy)],
        "versions": policy.versions.all(),
        "reviews": policy.reviews.select_related("case", "done_by", "requested_by"),
        "manager": permissions.can_manage_policies(actor),
        "acks": [s for s in selectors.acknowledgement_summaries(organisation_id=policy.organisation_id) if s.version.policy_id == policy.pk],
        "review_form": forms.ReviewForm(),
        "settings_form": forms.PolicySettingsForm(
            initial={"title": policy.title, "owner": policy.owner_id or "", "is_public": policy.is_public},
            organisation_id=policy.organisation_id,
        ),
        "html": markdown_to_html(current.text) if current else "",
    }
    return render(request, "prevention/policy.html", context)


@require_POST
@require(permissions.can_manage_policies)
def policy_settings_view(request: HttpRequest, pk: int) -> HttpResponse:
    policy = _policy(request, pk)
    form = forms.PolicySettingsForm(request.POST, organisation_id=policy.organisation_id)
    if form.is_valid():
        owner_id = form.cleaned_data["owner"]
        try:
            services.policy_update(
                policy=policy, title=form.cleaned_data["title"],
                owner=User.objects.filter(pk=owner_id).first() if owner_id else None,
                is_public=form.cleaned_data["is_public"], by=user_of(request), request=request,
            )
        except PreventionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Saved.")
    else:
        messages.error(request, "Give the policy a title, and choose an owner from the list.")
    return redirect("prevention:policy", pk=pk)


@require_GET
@require(permissions.can_view_prevention)
def version_view(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """Any version, old or draft: staff can always read what applied when."""
    version = _version(request, pk, number)
    context = {
        "version": version,
        "policy": version.policy,
        "html": markdown_to_html(version.text),
        "child_html": markdown_to_html(version.child_friendly_text),
        "manager": permissions.can_manage_policies(actor_of(request)),
        "approve_form": forms.ApproveForm(initial={"approved_on": timezone.localdate()}),
    }
    return render(request, "prevention/version.html", context)


def pdf_response(version: PolicyVersion) -> HttpResponse:
    if not version.has_pdf:
        raise Http404
    response = HttpResponse(bytes(version.pdf), content_type="application/pdf")  # type: ignore[arg-type]
    response["Content-Disposition"] = f'inline; filename="{version.policy.kind}-v{version.number}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@require_GET
@require(permissions.can_view_prevention)
def version_pdf_view(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    return pdf_response(_version(request, pk, number))


@require_http_methods(["GET", "POST"])
@require(permissions.can_manage_policies)
def version_new_view(request: HttpRequest, pk: int) -> HttpResponse:
    policy = _policy(request, pk)
    latest = policy.versions.order_by("-number").first()
    initial = {"text": latest.text, "child_friendly_text": latest.child_friendly_text} if latest else {}
    form = forms.VersionForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["pdf"]
        try:
            version = services.version_create(
                policy=policy,
                text=form.cleaned_data["text"],
                child_friendly_text=form.cleaned_data["child_friendly_text"],
                pdf=upload.read() if upload else None,
                pdf_name=upload.name if upload else "",
                change_summary=form.cleaned_data["change_summary"],
                by=user_of(request),
                request=request,
            )
        except PreventionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Version {version.number} saved as a draft. Approve it to publish it.")
            return redirect("prevention:version", pk=policy.pk, number=version.number)
    return render(request, "prevention/version_new.html", {"policy": policy, "form": form})


@require_POST
@require(permissions.can_manage_policies)
def version_approve_view(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = _version(request, pk, number)
    form = forms.ApproveForm(request.POST)
    if form.is_valid():
        try:
            services.version_approve(version=version, by=user_of(request), request=request, **form.cleaned_data)
        except PreventionError as error:
            messages.error(request, str(error))
        else:
            asked_before = version.policy.is_acceptable_use and version.number > 1
            messages.success(
                request,
                f"Version {version.number} is now the current version."
                + (" Ask everyone again: a new version needs a new acknowledgement." if asked_before else ""),
            )
            return redirect("prevention:policy", pk=pk)
    else:
        messages.error(request, "Give the approval date and who approved it.")
    return redirect("prevention:version", pk=pk, number=number)


@require_POST
@require(permissions.can_manage_policies)
def review_view(request: HttpRequest, pk: int) -> HttpResponse:
    policy = _policy(request, pk)
    form = forms.ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_record(policy=policy, outcome=form.cleaned_data["outcome"], by=user_of(request), request=request)
        except PreventionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Review recorded. The next one is due on {policy.review_due_on:%d %B %Y}.")
    else:
        messages.error(request, "Say what the review found.")
    return redirect("prevention:policy", pk=pk)


@require_http_methods(["GET", "POST"])
@require(permissions.can_request_policy_review)
def review_request_view(request: HttpRequest) -> HttpResponse:
    """From a case review: this policy should change. The case is this organisation's, or 404."""
    actor = actor_of(request)
    case_id = request.GET.get("case") or request.POST.get("case")
    case = get_for_actor(Case.objects.all(), actor, pk=case_id) if case_id else None
    policies = list(Policy.objects.filter(organisation_id=_org_id(request)).order_by("title").values_list("pk", "title"))
    initial = {"reason": (case.review or {}).get("policies", "")} if case is not None else {}
    form = forms.ReviewRequestForm(request.POST or None, policies=policies, initial=initial)
    if request.method == "POST" and form.is_valid():
        policy = get_for_actor(Policy.objects.all(), actor, pk=form.cleaned_data["policy"])
        try:
            services.policy_review_request(
                policy=policy, case=case, reason=form.cleaned_data["reason"], by=user_of(request), request=request
            )
        except PreventionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"A review of the {policy.title.lower()} is now due, linked to this case.")
            return redirect("prevention:policy", pk=policy.pk)
    return render(request, "prevention/review_request.html", {"form": form, "case": case})


def _slips_page(request: HttpRequest, version: PolicyVersion, asked: int, slips: list[services.Slip]) -> HttpResponse:
    rows = [
        {"slip": slip, "link": settings.SITE_URL + slip.path, "who": slip.acknowledgement.person.display_name}  # type: ignore[union-attr]
        for slip in slips
    ]
    context = {"version": version, "policy": version.policy, "asked": asked, "rows": rows,
               "code_url": settings.SITE_URL + reverse("prevention_public:acknowledge_code")}
    response = render(request, "prevention/slips.html", context)
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@require(permissions.can_manage_policies)
def send_view(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = _version(request, pk, number)
    form = forms.SendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            asked, slips = services.acknowledgements_send(
                version=version, audience=form.cleaned_data["audience"], group=form.cleaned_data["group"],
                by=user_of(request), request=request,
            )
        except PreventionError as error:
            form.add_error(None, str(error))
        else:
            return _slips_page(request, version, asked, slips)
    return render(request, "prevention/send.html", {"version": version, "policy": version.policy, "form": form})


@require_POST
@require(permissions.can_manage_policies)
def send_again_view(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = _version(request, pk, number)
    try:
        asked, slips = services.acknowledgements_send_again(version=version, by=user_of(request), request=request)
    except PreventionError as error:
        messages.error(request, str(error))
        return redirect("prevention:policy", pk=pk)
    return _slips_page(request, version, asked, slips)


@require_GET
@require(permissions.can_manage_policies)
def outstanding_view(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = _version(request, pk, number)
    context = {"version": version, "policy": version.policy,
               "outstanding": selectors.outstanding_acknowledgements(version=version),
               "done": version.acknowledgements.filter(acknowledged_at__isnull=False).count()}
    return render(request, "prevention/outstanding.html", context)


@require_POST
@require(permissions.can_manage_policies)
def remind_view(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = _version(request, pk, number)
    try:
        count, slips = services.acknowledgements_remind(version=version, by=user_of(request), request=request)
    except PreventionError as error:
        messages.error(request, str(error))
        return redirect("prevention:outstanding", pk=pk, number=number)
    if not slips:
        messages.success(request, f"Reminded {count} by email.")
        return redirect("prevention:outstanding", pk=pk, number=number)
    return _slips_page(request, version, count, slips)


@require_GET
@require(permissions.can_view_prevention)
def my_acknowledgements_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    assert actor.organisation_id is not None
    acks = list(selectors.my_acknowledgements(user=user_of(request), organisation_id=actor.organisation_id))
    rows = [(ack, markdown_to_html(ack.version.text)) for ack in acks]
    return render(request, "prevention/mine.html", {"rows": rows})


@require_POST
@require(permissions.can_view_prevention)
def acknowledge_mine_view(request: HttpRequest, pk: int) -> HttpResponse:
    ack = get_for_actor(Acknowledgement.objects.select_related("version__policy"), actor_of(request), pk=pk)
    if ack.user_id != user_of(request).pk:
        raise Http404  # someone else's acknowledgement does not exist for this user
    services.acknowledge(acknowledgement=ack, user=user_of(request), request=request)
    messages.success(request, f"Thank you: you have acknowledged the {ack.version.policy.title.lower()}.")
    return redirect("prevention:my_acknowledgements")


# --- Training -----------------------------------------------------------------------------------


@require_GET
@require(permissions.can_view_training)
def training_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    assert actor.organisation_id is not None
    kinds, rows = selectors.training_matrix(organisation_id=actor.organisation_id)
    ambassadors = selectors.ceop_ambassadors(organisation_id=actor.organisation_id)
    context = {
        "kinds": [TrainingKind(kind).label for kind in kinds],
        "rows": rows,
        "ambassadors": ambassadors,
        "wanted": selectors.CEOP_AMBASSADORS_WANTED,
        "due": selectors.training_due(organisation=actor.organisation_id),
        "can_record": permissions.can_record_training(actor),
    }
    return render(request, "prevention/training.html", context)


@require_http_methods(["GET", "POST"])
@require(permissions.can_record_training)
def training_new_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    assert actor.organisation_id is not None
    form = forms.TrainingForm(request.POST or None, organisation_id=actor.organisation_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = User.objects.get(pk=data["user"])
        try:
            services.training_record(
                organisation=_org(request), user=user, kind=data["kind"], completed_on=data["completed_on"],
                expires_on=data["expires_on"], provider=data["provider"], notes=data["notes"],
                by=user_of(request), request=request,
            )
        except PreventionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Training recorded for {user.full_name}.")
            return redirect("prevention:training")
    return render(request, "prevention/training_new.html", {"form": form})


# --- Awareness ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require(permissions.can_view_prevention)
def awareness_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    can_record = permissions.can_record_awareness(actor)
    form = forms.AwarenessForm(request.POST or None)
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied("Your role does not include this.")
        if form.is_valid():
            try:
                services.awareness_record(organisation=_org(request), data=form.cleaned_data, by=user_of(request), request=request)
            except PreventionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Added to the awareness log.")
                return redirect("prevention:awareness")
    activities = AwarenessActivity.objects.filter(organisation_id=_org_id(request))
    return render(request, "prevention/awareness.html", {"form": form, "activities": activities, "can_record": can_record})


# --- Surveys ------------------------------------------------------------------------------------


def _survey(request: HttpRequest, pk: int) -> Survey:
    return get_for_actor(Survey.objects.select_related("organisation"), actor_of(request), pk=pk)


@require_GET
@require(permissions.can_view_survey_results)
def surveys_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    assert actor.organisation_id is not None
    surveys = list(selectors.surveys_of(organisation_id=actor.organisation_id))
    series = sorted({s.series for s in surveys})
    trends = [(name, selectors.series_results(organisation_id=actor.organisation_id, series=name)) for name in series]
    context = {"surveys": surveys, "trends": trends, "manager": permissions.can_manage_surveys(actor),
               "today": timezone.localdate(), "min_group": services.MIN_GROUP}
    return render(request, "prevention/surveys.html", context)


@require_http_methods(["GET", "POST"])
@require(permissions.can_manage_surveys)
def survey_new_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = forms.SurveyForm(request.POST or None, initial={"opens_on": today, "closes_on": today + timedelta(days=14)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = services.survey_create(
                organisation=_org(request), series=data["series"], term=form.term(), group=data["group"],
                question_keys=data["question_keys"], opens_on=data["opens_on"], closes_on=data["closes_on"],
                expected=data["expected"], by=user_of(request), request=request,
            )
        except PreventionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Survey ready. Share its link or QR code with the group while it is open.")
            return redirect("prevention:survey", pk=survey.pk)
    return render(request, "prevention/survey_new.html", {"form": form})


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode("utf-8")


@require_GET
@require(permissions.can_view_survey_results)
def survey_view(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    actor = actor_of(request)
    manager = permissions.can_manage_surveys(actor)
    url = settings.SITE_URL + reverse("prevention_public:survey_start", args=[survey.organisation.slug, survey.token])
    today = timezone.localdate()
    context = {
        "survey": survey,
        "results": selectors.survey_results(survey),
        "min_group": services.MIN_GROUP,
        "manager": manager,
        "url": url if manager else "",
        "qr": _qr_svg(url) if manager and survey.closes_on >= today else "",
        "is_open": services.survey_is_open(survey, today=today),
        "repeat_form": forms.RepeatForm(initial={"opens_on": today, "closes_on": today + timedelta(days=14)}),
    }
    return render(request, "prevention/survey.html", context)


@require_POST
@require(permissions.can_manage_surveys)
def survey_repeat_view(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    form = forms.RepeatForm(request.POST)
    if form.is_valid():
        try:
            new = services.survey_repeat(survey=survey, by=user_of(request), request=request, **form.cleaned_data)
        except PreventionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"The same survey is ready for {new.term}, at a new address.")
            return redirect("prevention:survey", pk=new.pk)
    else:
        messages.error(request, "Give the dates the survey opens and closes.")
    return redirect("prevention:survey", pk=pk)

