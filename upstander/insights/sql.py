"""Small SQL expressions written natively for SQLite and PostgreSQL.

Django's own date functions (TruncMonth, ExtractIsoWeekDay, datetime subtraction) run on SQLite as
Python functions called once per row, which costs seconds over 20,000 cases. These use SQLite's
built-in julianday() and PostgreSQL's EXTRACT(EPOCH ...) instead, so the aggregates stay inside the
database engine on both.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Case, F, FloatField, Func, IntegerField, Value, When
from django.db.models.expressions import CombinedExpression


class JulianDay(Func):
    """The moment as a Julian day number (days, fractional), in UTC."""

    output_field = FloatField()
    arity = 1

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="julianday(%(expressions)s)", **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="(EXTRACT(EPOCH FROM %(expressions)s) / 86400.0 + 2440587.5)", **extra
        )


class FloorInt(Func):
    """floor() of a positive number, as an integer."""

    output_field = IntegerField()
    arity = 1

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="CAST((%(expressions)s) AS INTEGER)", **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="CAST(FLOOR(%(expressions)s) AS BIGINT)", **extra)


class Mod7(Func):
    output_field = IntegerField()
    arity = 1

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="((%(expressions)s) %%%% 7)", **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="MOD(%(expressions)s, 7)", **extra)


def days_between(start: str, end: str) -> CombinedExpression:
    """`end` minus `start` in days (fractional)."""
    return JulianDay(F(end)) - JulianDay(F(start))


def utc_offsets(since: datetime, until: datetime, tz: ZoneInfo | Any) -> list[tuple[datetime, float]]:
    """The time zone's UTC offset (in days) from each change within [since, until): a handful of rows."""
    found: list[tuple[datetime, float]] = []
    moment = since - timedelta(days=2)
    last = None
    while moment < until + timedelta(days=2):
        offset = moment.astimezone(tz).utcoffset()
        days = (offset.total_seconds() if offset else 0) / 86400
        if days != last:
            found.append((moment, days))
            last = days
        moment += timedelta(hours=1)
    return found


def local_julian(field: str, offsets: list[tuple[datetime, float]]) -> Any:
    """The moment in `field` as a Julian day in local time (UTC plus the offset then in force)."""
    if len(offsets) == 1:
        return JulianDay(F(field)) + Value(offsets[0][1])
    whens = [When(**{f"{field}__lt": offsets[i + 1][0]}, then=Value(offsets[i][1])) for i in range(len(offsets) - 1)]
    return JulianDay(F(field)) + Case(*whens, default=Value(offsets[-1][1]), output_field=FloatField())
