from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Count, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from upstander.reports import receipts
from upstander.reports.highlighting import Segment, segments
from upstander.reports.models import LabelDecision, Report, ReportStatus, TextAnalysis
from upstander.taxonomy import BEHAVIOURS, HATE, PREJUDICE_STRANDS, URGENT


def report_by_receipt(*, reference: str, passphrase: str) -> Report | None:
    report = Report.objects.filter(reference=reference).first()
    if report is None:
        # Spend the time a real check takes, so timing does not reveal which references exist.
        receipts.check_passphrase(passphrase, receipts.hash_passphrase("x"))
        return None
    return report if receipts.check_passphrase(passphrase, report.passphrase_hash) else None


def reports_for_organisation(*, organisation_id: int, status: str = "", urgent_only: bool = False) -> QuerySet[Report]:
    reports = Report.objects.filter(organisation_id=organisation_id).select_related("recorded_by")
    if status in ReportStatus.values:
        reports = reports.filter(status=status)
    elif status == "open":
        reports = reports.exclude(status=ReportStatus.CLOSED)
    if urgent_only:
        reports = reports.filter(urgent=True)
    # A report whose case analysis suggests may be urgent (until a person decides) is listed with the urgent ones.
    return reports.annotate(
        reporter_messages=Count("messages", filter=Q(messages__author_kind="reporter")),
        urgent_suggested=Coalesce(F("case_link__case__urgent_suggested"), Value(False), output_field=BooleanField()),
    ).order_by("-urgent", "-urgent_suggested", "-created_at")


def new_report_count(*, organisation_id: int) -> int:
    """Reports nobody has looked at yet (status 'received')."""
    return Report.objects.filter(organisation_id=organisation_id, status=ReportStatus.RECEIVED).count()


def reports_recorded_by(*, user_id: int, organisation_id: int) -> QuerySet[Report]:
    """What one member of staff recorded in one organisation, newest first (their own record only)."""
    return Report.objects.filter(organisation_id=organisation_id, recorded_by_id=user_id).order_by("-created_at")


def safeguarding_lead_names(*, organisation_id: int) -> list[str]:
    """Who a member of staff tells in person: the organisation's DSL and deputies."""
    from upstander.accounts.models import Membership, Role

    names = Membership.objects.filter(
        organisation_id=organisation_id, role__in=[Role.DSL, Role.DEPUTY_DSL], is_active=True, user__is_active=True
    ).values_list("user__full_name", "role")
    labels = {Role.DSL: "designated safeguarding lead", Role.DEPUTY_DSL: "deputy"}
    return [f"{name} ({labels[Role(role)]})" for name, role in sorted(set(names), key=lambda x: (x[1] != "dsl", x[0]))]


ALL_LABELS = [*BEHAVIOURS, HATE, *PREJUDICE_STRANDS, URGENT]


@dataclass(frozen=True)
class AnalysisView:
    analysis: TextAnalysis
    segments: list[Segment]
    suggestions: list[tuple[str, float]]
    decision: LabelDecision | None


def analyses_for_display(*, report: Report) -> list[AnalysisView]:
    """The newest model's suggestions for each text, with highlights and the latest decision."""
    views = []
    latest: dict[str, TextAnalysis] = {}
    for analysis in report.analyses.order_by("created_at"):
        latest[analysis.source] = analysis
    for analysis in latest.values():
        result = analysis.result
        probabilities = {**result.get("categories", {}), **result.get("prejudice", {})}
        suggestions = sorted(
            ((label, float(probabilities.get(label, 1.0))) for label in analysis.flags), key=lambda x: -x[1]
        )
        spans = [*result.get("spans", []), *({**p, "label": p["type"]} for p in result.get("personal_information", []))]
        views.append(
            AnalysisView(
                analysis=analysis,
                segments=segments(analysis.text, spans),
                suggestions=suggestions,
                decision=analysis.decisions.select_related("decided_by").first(),
            )
        )
    return views


def advice_for(*, report: Report) -> dict[str, Any]:
    """What the reply page shows a reporter: advice for their role and the platform (guidance app)."""
    from upstander.guidance.selectors import advice_context

    return dict(advice_context(reporter_role=report.reporter_role, platform_code=report.platform))
