"""Small SQL expressions written natively for SQLite and PostgreSQL.

Django's own date functions (TruncMonth, ExtractIsoWeekDay, datetime subtraction) run on SQLite as
Python functions called once per row, which costs seconds over 20,000 cases. These use SQLite's
built-in julianday() and PostgreSQL's EXTRACT(EPOCH ...) instead, so the aggregates stay inside the
database engine on both.

Each comes twice: as an ORM expression (`JulianDay`...) and as SQL text for the queries
`insights.selectors` writes itself (`julian_day()`...), which compute each value once per row in a
subquery (the ORM repeats an annotation in every aggregate that uses it). Both write the very same
SQL, so the figures are the same either way.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Case, F, FloatField, Func, IntegerField, Value, When
from django.db.models.expressions import CombinedExpression

JULIAN_DAY = {
    "sqlite": "julianday({})",
    "postgresql": "(EXTRACT(EPOCH FROM {}) / 86400.0 + 2440587.5)",
}
FLOOR_INT = {
    "sqlite": "CAST(({}) AS INTEGER)",
    "postgresql": "CAST(FLOOR({}) AS BIGINT)",
}
DAYS_TO_NEXT_WORKING_DAY = {
    "sqlite": "(CASE (({}) % 7) WHEN 4 THEN 3 WHEN 5 THEN 2 ELSE 1 END)",
    "postgresql": "(CASE MOD({}, 7) WHEN 4 THEN 3 WHEN 5 THEN 2 ELSE 1 END)",
}
# After a subquery: keeps the database from merging it into the query around it (SQLite does not
# flatten a subquery with a LIMIT under an aggregate; PostgreSQL does not pull one up with an OFFSET),
# so the subquery's columns are worked out once per row and not again wherever they are used.
NOT_MERGED = {"sqlite": " LIMIT -1", "postgresql": " OFFSET 0"}
# A column SQLite must not search an index by (a unary plus: the value is unchanged), so that the
# planner keeps an index that spares a sort and only filters by this column. PostgreSQL has no unary
# plus for dates, nor any need of it (it groups by hashing).
UNSEARCHED = {"sqlite": "+{}", "postgresql": "{}"}


class JulianDay(Func):
    """The moment as a Julian day number (days, fractional), in UTC."""

    output_field = FloatField()
    arity = 1

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template=JULIAN_DAY["sqlite"].format("%(expressions)s"), **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = JULIAN_DAY["postgresql"].format("%(expressions)s")
        return self.as_sql(compiler, connection, template=template, **extra)


class FloorInt(Func):
    """floor() of a positive number, as an integer."""

    output_field = IntegerField()
    arity = 1

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template=FLOOR_INT["sqlite"].format("%(expressions)s"), **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template=FLOOR_INT["postgresql"].format("%(expressions)s"), **extra)


class DaysToNextWorkingDay(Func):
    """For a local day as a Julian day number (0 is a Monday): the days to the next working day,
    3 from a Friday, 2 from a Saturday, 1 otherwise. A simple CASE, so the day is worked out once
    per row (Django's When() would repeat it for each branch)."""

    output_field = IntegerField()
    arity = 1

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = DAYS_TO_NEXT_WORKING_DAY["sqlite"].replace("%", "%%%%").format("%(expressions)s")
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = DAYS_TO_NEXT_WORKING_DAY["postgresql"].format("%(expressions)s")
        return self.as_sql(compiler, connection, template=template, **extra)


def days_between(start: str, end: str) -> CombinedExpression:
    """`end` minus `start` in days (fractional)."""
    return JulianDay(F(end)) - JulianDay(F(start))


def utc_offsets(since: datetime, until: datetime, tz: ZoneInfo | Any) -> list[tuple[datetime, float]]:
    """The time zone's UTC offset (in days) from each change within [since, until): a handful of rows.
    Each change is found to the hour: a day at a time, then the hours of a day whose offset changed
    (time zones change at most once a day), so a year is about 400 steps, not 9,000."""

    def offset_at(moment: datetime) -> float:
        offset = moment.astimezone(tz).utcoffset()
        return (offset.total_seconds() if offset else 0) / 86400

    moment = since - timedelta(days=2)
    found: list[tuple[datetime, float]] = [(moment, offset_at(moment))]
    end = until + timedelta(days=2)
    while moment < end:
        following = moment + timedelta(days=1)
        if offset_at(following) != found[-1][1]:
            hour = moment + timedelta(hours=1)
            while offset_at(hour) == found[-1][1]:
                hour += timedelta(hours=1)
            if hour >= end:
                break
            found.append((hour, offset_at(hour)))
            following = hour + timedelta(hours=1)
        moment = following
    return found


def local_julian(field: str, offsets: list[tuple[datetime, float]]) -> Any:
    """The moment in `field` as a Julian day in local time (UTC plus the offset then in force)."""
    if len(offsets) == 1:
        return JulianDay(F(field)) + Value(offsets[0][1])
    whens = [When(**{f"{field}__lt": offsets[i + 1][0]}, then=Value(offsets[i][1])) for i in range(len(offsets) - 1)]
    return JulianDay(F(field)) + Case(*whens, default=Value(offsets[-1][1]), output_field=FloatField())


# --- SQL text, for the queries insights.selectors writes itself -------------------------------


def _vendor() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def julian_day(column: str) -> str:
    return JULIAN_DAY[_vendor()].format(column)


def floor_int(expression: str) -> str:
    return FLOOR_INT[_vendor()].format(expression)


def days_to_next_working_day(expression: str) -> str:
    return DAYS_TO_NEXT_WORKING_DAY[_vendor()].replace("%", "%%").format(expression)


def not_merged() -> str:
    return NOT_MERGED[_vendor()]


def unsearched(column: str) -> str:
    return UNSEARCHED[_vendor()].format(column)


def moment(value: datetime) -> Any:
    """A moment as a query parameter, as the ORM passes it (SQLite keeps times as UTC text)."""
    return connection.ops.adapt_datetimefield_value(value)


def local_offset(column: str, offsets: list[tuple[datetime, float]]) -> tuple[str, list[Any]]:
    """The UTC offset (days) in force at the moment in `column`, as `local_julian` adds it."""
    if len(offsets) == 1:
        return "%s", [offsets[0][1]]
    whens, params = [], []
    for i in range(len(offsets) - 1):
        whens.append(f"WHEN {column} < %s THEN %s")
        params += [moment(offsets[i + 1][0]), offsets[i][1]]
    return f"CASE {' '.join(whens)} ELSE %s END", [*params, offsets[-1][1]]
