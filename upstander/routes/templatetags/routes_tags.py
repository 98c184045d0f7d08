"""`{% reporting_hours organisation %}`: when the organisation's reports are read, whether that is
now, and what to do meanwhile. Used on its page, the report form's first page and the receipt."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from upstander.accounts.models import Organisation
from upstander.routes import hours, selectors

register = template.Library()


@register.inclusion_tag("routes/includes/hours.html")
def reporting_hours(organisation: Organisation, heading_level: int = 2, helplines: bool = True) -> dict[str, Any]:
    routes = selectors.routes_of(organisation)
    now = timezone.localtime()
    return {
        "organisation": organisation,
        "routes": routes,
        "watched_now": selectors.watched_now(routes, now),
        "next_opening": hours.next_opening(routes.watched_days, routes.watched_from, routes.watched_until, now),
        "helplines": selectors.national_helplines(organisation) if helplines else [],
        "heading_level": heading_level,
    }


@register.inclusion_tag("routes/includes/hours_alert.html")
def reporting_hours_alert(organisation: Organisation) -> dict[str, Any]:
    """One line, before the reporter starts, only while reports are not being read."""
    routes = selectors.routes_of(organisation)
    now = timezone.localtime()
    return {
        "watched_now": selectors.watched_now(routes, now),
        "next_opening": hours.next_opening(routes.watched_days, routes.watched_from, routes.watched_until, now),
    }
