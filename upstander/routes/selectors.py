"""Reads for the public organisation page, the poster and the report form's 'when are reports read'."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from upstander.accounts.models import Organisation
from upstander.guidance.models import Audience, Helpline
from upstander.routes import hours
from upstander.routes.models import LocalContact, OrganisationHelpline, OrganisationRoutes
from upstander.routes.partners import PARTNER_SLUGS, PARTNERS, Partner

Kind = Organisation.Kind

# Who an organisation serves, so its page and poster lead each of them to their own help.
AUDIENCES_FOR_KIND: dict[str, tuple[str, ...]] = {
    Kind.PRIMARY_SCHOOL: (Audience.YOUNG_PEOPLE, Audience.PARENTS, Audience.STAFF),
    Kind.SECONDARY_SCHOOL: (Audience.YOUNG_PEOPLE, Audience.PARENTS, Audience.STAFF),
    Kind.COLLEGE: (Audience.YOUNG_PEOPLE, Audience.ADULTS, Audience.PARENTS, Audience.STAFF),
    Kind.ADULT_LEARNING: (Audience.ADULTS, Audience.STAFF),
    Kind.YOUTH_SERVICE: (Audience.YOUNG_PEOPLE, Audience.PARENTS, Audience.STAFF),
    Kind.OTHER: (Audience.YOUNG_PEOPLE, Audience.PARENTS, Audience.STAFF, Audience.ADULTS),
}
AUDIENCE_LINKS: dict[str, tuple[str, str]] = {
    Audience.YOUNG_PEOPLE: ("Pupils and young people", "guidance:young_people"),
    Audience.PARENTS: ("Parents and carers", "guidance:parents"),
    Audience.STAFF: ("Staff and volunteers", "guidance:staff"),
    Audience.ADULTS: ("Adult learners and service users", "guidance:adults"),
}
# National helplines for the poster and the page, by who the organisation serves (rows of the
# guidance app's Helpline table, so their numbers stay editable data). All are free; the first of
# each pair answers at any hour.
NATIONAL_HELPLINES_FOR_KIND: dict[str, tuple[str, ...]] = {
    Kind.PRIMARY_SCHOOL: ("childline", "nspcc-helpline"),
    Kind.SECONDARY_SCHOOL: ("childline", "nspcc-helpline"),
    Kind.YOUTH_SERVICE: ("childline", "nspcc-helpline"),
    Kind.COLLEGE: ("childline", "samaritans"),
    Kind.ADULT_LEARNING: ("samaritans", "shout"),
    Kind.OTHER: ("childline", "samaritans"),
}


def has_children(organisation: Organisation) -> bool:
    """Adult-only providers have no LADO route (KCSIE Part 4 concerns people who work with children)."""
    return organisation.kind != Kind.ADULT_LEARNING


def contact_kinds(organisation: Organisation) -> list[str]:
    return [kind for kind in LocalContact.Kind.values if has_children(organisation) or kind != LocalContact.Kind.LADO]


def routes_of(organisation: Organisation) -> OrganisationRoutes:
    """The organisation's routes, or unsaved defaults (every partner link) if none were set yet."""
    found = OrganisationRoutes.objects.filter(organisation=organisation).first()
    return found or OrganisationRoutes(organisation=organisation, partner_links=list(PARTNER_SLUGS))


def local_contacts(organisation: Organisation) -> dict[str, LocalContact]:
    return {contact.kind: contact for contact in LocalContact.objects.filter(organisation=organisation)}


def national_helplines(organisation: Organisation) -> list[Helpline]:
    slugs = NATIONAL_HELPLINES_FOR_KIND.get(organisation.kind, NATIONAL_HELPLINES_FOR_KIND[Kind.OTHER])
    found = {h.slug: h for h in Helpline.objects.filter(slug__in=slugs, active=True)}
    return [found[slug] for slug in slugs if slug in found]


@dataclass(frozen=True)
class PublicRoutes:
    organisation: Organisation
    routes: OrganisationRoutes
    watched_now: bool | None  # None: the organisation has not said when reports are read
    contacts: list[LocalContact]
    own_helplines: list[OrganisationHelpline]
    national_helplines: list[Helpline]
    partners: list[Partner]
    audiences: list[tuple[str, str]]  # (label, help page URL)

    @property
    def has_leads(self) -> bool:
        r = self.routes
        return any(getattr(r, f"{who}_{f}") for who in ("dsl", "deputy") for f in ("name", "email", "phone", "where"))


def watched_now(routes: OrganisationRoutes, moment: datetime | None = None) -> bool | None:
    local = timezone.localtime(moment or timezone.now())
    return hours.is_watched(routes.watched_days, routes.watched_from, routes.watched_until, local)


def public_routes(organisation: Organisation, *, moment: datetime | None = None) -> PublicRoutes:
    routes = routes_of(organisation)
    contacts = local_contacts(organisation)
    return PublicRoutes(
        organisation=organisation,
        routes=routes,
        watched_now=watched_now(routes, moment),
        contacts=[contacts[k] for k in contact_kinds(organisation) if k in contacts and not contacts[k].is_empty],
        own_helplines=list(OrganisationHelpline.objects.filter(organisation=organisation)),
        national_helplines=national_helplines(organisation),
        partners=[p for p in PARTNERS if p.slug in routes.partner_links],
        audiences=[
            (AUDIENCE_LINKS[a][0], reverse(AUDIENCE_LINKS[a][1]))
            for a in AUDIENCES_FOR_KIND.get(organisation.kind, AUDIENCES_FOR_KIND[Kind.OTHER])
        ],
    )
