"""Rewriting the texts of a case at the end of its life: the one place where records the rest of the
app never edits (the chronology, reports' accounts) are changed, and only by a person's recorded
decision: a retention decision carried out, or a person's erasure (services.py).

The chronology's table refuses UPDATE by database trigger (core/appendonly.py). For these rewrites
the trigger is lifted inside the same transaction and put back before it commits, as Django's flush
does for DELETE on SQLite (core/sqlite/base.py): no other connection ever sees the table without
it. The audit trail and the evidence custody trails are never rewritten: they keep the record that
the rewrite happened (a tombstone), and `audit verify` / `evidence verify` still pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, models

from upstander.cases import hooks
from upstander.cases.models import (
    Case,
    CaseEntry,
    CaseParty,
    CaseReport,
    CaseWatcher,
    DutyDecision,
    PlaybookItem,
    Referral,
    ResponsibleAction,
    SharedUpdate,
)
from upstander.dataprotection.models import LegalHold, RetentionDecision
from upstander.reports.models import Report, ReportMessage, TextAnalysis

Transform = Callable[[str], str]

# Every free text linked to a case is in IN_PLACE, OWN_TEXTS, another app's registered texts
# (cases.hooks.register_case_texts) or KEPT with a reason: tests/test_rewrite_coverage.py walks the
# models and fails on a new one that is in none.

# Rewritten by rewrite_case_texts itself (Case.review, a JSON of answers, has each string rewritten).
IN_PLACE: dict[type[models.Model], tuple[str, ...]] = {
    Case: ("summary", "outcome_reason", "follow_up_note", "review"),
    Report: ("account", "people_involved", "happened_when", "reporter_name"),
    ReportMessage: ("body",),
    SharedUpdate: ("text",),
    CaseParty: ("description", "identifier"),
    CaseEntry: ("text", "reason"),
}
# Texts linked to a case that rewrite_case_texts leaves alone, and why.
_CODES = "codes, scores or ids written by the app, never a person's words"
KEPT: dict[str, str] = {
    "cases.case.categories": _CODES,
    "cases.case.prejudice": _CODES,
    "cases.case.suggestion": _CODES,
    "cases.case.urgent_suggestion": _CODES,
    "cases.case.suggestion_model": _CODES,
    "cases.case.playbook": _CODES,
    "cases.case.known_facts": _CODES,
    "cases.case.records_review_basis": "written by the records review itself: dates and a decision number",
    "reports.report.reference": "the report's reference, kept for the figures and the trails",
    "reports.report.passphrase_hash": "a slow hash, no text",
    "reports.report.concerns": _CODES,
    "reports.report.reporter_email": "emptied by the service, not rewritten",
    "reports.report.processing_error": "the app's own error message",
    "reports.textanalysis.*": "deleted with the case's texts (the classifier's copies)",
    "reports.labeldecision.*": "deleted with its analysis (on_delete=CASCADE)",
    "evidence.evidenceitem.*": "erased by evidence_erase, which empties its details",
    "evidence.custodyevent.*": "hashed into the item's custody chain: never rewritten (a tombstone is added)",
    "cases.caseparty.identifier_key": "emptied by the service with the link to the person, not rewritten",
    "cases.caseentry.author_label": "the member of staff who wrote it, kept for accountability",
    "cases.caseentry.detail": _CODES,
    "cases.dutydecision.duty": _CODES,
    "cases.dutydecision.legal": "the law cited, from the rules",
    "cases.dutydecision.rules": _CODES,
    "cases.dutydecision.rules_version": _CODES,
    "cases.dutydecision.facts": _CODES,
    "cases.referral.duty": _CODES,
    "cases.referral.agency": "the agency's name",
    "cases.referral.reference_number": "the agency's own reference, kept so the referral can be traced",
    "cases.playbookitem.playbook": _CODES,
    "cases.playbookitem.code": _CODES,
    "cases.playbookitem.text": "the playbook's own wording",
    "cases.playbookitem.hint": "the playbook's own wording",
    "cases.playbookitem.who": _CODES,
    "cases.notification.message": "the app's own words: a case number and a due time",
    "cases.notification.url": "a link to the case",
    "cases.responsibleaction.policy": "the name of the organisation's policy",
    "takedown.removalrequest.platform": _CODES,
    "takedown.removalrequest.harm": _CODES,
    "takedown.removalrequest.poster_kind": _CODES,
    "takedown.removalrequest.reference": "the platform's ticket reference",
    "takedown.requestevent.detail": _CODES,
    "takedown.referralpack.*": "a hash, a file name and lists of evidence ids",
    "dataprotection.retentiondecision.summary": "counts of rows changed",
}

# The case's other free texts: what staff wrote about decisions, referrals, tasks and actions; and
# (record=True) the data-protection records, which keep their sense with names replaced.
OWN_TEXTS = [
    hooks.CaseTexts(CaseReport, "case", ("reason",)),
    hooks.CaseTexts(DutyDecision, "case", ("reason", "proposal_reason")),
    hooks.CaseTexts(Referral, "case", ("outcome",)),
    hooks.CaseTexts(PlaybookItem, "case", ("note",)),
    hooks.CaseTexts(CaseWatcher, "case", ("why",)),
    hooks.CaseTexts(ResponsibleAction, "case", ("detail",)),
    hooks.CaseTexts(LegalHold, "case", ("reason", "lift_reason"), record=True),
    hooks.CaseTexts(RetentionDecision, "case", ("reason",), record=True),
]
CHRONOLOGY = "cases_caseentry"
TRIGGER = f"{CHRONOLOGY}_no_update"


@contextmanager
def chronology_writable() -> Iterator[None]:
    """Inside a transaction: the chronology accepts UPDATE until the block ends."""
    vendor = connection.vendor
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            # ALTER TABLE refuses while the transaction has deferred foreign-key checks queued on the
            # table (rows inserted earlier in it): check them now, then defer again as Django expects.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {CHRONOLOGY} DISABLE TRIGGER {TRIGGER}")
            try:
                yield
            finally:
                cursor.execute(f"ALTER TABLE {CHRONOLOGY} ENABLE TRIGGER {TRIGGER}")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            return
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s", [TRIGGER])
        row = cursor.fetchone()
        if row is not None:
            cursor.execute(f"DROP TRIGGER {TRIGGER}")
        try:
            yield
        finally:
            if row is not None:
                cursor.execute(row[0])


def _rewrite_rows(queryset: models.QuerySet[Any], fields: tuple[str, ...], transform: Transform) -> int:
    changed = 0
    for row in queryset:
        values = {name: transform(getattr(row, name) or "") for name in fields}
        values = {name: value for name, value in values.items() if value != (getattr(row, name) or "")}
        if values:
            # QuerySet.update itself: the chronology's own queryset refuses updates (models.py).
            models.QuerySet.update(type(row)._default_manager.filter(pk=row.pk), **values)
            changed += 1
    return changed


def rewrite_case_texts(*, case: Case, transform: Transform, names: Transform | None = None) -> dict[str, int]:
    """Apply `transform` to every free text of the case, its reports, messages and chronology, and
    what other apps keep about it; records about the case (record=True) get `names` instead (names
    replaced, the text kept; default `transform`). Call inside a transaction. Rows changed, by kind."""
    report_ids = list(case.case_reports.values_list("report_id", flat=True))
    case_fields = tuple(name for name in IN_PLACE[Case] if name != "review")
    counts = {
        "case": _rewrite_rows(Case.objects.filter(pk=case.pk), case_fields, transform),
        "reports": _rewrite_rows(Report.objects.filter(pk__in=report_ids), IN_PLACE[Report], transform),
        "messages": _rewrite_rows(
            ReportMessage.objects.filter(report_id__in=report_ids), IN_PLACE[ReportMessage], transform
        ),
        "shared_updates": _rewrite_rows(SharedUpdate.objects.filter(case=case), IN_PLACE[SharedUpdate], transform),
        "parties": _rewrite_rows(CaseParty.objects.filter(case=case), IN_PLACE[CaseParty], transform),
    }
    for texts in [*OWN_TEXTS, *hooks.case_texts()]:
        rows = texts.model._default_manager.filter(**{texts.case_lookup: case})
        kind = texts.model._meta.label_lower
        changed = _rewrite_rows(rows, texts.fields, (names or transform) if texts.record else transform)
        counts[kind] = counts.get(kind, 0) + changed
    with chronology_writable():
        counts["chronology"] = _rewrite_rows(CaseEntry.objects.filter(case=case), IN_PLACE[CaseEntry], transform)
    review = case.review or {}
    if review:
        Case.objects.filter(pk=case.pk).update(
            review={key: transform(value) if isinstance(value, str) else value for key, value in review.items()}
        )
    # The classifier's copies of the texts: suggestions only, made again from nothing.
    counts["analyses"] = TextAnalysis.objects.filter(report_id__in=report_ids).delete()[0]
    return counts
