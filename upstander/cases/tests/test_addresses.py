"""The number a person sees and the address agree: case 1 of Hill School lives at /cases/hill-1/,
whatever its database id. The address is checked like any other: organisation and role."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Authority, Organisation, Role, User
from upstander.cases.models import Case

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(open_case: Callable[..., Case], other_org: Organisation) -> tuple[Case, Case]:
    elsewhere = open_case(organisation=other_org, account="Vale's first case")  # takes the first database id
    mine = open_case(account="Hill's first case")
    assert (mine.number, elsewhere.number) == (1, 1) and mine.pk != mine.number
    return mine, elsewhere


def test_case_1_lives_at_its_organisation_and_number(
    two: tuple[Case, Case], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    mine, _ = two
    assert reverse("cases:detail", args=[mine]) == "/cases/hill-1/"
    assert reverse("cases:triage", args=[mine]) == "/cases/hill-1/triage/"
    client = login_as(users[Role.DSL])
    queue = client.get("/cases/").content.decode()
    assert 'href="/cases/hill-1/" class="case-link">Case 1</a>' in queue
    page = client.get("/cases/hill-1/")
    assert page.status_code == 200 and page.context["case"] == mine
    assert "<h1>Case 1" in page.content.decode()


def test_an_address_with_the_database_id_still_opens_the_case(
    two: tuple[Case, Case], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    mine, elsewhere = two
    client = login_as(users[Role.DSL])
    assert client.get(f"/cases/{mine.pk}/").context["case"] == mine
    assert client.get(f"/cases/{elsewhere.pk}/").status_code == 404


def test_another_organisations_address_is_not_found(
    two: tuple[Case, Case], users: dict[str, User], login_as: Callable[[User], Client], make_user: Callable[..., User],
    other_org: Organisation, authority: Authority,
) -> None:  # fmt: skip
    mine, elsewhere = two
    assert login_as(users[Role.DSL]).get("/cases/vale-1/").status_code == 404
    assert login_as(users[Role.DSL]).get("/cases/nowhere-1/").status_code == 404
    theirs = make_user("dsl@vale.test", role=Role.DSL, organisation=other_org)
    assert login_as(theirs).get("/cases/vale-1/").context["case"] == elsewhere
    assert login_as(theirs).get("/cases/hill-1/").status_code == 404
    lead = users[Role.AUTHORITY_LEAD]
    assert login_as(lead).get("/cases/hill-1/").status_code == 404  # not escalated
    Case.objects.filter(pk=mine.pk).update(escalated_authority=authority)
    assert login_as(lead).get("/cases/hill-1/").context["case"] == mine
    assert login_as(lead).get("/cases/vale-1/").status_code == 404


def test_work_on_a_case_returns_to_its_address(
    two: tuple[Case, Case], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    response = login_as(users[Role.DSL]).post("/cases/hill-1/record/", {"kind": "note", "text": "Spoke to the pupil."})
    assert response.status_code == 302 and response["Location"].startswith("/cases/hill-1/")
