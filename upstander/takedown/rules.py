"""Pure rules for takedown: the guard rails and the clocks. No Django import."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from upstander import escalation

# Routes that put a request in front of the platform or the poster: never for the cases below.
BLOCKED_ROUTES = frozenset({"platform", "poster", "mobile", "helpline", "rhc"})
WHY_BLOCKED = (
    "This case involves {what}. No request to a platform or to the poster is made by us: the police, CEOP and "
    "(for a young person's own nude image) Report Remove lead, so that the content is kept as evidence and the "
    "image is never viewed or copied (UKCIS guidance)."
)
POLICE_FIRST = (
    "Police first: this may be illegal material. Report it to the police before asking anyone to take it down, "
    "so the evidence is not lost."
)


def blocked_because(facts: Iterable[escalation.Facts]) -> str:
    """Why no platform or poster request may be made for a case ('' when one may)."""
    reasons: list[str] = []
    for f in facts:
        if f.sexual_image_of_under_18:
            reasons.append("a sexual image of someone under 18")
        if f.grooming:
            reasons.append("grooming")
        if f.image_shared_by_adult_or_coerced or ("sexual" in f.categories and f.perpetrator.is_adult):
            reasons.append("sexual contact by an adult")
    if not reasons:
        return ""
    return WHY_BLOCKED.format(what=" and ".join(dict.fromkeys(reasons)))


def police_first(facts: Iterable[escalation.Facts]) -> bool:
    """Suspected illegal material: threats to kill or of serious harm, extremist content, sexual images."""
    return any(f.threat_of_death_or_serious_harm or f.extremist_content or f.sexual_image_of_under_18 for f in facts)


def due_at(*, route: str, sent_at: datetime, response_hours: int | None) -> datetime:
    """When an answer is due: the platform's usual time (48 hours when not known); 48 hours for the
    helpline and the poster; more than a week for Report Harmful Content."""
    if route == "rhc":
        return sent_at + timedelta(days=7)
    if route == "platform" and response_hours:
        return sent_at + timedelta(hours=response_hours)
    return sent_at + timedelta(hours=48)


# What comes next after a platform or network request stalls or is refused.
NEXT_ROUTE = {"poster": "platform", "platform": "rhc", "mobile": "police"}


def next_route(*, route: str, status: str, sent_at: datetime | None, now: datetime, children_workforce: bool) -> str:
    """The escalation route open now ('' when none yet): after a refusal at once; after no answer, the
    helpline once 48 hours have passed (children's workforce), Report Harmful Content after a week."""
    if route == "platform":
        if status == "refused":
            return "rhc"
        if sent_at is None or status not in ("sent", "no_response"):
            return ""
        waited = now - sent_at
        if waited > timedelta(days=7):
            return "rhc"
        if waited >= timedelta(hours=48) and children_workforce:
            return "helpline"
        return ""
    if route == "helpline" and status in ("refused", "no_response"):
        return "rhc"
    if route == "poster" and status in ("refused", "no_response"):
        return "platform"
    if route == "mobile" and status in ("refused", "no_response"):
        return "police"
    return ""
