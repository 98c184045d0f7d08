"""Recording a concern about a named pupil offers the organisation's own people, found by name (as you
type, or with the Find button without JavaScript); nobody else's, and only a name and year group."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from upstander.accounts.models import Organisation, Role, User
from upstander.cases.models import CaseParty, PartyRole
from upstander.cases.services import case_open_for_report
from upstander.people.models import Person
from upstander.reports.models import Report

pytestmark = pytest.mark.django_db

CONCERN = {
    "in_danger": "no",
    "reporter_role": "bystander",
    "reporter_name": "A pupil",
    "account": "Mean posts about Ava.",
}


@pytest.fixture
def ava(org: Organisation) -> Person:
    return Person.objects.create(organisation=org, first_name="Ava", last_name="Stone", year_group="9",
                                 class_name="9B", external_id="UPN123", special_educational_needs=True)  # fmt: skip


def test_the_lookup_finds_the_organisations_people_with_minimal_fields(
    ava: Person, other_org: Organisation, users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    Person.objects.create(organisation=other_org, first_name="Ava", last_name="Elsewhere")
    data = login_as(users[Role.STAFF]).get("/people/lookup/", {"q": "ava"}).json()
    assert data == {
        "results": [{"id": ava.pk, "label": "Ava Stone (Year 9, 9B)"}]
    }  # no MIS number, needs or birth date


def test_the_lookup_is_for_members_only(
    ava: Person, users: dict[str, User], login_as: Callable[[User], Client], client: Client
) -> None:
    assert client.get("/people/lookup/", {"q": "ava"}).status_code == 302
    assert login_as(users[Role.AUTHORITY_LEAD]).get("/people/lookup/", {"q": "ava"}).status_code == 403
    assert login_as(users[Role.STAFF]).post("/people/lookup/", {"q": "ava"}).status_code == 405
    assert login_as(users[Role.STAFF]).get("/people/lookup/", {"q": "a"}).json() == {"results": []}


def test_without_javascript_find_shows_the_people_and_keeps_what_was_typed(
    ava: Person, users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    client = login_as(users[Role.STAFF])
    response = client.post("/reports/record/", {**CONCERN, "person_search": "stone", "find_person": "1"})
    page = response.content.decode()
    assert response.status_code == 200 and not Report.objects.exists()
    assert "Ava Stone (Year 9, 9B)" in page and "Mean posts about Ava." in page
    assert "There is a problem" not in page


def test_a_chosen_person_reaches_the_case_as_named(
    ava: Person, users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    response = login_as(users[Role.STAFF]).post("/reports/record/", {**CONCERN, "named_people": [ava.pk]})
    assert response.status_code == 302
    report = Report.objects.get()
    assert list(report.named_people.all()) == [ava]
    case = case_open_for_report(report=report)
    assert CaseParty.objects.filter(case=case, person=ava, role=PartyRole.NAMED).exists()


def test_another_organisations_person_cannot_be_chosen(
    other_org: Organisation, users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    stranger = Person.objects.create(organisation=other_org, first_name="Zed", last_name="Far")
    response = login_as(users[Role.STAFF]).post("/reports/record/", {**CONCERN, "named_people": [stranger.pk]})
    assert response.status_code == 400 and not Report.objects.exists()
    assert "Choose people from the list found." in response.content.decode()
