"""Reporting hours in words, and whether reports are being read at a given moment."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from upstander.routes import hours

WEEKDAYS = [1, 2, 3, 4, 5]
OPENS, CLOSES = time(8, 0), time(16, 30)


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ([1, 2, 3, 4, 5], "Monday to Friday"),
        ([5, 1, 3], "Monday, Wednesday and Friday"),
        ([6], "Saturday"),
        ([1, 2], "Monday and Tuesday"),
        ([1, 2, 3, 4, 5, 6, 7], "every day"),
        ([], ""),
    ],
)
def test_days_read_as_people_say_them(days: list[int], expected: str) -> None:
    assert hours.days_text(days) == expected


def test_hours_read_with_a_uk_clock() -> None:
    assert hours.hours_text(WEEKDAYS, OPENS, CLOSES) == "Monday to Friday, 8am to 4:30pm"
    assert hours.clock(time(12, 0)) == "12pm" and hours.clock(time(0, 15)) == "12:15am"


def test_hours_not_set_read_as_nothing_and_are_neither_open_nor_closed() -> None:
    assert hours.hours_text([], None, None) == ""
    assert hours.is_watched([], None, None, datetime(2026, 12, 1, 10, 0)) is None


@pytest.mark.parametrize(
    ("moment", "watched"),
    [
        (datetime(2026, 12, 1, 10, 0), True),  # Tuesday morning
        (datetime(2026, 12, 1, 7, 59), False),
        (datetime(2026, 12, 1, 16, 30), False),  # closing time itself is closed
        (datetime(2026, 12, 5, 10, 0), False),  # Saturday
    ],
)
def test_reports_are_watched_only_within_the_hours(moment: datetime, watched: bool) -> None:
    assert hours.is_watched(WEEKDAYS, OPENS, CLOSES, moment) is watched


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 12, 1, 7, 0), "today at 8am"),
        (datetime(2026, 12, 1, 18, 0), "tomorrow at 8am"),
        (datetime(2026, 12, 4, 18, 0), "on Monday at 8am"),  # Friday evening
        (datetime(2026, 12, 1, 10, 0), ""),  # open now
    ],
)
def test_the_next_opening_is_said_plainly(moment: datetime, expected: str) -> None:
    assert hours.next_opening(WEEKDAYS, OPENS, CLOSES, moment) == expected
