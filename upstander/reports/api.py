"""`/api/v1/reports`: reports from other systems (a school app, a monitoring tool, a web form
elsewhere), with idempotent retries, and the report's status for keys with `reports:read`."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from upstander.accounts.models import ApiKey, Organisation
from upstander.audit.services import client_ip
from upstander.core import ratelimit
from upstander.core.api import ApiError, api_key_from_request, json_body, require_scope
from upstander.reports import receipts, services
from upstander.reports.models import (
    Channel,
    IdempotentRequest,
    Platform,
    Report,
    ReporterKind,
    ReporterRole,
    ReportSource,
)
from upstander.reports.services import MAX_ACCOUNT_CHARS

ANONYMOUS_API_REPORTS_PER_ADDRESS_PER_HOUR = 60  # keyless API reports, named or not
FIELDS = {
    "organisation",
    "account",
    "reporter_role",
    "reporter_kind",
    "anonymous",
    "channel",
    "platform",
    "happened_at",
    "people",
    "in_danger",
    "reporter_name",
    "reporter_email",
}


def _string(data: dict[str, Any], name: str, errors: dict[str, str], *, limit: int, required: bool = False) -> str:
    value = data.get(name)
    if value is None or value == "":
        if required:
            errors[name] = "is required."
        return ""
    if not isinstance(value, str):
        errors[name] = "must be a string."
        return ""
    if len(value) > limit:
        errors[name] = f"must be at most {limit:,} characters."
        return ""
    return value


def _bool(data: dict[str, Any], name: str, errors: dict[str, str], default: bool) -> bool:
    value = data.get(name, default)
    if not isinstance(value, bool):
        errors[name] = "must be true or false."
        return default
    return value


def _choice(data: dict[str, Any], name: str, errors: dict[str, str], choices: list[str], *, required: bool) -> str:
    value = data.get(name)
    if value is None or value == "":
        if required:
            errors[name] = f"is required: one of {', '.join(c for c in choices if c)}."
        return ""
    if value not in choices:
        errors[name] = f"must be one of {', '.join(c for c in choices if c)}."
        return ""
    return str(value)


EARLIEST_HAPPENED_AT = datetime(1900, 1, 1, tzinfo=UTC)
HAPPENED_AT_FORMAT = "must be an ISO 8601 date or date-time, like 2026-11-21 or 2026-11-21T16:30:00Z."


def _parse_when(value: str) -> datetime | None:
    """A date or date-time, or None. A well-formed impossible one (30 February, hour 25, an offset
    of +99:00) is None too: Django's parsers raise ValueError for those."""
    try:
        parsed = parse_datetime(value)
        if parsed is None and (day := parse_date(value)) is not None:
            parsed = datetime.combine(day, time(12, 0))
    except ValueError:
        return None
    return parsed


def _happened_at(data: dict[str, Any], errors: dict[str, str]) -> datetime | None:
    value = data.get("happened_at")
    if value in (None, ""):
        return None
    parsed = _parse_when(value) if isinstance(value, str) else None
    if parsed is None:
        errors["happened_at"] = HAPPENED_AT_FORMAT
        return None
    try:
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        in_range = parsed.astimezone(UTC) >= EARLIEST_HAPPENED_AT
    except (OverflowError, ValueError):  # 0001-01-01T00:00:00+05:00 is before the calendar starts in UTC
        in_range = False
    if not in_range:
        errors["happened_at"] = "must be a time between 1 January 1900 and now."
        return None
    if parsed > timezone.now() + timedelta(minutes=5):
        errors["happened_at"] = "cannot be in the future."
        return None
    return parsed


def _people(data: dict[str, Any], errors: dict[str, str]) -> str:
    value = data.get("people")
    if value in (None, "", []):
        return ""
    if isinstance(value, str):
        items = [value]
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        items = value
    else:
        errors["people"] = "must be a string or a list of strings (names or usernames)."
        return ""
    text = "\n".join(item.strip() for item in items if item.strip())
    if len(text) > 2000:
        errors["people"] = "must be at most 2,000 characters in all."
        return ""
    return text


def parse_report(data: dict[str, Any], *, key: ApiKey | None) -> tuple[Organisation, services.ReportInput]:
    """Validate a report body; ApiError(400) names every bad field."""
    errors: dict[str, str] = {}
    for name in sorted(set(data) - FIELDS):
        errors[name] = "is not a field of a report."
    slug = _string(data, "organisation", errors, limit=80, required=key is None)
    organisation = None
    if key is not None:
        organisation = key.organisation
        if slug and slug != organisation.slug:
            errors["organisation"] = "must be the API key's own organisation (or left out)."
    elif slug:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            errors["organisation"] = f"no organisation has the slug {slug!r}."
    anonymous = _bool(data, "anonymous", errors, True)
    report = services.ReportInput(
        account=_string(data, "account", errors, limit=MAX_ACCOUNT_CHARS, required=True),
        reporter_role=_choice(data, "reporter_role", errors, list(ReporterRole.values), required=True),
        reporter_kind=_choice(data, "reporter_kind", errors, [k for k in ReporterKind.values if k], required=False),
        anonymous=anonymous,
        reporter_name=_string(data, "reporter_name", errors, limit=200),
        reporter_email=_string(data, "reporter_email", errors, limit=254),
        channel=_choice(data, "channel", errors, list(Channel.values), required=False),
        platform=_choice(data, "platform", errors, [p for p in Platform.values if p], required=False),
        happened_at=_happened_at(data, errors),
        people_involved=_people(data, errors),
        in_danger=_bool(data, "in_danger", errors, False),
    )
    if report.account and not report.account.strip():
        errors["account"] = "is required."
    if report.reporter_email and "reporter_email" not in errors:
        problem = services.reporter_email_problem(report.reporter_email)
        if problem:
            errors["reporter_email"] = problem
    if errors or organisation is None:
        raise ApiError(400, "Some fields are not right: see errors.", errors)
    return organisation, report


def _receipt_body(request: HttpRequest, receipt: services.Receipt) -> dict[str, Any]:
    return {
        "reference": receipts.format_reference(receipt.reference),
        "passphrase": receipt.passphrase,
        "status_url": settings.SITE_URL + reverse("reports:status"),
        "urgent": receipt.report.urgent,
    }


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
    if len(raw_key) > 200:
        raise ApiError(400, "The Idempotency-Key header must be at most 200 characters.")
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
        return JsonResponse(
            {
                "reference": receipts.format_reference(found.reference),
                "status": found.status,
                "status_text": found.status_for_reporter,
                "urgent": found.urgent,
                "created_at": found.created_at.isoformat(),
                "updated_at": found.updated_at.isoformat(),
            }
        )
    except ApiError as exc:
        return exc.response()
