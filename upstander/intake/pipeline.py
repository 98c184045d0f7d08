"""The intake pipeline: the one place that owns "report received" and "evidence text ready".

It sits above reports, evidence and cases (which know nothing of it) and below the new domains:

    report received (reports.hooks.report_received, from reports.services.report_submit)
        -> tasks.process_report(report_id) -> report_received_steps():
           1. the safeguarding leads are emailed (once: Report.alerted_at, claimed first);
           2. the classifier reads the report's words (once per text and model version);
           3. the report opens a case or joins one (cases.services.case_open_for_report, idempotent);
           4. a possible risk to life reaches the case, then the DSL (once: Report.analysis_alerted_at);
           5. the classifier's labels reach the case as a suggestion (a second time changes nothing).
    evidence text ready (evidence.hooks.evidence_text_ready, from evidence.adding / evidence.tasks)
        -> tasks.analyse_report_texts(report_id) -> evidence_text_ready(): steps 2, 4 and 5.
    reporter replied (reports.hooks.reporter_replied) -> tasks.reporter_message_alert(report_id).

Every step is safe to run again, and twice at once (a report queued again by the sweeper while a
slow run still goes on): running the pipeline twice opens one case, sends one alert and records
one suggestion. Tasks are queued with `core.queue.enqueue_on_commit`: never before the report is
committed, and not at all if its transaction rolls back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.utils import timezone

from upstander.cases.models import Case, CaseReport
from upstander.cases.services import case_open_for_report, case_record_suggestion
from upstander.cases.urgency import case_suggest_urgent
from upstander.intake import alerts, analysing
from upstander.reports.models import Report, TextAnalysis
from upstander.taxonomy import BEHAVIOURS, PREJUDICE_STRANDS

logger = logging.getLogger(__name__)


def send_once(*, report: Report, stamp: str, send: Callable[[], object]) -> bool:
    """Send an alert unless the report's `stamp` field says it went: claim the stamp first (one
    conditional UPDATE, so two workers running the same report send one alert), send, and give the
    claim back if sending fails (so the retry sends it). A worker killed between the claim and the
    send loses that one alert; one killed before the claim sends it on its retry."""
    if getattr(report, stamp) is not None:
        return False
    claimed = timezone.now()
    if not Report.objects.filter(pk=report.pk, **{f"{stamp}__isnull": True}).update(**{stamp: claimed}):
        return False
    try:
        send()
    except BaseException:
        Report.objects.filter(pk=report.pk, **{stamp: claimed}).update(**{stamp: None})
        raise
    setattr(report, stamp, claimed)
    return True


def report_received_steps(report: Report) -> None:
    """Everything done in the background for a new report (steps 1-5 above)."""
    # The DSL hears of the report first, so a failure in a later step never delays that.
    send_once(report=report, stamp="alerted_at", send=lambda: alerts.alert_new_report(report=report))
    analysed = True
    try:  # first, so that the case's first notification can say what the report seems to be about
        analysing.analyse_report(report=report)
    except Exception:  # the case opens all the same; analyse_and_alert tries again and fails the task
        logger.exception("Analysing report %s before opening its case failed", report.reference)
        analysed = False
    case = case_open_for_report(report=report)  # idempotent: safe on every retry
    analyses = analyse_and_alert(report, analysed=analysed)
    suggest_labels_for_case(report=report, case=case, analyses=analyses)


def evidence_text_ready(report: Report) -> None:
    """New text for a report (OCR of a screenshot, evidence added afterwards): analyse it, and let
    its labels and any possible urgency reach the report's case."""
    analyses = analyse_and_alert(report)
    link = CaseReport.objects.filter(report=report).select_related("case").first()
    if link is not None:  # no case yet: process_report opens it and records the suggestion then
        suggest_labels_for_case(report=report, case=link.case, analyses=analyses)


def reporter_replied(report: Report) -> None:
    alerts.alert_reporter_replied(report=report)


def suggest_labels_for_case(*, report: Report, case: Case, analyses: list[TextAnalysis] | None = None) -> None:
    """Hand the classifier's labels to the case as a suggestion; a person confirms them there.
    `analyses`: the report's analyses when the caller has just read them."""
    for analysis in report.analyses.all() if analyses is None else analyses:
        flags = set(analysis.flags)
        case_record_suggestion(
            case=case,
            model_version=analysis.model_version,
            categories=sorted(flags & set(BEHAVIOURS)),
            prejudice=sorted(flags & set(PREJUDICE_STRANDS)),
            scores=analysis.result.get("categories", {}),
        )


def analyse_and_alert(report: Report, *, analysed: bool = False) -> list[TextAnalysis]:
    """Analyse the report's texts not analysed yet (unless the caller just did: `analysed`). A possible
    risk to life or safety reaches the case (suggested urgent: listed and due as urgent until a
    person decides) before the DSL is emailed. Returns every analysis of the report, oldest first."""
    if not analysed:
        analysing.analyse_report(report=report)
    analyses = list(report.analyses.order_by("created_at", "pk"))
    urgent = [analysis for analysis in analyses if analysis.urgent]
    if not urgent or report.urgent:
        return analyses
    case_id = CaseReport.objects.filter(report=report).values_list("case_id", flat=True).first()
    if case_id is not None:
        flags = sorted({flag for analysis in urgent for flag in analysis.flags})
        case_suggest_urgent(case_id=case_id, sources=[a.source_label for a in urgent], flags=flags)
    send_once(report=report, stamp="analysis_alerted_at", send=lambda: alerts.alert_possible_urgent(report=report))
    return analyses
