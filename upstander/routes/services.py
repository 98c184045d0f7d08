"""Writes: an organisation's routes, saved together in one transaction and audited with what changed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import time
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from upstander.accounts.models import Organisation, User
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.routes.models import LocalContact, OrganisationHelpline, OrganisationRoutes
from upstander.routes.partners import PARTNER_SLUGS

ROUTE_FIELDS = (
    "dsl_name", "dsl_title", "dsl_email", "dsl_phone", "dsl_where",
    "deputy_name", "deputy_title", "deputy_email", "deputy_phone", "deputy_where",
    "watched_days", "watched_from", "watched_until", "hours_note", "out_of_hours", "partner_links",
)  # fmt: skip
CONTACT_FIELDS = ("name", "phone", "out_of_hours_phone", "email", "website", "notes")
HELPLINE_FIELDS = ("name", "phone", "website", "who_for")


def _plain(value: Any) -> Any:
    return value.strftime("%H:%M") if isinstance(value, time) else value


def _snapshot(organisation: Organisation) -> dict[str, Any]:
    routes = OrganisationRoutes.objects.filter(organisation=organisation).first()
    return {
        "routes": {f: _plain(getattr(routes, f)) for f in ROUTE_FIELDS} if routes else None,
        "contacts": {
            c.kind: {f: getattr(c, f) for f in CONTACT_FIELDS}
            for c in LocalContact.objects.filter(organisation=organisation).order_by("kind")
        },
        "helplines": [
            {f: getattr(h, f) for f in HELPLINE_FIELDS}
            for h in OrganisationHelpline.objects.filter(organisation=organisation)
        ],
    }


@transaction.atomic
def routes_update(
    *,
    organisation: Organisation,
    routes: Mapping[str, Any],
    contacts: Mapping[str, Mapping[str, str]],
    helplines: Sequence[Mapping[str, str]],
    changed_by: User,
    request: HttpRequest | None,
) -> OrganisationRoutes:
    """Replace the organisation's routes with what the administrator gave, and audit before and after.

    `routes` holds `ROUTE_FIELDS` (any missing keep their value); `contacts` maps a `LocalContact.Kind`
    to its fields (all empty removes it); `helplines` is the organisation's own list, in order.
    """
    unknown = set(routes) - set(ROUTE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown route field(s): {', '.join(sorted(unknown))}.")
    bad_kinds = set(contacts) - set(LocalContact.Kind.values)
    if bad_kinds:
        raise ValueError(f"Unknown contact kind(s): {', '.join(sorted(bad_kinds))}.")
    bad_partners = set(routes.get("partner_links", ())) - set(PARTNER_SLUGS)
    if bad_partners:
        raise ValueError(f"Unknown partner(s): {', '.join(sorted(bad_partners))}.")
    before = _snapshot(organisation)
    record, _ = OrganisationRoutes.objects.select_for_update().get_or_create(
        organisation=organisation, defaults={"partner_links": list(PARTNER_SLUGS)}
    )
    for name, value in routes.items():
        setattr(record, name, sorted(value) if name == "watched_days" else value)
    record.save()
    for kind, values in contacts.items():
        cleaned = {f: (values.get(f) or "").strip() for f in CONTACT_FIELDS}
        if any(cleaned.values()):
            LocalContact.objects.update_or_create(organisation=organisation, kind=kind, defaults=cleaned)
        else:
            LocalContact.objects.filter(organisation=organisation, kind=kind).delete()
    OrganisationHelpline.objects.filter(organisation=organisation).delete()
    for position, values in enumerate(helplines, start=1):
        OrganisationHelpline.objects.create(
            organisation=organisation, order=position, **{f: (values.get(f) or "").strip() for f in HELPLINE_FIELDS}
        )
    after = _snapshot(organisation)
    if after != before:
        audit_record(
            action=AuditAction.CHANGED,
            actor=changed_by,
            organisation_id=organisation.pk,
            obj=record,
            request=request,
            detail={"before": before, "after": after},
        )
    return record
