"""What the insights views share: the period asked for."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from upstander.insights import terms
from upstander.insights.filters import FilterError, parse_date
from upstander.insights.terms import Period

TERMS_OFFERED = 6


def offered_terms() -> list[Period]:
    return list(reversed(terms.latest_terms(timezone.localdate(), TERMS_OFFERED)))


def period_from(data: dict[str, str] | object) -> tuple[Period, str]:
    """(the period, an error message to show or ""): a term, or from/to dates; the current term by default."""
    get = getattr(data, "get")  # noqa: B009 - QueryDict or dict
    error = ""
    term_key = (get("term") or "").strip()
    start, end = (get("from") or "").strip(), (get("to") or "").strip()
    try:
        if start or end:
            if not (start and end):
                raise FilterError("Give both dates of the range, or choose a term.")
            return terms.date_range(parse_date(start, "from"), parse_date(end, "to")), ""
        if term_key:
            return terms.term(term_key), ""
    except (FilterError, terms.TermError) as problem:
        error = str(problem)
    return offered_terms()[0], error


def period_from_request(request: HttpRequest) -> tuple[Period, str]:
    return period_from(request.GET)


def area_period_from(data: dict[str, str] | object) -> tuple[Period, str]:
    """A term only (or the current term, with an error to show, when a date range is asked for): the
    area's figures are for fixed periods that never overlap (see docs/insights.md, Suppression)."""
    get = getattr(data, "get")  # noqa: B009 - QueryDict or dict
    if (get("from") or "").strip() or (get("to") or "").strip():
        return offered_terms()[0], f"{terms.AREA_TERMS_ONLY} Choose a term."
    return period_from(data)
