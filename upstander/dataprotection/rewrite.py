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

from upstander.cases.models import Case, CaseEntry, CaseParty, SharedUpdate
from upstander.reports.models import Report, ReportMessage, TextAnalysis

Transform = Callable[[str], str]
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


def rewrite_case_texts(*, case: Case, transform: Transform) -> dict[str, int]:
    """Apply `transform` to every free text of the case, its reports, messages and chronology. Call
    inside a transaction. Counts of rows changed, by kind."""
    report_ids = list(case.case_reports.values_list("report_id", flat=True))
    counts = {
        "case": _rewrite_rows(
            Case.objects.filter(pk=case.pk), ("summary", "outcome_reason", "follow_up_note"), transform
        ),
        "reports": _rewrite_rows(
            Report.objects.filter(pk__in=report_ids),
            ("account", "people_involved", "happened_when", "reporter_name"),
            transform,
        ),
        "messages": _rewrite_rows(ReportMessage.objects.filter(report_id__in=report_ids), ("body",), transform),
        "shared_updates": _rewrite_rows(SharedUpdate.objects.filter(case=case), ("text",), transform),
        "parties": _rewrite_rows(CaseParty.objects.filter(case=case), ("description", "identifier"), transform),
    }
    with chronology_writable():
        counts["chronology"] = _rewrite_rows(CaseEntry.objects.filter(case=case), ("text", "reason"), transform)
    review = case.review or {}
    if review:
        Case.objects.filter(pk=case.pk).update(
            review={key: transform(value) if isinstance(value, str) else value for key, value in review.items()}
        )
    # The classifier's copies of the texts: suggestions only, made again from nothing.
    counts["analyses"] = TextAnalysis.objects.filter(report_id__in=report_ids).delete()[0]
    return counts
