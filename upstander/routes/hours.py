"""When an organisation's reports are read, in words, and whether that is now. Pure functions.

Days are ISO weekday numbers (1 Monday ... 7 Sunday); times are local (settings.TIME_ZONE).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_CHOICES = [(number, name) for number, name in enumerate(DAY_NAMES, start=1)]


def clock(value: time) -> str:
    """A time as people say it in the UK: 8am, 4:30pm, 12pm (midday)."""
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def days_text(days: Sequence[int]) -> str:
    """ "Monday to Friday", "Monday, Wednesday and Friday", "every day"."""
    ordered = sorted(set(days))
    if not ordered:
        return ""
    if len(ordered) == 7:
        return "every day"
    names = [DAY_NAMES[day - 1] for day in ordered]
    if len(ordered) >= 3 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{names[0]} to {names[-1]}"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def hours_text(days: Sequence[int], opens: time | None, closes: time | None) -> str:
    """ "Monday to Friday, 8am to 4:30pm"; empty when the hours are not set."""
    if not days or opens is None or closes is None:
        return ""
    return f"{days_text(days)}, {clock(opens)} to {clock(closes)}"


def is_watched(days: Sequence[int], opens: time | None, closes: time | None, moment: datetime) -> bool | None:
    """Whether `moment` (local time) falls within the hours; None when the hours are not set."""
    if not days or opens is None or closes is None:
        return None
    return moment.isoweekday() in days and opens <= moment.time() < closes


def next_opening(days: Sequence[int], opens: time | None, closes: time | None, moment: datetime) -> str:
    """When reports are next read, said plainly ("today at 8am", "tomorrow at 8am", "on Monday at
    8am"); empty when the hours are not set or they are being read now."""
    if is_watched(days, opens, closes, moment) is not False or opens is None:
        return ""
    for ahead in range(8):
        day = (moment.isoweekday() - 1 + ahead) % 7 + 1
        if day in days and (ahead > 0 or moment.time() < opens):
            when = "today" if ahead == 0 else "tomorrow" if ahead == 1 else f"on {DAY_NAMES[day - 1]}"
            return f"{when} at {clock(opens)}"
    return ""
