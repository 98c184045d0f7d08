"""Merging a case offers the cases that share its people, handles or words, not a blank number box."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from upstander.accounts.models import Organisation, Role, User
from upstander.cases.models import Case, CaseParty, PartyRole

pytestmark = pytest.mark.django_db


def test_the_merge_page_offers_cases_mentioning_the_same_handle(
    open_case: Callable[..., Case], org: Organisation, other_org: Organisation, users: dict[str, User],
    login_as: Callable[[User], Client],
) -> None:  # fmt: skip
    case = open_case(account="Mean comments", people_involved="jay_k_2011 on Instagram")
    sharing = open_case(account="He messaged me as jay_k_2011 last night")
    unrelated = open_case(account="Someone else entirely")
    elsewhere = open_case(organisation=other_org, account="jay_k_2011 here too")
    client = login_as(users[Role.DSL])
    page = client.get(f"/cases/{case.pk}/merge/").content.decode()
    assert f"Case {sharing.number}:" in page and "mentions jay_k_2011 too" in page
    assert f"Case {unrelated.number}:" not in page
    assert f'value="{elsewhere.pk}"' not in page
    response = client.post(f"/cases/{case.pk}/merge/", {"other": sharing.pk, "reason": "Same account, same target."})
    assert response.status_code == 302
    sharing.refresh_from_db()
    assert sharing.merged_into_id == case.pk


def test_a_shared_person_record_is_offered(
    open_case: Callable[..., Case], org: Organisation, users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    from upstander.people.models import Person

    person = Person.objects.create(organisation=org, first_name="Ava", last_name="Stone")
    case, other = open_case(), open_case(account="Another thing")
    for c in (case, other):
        CaseParty.objects.create(case=c, organisation=org, role=PartyRole.TARGET, person=person)
    page = login_as(users[Role.DSL]).get(f"/cases/{case.pk}/merge/").content.decode()
    assert "names Ava Stone too" in page


def test_merging_without_a_choice_says_what_to_do(
    open_case: Callable[..., Case], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    case = open_case(people_involved="jay_k_2011")
    open_case(account="jay_k_2011 again")
    response = login_as(users[Role.DSL]).post(f"/cases/{case.pk}/merge/", {"reason": "x"})
    assert "Choose the case to merge into this one, or give its number." in response.content.decode()


def test_the_number_still_works_when_nothing_is_suggested(
    open_case: Callable[..., Case], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    case, other = open_case(account="one"), open_case(account="two")
    response = login_as(users[Role.DSL]).post(f"/cases/{case.pk}/merge/", {"other_number": other.number, "reason": "x"})
    assert response.status_code == 302
