"""The demo shows the routes: every demo organisation has its routes and local contacts filled in."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from upstander.accounts.models import Organisation
from upstander.routes import selectors
from upstander.routes.models import LocalContact, OrganisationRoutes

pytestmark = pytest.mark.django_db


def test_every_demo_organisation_has_its_routes_and_contacts(client: Client) -> None:
    call_command("demo", stdout=StringIO())
    call_command("demo", stdout=StringIO())  # idempotent
    organisations = list(Organisation.objects.all())
    assert len(organisations) >= 2
    for organisation in organisations:
        routes = OrganisationRoutes.objects.get(organisation=organisation)
        assert organisation.reporting_email and routes.dsl_email and routes.dsl_title
        assert routes.hours_text and routes.out_of_hours and routes.partner_links
        kinds = set(LocalContact.objects.filter(organisation=organisation).values_list("kind", flat=True))
        assert kinds == set(selectors.contact_kinds(organisation)), organisation.slug
        html = client.get(f"/o/{organisation.slug}/").content.decode()
        assert routes.dsl_email in html and "Local safeguarding contacts" in html
    adult = Organisation.objects.get(kind=Organisation.Kind.ADULT_LEARNING)
    assert not LocalContact.objects.filter(organisation=adult, kind=LocalContact.Kind.LADO).exists()
