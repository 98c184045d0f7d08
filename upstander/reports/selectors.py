from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from upstander.reports import receipts
from upstander.reports.models import Report, ReportStatus


def report_by_receipt(*, reference: str, passphrase: str) -> Report | None:
    report = Report.objects.filter(reference=reference).first()
    if report is None:
        # Spend the time a real check takes, so timing does not reveal which references exist.
        receipts.check_passphrase(passphrase, receipts.hash_passphrase("x"))
        return None
    return report if receipts.check_passphrase(passphrase, report.passphrase_hash) else None


def reports_for_organisation(*, organisation_id: int, status: str = "", urgent_only: bool = False) -> QuerySet[Report]:
    reports = Report.objects.filter(organisation_id=organisation_id)
    if status in ReportStatus.values:
        reports = reports.filter(status=status)
    elif status == "open":
        reports = reports.exclude(status=ReportStatus.CLOSED)
    if urgent_only:
        reports = reports.filter(urgent=True)
    return reports.annotate(reporter_messages=Count("messages", filter=Q(messages__author_kind="reporter"))).order_by(
        "-urgent", "-created_at"
    )


def advice_for(*, report: Report) -> dict[str, Any]:
    """What the reply page shows a reporter: advice for their role and the platform (guidance app)."""
    from upstander.guidance.selectors import advice_context

    return dict(advice_context(reporter_role=report.reporter_role, platform_code=report.platform))
