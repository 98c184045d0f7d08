"""No sign-in: the published policies, acknowledging by personal link or code, and pupil-voice surveys.

Surveys keep nothing on the server until the last answer: earlier answers travel in the page's own
hidden fields (no session, no cookie beyond CSRF's), and the whole response is counted in one write.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from upstander.accounts.models import Organisation
from upstander.audit.services import client_ip
from upstander.core import ratelimit
from upstander.people.models import PersonKind
from upstander.prevention import questions, selectors, services
from upstander.prevention.forms import CodeForm, survey_question_form
from upstander.prevention.models import Acknowledgement, Policy, Survey
from upstander.prevention.render import markdown_to_html
from upstander.prevention.services import PreventionError
from upstander.prevention.views_staff import pdf_response

# Only links and codes that do not work count: a class acknowledging from the school's one address
# is never stopped, while guessing is (and a link or code is far too long to guess anyway).
ACK_FAILURES_PER_ADDRESS_PER_HOUR = 20


# --- Published policies -------------------------------------------------------------------------


@require_GET
def policies_view(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    shown = [(policy, version, markdown_to_html(version.text)) for policy, version in selectors.public_policies(organisation)]
    return render(request, "prevention/public_policies.html", {"organisation": organisation, "shown": shown})


@require_GET
def policy_pdf_view(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    policy = get_object_or_404(Policy, organisation=organisation, kind=kind, is_public=True)
    version = selectors.current_version(policy)
    if version is None:
        raise Http404
    return pdf_response(version)


# --- Acknowledging without an account -----------------------------------------------------------


def _key(request: HttpRequest) -> str:
    return ratelimit.limit_key("prevention-ack", client_ip(request) or "")


def _allowed(request: HttpRequest) -> bool:
    return not ratelimit.is_limited(_key(request), limit=ACK_FAILURES_PER_ADDRESS_PER_HOUR, window=timedelta(hours=1))


def _failed(request: HttpRequest) -> None:
    ratelimit.hit(_key(request), limit=ACK_FAILURES_PER_ADDRESS_PER_HOUR, window=timedelta(hours=1))


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "prevention/ack_limited.html", status=429)


def _ack_page(request: HttpRequest, ack: Acknowledgement, *, action: str, code: str = "") -> HttpResponse:
    version = ack.version
    child = ack.person is not None and ack.person.kind == PersonKind.PUPIL and bool(version.child_friendly_text)
    context = {
        "ack": ack,
        "policy": version.policy,
        "version": version,
        "organisation": version.policy.organisation,
        "html": markdown_to_html(version.text),
        "child_html": markdown_to_html(version.child_friendly_text) if child else "",
        "action": action,
        "code": code,
        "first_name": ack.person.first_name if ack.person else "",
    }
    response = render(request, "prevention/ack.html", context)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def acknowledge_view(request: HttpRequest, token: str) -> HttpResponse:
    if not _allowed(request):
        return _too_many(request)
    ack = services.acknowledgement_for_token(token)
    if ack is None:
        _failed(request)
        return render(request, "prevention/ack_unknown.html", status=404)
    if request.method == "POST" and request.POST.get("agree") == "yes":
        services.acknowledge(acknowledgement=ack, request=request)
        return render(request, "prevention/ack_done.html", {"policy": ack.version.policy, "organisation": ack.organisation})
    return _ack_page(request, ack, action=reverse("prevention_public:acknowledge", args=[token]))


@never_cache
@require_http_methods(["GET", "POST"])
def acknowledge_code_view(request: HttpRequest) -> HttpResponse:
    """For people given a code on a slip instead of a link: type it on any phone."""
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if not _allowed(request):
            return _too_many(request)
        if form.is_valid():
            code = form.cleaned_data["code"]
            ack = services.acknowledgement_for_code(code)
            if ack is None:
                _failed(request)
                form.add_error("code", "That code does not work. Check it against your slip; a reminder replaces an older code.")
            elif request.POST.get("agree") == "yes":
                services.acknowledge(acknowledgement=ack, request=request)
                return render(request, "prevention/ack_done.html", {"policy": ack.version.policy, "organisation": ack.organisation})
            else:
                return _ack_page(request, ack, action=reverse("prevention_public:acknowledge_code"), code=code)
    return render(request, "prevention/ack_code.html", {"form": form})


# --- Pupil voice --------------------------------------------------------------------------------


def _survey(slug: str, token: str) -> Survey:
    """Both the organisation and the token must match: a link cannot be used for another organisation."""
    survey = Survey.objects.select_related("organisation").filter(organisation__slug=slug, token=token).first()
    if survey is None:
        raise Http404
    return survey


def _no_trace(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _carried(request: HttpRequest, survey: Survey) -> dict[str, list[str]]:
    """Earlier answers from the page's hidden field; anything unexpected is dropped (checked again at the end)."""
    try:
        raw = json.loads(request.POST.get("answers", "{}"))
    except ValueError:
        return {}
    if not isinstance(raw, dict):
        return {}
    carried = {}
    for key in survey.questions:
        value = raw.get(key)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            carried[key] = value[:20]
    return carried


@require_http_methods(["GET", "POST"])
def survey_start_view(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    survey = _survey(slug, token)
    if not services.survey_is_open(survey):
        return _no_trace(render(request, "prevention/survey_closed.html", {"survey": survey}, status=410))
    if request.method == "GET":
        context = {"survey": survey, "count": len(survey.questions)}
        return _no_trace(render(request, "prevention/survey_start.html", context))
    answers = _carried(request, survey)
    step = _step(request, survey)
    if "back" in request.POST:
        return _question_page(request, survey, max(step - 1, 0), answers)
    if request.POST.get("do") == "show":
        return _question_page(request, survey, step, answers)
    key = survey.questions[step]
    question = questions.BY_KEY[key]
    form = survey_question_form(question)(request.POST)
    if not form.is_valid():
        return _question_page(request, survey, step, answers, form=form)
    chosen = form.cleaned_data["answer"]
    answers[key] = list(chosen) if question.multiple else [chosen]
    if step + 1 < len(survey.questions):
        return _question_page(request, survey, step + 1, answers)
    try:
        services.survey_submit(survey=survey, answers=answers)
    except PreventionError:
        return _no_trace(render(request, "prevention/survey_closed.html", {"survey": survey}, status=410))
    return redirect("prevention_public:survey_done", slug=slug, token=token)


def _step(request: HttpRequest, survey: Survey) -> int:
    try:
        step = int(request.POST.get("step", "0"))
    except ValueError:
        step = 0
    return min(max(step, 0), len(survey.questions) - 1)


def _question_page(
    request: HttpRequest, survey: Survey, step: int, answers: dict[str, list[str]], form: Any = None
) -> HttpResponse:
    key = survey.questions[step]
    question = questions.BY_KEY[key]
    if form is None:
        given = answers.get(key)
        initial = {"answer": (given if question.multiple else given[0])} if given else {}
        form = survey_question_form(question)(initial=initial)
    context = {
        "survey": survey,
        "form": form,
        "question": question,
        "step": step,
        "number": step + 1,
        "total": len(survey.questions),
        "answers": json.dumps(answers),
        "last": step + 1 == len(survey.questions),
    }
    return _no_trace(render(request, "prevention/survey_question.html", context))


@require_GET
def survey_done_view(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    survey = _survey(slug, token)
    return _no_trace(render(request, "prevention/survey_done.html", {"survey": survey, "organisation": survey.organisation}))
