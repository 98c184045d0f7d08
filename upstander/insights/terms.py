"""England's school terms, as Upstander counts them, and date ranges. Pure: no Django.

There are no national term dates in England (each local authority or trust sets its own), so the
termly report uses whole calendar months that contain every common pattern:

- autumn YYYY: 1 September to 31 December YYYY
- spring YYYY: 1 January to 31 March YYYY
- summer YYYY: 1 April to 31 July YYYY

August falls in no term (it can still be reported with any date range). A term is named
"YYYY-autumn", "YYYY-spring" or "YYYY-summer" with the calendar year it falls in, so the
2026-27 school year is 2026-autumn, 2027-spring and 2027-summer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

TERM_MONTHS = {"autumn": (9, 12), "spring": (1, 3), "summer": (4, 7)}
ORDER = ("spring", "summer", "autumn")  # within one calendar year
_TERM = re.compile(r"^(\d{4})-(autumn|spring|summer)$")


# Why the authority's area figures take a term and never a date range (views, the report command).
AREA_TERMS_ONLY = (
    "The area's figures are for whole terms only, so that two overlapping date ranges cannot be "
    "subtracted to give away a small number."
)


class TermError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    """A range of whole days, both ends included."""

    start: date
    end: date
    label: str
    key: str = ""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _last_day(year: int, month: int) -> date:
    first_next = date(year + (month == 12), month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def term(key: str) -> Period:
    match = _TERM.match(key.strip().lower())
    if match is None:
        raise TermError(
            f"'{key}' is not a term: write it as YEAR-autumn, YEAR-spring or YEAR-summer, e.g. 2026-autumn."
        )
    year, name = int(match.group(1)), match.group(2)
    first, last = TERM_MONTHS[name]
    return Period(date(year, first, 1), _last_day(year, last), f"{name.capitalize()} term {year}", f"{year}-{name}")


def previous_term(key: str) -> Period:
    current = term(key)
    year, name = int(current.key[:4]), current.key[5:]
    index = ORDER.index(name)
    if index == 0:
        return term(f"{year - 1}-{ORDER[-1]}")
    return term(f"{year}-{ORDER[index - 1]}")


def term_of(day: date) -> Period | None:
    """The term a day falls in (None in August)."""
    for name, (first, last) in TERM_MONTHS.items():
        if first <= day.month <= last:
            return term(f"{day.year}-{name}")
    return None


def latest_terms(today: date, count: int) -> list[Period]:
    """The term `today` falls in (or the one just ended, in August) and the `count - 1` before it, oldest first."""
    current = term_of(today) or term(f"{today.year}-summer")
    found = [current]
    while len(found) < count:
        found.append(previous_term(found[-1].key))
    return list(reversed(found))


def date_range(start: date, end: date) -> Period:
    if end < start:
        raise TermError(f"The end date ({end:%d %B %Y}) is before the start date ({start:%d %B %Y}).")
    return Period(start, end, f"{start:%-d %B %Y} to {end:%-d %B %Y}")


def previous_range(period: Period) -> Period:
    """The period of the same length just before `period`, or the term before it for a term."""
    if period.key:
        return previous_term(period.key)
    end = period.start - timedelta(days=1)
    return date_range(end - timedelta(days=period.days - 1), end)
