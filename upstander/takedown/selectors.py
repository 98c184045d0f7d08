"""Reads for takedown: a case's requests, what is overdue, the facts the escalation rules take from the
requests, and the figures (requests by platform and route, removal rate, time to removal)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from statistics import median
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from upstander.takedown.models import PlatformProfile, RemovalRequest, Route, Status


def requests_for_case(*, case_id: int) -> QuerySet[RemovalRequest]:
    return RemovalRequest.objects.filter(case_id=case_id).select_related("escalated_from", "evidence_item")


def request_in_case(*, case_id: int, request_id: int) -> RemovalRequest:
    """The request, only within that case (which the view found for the actor first): 404 otherwise."""
    return get_object_or_404(RemovalRequest.objects.select_related("case", "case__organisation"), pk=request_id,
                             case_id=case_id)  # fmt: skip


def overdue_requests(*, organisation_id: int | None = None, now: datetime | None = None) -> QuerySet[RemovalRequest]:
    found = RemovalRequest.objects.filter(status=Status.SENT, due_at__lt=now or timezone.now())
    if organisation_id is not None:
        found = found.filter(organisation_id=organisation_id)
    return found.select_related("case").order_by("due_at", "pk")


def requests_listed(*, organisation_id: int | None = None, overdue: bool = False) -> QuerySet[RemovalRequest]:
    if overdue:
        return overdue_requests(organisation_id=organisation_id)
    found = RemovalRequest.objects.all()
    if organisation_id is not None:
        found = found.filter(organisation_id=organisation_id)
    return found.select_related("case").order_by("created_at", "pk")


def as_json(removal: RemovalRequest) -> dict[str, Any]:
    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": removal.pk,
        "case": removal.case.number,
        "organisation": removal.organisation_id,
        "platform": removal.platform or None,
        "route": removal.route,
        "status": removal.status,
        "requested_at": iso(removal.requested_at),
        "due_at": iso(removal.due_at),
        "outcome": removal.status if removal.status not in (Status.DRAFT, Status.SENT) else None,
        "overdue": removal.is_overdue(),
        "escalated_from": removal.escalated_from_id,
    }


@dataclass(frozen=True)
class RequestFacts:
    platform_declined: bool
    platform_reported_on: date | None
    poster_refused: bool | None


def facts_from_requests(*, case_id: int) -> RequestFacts:
    """What the escalation rules take from the requests: a platform refused; when the platform was first
    reported to; whether the poster was asked (None: never) and refused."""
    requests = list(RemovalRequest.objects.filter(case_id=case_id).exclude(status=Status.DRAFT))
    platform = [r for r in requests if r.route == Route.PLATFORM]
    poster = [r for r in requests if r.route == Route.POSTER and r.status != Status.WITHDRAWN]
    sent = [r.requested_at for r in platform if r.requested_at]
    return RequestFacts(
        platform_declined=any(r.status == Status.REFUSED for r in platform),
        platform_reported_on=timezone.localdate(min(sent)) if sent else None,
        poster_refused=None if not poster else any(r.status == Status.REFUSED for r in poster),
    )


def figures(*, organisation_id: int | None = None) -> dict[str, Any]:
    """Requests by platform and by route, the removal rate of requests with an outcome, and the median
    hours from sending to removal. Withdrawn requests are left out of the rate."""
    found = list(requests_listed(organisation_id=organisation_id))
    by_platform: dict[str, int] = {}
    by_route: dict[str, int] = {}
    for r in found:
        by_platform[r.platform or "none"] = by_platform.get(r.platform or "none", 0) + 1
        by_route[r.route] = by_route.get(r.route, 0) + 1
    decided = [r for r in found if r.status in (Status.REMOVED, Status.RESTRICTED, Status.REFUSED, Status.NO_RESPONSE)]
    removed = [r for r in decided if r.status in (Status.REMOVED, Status.RESTRICTED)]
    hours = [(r.outcome_at - r.requested_at).total_seconds() / 3600 for r in removed if r.outcome_at and r.requested_at]
    return {
        "requests": len(found),
        "by_platform": dict(sorted(by_platform.items())),
        "by_route": dict(sorted(by_route.items())),
        "with_outcome": len(decided),
        "removed_or_restricted": len(removed),
        "removal_rate": round(len(removed) / len(decided), 3) if decided else None,
        "median_hours_to_removal": round(median(hours), 1) if hours else None,
    }


def directory() -> QuerySet[PlatformProfile]:
    return PlatformProfile.objects.all()
