"""`/api/v1/reports`: reports from other systems (a school app, a monitoring tool, a web form
elsewhere), with idempotent retries, and the report's status for keys with `reports:read`."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from pydantic import BaseModel, Field

from upstander.accounts.models import ApiKey, Organisation
from upstander.audit.services import client_ip
from upstander.core import ratelimit
from upstander.core.api import ApiError, Route, api_key_from_request, json_body, openapi_document, require_scope
from upstander.reports import receipts, schema, services
from upstander.reports.models import IdempotentRequest, Report, ReportSource, ReportStatus

ANONYMOUS_API_REPORTS_PER_ADDRESS_PER_HOUR = 60  # keyless API reports, named or not
# The fields a report sent to the API may have: the schema's (`reports/schema.py`), nothing else.
FIELDS = set(schema.ReportIn.model_fields)
MAX_IDEMPOTENCY_KEY_CHARS = 200


def parse_report(data: dict[str, Any], *, key: ApiKey | None) -> tuple[Organisation, services.ReportInput]:
    """Validate a report body against the one report schema; ApiError(400) names every bad field."""
    report, problems = schema.validate(schema.ReportIn, data)
    errors = {field: problem.message for field, problem in problems.items()}
    slug = data.get("organisation") if "organisation" not in errors else None
    organisation = None
    if key is not None:
        organisation = key.organisation
        if slug and slug != organisation.slug:
            errors["organisation"] = "must be the API key's own organisation (or left out)."
    elif not slug:
        errors.setdefault("organisation", "is required.")
    else:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            errors["organisation"] = f"no organisation has the slug {slug!r}."
    if errors or organisation is None or report is None:
        raise ApiError(400, "Some fields are not right: see errors.", errors)
    return organisation, report.to_input()


class Receipt(BaseModel):
    reference: str = Field(examples=["ABCD-2345"])
    passphrase: str = Field(description="Shown once; with the reference, opens the status page.")
    status_url: str = Field(json_schema_extra={"format": "uri"})
    urgent: bool


class ReportStatusOut(BaseModel):
    reference: str = Field(examples=["ABCD-2345"])
    status: str = Field(json_schema_extra={"enum": list(ReportStatus.values)})
    status_text: str = Field(description="What the reporter is told.")
    urgent: bool
    created_at: datetime
    updated_at: datetime


def _receipt_body(request: HttpRequest, receipt: services.Receipt) -> dict[str, Any]:
    return Receipt(
        reference=receipts.format_reference(receipt.reference),
        passphrase=receipt.passphrase,
        status_url=settings.SITE_URL + reverse("reports:status"),
        urgent=receipt.report.urgent,
    ).model_dump(mode="json")


def _idempotent_passphrase(raw_key: str, scope: str) -> str:
    """The passphrase for a report made under an Idempotency-Key, derivable again from the key.

    A retry must get the first answer back, passphrase included, yet the passphrase is never stored:
    it is derived from the client's own key (stored only as a hash) and the server's secret.
    """
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}\x1f{raw_key}".encode(), hashlib.sha256).digest()
    return "-".join(receipts.WORDS[b % len(receipts.WORDS)] for b in digest[: receipts.PASSPHRASE_WORDS])


@csrf_exempt  # JSON API: no cookies are read, so there is no session to forge requests with
@require_http_methods(["POST"])
def reports_collection(request: HttpRequest) -> JsonResponse:
    try:
        key = api_key_from_request(request)
        if key is not None:
            require_scope(key, ApiKey.Scope.REPORTS_WRITE)
        data = json_body(request)
        organisation, report = parse_report(data, key=key)
        # Without a key every report counts against its address, whatever `anonymous` says. A key is
        # an organisation's own integration (one server posting for many people), revocable at once.
        if key is None and not ratelimit.hit(
            ratelimit.limit_key("api-report", client_ip(request) or ""),
            limit=ANONYMOUS_API_REPORTS_PER_ADDRESS_PER_HOUR,
            window=timedelta(hours=1),
        ):
            raise ApiError(429, "Too many reports from this address in the last hour: try again later.")
        raw_key = request.headers.get("Idempotency-Key", "")
        if raw_key:
            return _idempotent_submit(request, raw_key, organisation, report, data)
        receipt = services.report_submit(
            organisation=organisation, data=report, source=ReportSource.API, request=request
        )
        return JsonResponse(_receipt_body(request, receipt), status=201)
    except ApiError as exc:
        return exc.response()


def _idempotent_submit(
    request: HttpRequest, raw_key: str, organisation: Organisation, report: services.ReportInput, data: dict[str, Any]
) -> JsonResponse:
    if len(raw_key) > MAX_IDEMPOTENCY_KEY_CHARS:
        raise ApiError(400, f"The Idempotency-Key header must be at most {MAX_IDEMPOTENCY_KEY_CHARS} characters.")
    scope = f"POST /api/v1/reports {organisation.pk}"
    key_hash = hashlib.sha256(raw_key.encode()).hexdigest()
    request_hash = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    first = IdempotentRequest.objects.filter(scope=scope, key=key_hash).first()  # a read: no write lock
    if first is None:
        prepared = services.prepare_passphrase(_idempotent_passphrase(raw_key, scope))
        try:
            # One insert, last in the report's transaction: if two requests race with the same key,
            # the second one's insert fails and its report is rolled back with it.
            with transaction.atomic():
                receipt = services.report_submit(
                    organisation=organisation,
                    data=report,
                    source=ReportSource.API,
                    request=request,
                    prepared=prepared,
                )
                body = _receipt_body(request, receipt)
                IdempotentRequest.objects.create(
                    key=key_hash,
                    scope=scope,
                    request_hash=request_hash,
                    response_status=201,
                    response_body={k: v for k, v in body.items() if k != "passphrase"},
                )
            return JsonResponse(body, status=201)
        except IntegrityError:
            first = IdempotentRequest.objects.get(scope=scope, key=key_hash)  # the racing request won
    if first.request_hash != request_hash:
        raise ApiError(422, "This Idempotency-Key was already used with a different body: use a new key.")
    body = {**first.response_body, "passphrase": _idempotent_passphrase(raw_key, scope)}
    response = JsonResponse(body, status=first.response_status)
    response["Idempotent-Replayed"] = "true"
    return response


@require_GET
def report_status(request: HttpRequest, reference: str) -> JsonResponse:
    try:
        key = require_scope(api_key_from_request(request), ApiKey.Scope.REPORTS_READ)
        found = Report.objects.filter(
            organisation=key.organisation, reference=receipts.normalise_reference(reference)
        ).first()
        if found is None:
            raise ApiError(404, "No report with that reference in this organisation.")
        answer = ReportStatusOut(
            reference=receipts.format_reference(found.reference),
            status=found.status,
            status_text=found.status_for_reporter,
            urgent=found.urgent,
            created_at=found.created_at,
            updated_at=found.updated_at,
        )
        return JsonResponse(answer.model_dump(mode="json"))
    except ApiError as exc:
        return exc.response()


IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "maxLength": MAX_IDEMPOTENCY_KEY_CHARS},
    "description": "Retrying with the same key and body returns the first answer (201, with the header "
    "`Idempotent-Replayed: true`), not a second report. The same key with a different body gets 422. Longer than "
    f"{MAX_IDEMPOTENCY_KEY_CHARS} characters gets 400.",
}

# The API's operations: its URLs (`reports/api_urls.py`) and its OpenAPI document are both made from this.
ROUTES: tuple[Route, ...] = (
    Route(
        path="reports",
        method="post",
        name="reports",
        view=reports_collection,
        summary="Send a report",
        description="No key is needed for anonymous reporting (limited per address). A key with `reports:write` "
        "reports for its own organisation.",
        security=({}, {"apiKey": []}),
        parameters=(IDEMPOTENCY_KEY,),
        body=schema.ReportIn,
        ok=(201, Receipt, "Stored"),
        errors=(400, 401, 403, 404, 405, 413, 415, 422, 429),
    ),
    Route(
        path="reports/{reference}",
        method="get",
        name="report",
        view=report_status,
        summary="A report's status",
        security=({"apiKey": []},),
        ok=(200, ReportStatusOut, "The status"),
        errors=(401, 403, 404),
    ),
)


def document() -> dict[str, Any]:
    return openapi_document(
        routes=ROUTES,
        title="Upstander API",
        description="Report online bullying and harassment; follow reports up.",
        server=settings.SITE_URL + "/api/v1",
        security_schemes={
            "apiKey": {"type": "http", "scheme": "bearer", "description": "up_<prefix>_<secret>, made by an org admin"}
        },
    )


@require_GET
def openapi_view(request: HttpRequest) -> JsonResponse:
    return JsonResponse(document())
