"""The permission functions as a table: every role, in and out of the case's organisation."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from upstander.accounts.actor import Actor, Context
from upstander.cases import permissions

ORG, OTHER_ORG, AUTHORITY, OTHER_AUTHORITY = 1, 2, 10, 20


@dataclass
class FakeCase:
    organisation_id: int = ORG
    playbook: str = ""
    escalated_authority_id: int | None = None


@dataclass
class FakeItem:
    who: str


def actor(role: str, *, organisation: int = ORG, authority: int = AUTHORITY) -> Actor:
    if role == "authority_lead":
        return Actor(user_id=1, context=Context("authority", authority, "LA", frozenset({role})))
    return Actor(user_id=1, context=Context("org", organisation, "School", frozenset({role})))


@pytest.mark.parametrize(
    ("role", "view", "work"),
    [
        ("staff", False, False),
        ("dsl", True, True),
        ("deputy_dsl", True, True),
        ("senior_leader", True, False),
        ("org_admin", False, False),
        ("authority_lead", True, False),
    ],
)
def test_each_role_may_view_and_work_cases_as_the_issue_says(role: str, view: bool, work: bool) -> None:
    assert permissions.can_view_cases(actor(role)) is view
    assert permissions.can_work_cases(actor(role)) is work


@pytest.mark.parametrize("role", ["dsl", "deputy_dsl", "senior_leader"])
def test_nobody_views_another_organisations_case(role: str) -> None:
    assert not permissions.can_view_case(actor(role, organisation=OTHER_ORG), FakeCase())
    assert not permissions.can_work_case(actor(role, organisation=OTHER_ORG), FakeCase())


def test_an_authority_lead_sees_only_cases_escalated_to_their_authority() -> None:
    lead = actor("authority_lead")
    assert not permissions.can_view_case(lead, FakeCase())
    assert permissions.can_view_case(lead, FakeCase(escalated_authority_id=AUTHORITY))
    assert not permissions.can_view_case(lead, FakeCase(escalated_authority_id=OTHER_AUTHORITY))
    assert not permissions.can_work_case(lead, FakeCase(escalated_authority_id=AUTHORITY))
    assert not permissions.can_add_note(lead, FakeCase(escalated_authority_id=AUTHORITY))


def test_a_sexual_images_case_is_hidden_from_senior_leaders_but_not_the_leads() -> None:
    case = FakeCase(playbook="sexual_images")
    assert not permissions.can_view_case(actor("senior_leader"), case)
    assert permissions.can_view_case(actor("dsl"), case)
    assert permissions.can_view_case(actor("deputy_dsl"), case)


def test_a_senior_leader_ticks_only_the_steps_seed_002_gives_senior_leaders() -> None:
    senior = actor("senior_leader")
    assert permissions.can_tick_playbook_item(senior, FakeCase(), FakeItem(who="senior_leader"))
    assert not permissions.can_tick_playbook_item(senior, FakeCase(), FakeItem(who="dsl"))
    assert permissions.can_tick_playbook_item(actor("dsl"), FakeCase(), FakeItem(who="senior_leader"))
    assert not permissions.can_tick_playbook_item(actor("staff"), FakeCase(), FakeItem(who="senior_leader"))


def test_a_senior_leader_may_add_notes_but_staff_may_not() -> None:
    assert permissions.can_add_note(actor("senior_leader"), FakeCase())
    assert not permissions.can_add_note(actor("staff"), FakeCase())
    assert not permissions.can_add_note(actor("org_admin"), FakeCase())
