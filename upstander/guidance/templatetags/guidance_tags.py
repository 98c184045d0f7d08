"""Template filters for the help pages."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from upstander.guidance.models import Helpline

register = template.Library()


@register.filter
def by_slugs(helplines: Iterable[Helpline], slugs: str) -> list[Helpline]:
    """The helplines named in `slugs` ("a,b"), in that order; any that are inactive or missing are skipped,
    so prose can name a service while its details stay data an admin can change or switch off."""
    wanted = [slug.strip() for slug in slugs.split(",") if slug.strip()]
    found = {helpline.slug: helpline for helpline in helplines}
    return [found[slug] for slug in wanted if slug in found]
