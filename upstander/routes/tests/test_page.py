"""Each organisation's public page: no sign-in, and the report form and help one tap away."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from upstander.accounts.models import Organisation
from upstander.routes.models import OrganisationRoutes
from upstander.routes.templatetags import routes_tags

pytestmark = pytest.mark.django_db


def _page(client: Client, slug: str = "hill") -> str:
    response = client.get(reverse("routes:page", args=[slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_lives_at_o_slug_and_links_the_report_form(client: Client, org: Organisation) -> None:
    assert reverse("routes:page", args=["hill"]) == "/o/hill/"
    html = _page(client)
    assert 'href="/report/hill/"' in html
    assert 'href="tel:999"' in html


def test_a_school_page_leads_pupils_parents_and_staff_to_their_help(client: Client, org: Organisation) -> None:
    html = _page(client)
    for url in ("/help/young-people/", "/help/parents/", "/help/staff/"):
        assert f'href="{url}"' in html
    assert 'href="/help/adults/"' not in html


def test_an_adult_provider_page_leads_adult_learners_to_adult_help(client: Client, org: Organisation) -> None:
    org.kind = Organisation.Kind.ADULT_LEARNING
    org.save()
    html = _page(client)
    assert 'href="/help/adults/"' in html and 'href="/help/young-people/"' not in html


def test_the_page_shows_the_organisation_s_own_routes(client: Client, routes: OrganisationRoutes) -> None:
    html = _page(client)
    for shown in (
        "mailto:report@hill.test",
        "Ms Ada Byron",
        "mailto:dsl@hill.test",
        "Mr Alan Turing",
        "Room 12",
        "Monday to Friday, 8am to 4pm",
        "Term time only.",
        "Tell a trusted adult",
        "Hill Youth Line",
        "https://www.thinkuknow.co.uk/",
        "https://www.childnet.com/",
    ):
        assert shown in html, shown
    assert "getsafeonline" not in html  # a partner the organisation did not choose


def test_the_page_shows_every_local_contact_of_a_school(client: Client, routes: OrganisationRoutes) -> None:
    html = _page(client)
    for label in ("Children&#x27;s services front door", "Adult social care front door", "LADO", "Prevent lead",
                  "Online-safety (e-safety) officer"):  # fmt: skip
        assert label in html, label


def test_an_adult_only_provider_shows_no_lado(client: Client, routes: OrganisationRoutes, org: Organisation) -> None:
    org.kind = Organisation.Kind.ADULT_LEARNING
    org.save()
    html = _page(client)
    assert "LADO" not in html and "Prevent lead" in html


def test_national_helplines_fit_who_the_organisation_serves(client: Client, org: Organisation) -> None:
    assert "Childline" in _page(client)
    org.kind = Organisation.Kind.ADULT_LEARNING
    org.save()
    html = _page(client)
    assert "Samaritans" in html and "Childline" not in html


def _at(monkeypatch: pytest.MonkeyPatch, moment: str) -> None:
    """The reporting-hours panel's clock only (sessions and the rest keep the real one)."""
    fixed = timezone.localtime(datetime.fromisoformat(moment))
    monkeypatch.setattr(routes_tags, "timezone", SimpleNamespace(localtime=lambda: fixed))


def test_out_of_hours_the_page_says_reports_are_not_being_read(
    client: Client, routes: OrganisationRoutes, monkeypatch: pytest.MonkeyPatch
) -> None:
    _at(monkeypatch, "2026-12-05T11:00:00+00:00")  # a Saturday
    html = _page(client)
    assert "Reports are not being read right now" in html and "on Monday at 8am" in html


def test_in_hours_the_page_does_not_warn(
    client: Client, routes: OrganisationRoutes, monkeypatch: pytest.MonkeyPatch
) -> None:
    _at(monkeypatch, "2026-12-01T11:00:00+00:00")  # a Tuesday
    assert "Reports are not being read right now" not in _page(client)


def test_an_organisation_without_routes_still_has_a_page_that_says_so(client: Client, org: Organisation) -> None:
    html = _page(client)
    assert "has not said when reports are read" in html
    assert not OrganisationRoutes.objects.exists()  # a GET writes nothing


def test_an_unknown_organisation_is_not_found(client: Client, db: None) -> None:
    assert client.get("/o/nowhere/").status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_page_refuses_other_methods(client: Client, org: Organisation, method: str) -> None:
    assert getattr(client, method)("/o/hill/").status_code == 405


def test_the_page_offers_the_poster(client: Client, org: Organisation) -> None:
    assert 'href="/o/hill/poster.pdf"' in _page(client)


def test_the_public_home_page_leads_to_reporting_and_each_audience_s_help(client: Client, org: Organisation) -> None:
    html = client.get("/").content.decode()
    for url in ("/report/", "/help/young-people/", "/help/parents/", "/help/staff/", "/help/adults/", "/o/hill/"):
        assert f'href="{url}"' in html, url


def test_the_report_form_s_first_page_and_the_org_page_link_each_other(client: Client, org: Organisation) -> None:
    html = client.get("/report/hill/").content.decode()
    assert 'href="/o/hill/"' in html and "When reports are read" in html
