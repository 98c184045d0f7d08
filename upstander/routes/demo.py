"""Demo routes for the demo organisations (`upstander demo`). Idempotent.

Phone numbers are from Ofcom's ranges reserved for drama (01632 960xxx, 020 7946 0xxx) and email
addresses use `.example`, so nothing here can reach a real person.
"""

from __future__ import annotations

from datetime import time

from upstander.accounts.models import Organisation
from upstander.routes.models import LocalContact, OrganisationHelpline, OrganisationRoutes
from upstander.routes.partners import PARTNER_SLUGS

COUNCIL_CONTACTS = {
    LocalContact.Kind.CHILDREN: {
        "name": "Riverside Children's Front Door (MASH)",
        "phone": "01632 960 100",
        "out_of_hours_phone": "01632 960 199",
        "email": "childrensfrontdoor@riverside-council.example",
        "notes": "Monday to Friday 9am to 5pm; the out-of-hours team at other times.",
    },
    LocalContact.Kind.ADULTS: {
        "name": "Riverside Adult Social Care: safeguarding",
        "phone": "01632 960 200",
        "out_of_hours_phone": "01632 960 199",
        "email": "adultsafeguarding@riverside-council.example",
        "notes": "For adults at risk of abuse or neglect (Care Act 2014 s.42).",
    },
    LocalContact.Kind.LADO: {
        "name": "Riverside LADO service",
        "phone": "01632 960 300",
        "email": "lado@riverside-council.example",
        "notes": "Allegations about adults who work or volunteer with children.",
    },
    LocalContact.Kind.PREVENT: {
        "name": "Riverside Prevent lead",
        "phone": "01632 960 400",
        "email": "prevent@riverside-council.example",
    },
    LocalContact.Kind.ONLINE_SAFETY: {
        "name": "Riverside education online-safety officer",
        "phone": "01632 960 500",
        "email": "onlinesafety@riverside-council.example",
    },
}

ROUTES = {
    "northbridge": {
        "dsl_name": "Ms Dana Okafor",
        "dsl_title": "Designated safeguarding lead (assistant head)",
        "dsl_email": "safeguarding@northbridge.example",
        "dsl_phone": "01632 960 610",
        "dsl_where": "The safeguarding office, next to reception",
        "deputy_name": "Mr Sam Whitfield",
        "deputy_title": "Deputy safeguarding lead (head of Year 9)",
        "deputy_email": "safeguarding@northbridge.example",
        "deputy_where": "Student support, room B12",
        "watched_days": [1, 2, 3, 4, 5],
        "watched_from": time(8, 0),
        "watched_until": time(16, 30),
        "hours_note": "Term time only: in the holidays the inbox is read every weekday morning.",
        "out_of_hours": "Your report is kept safe and read when we are next in. If you are worried about a child "
        "tonight or at the weekend, call the Children's Front Door out-of-hours team on 01632 960 199.",
        "partner_links": list(PARTNER_SLUGS),
    },
    "riverside-adult-learning": {
        "dsl_name": "Grace Nwosu",
        "dsl_title": "Safeguarding lead",
        "dsl_email": "safeguarding@riverside-learning.example",
        "dsl_phone": "020 7946 0720",
        "dsl_where": "Learner services desk, main building",
        "deputy_title": "Deputy safeguarding lead (centre manager)",
        "deputy_email": "safeguarding@riverside-learning.example",
        "watched_days": [1, 2, 3, 4],
        "watched_from": time(9, 0),
        "watched_until": time(20, 0),
        "hours_note": "Fridays 9am to 1pm too, during courses.",
        "out_of_hours": "Your report is read when the centre next opens. If you are at risk of harm, call the "
        "council's adult safeguarding team on 01632 960 200, or 01632 960 199 out of hours.",
        "partner_links": ["uk-safer-internet-centre", "get-safe-online", "internet-matters"],
    },
}

HELPLINES = {
    "northbridge": [
        {
            "name": "Riverside Young People's Service (demo)",
            "phone": "01632 960 700",
            "who_for": "Free drop-in and phone support for 11 to 19 year olds in Riverside.",
        }
    ],
    "riverside-adult-learning": [],
}


def load_demo_routes(*, organisations: list[Organisation]) -> None:
    for organisation in organisations:
        values = ROUTES.get(organisation.slug)
        if values is None:
            continue
        OrganisationRoutes.objects.get_or_create(organisation=organisation, defaults=values)
        for kind, contact in COUNCIL_CONTACTS.items():
            if kind == LocalContact.Kind.LADO and organisation.kind == Organisation.Kind.ADULT_LEARNING:
                continue  # adult-only providers have no LADO route
            LocalContact.objects.get_or_create(organisation=organisation, kind=kind, defaults=contact)
        for position, helpline in enumerate(HELPLINES.get(organisation.slug, []), start=1):
            OrganisationHelpline.objects.get_or_create(
                organisation=organisation, name=helpline["name"], defaults={**helpline, "order": position}
            )
