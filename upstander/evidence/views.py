"""The safeguarding leads' evidence pages: a report's evidence, an item (audited), adding, sealing,
redacting, downloads and export bundles. Each view authorises, validates, calls one service and
renders; files leave only through `_attachment`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from upstander.accounts.actor import Actor
from upstander.accounts.auth import actor_of, get_for_actor, require, user_of
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.evidence import adding, bundles, conf, custody, permissions, sealing, selectors, viewing
from upstander.evidence.forms import ADD_FORMS, UKCIS_RULE, ExportForm, ReasonForm, RedactForm
from upstander.evidence.models import EvidenceItem
from upstander.evidence.vault.errors import UploadRefused
from upstander.evidence.vault.storage import BlobNotFound
from upstander.evidence.viewing import EvidenceFile
from upstander.reports.models import Report
from upstander.reports.receipts import format_reference

SEALED = "This item is sealed: its content cannot be opened until the DSL unseals it."
# Downloads are never rendered by the browser: no script in them may run, whatever they claim to be.
DOWNLOAD_CSP = "default-src 'none'; sandbox"


def _attachment(file: EvidenceFile) -> HttpResponse:
    response = HttpResponse(file.data, content_type=file.content_type)
    response.headers["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=file.filename) or "attachment"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = DOWNLOAD_CSP
    response.headers["Cache-Control"] = "no-store"
    return response


def _item_for(request: HttpRequest, item_id: int) -> tuple[Actor, EvidenceItem]:
    actor = actor_of(request)
    return actor, get_for_actor(EvidenceItem.objects.select_related("report"), actor, pk=item_id)


def _report_for(request: HttpRequest, report_id: int) -> tuple[Actor, Report]:
    actor = actor_of(request)
    return actor, get_for_actor(Report.objects.select_related("organisation"), actor, pk=report_id)


# -- a report's evidence -------------------------------------------------------------------------


def _export_form(actor: Actor, items: list[EvidenceItem], data: Any = None) -> ExportForm:
    # Numbered as the report's evidence list numbers them (1, 2, 3 within the report), never by database id.
    sealed = [
        (str(i.pk), f"Evidence {position}: sealed {i.get_kind_display().lower()}, SHA-256 {i.sha256}")
        for position, i in enumerate(items, start=1)
        if i.sealed
    ]
    return ExportForm(data, sealed_choices=sealed, can_include_sealed=permissions.can_export_sealed(actor))


def _render_list(
    request: HttpRequest, actor: Actor, report: Report, export_form: ExportForm | None = None
) -> HttpResponse:
    items = list(selectors.evidence_for_report(report_id=report.pk))
    audit_record(
        action=AuditAction.VIEWED, actor=user_of(request), organisation_id=report.organisation_id, obj=report,
        request=request, detail={"evidence_list": [item.pk for item in items]},
    )  # fmt: skip
    context = {
        "report": report,
        "reference": format_reference(report.reference),
        "items": items,
        "export_form": export_form or _export_form(actor, items),
        "signing_key": selectors.evidence_signing_key_info(organisation_id=report.organisation_id),
        "total": sum(item.size for item in items),
        "sealed_count": sum(1 for item in items if item.sealed),
        "limit": conf.max_report_bytes(),
        "ukcis_rule": UKCIS_RULE,
    }
    return render(request, "evidence/report_list.html", context, status=400 if export_form else 200)


@require_GET
@require(permissions.can_view_evidence)
def report_evidence_view(request: HttpRequest, report_id: int) -> HttpResponse:
    actor, report = _report_for(request, report_id)
    return _render_list(request, actor, report)


@require_http_methods(["GET", "POST"])
@require(permissions.can_add_evidence)
def add_evidence_view(request: HttpRequest, report_id: int, kind: str) -> HttpResponse:
    if kind not in ADD_FORMS:
        raise Http404
    _actor, report = _report_for(request, report_id)
    form_class, title = ADD_FORMS[kind]
    form = form_class(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = _add(request, report, kind, form)
        except UploadRefused as exc:
            form.add_error(_field_for(exc, kind), str(exc))
        else:
            messages.success(request, f"Evidence item {item.pk} was added and encrypted. SHA-256 {item.sha256}.")
            return redirect("evidence:item", item_id=item.pk)
    context = {"form": form, "title": title, "report": report, "reference": format_reference(report.reference),
               "kind": kind, "max_mb": conf.max_file_bytes() // conf.MB}  # fmt: skip
    return render(request, "evidence/add.html", context, status=400 if form.errors else 200)


def _field_for(exc: UploadRefused, kind: str) -> str | None:
    """Which field a refusal is about, so the error sits beside it (and in the summary)."""
    if exc.code == "bad_url":
        return "url"
    if exc.code == "bad_metadata":
        return None
    return "file" if kind == "file" else "text"


def _add(request: HttpRequest, report: Report, kind: str, form: Any) -> EvidenceItem:
    user = user_of(request)
    if kind == "file":
        upload = form.cleaned_data["file"]
        if upload.size > conf.max_file_bytes():  # refuse before reading it into memory
            raise UploadRefused(
                f"This file is {upload.size / conf.MB:.1f} MB; the limit is {conf.max_file_bytes() // conf.MB} MB per "
                "file. Send a shorter clip or a smaller copy.",
                code="file_too_large",
            )
        return adding.evidence_add_file(
            report=report, data=upload.read(), filename=upload.name or "", added_by=user,
            sexual_image=form.cleaned_data["sexual_image"], metadata=form.metadata(), request=request,
        )  # fmt: skip
    return adding.evidence_add_text(
        report=report, text=form.cleaned_data["text"], kind="message" if kind == "message" else "web_page",
        added_by=user, metadata=form.metadata(), request=request,
    )  # fmt: skip


@require_POST
@require(permissions.can_export_evidence)
def export_view(request: HttpRequest, report_id: int) -> HttpResponse:
    actor, report = _report_for(request, report_id)
    items = list(selectors.evidence_for_report(report_id=report.pk))
    form = _export_form(actor, items, request.POST)
    if not form.is_valid():
        return _render_list(request, actor, report, export_form=form)
    exported = bundles.evidence_export_bundle(
        report=report, by=user_of(request), include_sealed=form.sealed_ids(),
        sealed_reason=form.cleaned_data.get("sealed_reason") or "", request=request,
    )  # fmt: skip
    return _attachment(EvidenceFile(exported.filename, "application/zip", exported.data))


# -- one item ------------------------------------------------------------------------------------


def _render_item(request: HttpRequest, actor: Actor, item: EvidenceItem, **forms: Any) -> HttpResponse:
    viewing.evidence_record_view(item=item, by=user_of(request), request=request)
    content = permissions.can_view_item_content(actor, item)
    width, height = item.file_metadata.get("width"), item.file_metadata.get("height")
    context = {
        "item": item,
        "report": item.report,
        "reference": format_reference(item.report.reference),
        "custody": selectors.evidence_custody_for_item(item_id=item.pk),
        "text": selectors.evidence_item_text(item=item) if content else None,
        "show_content": content,
        "can_seal": permissions.can_seal_item(actor, item),
        "can_unseal": permissions.can_unseal_item(actor, item),
        "can_redact": permissions.can_redact_item(actor, item) and item.is_image and item.has_preview,
        "ocr": conf.ocr_status() if item.is_image else None,
        "seal_form": forms.get("seal_form") or _seal_form(),
        "unseal_form": forms.get("unseal_form") or _unseal_form(),
        "redact_form": forms.get("redact_form") or RedactForm(prefix="redact", width=width, height=height),
        "ukcis_rule": UKCIS_RULE,
    }
    return render(request, "evidence/item_detail.html", context, status=400 if forms else 200)


def _seal_form(data: Any = None) -> ReasonForm:
    return ReasonForm(
        data, prefix="seal", label="Why are you sealing this item?",
        help_text="For example: it is a nude or sexual image, or may show someone under 18.",
    )  # fmt: skip


def _unseal_form(data: Any = None) -> ReasonForm:
    return ReasonForm(
        data, prefix="unseal", label="Why are you unsealing this item?",
        help_text="For example: it was marked by mistake and is not a sexual image.",
    )  # fmt: skip


@require_GET
@require(permissions.can_view_evidence)
def item_view(request: HttpRequest, item_id: int) -> HttpResponse:
    actor, item = _item_for(request, item_id)
    return _render_item(request, actor, item)


def _serve(request: HttpRequest, item_id: int, what: str) -> HttpResponse:
    actor, item = _item_for(request, item_id)
    if not permissions.can_view_item_content(actor, item):
        raise PermissionDenied(SEALED)
    if (what == "preview" and not item.has_preview) or (what == "redacted" and not item.has_redacted_preview):
        raise Http404
    try:
        file = viewing.evidence_open(item=item, by=user_of(request), what=what, request=request)
    except custody.EvidenceSealed:
        raise PermissionDenied(SEALED) from None
    except BlobNotFound:
        raise Http404 from None
    return _attachment(file)


@require_GET
@require(permissions.can_view_evidence)
def item_download_view(request: HttpRequest, item_id: int) -> HttpResponse:
    return _serve(request, item_id, "original")


@require_GET
@require(permissions.can_view_evidence)
def item_preview_view(request: HttpRequest, item_id: int) -> HttpResponse:
    return _serve(request, item_id, "preview")


@require_GET
@require(permissions.can_view_evidence)
def item_redacted_view(request: HttpRequest, item_id: int) -> HttpResponse:
    return _serve(request, item_id, "redacted")


@require_POST
@require(permissions.can_view_evidence)
def item_seal_view(request: HttpRequest, item_id: int) -> HttpResponse:
    actor, item = _item_for(request, item_id)
    if not permissions.can_seal_item(actor, item):
        raise PermissionDenied("This item is already sealed.")
    form = _seal_form(request.POST)
    if not form.is_valid():
        return _render_item(request, actor, item, seal_form=form)
    sealing.evidence_seal(item=item, by=user_of(request), reason=form.cleaned_data["reason"], request=request)
    messages.success(request, "The item is sealed. Its previews and text were deleted; its hash is kept.")
    return redirect("evidence:item", item_id=item.pk)


@require_POST
@require(permissions.can_view_evidence)
def item_unseal_view(request: HttpRequest, item_id: int) -> HttpResponse:
    actor, item = _item_for(request, item_id)
    if not permissions.can_unseal_item(actor, item):
        raise PermissionDenied("Only the designated safeguarding lead can unseal an item.")
    form = _unseal_form(request.POST)
    if not form.is_valid():
        return _render_item(request, actor, item, unseal_form=form)
    sealing.evidence_unseal(item=item, by=user_of(request), reason=form.cleaned_data["reason"], request=request)
    messages.success(request, "The item is unsealed. Its preview and text are being made.")
    return redirect("evidence:item", item_id=item.pk)


@require_POST
@require(permissions.can_view_evidence)
def item_redact_view(request: HttpRequest, item_id: int) -> HttpResponse:
    actor, item = _item_for(request, item_id)
    if not permissions.can_redact_item(actor, item):
        raise PermissionDenied(SEALED)
    if not item.is_image:
        raise Http404
    width, height = item.file_metadata.get("width"), item.file_metadata.get("height")
    form = RedactForm(request.POST, prefix="redact", width=width, height=height)
    if not form.is_valid():
        return _render_item(request, actor, item, redact_form=form)
    viewing.evidence_redact(
        item=item, by=user_of(request), boxes=form.cleaned_data["boxes"], reason=form.cleaned_data["reason"],
        request=request,
    )  # fmt: skip
    messages.success(request, "A redacted preview was made. The original is unchanged.")
    return redirect("evidence:item", item_id=item.pk)
