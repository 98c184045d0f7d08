from __future__ import annotations

from collections.abc import Callable

import pyotp
import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Organisation, User
from upstander.accounts.services import totp_new_secret
from upstander.audit.models import AuditEvent
from upstander.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client: Client, email: str, password: str = PASSWORD) -> object:
    return client.post(reverse("accounts:login"), {"email": email, "password": password})


def _enrol(user: User) -> pyotp.TOTP:
    secret = totp_new_secret()
    user.totp_secret = secret
    user.totp_confirmed_at = user.date_joined
    user.save()
    return pyotp.TOTP(secret)


def test_it_signs_in_a_member_of_staff_with_a_password_only(client: Client, users: dict[str, User]) -> None:
    response = _login(client, "staff@hill.test")
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    assert AuditEvent.objects.filter(action="logged_in", actor_id=users["staff"].pk).exists()


def test_it_rejects_a_wrong_password_without_saying_whether_the_account_exists(
    client: Client, users: dict[str, User]
) -> None:
    wrong = _login(client, "staff@hill.test", "nope")
    unknown = _login(client, "nobody@hill.test", "nope")
    assert wrong.status_code == unknown.status_code == 200
    assert b"not recognised" in wrong.content and b"not recognised" in unknown.content
    assert AuditEvent.objects.filter(action="login_failed", actor_id=users["staff"].pk).count() == 1


def test_it_locks_the_account_after_repeated_failures(client: Client, users: dict[str, User], settings: object) -> None:
    for _ in range(5):
        _login(client, "staff@hill.test", "wrong password")
    users["staff"].refresh_from_db()
    assert users["staff"].locked_until is not None
    # Even the right password is refused while locked.
    response = _login(client, "staff@hill.test")
    assert response.status_code == 200
    assert client.get(reverse("core:home")).templates[0].name == "core/welcome.html"
    assert AuditEvent.objects.filter(action="locked_out", actor_id=users["staff"].pk).exists()


def test_it_asks_a_dsl_to_set_up_two_factor_before_anything_else(client: Client, users: dict[str, User]) -> None:
    response = _login(client, "dsl@hill.test")
    assert response.status_code == 302
    page = client.get(reverse("people:list"))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:two_factor_setup"))


def test_it_enables_two_factor_with_a_code_from_the_new_secret(client: Client, users: dict[str, User]) -> None:
    _login(client, "dsl@hill.test")
    page = client.get(reverse("accounts:two_factor_setup"))
    assert b"<svg" in page.content
    secret = page.context["secret"]
    response = client.post(reverse("accounts:two_factor_setup"), {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    users["dsl"].refresh_from_db()
    assert users["dsl"].has_totp
    assert client.get(reverse("people:list")).status_code == 200


def test_it_refuses_a_wrong_setup_code(client: Client, users: dict[str, User]) -> None:
    _login(client, "dsl@hill.test")
    client.get(reverse("accounts:two_factor_setup"))
    response = client.post(reverse("accounts:two_factor_setup"), {"code": "000000"})
    assert response.status_code == 200
    assert b"did not match" in response.content
    users["dsl"].refresh_from_db()
    assert not users["dsl"].has_totp


def test_it_signs_in_with_a_code_and_refuses_the_same_code_twice(users: dict[str, User]) -> None:
    totp = _enrol(users["dsl"])
    first = Client()
    _login(first, "dsl@hill.test")
    code = totp.now()
    assert first.post(reverse("accounts:two_factor"), {"code": code}).status_code == 302
    assert first.get(reverse("people:list")).status_code == 200
    second = Client()
    _login(second, "dsl@hill.test")
    replay = second.post(reverse("accounts:two_factor"), {"code": code})
    assert replay.status_code == 200
    assert b"already used" in replay.content
    assert second.get(reverse("people:list")).status_code == 302


def test_wrong_codes_count_towards_lockout(client: Client, users: dict[str, User]) -> None:
    _enrol(users["dsl"])
    _login(client, "dsl@hill.test")
    for _ in range(5):
        client.post(reverse("accounts:two_factor"), {"code": "123456"})
    users["dsl"].refresh_from_db()
    assert users["dsl"].locked_until is not None


def test_staff_need_two_factor_when_the_organisation_asks(
    client: Client, users: dict[str, User], org: Organisation
) -> None:
    org.require_2fa_for_staff = True
    org.save()
    _login(client, "staff@hill.test")
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert reverse("accounts:two_factor_setup") in response["Location"]


def test_a_signed_in_member_of_staff_given_a_safeguarding_role_must_give_a_second_factor_at_once(
    client: Client, users: dict[str, User], org: Organisation
) -> None:
    from upstander.accounts.models import Membership

    _login(client, "staff@hill.test")
    assert client.get(reverse("core:home")).status_code == 200
    Membership.objects.create(user=users["staff"], role="dsl", organisation=org)
    response = client.get(reverse("cases:queue"))
    assert response.status_code == 302
    assert reverse("accounts:two_factor_setup") in response["Location"]


def test_staff_already_signed_in_are_asked_once_the_organisation_requires_two_factor(
    client: Client, users: dict[str, User], org: Organisation
) -> None:
    _login(client, "staff@hill.test")
    assert client.get(reverse("reports:record")).status_code == 200
    org.require_2fa_for_staff = True
    org.save()
    response = client.get(reverse("reports:record"))
    assert response.status_code == 302
    assert reverse("accounts:two_factor_setup") in response["Location"]


def test_it_ignores_a_next_address_on_another_site(client: Client, users: dict[str, User]) -> None:
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"email": "staff@hill.test", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("core:home")


def test_logout_rejects_get(login_as: Callable[[User], Client], users: dict[str, User]) -> None:
    client = login_as(users["staff"])
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
