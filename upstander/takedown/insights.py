"""Takedown figures for insights' dashboards and termly report (registered in apps.py).

Counts, a rate and a duration only, aggregated in the database: requests made in the period, how many
had an answer, how many led to removal or restriction, and the average hours from sending to removal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.utils import timezone

from upstander.takedown.models import RemovalRequest, Status

DECIDED = (Status.REMOVED, Status.RESTRICTED, Status.REFUSED, Status.NO_RESPONSE)
REMOVED = (Status.REMOVED, Status.RESTRICTED)


def figures(figure: Callable[..., Any], *, organisation_ids: list[int], start: date, end: date) -> list[Any]:
    zone = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, tzinfo=zone)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)
    made = RemovalRequest.objects.filter(
        organisation_id__in=organisation_ids, requested_at__gte=since, requested_at__lt=until
    )
    totals = made.aggregate(
        requests=Count("pk"),
        decided=Count("pk", filter=Q(status__in=DECIDED)),
        removed=Count("pk", filter=Q(status__in=REMOVED)),
        to_removal=Avg(
            ExpressionWrapper(F("outcome_at") - F("requested_at"), output_field=DurationField()),
            filter=Q(status__in=REMOVED, outcome_at__isnull=False),
        ),
    )
    found = [figure(key="takedown_requests", label="Removal requests made", value=totals["requests"], count=True)]
    if totals["decided"]:
        rate = round(100 * totals["removed"] / totals["decided"])
        found.append(
            figure(
                key="takedown_removal_rate",
                label="Requests answered that led to removal or restriction",
                value=rate,
                unit="%",
            )
        )
    if totals["to_removal"] is not None:
        hours = round(totals["to_removal"].total_seconds() / 3600, 1)
        found.append(figure(key="takedown_hours_to_removal", label="Average time to removal", value=hours, unit="hours"))
    return found


def register_with_insights() -> None:
    # Here, not at the top: insights sits above takedown; only this registration (from ready()) reaches up.
    from upstander.insights.providers import Figure, register

    def provider(*, organisation_ids: list[int], start: date, end: date) -> list[Any]:
        return figures(Figure, organisation_ids=organisation_ids, start=start, end=end)

    register("takedown", "Takedown requests", provider)
