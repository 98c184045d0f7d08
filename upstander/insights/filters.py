"""The incident log's filters, from a query string or the command line, checked against the taxonomy."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from upstander.cases.models import CaseStatus, Outcome
from upstander.cases.taxonomy import BEHAVIOUR_LABELS, PREJUDICE_LABELS
from upstander.reports.models import Channel, Platform

CASE_ONLY = ("category", "prejudice", "year_group", "status", "outcome", "assignee")


class FilterError(ValueError):
    pass


@dataclass(frozen=True)
class LogFilters:
    start: date
    end: date
    category: str = ""
    prejudice: str = ""
    platform: str = ""
    channel: str = ""
    year_group: str = ""
    status: str = ""
    outcome: str = ""
    assignee: str = ""  # a user id, or "none"

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        """Exclusive: the start of the day after `end`."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    @property
    def case_only(self) -> bool:
        """Set filters that reports not yet in a case cannot match."""
        return any(getattr(self, name) for name in CASE_ONLY)

    def as_dict(self) -> dict[str, str]:
        """For the audit trail and the export's first lines: only the filters that are set."""
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(self).items() if v}


def parse_date(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise FilterError(
            f"The {name} date '{value}' is not a date: write it as YYYY-MM-DD, e.g. 2026-09-01."
        ) from None


def _choice(name: str, value: str, allowed: Any) -> str:
    value = (value or "").strip()
    if value and value not in allowed:
        raise FilterError(f"'{value}' is not a {name} Upstander knows.")
    return value


def log_filters(data: Any, *, default_days: int = 90, strict: bool = False) -> LogFilters:
    """Filters from a dict-like (request.GET or the command's options). Unknown values are an error
    when `strict` (the command), and dropped otherwise (a hand-edited address shows everything)."""
    today = timezone.localdate()
    start_raw, end_raw = (data.get("from") or "").strip(), (data.get("to") or "").strip()
    try:
        end = parse_date(end_raw, "to") if end_raw else today
        start = parse_date(start_raw, "from") if start_raw else end - timedelta(days=default_days)
    except FilterError:
        if strict:
            raise
        end, start = today, today - timedelta(days=default_days)
    if end < start:
        if strict:
            raise FilterError(f"The 'to' date ({end}) is before the 'from' date ({start}).")
        start, end = end, start
    values: dict[str, str] = {}
    checks: dict[str, Any] = {
        "category": BEHAVIOUR_LABELS,
        "prejudice": PREJUDICE_LABELS,
        "platform": [v for v in Platform.values if v],
        "channel": Channel.values,
        "status": CaseStatus.values,
        "outcome": Outcome.values,
    }
    for name, allowed in checks.items():
        try:
            values[name] = _choice(name, data.get(name) or "", allowed)
        except FilterError:
            if strict:
                raise
            values[name] = ""
    assignee = (data.get("assignee") or "").strip()
    if assignee and not (assignee == "none" or assignee.isdigit()):
        if strict:
            raise FilterError("The assignee is a user number, or 'none'.")
        assignee = ""
    year_group = (data.get("year_group") or "").strip()[:30]
    return LogFilters(start=start, end=end, assignee=assignee, year_group=year_group, **values)
