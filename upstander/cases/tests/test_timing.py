"""Due times and working hours (pure functions)."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from upstander.cases import timing

LONDON = ZoneInfo("Europe/London")
FIVE_PM = time(17, 0)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


def test_an_urgent_case_is_due_within_the_set_minutes_even_at_night() -> None:
    due = timing.response_due(
        opened_at=at("2026-11-21 23:30"), urgent=True, urgent_minutes=60, day_ends=FIVE_PM, tz=LONDON
    )
    assert due == at("2026-11-22 00:30")


def test_other_cases_are_due_by_the_end_of_the_next_working_day() -> None:
    monday = at("2026-11-16 10:00")
    assert timing.response_due(opened_at=monday, urgent=False, urgent_minutes=60, day_ends=FIVE_PM, tz=LONDON) == at(
        "2026-11-17 17:00"
    )


def test_a_case_opened_on_friday_or_at_the_weekend_is_due_on_monday() -> None:
    for opened in ("2026-11-20 09:00", "2026-11-21 12:00", "2026-11-22 20:00"):
        due = timing.response_due(opened_at=at(opened), urgent=False, urgent_minutes=60, day_ends=FIVE_PM, tz=LONDON)
        assert due == at("2026-11-23 17:00"), opened


def test_out_of_hours_means_evenings_nights_and_weekends() -> None:
    hours = {"day_starts": time(8, 0), "day_ends": FIVE_PM, "tz": LONDON}
    assert not timing.is_out_of_hours(at=at("2026-11-18 09:00"), **hours)
    assert timing.is_out_of_hours(at=at("2026-11-18 17:00"), **hours)
    assert timing.is_out_of_hours(at=at("2026-11-18 07:59"), **hours)
    assert timing.is_out_of_hours(at=at("2026-11-21 11:00"), **hours)  # a Saturday
