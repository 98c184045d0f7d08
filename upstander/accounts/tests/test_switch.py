from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Membership, Organisation, User

pytestmark = pytest.mark.django_db


def test_a_member_of_two_organisations_can_switch_between_them(
    login_as: Callable[[User], Client], users: dict[str, User], other_org: Organisation
) -> None:
    dsl = users["dsl"]
    Membership.objects.create(user=dsl, role="senior_leader", organisation=other_org)
    client = login_as(dsl)
    assert client.get(reverse("core:home")).context["actor"].context.name == "Hill School"
    response = client.post(reverse("accounts:switch"), {"context": f"org:{other_org.pk}"})
    assert response.status_code == 302
    home = client.get(reverse("core:home"))
    assert home.context["actor"].context.name == "Vale College"
    assert home.context["actor"].roles == frozenset({"senior_leader"})


def test_it_refuses_to_switch_into_an_organisation_the_user_is_not_in(
    login_as: Callable[[User], Client], users: dict[str, User], other_org: Organisation
) -> None:
    client = login_as(users["dsl"])
    client.post(reverse("accounts:switch"), {"context": f"org:{other_org.pk}"})
    assert client.get(reverse("core:home")).context["actor"].context.name == "Hill School"


def test_switching_rejects_get(login_as: Callable[[User], Client], users: dict[str, User]) -> None:
    assert login_as(users["dsl"]).get(reverse("accounts:switch")).status_code == 405
