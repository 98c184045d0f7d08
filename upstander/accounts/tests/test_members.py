from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Membership, Organisation, User

pytestmark = pytest.mark.django_db


def test_an_org_admin_adds_a_new_member_who_is_emailed_a_link(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation
) -> None:
    client = login_as(users["org_admin"])
    response = client.post(
        reverse("accounts:members"), {"full_name": "New Teacher", "email": "new@hill.test", "role": "staff"}
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@hill.test")
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, organisation=org, role="staff", is_active=True).exists()
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/" in mail.outbox[0].body


@pytest.mark.parametrize("role", ["staff", "dsl", "deputy_dsl", "senior_leader"])
def test_other_roles_cannot_manage_members(
    login_as: Callable[[User], Client], users: dict[str, User], role: str
) -> None:
    client = login_as(users[role])
    assert client.get(reverse("accounts:members")).status_code == 403
    response = client.post(reverse("accounts:members"), {"full_name": "X", "email": "x@hill.test", "role": "dsl"})
    assert response.status_code == 403
    assert not User.objects.filter(email="x@hill.test").exists()


def test_an_org_admin_cannot_touch_another_organisations_membership(
    login_as: Callable[[User], Client], users: dict[str, User], make_user: Callable[..., User], other_org: Organisation
) -> None:
    outsider = make_user("out@vale.test", role="dsl", organisation=other_org)
    membership = Membership.objects.get(user=outsider)
    client = login_as(users["org_admin"])
    assert client.post(reverse("accounts:member_revoke", args=[membership.pk])).status_code == 404
    membership.refresh_from_db()
    assert membership.is_active


def test_an_org_admin_removes_a_role_and_it_stops_working(
    login_as: Callable[[User], Client], users: dict[str, User]
) -> None:
    membership = Membership.objects.get(user=users["senior_leader"])
    admin = login_as(users["org_admin"])
    assert admin.post(reverse("accounts:member_revoke", args=[membership.pk])).status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active
    admin.logout()
    leader = login_as(users["senior_leader"])
    assert leader.get(reverse("people:list")).status_code == 403


def test_an_org_admin_can_require_two_factor_for_staff(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation
) -> None:
    client = login_as(users["org_admin"])
    response = client.post(
        reverse("accounts:organisation_settings"), {"require_2fa_for_staff": "on", "reporting_email": ""}
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.require_2fa_for_staff


def test_an_org_admin_makes_an_api_key_shown_once_and_can_revoke_it(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation
) -> None:
    from upstander.accounts.models import ApiKey

    client = login_as(users["org_admin"])
    page = client.post(reverse("accounts:api_keys"), {"name": "school app", "scopes": ["reports:write"]})
    secret = page.context["new_secret"]
    assert secret.startswith("up_") and secret.encode() in page.content
    key = ApiKey.objects.get()
    assert secret.split("_", 2)[2] not in key.secret_hash
    assert secret.encode() not in client.get(reverse("accounts:api_keys")).content
    client.post(reverse("accounts:api_key_revoke", args=[key.pk]))
    key.refresh_from_db()
    assert not key.is_active


@pytest.mark.parametrize("role", ["staff", "dsl", "deputy_dsl", "senior_leader"])
def test_other_roles_cannot_make_api_keys(
    login_as: Callable[[User], Client], users: dict[str, User], role: str
) -> None:
    response = login_as(users[role]).post(reverse("accounts:api_keys"), {"name": "x", "scopes": ["reports:write"]})
    assert response.status_code == 403
