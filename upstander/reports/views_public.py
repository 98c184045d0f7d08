"""The reporter's side: the step-by-step form, the receipt, and the follow-up page.

No sign-in. The answers so far live in the visitor's session until "Send report"; nothing is
stored in the database before that, and nothing about an anonymous reporter after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from upstander.accounts.models import Organisation
from upstander.audit.services import client_ip
from upstander.core import ratelimit
from upstander.labels import count
from upstander.reports import forms as report_forms
from upstander.reports import receipts, schema, selectors, services
from upstander.reports.models import Channel, Platform, Report, ReportConcern

SESSION_PREFIX = "report-draft:"
SESSION_RECEIPT = "report-receipt"
SESSION_ACCESS = "report-access"
REPORTS_PER_ADDRESS_PER_HOUR = 20
LOOKUPS_PER_ADDRESS_PER_HOUR = 20
CHOOSER_SEARCH_FROM = 8  # more organisations than this: the chooser offers a search


@dataclass(frozen=True)
class Step:
    slug: str
    form: type[forms.Form]
    title: str


STEPS = [
    Step("danger", report_forms.DangerForm, "Is anyone in danger right now?"),
    Step("who", report_forms.WhoForm, "Who are you?"),
    Step("what", report_forms.WhatForm, "What happened?"),
    Step("where", report_forms.WhereForm, "Where did it happen?"),
    Step("when", report_forms.WhenForm, "When did it happen?"),
    Step("people", report_forms.PeopleForm, "Who was involved?"),
    Step("you", report_forms.AboutYouForm, "About you"),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def _organisation(slug: str) -> Organisation:
    return get_object_or_404(Organisation, slug=slug)


def _draft(request: HttpRequest, organisation: Organisation) -> dict[str, Any]:
    draft: dict[str, Any] = request.session.get(SESSION_PREFIX + organisation.slug, {})
    return draft


def _save_draft(request: HttpRequest, organisation: Organisation, draft: dict[str, Any]) -> None:
    request.session[SESSION_PREFIX + organisation.slug] = draft


def _first_missing(draft: dict[str, Any]) -> Step | None:
    return next((step for step in STEPS if step.slug not in draft), None)


@require_GET
def choose_organisation_view(request: HttpRequest) -> HttpResponse:
    """Pick where to report. A council's installation may hold a hundred schools: a search narrows the list."""
    search = " ".join(request.GET.get("q", "").split())[:100]
    organisations = Organisation.objects.order_by("name")
    searchable = organisations.count() > CHOOSER_SEARCH_FROM
    for word in search.split()[:5]:
        organisations = organisations.filter(name__icontains=word)
    context = {"organisations": organisations, "search": search, "searchable": searchable or bool(search)}
    return render(request, "reports/choose.html", context)


@require_GET
def start_view(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(slug)
    return render(request, "reports/start.html", {"organisation": organisation, "first": STEPS[0]})


@require_http_methods(["GET", "POST"])
def step_view(request: HttpRequest, slug: str, step: str) -> HttpResponse:
    organisation = _organisation(slug)
    current = STEP_BY_SLUG.get(step)
    if current is None:
        raise Http404
    draft = _draft(request, organisation)
    index = STEPS.index(current)
    missing = _first_missing(draft)
    if missing is not None and STEPS.index(missing) < index:
        return redirect("reports:step", slug=slug, step=missing.slug)
    kwargs: dict[str, Any] = {"organisation_kind": organisation.kind} if current.form is report_forms.WhoForm else {}
    form = current.form(request.POST if request.method == "POST" else None, initial=draft.get(current.slug), **kwargs)
    if request.method == "POST" and form.is_valid():
        draft[current.slug] = {k: _jsonable(v) for k, v in form.cleaned_data.items()}
        _save_draft(request, organisation, draft)
        if current.slug == "danger" and form.cleaned_data["in_danger"] == "yes":
            return redirect("reports:danger_now", slug=slug)
        following = _first_missing(draft)
        if following is None or request.GET.get("check"):
            return redirect("reports:check", slug=slug)
        return redirect("reports:step", slug=slug, step=following.slug)
    context = {
        "organisation": organisation,
        "form": form,
        "step": current,
        "number": index + 1,
        "total": len(STEPS),
        "back": reverse("reports:step", args=[slug, STEPS[index - 1].slug])
        if index
        else reverse("reports:start", args=[slug]),
    }
    return render(request, "reports/step.html", context)


def _jsonable(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


@require_GET
def danger_now_view(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(slug)
    return render(request, "reports/danger_now.html", {"organisation": organisation})


# Which page asks each of the schema's fields: a draft the schema refuses sends the reporter back there.
STEP_OF_FIELD = {
    "in_danger": "danger", "reporter_role": "who", "reporter_kind": "who", "account": "what", "concerns": "what",
    "channel": "where", "platform": "where", "happened_at": "when", "happened_when": "when", "people": "people",
    "anonymous": "you", "reporter_name": "you", "reporter_email": "you",
}  # fmt: skip


def _report_data(draft: dict[str, Any], organisation: Organisation) -> dict[str, Any]:
    """The draft's answers as the report schema takes them."""
    when = draft["when"]
    day = when.get("happened_on") or ""
    if not day and when["happened_when"] in ("today", "yesterday"):
        day = (timezone.localdate() - timedelta(days=1 if when["happened_when"] == "yesterday" else 0)).isoformat()
    about = draft["you"]
    who = report_forms.who_option(organisation.kind, draft["who"]["reporter_role"])
    return {
        "reporter_role": who.role,
        "reporter_kind": who.kind,
        "account": draft["what"]["account"],
        "concerns": list(draft["what"].get("concerns") or ()),
        "anonymous": about["anonymous"] != "yes",
        "reporter_name": about.get("reporter_name", ""),
        "reporter_email": about.get("reporter_email", ""),
        "channel": draft["where"]["channel"],
        "platform": draft["where"].get("platform", ""),
        "happened_at": day,
        "happened_when": dict(report_forms.WHEN_CHOICES).get(when["happened_when"], ""),
        "people": draft["people"].get("people_involved", ""),
        "in_danger": draft["danger"]["in_danger"] == "yes",
    }


def _report_input(draft: dict[str, Any], organisation: Organisation) -> services.ReportInput | str:
    """The report to store, through the one report schema, or the step whose answer it refuses (a
    draft kept in the session from before a rule changed: that page is asked again)."""
    try:
        found, errors = schema.validate(schema.ReportData, _report_data(draft, organisation))
    except (KeyError, ValueError):  # a draft from an older version of the pages
        return STEPS[0].slug
    if found is None:
        return next((STEP_OF_FIELD[f] for f in errors if f in STEP_OF_FIELD), STEPS[0].slug)
    return found.to_input()


@require_http_methods(["GET", "POST"])
def check_view(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(slug)
    draft = _draft(request, organisation)
    missing = _first_missing(draft)
    if missing is not None:
        return redirect("reports:step", slug=slug, step=missing.slug)
    data = _report_input(draft, organisation)
    if isinstance(data, str):
        draft.pop(data, None)
        _save_draft(request, organisation, draft)
        messages.error(request, "Please answer this question again: we could not use the answer we had.")
        return redirect("reports:step", slug=slug, step=data)
    error = ""
    upload = report_forms.EvidenceUploadForm(
        request.POST if request.method == "POST" else None, request.FILES if request.method == "POST" else None
    )
    if request.method == "POST" and not upload.is_valid():
        error = " ".join(str(e) for errors in upload.errors.values() for e in errors)
    elif request.method == "POST":
        # Every report counts, named or not: a made-up name must not dodge the limit. The key is a
        # keyed hash of the address alone, as for anonymous reports, so it says nothing about who.
        if not ratelimit.hit(
            ratelimit.limit_key("report", client_ip(request) or ""),
            limit=REPORTS_PER_ADDRESS_PER_HOUR,
            window=timedelta(hours=1),
        ):
            error = (
                "A lot of reports have been sent from this connection in the last hour, so we cannot take another "
                "one here just now. Please try again in an hour, or tell a member of staff you trust."
            )
        else:
            receipt = services.report_submit(organisation=organisation, data=data, request=request)
            refused = services.report_attach_uploads(
                report=receipt.report,
                files=upload.cleaned_data["upload"],
                sexual_image=upload.cleaned_data["sexual_image"],
                request=request,
            )
            del request.session[SESSION_PREFIX + slug]
            request.session[SESSION_RECEIPT] = {
                "report_id": receipt.report.pk,
                "reference": receipts.format_reference(receipt.reference),
                "passphrase": receipt.passphrase,
                "refused": refused,
            }
            return redirect("reports:sent", slug=slug)
    context = {
        "organisation": organisation,
        "data": data,
        "error": error,
        "upload": upload,
        "concern_labels": [ReportConcern(c).label for c in data.concerns if c in ReportConcern.values],
        "role_label": report_forms.who_option(organisation.kind, draft["who"]["reporter_role"]).label,
        "channel_label": Channel(data.channel).label if data.channel else "",
        "platform_label": Platform(data.platform).label if data.platform else "Not sure",
    }
    status = 429 if error and upload.is_bound and upload.is_valid() else 400 if error else 200
    return render(request, "reports/check.html", context, status=status)


@require_GET
def sent_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The receipt, shown once: the passphrase is removed from the session as it is shown."""
    organisation = _organisation(slug)
    receipt = request.session.pop(SESSION_RECEIPT, None)
    if receipt is None:
        return render(request, "reports/sent_again.html", {"organisation": organisation})
    report = get_object_or_404(Report, pk=receipt["report_id"], organisation=organisation)
    context = {
        "organisation": organisation,
        "receipt": receipt,
        "report": report,
        **selectors.advice_for(report=report),
    }
    return render(request, "reports/sent.html", context)


@require_http_methods(["GET", "POST"])
def status_lookup_view(request: HttpRequest) -> HttpResponse:
    form = report_forms.StatusLookupForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        reference = receipts.normalise_reference(form.cleaned_data["reference"])
        address = client_ip(request) or ""
        allowed = ratelimit.hit(
            ratelimit.limit_key("lookup-ip", address), limit=LOOKUPS_PER_ADDRESS_PER_HOUR, window=timedelta(hours=1)
        )
        allowed = not _lookup_backed_off(address, reference) and allowed
        if not allowed:
            form.add_error(
                None, "Too many tries. For your safety, wait an hour and try again, or ask a member of staff for help."
            )
            status = 429
        else:
            report = selectors.report_by_receipt(reference=reference, passphrase=form.cleaned_data["passphrase"])
            if report is None:
                _lookup_failed(address, reference)
                form.add_error(None, "The reference and passphrase do not match a report. Check them and try again.")
            else:
                _lookup_succeeded(address, reference)
                access = set(request.session.get(SESSION_ACCESS, []))
                access.add(report.pk)
                request.session[SESSION_ACCESS] = sorted(access)
                request.session.cycle_key()
                return redirect("reports:status_detail", reference=report.reference)
    return render(request, "reports/status_lookup.html", {"form": form}, status=status)


# Wrong passphrases for one reference from one address: after 5 in 15 minutes that address waits,
# then 10 an hour, then 20 a day. Nothing limits a reference as such: a hard lock on the reference
# would let anyone who saw a receipt number keep its reporter out. A passphrase is 48 random bits,
# so even thousands of addresses, each held to LOOKUPS_PER_ADDRESS_PER_HOUR, would need millions of
# years. Only failures count, and a right passphrase clears its address's count: no row is left that
# links an address to a reference the reporter really opened.
LOOKUP_BACKOFF = ((5, timedelta(minutes=15)), (10, timedelta(hours=1)), (20, timedelta(days=1)))


def _lookup_keys(address: str, reference: str) -> list[str]:
    return [ratelimit.limit_key("lookup-ip-ref", address, reference, str(n)) for n, _ in LOOKUP_BACKOFF]


def _lookup_backed_off(address: str, reference: str) -> bool:
    keys = _lookup_keys(address, reference)
    return any(ratelimit.is_limited(k, limit=n, window=w) for k, (n, w) in zip(keys, LOOKUP_BACKOFF, strict=True))


def _lookup_failed(address: str, reference: str) -> None:
    for key, (n, window) in zip(_lookup_keys(address, reference), LOOKUP_BACKOFF, strict=True):
        ratelimit.hit(key, limit=n, window=window)


def _lookup_succeeded(address: str, reference: str) -> None:
    for key in _lookup_keys(address, reference):
        ratelimit.reset(key)


def _reporter_report(request: HttpRequest, reference: str) -> Report:
    report = Report.objects.select_related("organisation").filter(reference=reference).first()
    if report is None or report.pk not in request.session.get(SESSION_ACCESS, []):
        raise Http404
    return report


@require_http_methods(["GET", "POST"])
def status_detail_view(request: HttpRequest, reference: str) -> HttpResponse:
    report = _reporter_report(request, reference)
    if request.method == "POST" and "add_evidence" in request.POST:
        return _reporter_add_evidence(request, report)
    form = report_forms.MessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.report_message_from_reporter(report=report, body=form.cleaned_data["body"])
        messages.success(request, "Your message was sent to the safeguarding lead.")
        return redirect("reports:status_detail", reference=report.reference)
    context = {
        "report": report,
        "form": form,
        "thread": report.messages.all(),
        "upload": report_forms.EvidenceUploadForm(),
        "reference": receipts.format_reference(report.reference),
        "site_url": settings.SITE_URL,
    }
    return render(request, "reports/status_detail.html", context)


def _reporter_add_evidence(request: HttpRequest, report: Report) -> HttpResponse:
    upload = report_forms.EvidenceUploadForm(request.POST, request.FILES)
    if not upload.is_valid() or not upload.cleaned_data["upload"]:
        problems = [str(e) for errors in upload.errors.values() for e in errors] or ["Choose a file to add."]
        messages.error(request, " ".join(problems))
        return redirect("reports:status_detail", reference=report.reference)
    refused = services.report_attach_uploads(
        report=report,
        files=upload.cleaned_data["upload"],
        sexual_image=upload.cleaned_data["sexual_image"],
        request=request,
    )
    kept = len(upload.cleaned_data["upload"]) - len(refused)
    if kept:
        messages.success(request, f"{count(kept, 'file').capitalize()} added to your report. Thank you.")
    for line in refused:
        messages.error(request, f"We could not keep {line}")
    return redirect("reports:status_detail", reference=report.reference)
