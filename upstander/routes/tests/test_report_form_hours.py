"""The report form's first page and the receipt tell a reporter when reports are read, and what to
do meanwhile (each organisation sets its hours)."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from upstander.accounts.models import Organisation
from upstander.reports.tests.helpers import fill_in_report
from upstander.routes.models import OrganisationRoutes
from upstander.routes.templatetags import routes_tags

pytestmark = pytest.mark.django_db
SATURDAY = "2026-12-05T11:00:00+00:00"
TUESDAY = "2026-12-01T11:00:00+00:00"


def _at(monkeypatch: pytest.MonkeyPatch, moment: str) -> None:
    """The reporting-hours panel's clock only (sessions and the rest keep the real one)."""
    fixed = timezone.localtime(datetime.fromisoformat(moment))
    monkeypatch.setattr(routes_tags, "timezone", SimpleNamespace(localtime=lambda: fixed))


def test_the_first_page_out_of_hours_says_reports_are_not_being_read_and_what_to_do(
    client: Client, routes: OrganisationRoutes, monkeypatch: pytest.MonkeyPatch
) -> None:
    _at(monkeypatch, SATURDAY)
    html = client.get(reverse("reports:start", args=["hill"])).content.decode()
    assert "Hill School reads reports Monday to Friday, 8am to 4pm." in html
    assert "Reports are not being read right now" in html and "on Monday at 8am" in html
    assert "Tell a trusted adult, or call the out-of-hours team." in html
    assert 'href="tel:999"' in html and "Childline" in html


def test_the_first_page_in_hours_gives_the_hours_without_the_warning(
    client: Client, routes: OrganisationRoutes, monkeypatch: pytest.MonkeyPatch
) -> None:
    _at(monkeypatch, TUESDAY)
    html = client.get(reverse("reports:start", args=["hill"])).content.decode()
    assert "Monday to Friday, 8am to 4pm" in html and "Reports are not being read right now" not in html
    assert 'id="not-read-now"' not in html


def test_the_receipt_out_of_hours_says_when_the_report_will_be_read(
    client: Client, routes: OrganisationRoutes, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_in_report(client, "hill")
    client.post(reverse("reports:check", args=["hill"]))
    _at(monkeypatch, SATURDAY)
    html = client.get(reverse("reports:sent", args=["hill"])).content.decode()
    assert "Your report has been sent" in html
    assert "Reports are not being read right now" in html and "on Monday at 8am" in html
    assert "Tell a trusted adult" in html


def test_without_hours_set_the_form_does_not_promise_a_quick_answer(client: Client, org: Organisation) -> None:
    html = client.get(reverse("reports:start", args=["hill"])).content.decode()
    assert "Hill School has not said when reports are read" in html


def test_out_of_hours_the_warning_comes_before_the_start_button(
    client: Client, routes: OrganisationRoutes, monkeypatch: pytest.MonkeyPatch
) -> None:
    _at(monkeypatch, SATURDAY)
    html = client.get(reverse("reports:start", args=["hill"])).content.decode()
    assert html.index('id="not-read-now"') < html.index("Start now")
