"""The only writes insights makes: audit events for the exports and reports it hands out."""

from __future__ import annotations

from django.http import HttpRequest

from upstander.accounts.models import Organisation, User
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.insights import exports
from upstander.insights.filters import LogFilters

FORMATS = ("csv", "xlsx")


def log_export(
    *,
    organisation: Organisation,
    filters: LogFilters,
    fmt: str,
    free_text: bool,
    by: User | None,
    request: HttpRequest | None,
    by_label: str = "",
) -> tuple[bytes, int]:
    """The incident log as `fmt`, and an audit event saying who took it, with which filters."""
    if fmt not in FORMATS:
        raise ValueError(f"Export as csv or xlsx, not '{fmt}'.")
    make = exports.to_csv if fmt == "csv" else exports.to_xlsx
    content, count = make(
        organisation_id=organisation.pk, organisation_name=organisation.name, filters=filters, free_text=free_text
    )
    audit_record(
        action=AuditAction.EXPORTED,
        actor=by,
        actor_label=by_label,
        organisation_id=organisation.pk,
        object_type="insights.incident_log",
        object_id=str(organisation.pk),
        request=request,
        detail={"format": fmt, "filters": filters.as_dict(), "free_text": free_text, "rows": count},
    )
    return content, count


def report_handed_out(
    *,
    organisation_id: int | None,
    authority_id: int | None,
    period_label: str,
    by: User | None,
    request: HttpRequest | None,
    by_label: str = "",
) -> None:
    audit_record(
        action=AuditAction.DOWNLOADED,
        actor=by,
        actor_label=by_label,
        organisation_id=organisation_id,
        object_type="insights.termly_report",
        object_id=f"authority:{authority_id}" if authority_id else str(organisation_id),
        request=request,
        detail={"period": period_label},
    )
