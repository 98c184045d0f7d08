from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Count, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from upstander.accounts.models import Membership, Role
from upstander.guidance.selectors import advice_context, topics_for_categories
from upstander.reports import receipts
from upstander.reports.classifying import classifier
from upstander.reports.highlighting import Segment, segments
from upstander.reports.models import CONCERN_CATEGORY, LabelDecision, Report, ReportStatus, TextAnalysis
from upstander.taxonomy import BEHAVIOURS, HATE, PREJUDICE_STRANDS, URGENT

logger = logging.getLogger(__name__)


def report_by_receipt(*, reference: str, passphrase: str) -> Report | None:
    """The report with this reference and passphrase, or None.

    Both paths do the same work: one query, then one passphrase check against a stored hash (for
    an unknown reference, a hash made once with the same settings). Timing does not tell which
    references exist."""
    report = Report.objects.filter(reference=reference).first()
    encoded = report.passphrase_hash if report is not None else receipts.unknown_reference_hash()
    matches = receipts.check_passphrase(passphrase, encoded)
    return report if report is not None and matches else None


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
    # Labels the sentence encoder added: from a whole sentence (highlighted), or from the whole message.
    sentence_labels: tuple[str, ...] = ()
    message_labels: tuple[str, ...] = ()


def _encoder_labels(spans: list[dict[str, Any]], kind: str) -> tuple[str, ...]:
    return tuple(sorted({str(span.get("label", "")) for span in spans if span.get("encoder") == kind}))


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
                sentence_labels=_encoder_labels(spans, "sentence"),
                message_labels=_encoder_labels(spans, "message"),
            )
        )
    return views


# Who the advice speaks to, from what the reporter said about themselves (guidance.AdviceReader values).
_ADVICE_ROLE_FOR_KIND = {"staff": "staff", "service_user": "service_user", "parent": "parent"}


def report_categories(*, report: Report) -> list[str]:
    """What the report is about, for choosing advice: the classifier's suggestions on its texts (or on
    the account now, if the background analysis has not run yet), and what the reporter answered
    (a file they marked as a nude or sexual image)."""
    flags: list[str] = []
    analyses = list(report.analyses.values_list("flags", flat=True))
    if analyses:
        for found in analyses:
            flags.extend(found)
    elif report.account.strip():
        try:
            flags.extend(classifier().classify(report.account)["flags"])
        except Exception:  # advice must never stop the receipt from showing; the worker retries the analysis
            logger.exception("Classifying report %s for its advice failed", report.reference)
    if report.evidence_items.filter(sealed=True).exists():
        flags.append("sexual")
    flags.extend(CONCERN_CATEGORY[c] for c in report.concerns or [] if c in CONCERN_CATEGORY)
    return list(dict.fromkeys(flags))


def advice_for(*, report: Report) -> dict[str, Any]:
    """What the reply page shows a reporter: advice for who they are and who was harmed, for what
    happened (topics from `report_categories`), and for the platform (guidance app). An adult it
    happened to (staff, an adult learner) gets adults' help, never children's services as the main help;
    at an adult-only provider, nobody is pointed to the children's-workforce helpline."""
    role = report.reporter_role
    audience = None
    adult_target = role == "target" and report.reporter_kind in ("staff", "service_user", "parent")
    if role == "target" and report.reporter_kind in _ADVICE_ROLE_FOR_KIND:
        role = _ADVICE_ROLE_FOR_KIND[report.reporter_kind]
    elif role == "bystander" and report.organisation.kind == "adult_learning":
        audience = "adults"
    return dict(
        advice_context(
            reporter_role=role,
            platform_code=report.platform,
            topics=topics_for_categories(report_categories(report=report)),
            audience=audience,
            adult_only_setting=report.organisation.kind == "adult_learning",
            adult_target=adult_target,
        )
    )
