"""What insights must refuse: a senior leader reaching a case or a name, exports for anyone but the
safeguarding leads, and the area view leaking a small number."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from upstander.accounts.models import Organisation, User
from upstander.cases.models import Case
from upstander.insights import report_pdf, terms
from upstander.people.models import Person

SENIOR_URLS = [
    "/insights/",
    "/insights/?term=2026-autumn",
    "/insights/?from=2020-01-01&to=2030-12-31",
    "/insights/log/",
    "/insights/log/?from=2020-01-01&to=2030-12-31",
    "/insights/log/export/?format=csv&free_text=1",
    "/insights/log/export/?format=xlsx",
    "/insights/area/",
    "/insights/report.pdf",
]


@pytest.fixture
def repeat_cases(make_case: Callable[..., Case], pupil: Person, org: Organisation) -> list[Case]:
    bully = Person.objects.create(organisation=org, first_name="Bartholomew", last_name="Grimsby", year_group="Year 9")
    made = [make_case(categories=["insult"], target=pupil, perpetrator=bully) for _ in range(3)]
    made[0].status, made[0].reviewed_at = "reviewed", made[0].opened_at
    made[0].review = {"policies": "Add group chats to the policy", "education": ""}
    made[0].save()
    secret = make_case(categories=["sexual"], target=pupil, playbook="sexual_images")
    secret.status, secret.reviewed_at = "reviewed", secret.opened_at
    secret.review = {"policies": "LEADS ONLY REVIEW TEXT", "education": ""}
    secret.save()
    return [*made, secret]


@pytest.mark.parametrize("url", SENIOR_URLS)
def test_a_senior_leader_reaches_no_case_and_no_name_through_any_insights_address(
    url: str, repeat_cases: list[Case], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    response = login_as(users["senior_leader"]).get(url)
    body = response.content.decode("latin-1")
    assert not re.search(r"/cases/\d+/", body)
    assert "/cases/?" not in body
    for secret in (
        "Zephyrine",
        "Quibble",
        "Bartholomew",
        "Grimsby",
        "SECRET SUMMARY",
        "LEADS ONLY REVIEW TEXT",
        "Free text",
    ):
        assert secret not in body


def test_the_senior_leaders_dashboard_still_counts_repeats_and_shows_what_changed(
    repeat_cases: list[Case], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    response = login_as(users["senior_leader"]).get("/insights/")
    assert response.context["targets"].people == 1 and response.context["targets"].listed == []
    assert "Add group chats to the policy" in response.content.decode()
    assert response.context["charts"]


def test_the_dsl_follows_repeat_figures_to_the_people_and_cases(
    repeat_cases: list[Case], users: dict[str, User], login_as: Callable[[User], Client], pupil: Person
) -> None:
    html = login_as(users["dsl"]).get("/insights/").content.decode()
    assert f"/cases/?status=all&amp;person_id={pupil.pk}" in html and "Zephyrine Quibble" in html
    assert "LEADS ONLY REVIEW TEXT" in html


@pytest.mark.parametrize("role", ["staff", "senior_leader", "org_admin", "authority_lead"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_are_refused_to_everyone_but_the_safeguarding_leads(
    role: str, fmt: str, repeat_cases: list[Case], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    from upstander.audit.models import AuditEvent

    response = login_as(users[role]).get(f"/insights/log/export/?format={fmt}")
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="exported").exists()


def test_the_governors_report_names_nobody(repeat_cases: list[Case], org: Organisation) -> None:
    period = terms.date_range(repeat_cases[0].opened_at.date().replace(day=1), repeat_cases[0].opened_at.date())
    report = report_pdf.build_organisation_report(organisation_id=org.pk, period=period)
    written = " ".join(report.figures)
    assert "Zephyrine" not in written and "Grimsby" not in written
    for figure in report.figures:
        number = figure.replace(",", "")
        assert not (number.isdigit() and int(number) < 5), figure
