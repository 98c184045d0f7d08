"""When a closed case's records come up for review: pure arithmetic, no ORM.

uk-facts.md (IRMS toolkit): child-protection files are kept to the child's date of birth + 25 years,
then reviewed. A case about a child is such a file, so the review falls on the youngest child's 25th
birthday. Where no date of birth is known, the rule errs on the side of keeping: an age gives the
latest possible birth date, and a pupil with neither is counted as born on the day the case closed.
For cases with no child involved there is no statutory figure: the organisation sets its own period
(CaseSettings.adult_records_review_years), and until it does the case says so instead of guessing.
Nothing is ever deleted automatically: the date is when a person reviews the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

CHILD_RECORD_YEARS = 25


@dataclass(frozen=True)
class Involved:
    """One person in the case, as far as retention needs to know them."""

    label: str
    date_of_birth: date | None = None
    age: int | None = None  # age when the case was open, if recorded
    pupil: bool = False  # a pupil or student record (a child unless shown to be an adult)


@dataclass(frozen=True)
class RecordsReview:
    on: date | None
    basis: str


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def _age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _latest_birth(person: Involved, *, opened_on: date, closed_on: date) -> tuple[date, str] | None:
    """The latest date the person can have been born, if they were a child in the case (else None)."""
    if person.date_of_birth is not None:
        if _age_on(person.date_of_birth, opened_on) >= 18:
            return None
        return person.date_of_birth, f"{person.label}, born {person.date_of_birth:%d/%m/%Y}"
    if person.age is not None:
        if person.age >= 18:
            return None
        return add_years(closed_on, -person.age), f"{person.label}, aged {person.age} (no date of birth recorded)"
    if person.pupil:
        return closed_on, f"{person.label} (a pupil with no date of birth or age recorded)"
    return None


def records_review(
    *, involved: list[Involved], opened_on: date, closed_on: date, adult_review_years: int | None
) -> RecordsReview:
    children = [
        found for person in involved if (found := _latest_birth(person, opened_on=opened_on, closed_on=closed_on))
    ]
    if children:
        born, who = max(children, key=lambda child: child[0])
        on = max(add_years(born, CHILD_RECORD_YEARS), closed_on)
        return RecordsReview(
            on,
            f"A child is involved: kept until the youngest child's 25th birthday, then reviewed (IRMS toolkit). {who}.",
        )
    if adult_review_years:
        return RecordsReview(
            add_years(closed_on, adult_review_years),
            f"No child is involved: reviewed {adult_review_years} years after closing (your organisation's setting).",
        )
    return RecordsReview(
        None,
        "No child is involved and your organisation has not set a review period for adult records: "
        "set one in case settings.",
    )
