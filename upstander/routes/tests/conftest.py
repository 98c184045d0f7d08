from __future__ import annotations

from datetime import time

import pytest

from upstander.accounts.models import Organisation
from upstander.routes.models import LocalContact, OrganisationHelpline, OrganisationRoutes


@pytest.fixture
def routes(org: Organisation) -> OrganisationRoutes:
    org.reporting_email = "report@hill.test"
    org.save(update_fields=["reporting_email"])
    for kind in LocalContact.Kind.values:
        LocalContact.objects.create(organisation=org, kind=kind, name=f"Testshire {kind}", phone="01632 960 001")
    OrganisationHelpline.objects.create(organisation=org, name="Hill Youth Line", phone="01632 960 002")
    return OrganisationRoutes.objects.create(
        organisation=org,
        dsl_name="Ms Ada Byron",
        dsl_title="Designated safeguarding lead",
        dsl_email="dsl@hill.test",
        deputy_name="Mr Alan Turing",
        deputy_where="Room 12",
        watched_days=[1, 2, 3, 4, 5],
        watched_from=time(8, 0),
        watched_until=time(16, 0),
        hours_note="Term time only.",
        out_of_hours="Tell a trusted adult, or call the out-of-hours team.",
        partner_links=["thinkuknow", "childnet"],
    )
