"""Template helpers for case pages, and the unread-notification count for the site header."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template

from upstander.cases import duties, permissions, selectors, taxonomy

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_case_notifications(context: dict[str, Any]) -> int:
    """`{% unread_case_notifications as count %}`: 0 for anyone who cannot see cases (no query then)."""
    request = context.get("request")
    actor = getattr(request, "actor", None)
    if actor is None or not permissions.can_see_notifications(actor):
        return 0
    return selectors.unread_notification_count(user_id=actor.user_id)


@register.filter
def due_words(due: datetime | None, now: datetime) -> str:
    """'in 45 minutes', '3 hours ago', 'in 2 days': plain and cheap (the queue shows one per row;
    Django's timesince costs a translation lookup per unit)."""
    if due is None:
        return ""
    seconds = (due - now).total_seconds()
    minutes = int(abs(seconds) // 60)
    if minutes < 60:
        amount, unit = minutes, "minute"
    elif minutes < 48 * 60:
        amount, unit = minutes // 60, "hour"
    else:
        amount, unit = minutes // (24 * 60), "day"
    words = f"{amount} {unit}{'' if amount == 1 else 's'}"
    return f"in {words}" if seconds >= 0 else f"{words} ago"


@register.filter
def taxonomy_label(name: str) -> str:
    return taxonomy.label(name)


@register.filter
def duty_title(code: str) -> str:
    return duties.duty_title(code)
