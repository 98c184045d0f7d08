from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Organisation, User
from upstander.audit.models import AuditEvent
from upstander.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def pupil(org: Organisation) -> Person:
    return Person.objects.create(organisation=org, first_name="Ada", last_name="Lovelace", year_group="Year 8")


@pytest.fixture
def outsider(other_org: Organisation) -> Person:
    return Person.objects.create(organisation=other_org, first_name="Other", last_name="Pupil")


READ = {"dsl", "deputy_dsl", "senior_leader", "org_admin"}
WRITE = {"dsl", "deputy_dsl", "org_admin"}
ROLES = ["staff", "dsl", "deputy_dsl", "senior_leader", "org_admin", "authority_lead"]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_the_people_pages_it_should(
    login_as: Callable[[User], Client], users: dict[str, User], pupil: Person, role: str
) -> None:
    client = login_as(users[role])
    expected_read = 200 if role in READ else 403
    expected_write = 200 if role in WRITE else 403
    assert client.get(reverse("people:list")).status_code == expected_read
    assert client.get(reverse("people:detail", args=[pupil.pk])).status_code == expected_read
    assert client.get(reverse("people:create")).status_code == expected_write
    assert client.get(reverse("people:change", args=[pupil.pk])).status_code == expected_write


@pytest.mark.parametrize("role", sorted(READ))
def test_another_organisations_person_is_not_found(
    login_as: Callable[[User], Client], users: dict[str, User], outsider: Person, role: str
) -> None:
    client = login_as(users[role])
    assert client.get(reverse("people:detail", args=[outsider.pk])).status_code == 404
    if role in WRITE:
        response = client.post(reverse("people:change", args=[outsider.pk]), {"kind": "pupil", "first_name": "Hacked"})
        assert response.status_code == 404
    outsider.refresh_from_db()
    assert outsider.first_name == "Other"
    listing = client.get(reverse("people:list"), {"q": "Other"}).content.decode()
    assert f"/people/{outsider.pk}/" not in listing


def test_viewing_a_person_is_audited(login_as: Callable[[User], Client], users: dict[str, User], pupil: Person) -> None:
    login_as(users["dsl"]).get(reverse("people:detail", args=[pupil.pk]))
    event = AuditEvent.objects.get(action="viewed", object_type="people.person", object_id=str(pupil.pk))
    assert event.actor_id == users["dsl"].pk
    assert event.organisation_id == pupil.organisation_id
    assert event.ip_address == "127.0.0.1"


def test_a_dsl_adds_a_person(login_as: Callable[[User], Client], users: dict[str, User], org: Organisation) -> None:
    response = login_as(users["dsl"]).post(
        reverse("people:create"),
        {
            "kind": "pupil",
            "first_name": "Grace",
            "last_name": "Hopper",
            "year_group": "Year 9",
            "date_of_birth": "2012-05-01",
            "looked_after": "on",
        },
    )
    person = Person.objects.get(first_name="Grace")
    assert response["Location"] == reverse("people:detail", args=[person.pk])
    assert person.organisation == org
    assert person.looked_after
    assert AuditEvent.objects.filter(action="created", object_id=str(person.pk)).exists()


def test_adding_a_person_without_a_name_says_what_to_fix(
    login_as: Callable[[User], Client], users: dict[str, User]
) -> None:
    response = login_as(users["dsl"]).post(reverse("people:create"), {"kind": "pupil"})
    assert response.status_code == 200
    assert b"Give a first name or last name" in response.content
    assert not Person.objects.exists()


def test_a_change_is_audited_with_the_fields_changed(
    login_as: Callable[[User], Client], users: dict[str, User], pupil: Person
) -> None:
    response = login_as(users["deputy_dsl"]).post(
        reverse("people:change", args=[pupil.pk]),
        {
            "kind": "pupil",
            "first_name": "Ada",
            "last_name": "Lovelace",
            "year_group": "Year 9",
            "special_educational_needs": "on",
        },
    )
    assert response.status_code == 302
    pupil.refresh_from_db()
    assert pupil.year_group == "Year 9"
    event = AuditEvent.objects.get(action="changed", object_id=str(pupil.pk))
    assert sorted(event.detail["fields"]) == ["special_educational_needs", "year_group"]


def test_a_duplicate_mis_identifier_is_refused(
    login_as: Callable[[User], Client], users: dict[str, User], pupil: Person, org: Organisation
) -> None:
    Person.objects.create(organisation=org, first_name="Other", external_id="UPN1")
    response = login_as(users["dsl"]).post(
        reverse("people:change", args=[pupil.pk]), {"kind": "pupil", "first_name": "Ada", "external_id": "UPN1"}
    )
    assert response.status_code == 200
    assert b"already has this MIS identifier" in response.content


def test_the_list_searches_by_name(
    login_as: Callable[[User], Client], users: dict[str, User], pupil: Person, org: Organisation
) -> None:
    Person.objects.create(organisation=org, first_name="Charles", last_name="Babbage")
    response = login_as(users["dsl"]).get(reverse("people:list"), {"q": "love"})
    assert b"Ada Lovelace" in response.content
    assert b"Babbage" not in response.content


def test_the_people_list_rejects_post(login_as: Callable[[User], Client], users: dict[str, User]) -> None:
    assert login_as(users["dsl"]).post(reverse("people:list")).status_code == 405


def test_the_year_filter_lists_each_year_group_once(
    org: Organisation, users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    from upstander.people.models import Person
    from upstander.people.selectors import year_groups

    for first in ("Ava", "Ben", "Cal", "Dee", "Eve", "Fay"):
        Person.objects.create(organisation=org, first_name=first, last_name=first, year_group="Year 7")
    Person.objects.create(organisation=org, first_name="Gus", year_group="Year 10")
    assert year_groups(organisation_id=org.pk) == ["Year 7", "Year 10"]
    page = login_as(users["dsl"]).get("/people/").content.decode()
    assert page.count('<option value="Year 7"') == 1
