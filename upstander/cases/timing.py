"""When a case is due, and whether a moment is out of hours. Pure functions of times and settings.

Working days are Monday to Friday in the installation's time zone (settings.TIME_ZONE). Bank
holidays are not known here: a case that arrives before one is due on that day, which errs early.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

__all__ = ["end_of_day", "is_out_of_hours", "next_working_day", "response_due"]

SATURDAY = 5


def next_working_day(day: date) -> date:
    following = day + timedelta(days=1)
    while following.weekday() >= SATURDAY:
        following += timedelta(days=1)
    return following


def end_of_day(day: date, *, day_ends: time, tz: tzinfo) -> datetime:
    return datetime.combine(day, day_ends, tzinfo=tz)


def response_due(*, opened_at: datetime, urgent: bool, urgent_minutes: int, day_ends: time, tz: tzinfo) -> datetime:
    """Urgent: within `urgent_minutes`, day or night. Otherwise: by the end of the next working day."""
    if urgent:
        return opened_at + timedelta(minutes=urgent_minutes)
    local_day = opened_at.astimezone(tz).date()
    return end_of_day(next_working_day(local_day), day_ends=day_ends, tz=tz)


def is_out_of_hours(*, at: datetime, day_starts: time, day_ends: time, tz: tzinfo) -> bool:
    local = at.astimezone(tz)
    if local.weekday() >= SATURDAY:
        return True
    return not (day_starts <= local.time() < day_ends)
