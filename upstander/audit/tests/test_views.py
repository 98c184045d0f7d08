from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Organisation, User
from upstander.audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_a_dsl_reads_the_trail_of_an_object_in_their_organisation(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation, other_org: Organisation
) -> None:
    audit_record(
        action="viewed",
        actor_label="mine@hill.test",
        organisation_id=org.pk,
        object_type="people.person",
        object_id="7",
    )
    audit_record(
        action="viewed",
        actor_label="theirs@vale.test",
        organisation_id=other_org.pk,
        object_type="people.person",
        object_id="7",
    )
    response = login_as(users["dsl"]).get(reverse("audit:object", args=["people.person", "7"]))
    assert response.status_code == 200
    assert b"mine@hill.test" in response.content
    assert b"theirs@vale.test" not in response.content


@pytest.mark.parametrize("role", ["staff", "senior_leader", "org_admin"])
def test_other_roles_cannot_read_the_trail(
    login_as: Callable[[User], Client], users: dict[str, User], role: str
) -> None:
    client = login_as(users[role])
    assert client.get(reverse("audit:list")).status_code == 403
    assert client.get(reverse("audit:object", args=["people.person", "1"])).status_code == 403


def test_the_trail_list_filters_by_action(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation
) -> None:
    audit_record(action="exported", actor_label="a@hill.test", organisation_id=org.pk)
    audit_record(action="viewed", actor_label="b@hill.test", organisation_id=org.pk)
    response = login_as(users["deputy_dsl"]).get(reverse("audit:list"), {"action": "exported"})
    assert b"a@hill.test" in response.content
    assert b"b@hill.test" not in response.content


def test_the_trail_rejects_post(login_as: Callable[[User], Client], users: dict[str, User]) -> None:
    assert login_as(users["dsl"]).post(reverse("audit:list")).status_code == 405


def test_signed_out_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get(reverse("audit:list"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
