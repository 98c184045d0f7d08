"""The permission functions as a table: each role can reach what it should and nothing else."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from upstander.accounts import permissions
from upstander.accounts.actor import Actor, Context


@dataclass
class Thing:
    organisation_id: int


def actor(*roles: str, org: int = 1) -> Actor:
    return Actor(user_id=1, context=Context(kind="org", id=org, name="Org", roles=frozenset(roles)))


ALL_ROLES = ["staff", "dsl", "deputy_dsl", "senior_leader", "org_admin"]
EXPECTED = {
    # function: roles that may
    "can_view_people": {"dsl", "deputy_dsl", "senior_leader", "org_admin"},
    "can_manage_people": {"dsl", "deputy_dsl", "org_admin"},
    "can_view_audit_trail": {"dsl", "deputy_dsl"},
    "can_manage_members": {"org_admin"},
    "can_change_organisation_settings": {"org_admin"},
    "can_record_report": {"staff", "dsl", "deputy_dsl", "senior_leader", "org_admin"},
    "can_view_reports": {"dsl", "deputy_dsl"},
}


@pytest.mark.parametrize("function", sorted(EXPECTED))
@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_gets_exactly_its_permissions(function: str, role: str) -> None:
    allowed = getattr(permissions, function)(actor(role))
    assert allowed == (role in EXPECTED[function])


@pytest.mark.parametrize("function", sorted(EXPECTED))
def test_an_authority_lead_has_no_organisation_permissions(function: str) -> None:
    lead = Actor(user_id=1, context=Context(kind="authority", id=1, name="LA", roles=frozenset({"authority_lead"})))
    assert getattr(permissions, function)(lead) is False


def test_nobody_may_view_a_person_of_another_organisation() -> None:
    for role in ALL_ROLES:
        assert not permissions.can_view_person(actor(role, org=1), Thing(organisation_id=2))
        assert not permissions.can_change_person(actor(role, org=1), Thing(organisation_id=2))


def test_a_dsl_may_view_and_change_a_person_of_their_organisation() -> None:
    assert permissions.can_view_person(actor("dsl"), Thing(organisation_id=1))
    assert permissions.can_change_person(actor("dsl"), Thing(organisation_id=1))


def test_a_user_without_an_organisation_may_do_nothing() -> None:
    nobody = Actor(user_id=1, context=None)
    assert not any(getattr(permissions, name)(nobody) for name in EXPECTED)


@pytest.mark.parametrize(
    ("roles", "staff_required", "expected"),
    [
        ({"staff"}, False, False),
        ({"staff"}, True, True),
        ({"dsl"}, False, True),
        ({"staff", "senior_leader"}, False, True),
        ({"authority_lead"}, False, True),
        (set(), True, False),
    ],
)
def test_two_factor_is_required_for_every_role_but_staff(roles: set[str], staff_required: bool, expected: bool) -> None:
    assert permissions.requires_two_factor(roles=roles, staff_2fa_required=staff_required) is expected
