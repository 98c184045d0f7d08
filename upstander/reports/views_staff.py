"""The staff side of reports: any member records a concern; the safeguarding lead's inbox, a report
(audited), replies and status."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from upstander.accounts import permissions
from upstander.accounts.models import Organisation
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.cases.models import CaseReport
from upstander.core.auth import actor_of, get_for_actor, require, user_of
from upstander.reports import receipts, selectors, services
from upstander.reports.forms import EvidenceUploadForm, MessageForm, NamedPeopleForm, StaffRecordForm
from upstander.reports.models import Report, ReportSource, ReportStatus, TextAnalysis

SESSION_RECORDED = "report-recorded"


@require_http_methods(["GET", "POST"])
@require(permissions.can_record_report)
def record_view(request: HttpRequest) -> HttpResponse:
    """Record a concern: what a member of staff saw or was told, straight to the DSL's inbox."""
    actor = actor_of(request)
    user = user_of(request)
    organisation = get_object_or_404(Organisation, pk=actor.organisation_id)
    assert actor.organisation_id is not None
    finding = request.method == "POST" and "find_person" in request.POST
    posted = request.method == "POST" and not finding
    search = " ".join(request.POST.get("person_search", "").split())[:100] if finding else ""
    if finding:
        # Without JavaScript, "Find" reloads the page with the people found: keep what was typed, show no errors.
        kept = {key: request.POST.get(key) for key in StaffRecordForm.base_fields}
        form = StaffRecordForm(initial=kept)
        named = NamedPeopleForm(initial={"named_people": request.POST.getlist("named_people")},
                                organisation_id=actor.organisation_id, search=search)  # fmt: skip
    else:
        form = StaffRecordForm(request.POST if posted else None)
        named = NamedPeopleForm(request.POST if posted else None, organisation_id=actor.organisation_id)
    upload = EvidenceUploadForm(request.POST, request.FILES) if posted else EvidenceUploadForm()
    if posted and form.is_valid() and upload.is_valid() and named.is_valid():
        receipt = services.report_submit(
            organisation=organisation,
            data=form.report(
                reporter_name=user.full_name,
                reporter_email=user.email,
                named_people=tuple(p.pk for p in named.cleaned_data["named_people"]),
            ),
            source=ReportSource.STAFF,
            request=request,
            recorded_by=user,
        )
        refused = services.report_attach_uploads(
            report=receipt.report,
            files=upload.cleaned_data["upload"],
            sexual_image=upload.cleaned_data["sexual_image"],
            request=request,
            added_by=user,
        )
        request.session[SESSION_RECORDED] = {
            "report_id": receipt.report.pk,
            "reference": receipts.format_reference(receipt.reference),
            "passphrase": receipt.passphrase,
            "refused": refused,
        }
        return redirect("reports:recorded")
    context = {
        "organisation": organisation,
        "form": form,
        "named": named,
        "person_search": search,
        "finding": finding,
        "upload": upload,
        "recorded": selectors.reports_recorded_by(user_id=user.pk, organisation_id=actor.organisation_id)[:20],
    }
    return render(request, "reports/record.html", context, status=400 if posted else 200)


@require_GET
@require(permissions.can_record_report)
def recorded_view(request: HttpRequest) -> HttpResponse:
    """The confirmation, shown once: it holds a passphrase the reporter may be given."""
    actor = actor_of(request)
    assert actor.organisation_id is not None
    done = request.session.pop(SESSION_RECORDED, None)
    report = None
    if done is not None:
        report = Report.objects.filter(
            pk=done["report_id"], organisation_id=actor.organisation_id, recorded_by_id=request.user.pk
        ).first()
    context = {
        "done": done if report is not None else None,
        "report": report,
        "leads": selectors.safeguarding_lead_names(organisation_id=actor.organisation_id),
        "site_url": settings.SITE_URL,
    }
    return render(request, "reports/recorded.html", context)


@require_GET
@require(permissions.can_view_reports)
def inbox_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    assert actor.organisation_id is not None
    status = request.GET.get("status", "open")
    reports = selectors.reports_for_organisation(organisation_id=actor.organisation_id, status=status)
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    return render(request, "reports/inbox.html", {"page": page, "status": status, "statuses": ReportStatus.choices})


@require_http_methods(["GET", "POST"])
@require(permissions.can_view_reports)
def report_detail_view(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = actor_of(request)
    report = get_for_actor(Report.objects.select_related("organisation", "recorded_by"), actor, pk=report_id)
    form = MessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and permissions.can_respond_to_report(actor, report):
        services.report_message_from_staff(
            report=report,
            author=user_of(request),
            body=form.cleaned_data["body"],
            request=request,
            wait_for_reply=bool(request.POST.get("wait_for_reply")),
        )
        messages.success(request, "Your message was sent. The reporter sees it when they check their report.")
        return redirect("reports:staff_detail", report_id=report.pk)
    if request.method == "GET":
        audit_record(
            action=AuditAction.VIEWED,
            actor=user_of(request),
            organisation_id=report.organisation_id,
            obj=report,
            request=request,
        )
    context = {
        "report": report,
        "form": form,
        "thread": report.messages.select_related("author"),
        "analyses": selectors.analyses_for_display(report=report),
        "all_labels": selectors.ALL_LABELS,
        "evidence_count": report.evidence_items.count(),
        "case_link": CaseReport.objects.filter(report=report).select_related("case").first(),
        "reference": receipts.format_reference(report.reference),
        "statuses": ReportStatus.choices,
    }
    return render(request, "reports/staff_detail.html", context)


@require_POST
@require(permissions.can_view_reports)
def report_status_view(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = actor_of(request)
    report = get_for_actor(Report.objects.all(), actor, pk=report_id)
    status = request.POST.get("status", "")
    if status not in ReportStatus.values:
        messages.error(request, "Choose one of the statuses listed.")
    else:
        services.report_set_status(
            report=report, status=ReportStatus(status), changed_by=user_of(request), request=request
        )
        messages.success(request, f"Status changed to {ReportStatus(status).label}.")
    return redirect("reports:staff_detail", report_id=report.pk)


@require_POST
@require(permissions.can_view_reports)
def label_decision_view(request: HttpRequest, report_id: int, analysis_id: int) -> HttpResponse:
    """The DSL accepts or corrects the classifier's labels for one text; kept as training data."""
    actor = actor_of(request)
    report = get_for_actor(Report.objects.all(), actor, pk=report_id)
    analysis = get_object_or_404(TextAnalysis, pk=analysis_id, report=report)
    confirmed = [label for label in request.POST.getlist("labels") if label in selectors.ALL_LABELS]
    services.report_labels_decide(
        analysis=analysis,
        confirmed=confirmed,
        note=request.POST.get("note", "")[:500],
        decided_by=user_of(request),
        request=request,
    )
    messages.success(request, "Labels saved. Thank you: corrections help the suggestions get better.")
    return redirect("reports:staff_detail", report_id=report.pk)
