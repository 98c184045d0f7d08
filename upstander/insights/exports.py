"""The incident log as CSV or XLSX. The columns are documented in docs/insights.md (kept equal to
COLUMNS by a test). No free text (summaries, accounts, reasons) unless `free_text` is asked for."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.utils import timezone

from upstander.cases.models import Case, Tagged
from upstander.insights import selectors
from upstander.insights.filters import LogFilters
from upstander.insights.selectors import CHANNEL_LABELS, PLATFORM_LABELS

# (heading, what it holds): the documented column list.
COLUMNS: list[tuple[str, str]] = [
    ("record", "'case', or 'report' for a report not yet in a case"),
    ("case_number", "The case's number in the organisation (blank for a report)"),
    ("report_references", "The references of the case's reports, separated by spaces"),
    ("reports", "How many reports the case holds"),
    ("opened_at", "When the case was opened, or the report received (local time, ISO 8601)"),
    ("status", "Case status (new, triaged, open, waiting, closed, reviewed), or the report's status"),
    ("risk", "not_assessed, low, medium, high or urgent"),
    ("behaviours", "Confirmed behaviour categories (DESIGN.md taxonomy names), separated by spaces"),
    ("prejudice", "Confirmed prejudice strands, separated by spaces"),
    ("channel", "Where it happened, as a channel"),
    ("platform", "The platform, from the platform directory"),
    ("target_year_groups", "Year groups of the targets who are on the people list, separated by '; '"),
    ("assignee", "The member of staff the case is assigned to"),
    ("due_at", "When the next step is due (blank when nothing is due)"),
    ("overdue", "yes when an unfinished case is past its due time now"),
    ("triaged_at", "When the case was first triaged"),
    ("hours_to_first_response", "Hours from opening to first triage"),
    ("closed_at", "When the case was closed"),
    ("days_to_closure", "Days from opening to closing"),
    ("outcome", "How the case ended"),
    ("escalated_to_authority", "yes when the case was escalated to the local authority"),
    ("reviewed", "yes when the post-incident review is done"),
]
FREE_TEXT_COLUMNS: list[tuple[str, str]] = [
    ("summary", "The case summary the DSL wrote (free text: only with --free-text)"),
    ("outcome_reason", "Why the case ended as it did (free text: only with --free-text)"),
]
CHUNK = 500


def headings(*, free_text: bool) -> list[str]:
    return [name for name, _ in COLUMNS + (FREE_TEXT_COLUMNS if free_text else [])]


def _local(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M") if value else ""


def _hours(start: datetime | None, end: datetime | None, per: int) -> str:
    if not start or not end:
        return ""
    return f"{(end - start).total_seconds() / per:.1f}"


def rows(*, organisation_id: int, filters: LogFilters, free_text: bool) -> Iterator[list[Any]]:
    """The log's rows, read in chunks of 500 cases (with their references and year groups per chunk)."""
    now = timezone.now()
    cases = selectors.log_cases(organisation_id=organisation_id, filters=filters).select_related("assignee")
    ids = list(cases.values_list("pk", flat=True))
    for offset in range(0, len(ids), CHUNK):
        chunk_ids = ids[offset : offset + CHUNK]
        chunk: list[Case] = list(cases.filter(pk__in=chunk_ids))
        references = selectors.report_references(case_ids=chunk_ids)
        years = selectors.target_year_groups(case_ids=chunk_ids)
        for case in chunk:
            row: list[Any] = [
                "case",
                case.number,
                " ".join(sorted(references.get(case.pk, []))),
                case.report_count,  # type: ignore[attr-defined]
                _local(case.opened_at),
                case.status,
                case.risk,
                " ".join(Tagged.unpack(case.categories)),
                " ".join(Tagged.unpack(case.prejudice)),
                case.channel,
                case.platform,
                "; ".join(years.get(case.pk, [])),
                case.assignee.full_name if case.assignee else "",
                _local(case.due_at) if case.is_active else "",
                "yes" if case.is_active and case.due_at and case.due_at < now else "",
                _local(case.triaged_at),
                _hours(case.opened_at, case.triaged_at, 3600),
                _local(case.closed_at),
                _hours(case.opened_at, case.closed_at, 86400),
                case.outcome,
                "yes" if case.escalated_authority_id else "",
                "yes" if case.reviewed_at else "",
            ]
            if free_text:
                row += [case.summary, case.outcome_reason]
            yield row
    for report in selectors.log_reports_without_case(organisation_id=organisation_id, filters=filters).only(
        "reference", "created_at", "status", "channel", "platform", "urgent"
    ):
        row = [
            "report",
            "",
            report.reference,
            1,
            _local(report.created_at),
            report.status,
            "urgent" if report.urgent else "",
        ]
        row += ["", "", report.channel, report.platform] + [""] * (len(COLUMNS) - 11)
        if free_text:
            row += ["", ""]
        yield row


def preamble(*, organisation_name: str, filters: LogFilters, free_text: bool) -> list[str]:
    set_filters = ", ".join(f"{k}={v}" for k, v in filters.as_dict().items())
    return [
        f"Upstander incident log: {organisation_name}",
        f"Filters: {set_filters}",
        f"Exported {timezone.localtime():%Y-%m-%d %H:%M}; free text {'included' if free_text else 'left out'}.",
        "Confidential: safeguarding records. Keep and share only under your data protection policy.",
    ]


def to_csv(*, organisation_id: int, organisation_name: str, filters: LogFilters, free_text: bool) -> tuple[bytes, int]:
    """(the file, the number of rows). The preamble goes on lines starting with '#'."""
    out = io.StringIO()
    for line in preamble(organisation_name=organisation_name, filters=filters, free_text=free_text):
        out.write(f"# {line}\n")
    writer = csv.writer(out)
    writer.writerow(headings(free_text=free_text))
    count = 0
    for row in rows(organisation_id=organisation_id, filters=filters, free_text=free_text):
        writer.writerow([_safe_cell(value) for value in row])
        count += 1
    return out.getvalue().encode("utf-8-sig"), count


def _safe_cell(value: Any) -> Any:
    """A spreadsheet runs text that starts with = + - @ as a formula: quote it (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_xlsx(*, organisation_id: int, organisation_name: str, filters: LogFilters, free_text: bool) -> tuple[bytes, int]:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet("Incident log")
    bold = book.add_format({"bold": True})
    lines = preamble(organisation_name=organisation_name, filters=filters, free_text=free_text)
    for index, line in enumerate(lines):
        sheet.write_string(index, 0, line)
    header_row = len(lines) + 1
    names = headings(free_text=free_text)
    for column, name in enumerate(names):
        sheet.write_string(header_row, column, name, bold)
    count = 0
    for count, row in enumerate(rows(organisation_id=organisation_id, filters=filters, free_text=free_text), start=1):
        for column, value in enumerate(row):
            if isinstance(value, int):
                sheet.write_number(header_row + count, column, value)
            else:
                sheet.write_string(header_row + count, column, str(value))
    sheet.freeze_panes(header_row + 1, 0)
    columns = book.add_worksheet("Columns")
    for index, (name, meaning) in enumerate(COLUMNS + FREE_TEXT_COLUMNS):
        columns.write_string(index, 0, name, bold)
        columns.write_string(index, 1, meaning)
    book.close()
    return buffer.getvalue(), count


LABELS = {"platform": PLATFORM_LABELS, "channel": CHANNEL_LABELS}
