from datetime import date

import pytest

from upstander.insights import terms


def test_terms_have_the_documented_dates() -> None:
    def span(key: str) -> tuple[date, date]:
        period = terms.term(key)
        return period.start, period.end

    assert span("2026-autumn") == (date(2026, 9, 1), date(2026, 12, 31))
    assert span("2027-spring") == (date(2027, 1, 1), date(2027, 3, 31))
    assert span("2027-summer") == (date(2027, 4, 1), date(2027, 7, 31))


def test_the_term_before_crosses_the_year_from_spring_to_autumn() -> None:
    assert terms.previous_term("2027-spring").key == "2026-autumn"
    assert terms.previous_term("2026-autumn").key == "2026-summer"
    assert terms.previous_term("2026-summer").key == "2026-spring"


def test_august_is_in_no_term_and_the_latest_terms_end_with_summer() -> None:
    assert terms.term_of(date(2026, 8, 15)) is None
    assert [p.key for p in terms.latest_terms(date(2026, 8, 15), 3)] == ["2025-autumn", "2026-spring", "2026-summer"]


def test_a_date_range_has_a_previous_range_of_the_same_length() -> None:
    period = terms.date_range(date(2026, 10, 1), date(2026, 10, 10))
    before = terms.previous_range(period)
    assert (before.start, before.end, before.days) == (date(2026, 9, 21), date(2026, 9, 30), 10)


@pytest.mark.parametrize("bad", ["2026-winter", "autumn", "26-autumn", ""])
def test_a_bad_term_says_how_to_write_one(bad: str) -> None:
    with pytest.raises(terms.TermError, match="YEAR-autumn"):
        terms.term(bad)


def test_a_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(terms.TermError, match="before the start"):
        terms.date_range(date(2026, 10, 2), date(2026, 10, 1))
