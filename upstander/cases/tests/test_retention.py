"""The records review date of a closed case (pure rule)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from upstander.cases.retention import Involved, add_years, records_review

OPENED, CLOSED = date(2026, 3, 1), date(2026, 11, 22)


def review(*people: Involved, adult_years: int | None = None) -> tuple[date | None, str]:
    result = records_review(involved=list(people), opened_on=OPENED, closed_on=CLOSED, adult_review_years=adult_years)
    return result.on, result.basis


def test_a_child_with_a_date_of_birth_is_kept_to_their_25th_birthday() -> None:
    on, basis = review(Involved("Sam Patel", date_of_birth=date(2012, 5, 9)))
    assert on == date(2037, 5, 9)
    assert "Sam Patel, born 09/05/2012" in basis and "IRMS" in basis


def test_the_youngest_child_decides() -> None:
    on, basis = review(
        Involved("Older", date_of_birth=date(2010, 1, 1)),
        Involved("Younger", date_of_birth=date(2014, 7, 1)),
        Involved("A teacher"),
    )
    assert on == date(2039, 7, 1)
    assert "Younger" in basis


def test_an_age_without_a_date_of_birth_errs_on_keeping_longer() -> None:
    on, basis = review(Involved("@handle", age=13))
    assert on == date(2038, 11, 22)  # born at the latest 22/11/2013
    assert "aged 13" in basis


def test_a_pupil_with_nothing_recorded_counts_as_born_on_the_day_of_closing() -> None:
    on, _ = review(Involved("A pupil", pupil=True))
    assert on == date(2051, 11, 22)


def test_someone_who_was_18_when_the_case_opened_is_not_a_child() -> None:
    on, basis = review(Involved("Learner", date_of_birth=date(2008, 2, 1), pupil=True), adult_years=6)
    assert on == date(2032, 11, 22)
    assert "No child is involved" in basis and "6 years" in basis


def test_adults_only_and_no_period_set_gives_no_date_and_says_what_to_do() -> None:
    on, basis = review(Involved("Adult", age=40))
    assert on is None
    assert "set one in case settings" in basis


def test_29_february_moves_to_28_february() -> None:
    assert add_years(date(2012, 2, 29), 25) == date(2037, 2, 28)


@given(
    st.lists(
        st.builds(
            Involved,
            label=st.just("x"),
            date_of_birth=st.one_of(st.none(), st.dates(date(1950, 1, 1), date(2026, 3, 1))),
            age=st.one_of(st.none(), st.integers(0, 100)),
            pupil=st.booleans(),
        ),
        max_size=6,
    ),
    st.one_of(st.none(), st.integers(1, 50)),
)
def test_a_review_is_never_before_closing_and_children_always_get_at_least_their_25th_birthday(
    people: list[Involved], adult_years: int | None
) -> None:
    result = records_review(involved=people, opened_on=OPENED, closed_on=CLOSED, adult_review_years=adult_years)
    if result.on is not None:
        assert result.on >= CLOSED
    for person in people:
        if person.date_of_birth is not None and add_years(person.date_of_birth, 18) > OPENED:
            assert result.on is not None and result.on >= add_years(person.date_of_birth, 25)
