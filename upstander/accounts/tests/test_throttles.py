"""Issue 10, hole 6 (sign-in side): throttles that stop guessing but cannot be turned on the owner."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse

from upstander.accounts.models import User
from upstander.conftest import PASSWORD
from upstander.core.clientip import client_ip

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.66"


def _login(client: Client, email: str, password: str = PASSWORD) -> Any:
    return client.post(reverse("accounts:login"), {"email": email, "password": password})


def _signed_in(client: Client) -> bool:
    return client.get(reverse("core:home")).templates[0].name != "core/welcome.html"


def test_an_attacker_locking_the_account_does_not_keep_the_owners_browser_out(users: dict[str, User]) -> None:
    owner = Client(REMOTE_ADDR="192.0.2.10")
    assert _login(owner, "staff@hill.test").status_code == 302  # the owner's browser is now known
    owner.post(reverse("accounts:logout"))
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(5):
        _login(attacker, "staff@hill.test", "wrong password")
    users["staff"].refresh_from_db()
    assert users["staff"].locked_until is not None
    # The lock holds for new browsers, even with the right password...
    assert _login(Client(REMOTE_ADDR="198.51.100.7"), "staff@hill.test").status_code == 200
    # ...but not for the owner's own.
    assert _login(owner, "staff@hill.test").status_code == 302
    assert _signed_in(owner)


def test_a_forged_device_cookie_does_not_pass_the_lock(users: dict[str, User]) -> None:
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(5):
        _login(attacker, "staff@hill.test", "wrong password")
    attacker.cookies["upstander_device"] = f"eyJkIjoieCIsInUiOlt7{users['staff'].pk}fV19:forged:signature"
    assert _login(attacker, "staff@hill.test").status_code == 200


def test_the_locked_owner_gets_a_link_that_lets_a_new_browser_in(
    users: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    attacker = Client(REMOTE_ADDR=ATTACKER)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            _login(attacker, "staff@hill.test", "wrong password")
    assert [m.to for m in mail.outbox] == [["staff@hill.test"]]
    link = re.search(r"http://\S+/accounts/unlock/\S+/", mail.outbox[0].body)
    assert link is not None
    owner = Client(REMOTE_ADDR="192.0.2.10")
    assert owner.get(link.group(0).removeprefix("http://127.0.0.1:8000")).status_code == 200
    assert _login(owner, "staff@hill.test").status_code == 302
    # A tampered link does nothing.
    other = Client()
    assert other.get(reverse("accounts:unlock", args=["nonsense"])).status_code == 400
    assert _login(other, "staff@hill.test").status_code == 200


def test_one_address_guessing_many_accounts_is_stopped(
    users: dict[str, User], settings: Any, make_user: Any, org: Any
) -> None:
    settings.LOGIN_FAILURES_PER_ADDRESS = 6
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for role in ["staff", "dsl", "senior_leader", "org_admin", "deputy_dsl", "nobody"]:
        _login(attacker, f"{role}@hill.test", "wrong password")  # one try each: no account lock
    refused = _login(attacker, "staff@hill.test")  # even the right password, from this address
    assert refused.status_code == 429
    assert b"from this connection" in refused.content
    assert not _signed_in(attacker)
    # Another address is not affected, and neither account was locked.
    assert _login(Client(REMOTE_ADDR="192.0.2.10"), "staff@hill.test").status_code == 302


def test_the_owners_known_browser_gets_through_a_blocked_shared_address(users: dict[str, User], settings: Any) -> None:
    settings.LOGIN_FAILURES_PER_ADDRESS = 3
    owner = Client(REMOTE_ADDR="192.0.2.1")  # a school's one public address
    _login(owner, "staff@hill.test")
    owner.post(reverse("accounts:logout"))
    pupil = Client(REMOTE_ADDR="192.0.2.1")
    for _ in range(3):
        _login(pupil, "staff@hill.test", "guess")
    assert _login(pupil, "staff@hill.test").status_code == 429
    assert _login(owner, "staff@hill.test").status_code == 302


def test_wrong_passwords_from_a_known_browser_are_limited_too(users: dict[str, User]) -> None:
    shared = Client(REMOTE_ADDR="192.0.2.10")
    _login(shared, "staff@hill.test")
    shared.post(reverse("accounts:logout"))
    for _ in range(5):
        _login(shared, "staff@hill.test", "wrong password")
    users["staff"].refresh_from_db()
    assert users["staff"].locked_until is None  # counted against that browser, not the account
    # Past that browser's own limit it is a stranger again: its failures lock the account as usual,
    # and the lock then holds for it too. A known browser gives no endless guesses.
    for _ in range(5):
        _login(shared, "staff@hill.test", "wrong password")
    users["staff"].refresh_from_db()
    assert users["staff"].locked_until is not None
    assert _login(shared, "staff@hill.test").status_code == 200


def test_password_reset_emails_are_limited_per_account(client: Client, users: dict[str, User], settings: Any) -> None:
    for n in range(5):
        response = Client(REMOTE_ADDR=f"198.51.100.{n}").post(
            reverse("accounts:password_reset"), {"email": "staff@hill.test"}
        )
        assert response.status_code == 302  # the same answer every time: reveals nothing
    assert len(mail.outbox) == settings.PASSWORD_RESETS_PER_ACCOUNT


def test_password_reset_requests_are_limited_per_address(client: Client, users: dict[str, User], settings: Any) -> None:
    client = Client(REMOTE_ADDR=ATTACKER)
    statuses = [
        client.post(reverse("accounts:password_reset"), {"email": f"{role}@hill.test"}).status_code
        for role in ["staff", "dsl", "deputy_dsl", "senior_leader", "org_admin", "authority_lead"]
    ]
    assert statuses == [302] * settings.PASSWORD_RESETS_PER_ADDRESS + [429]
    assert len(mail.outbox) == settings.PASSWORD_RESETS_PER_ADDRESS


def test_a_spoofed_forwarded_header_is_ignored_when_no_proxy_is_trusted(settings: Any) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert client_ip(request) == ATTACKER


def test_behind_one_trusted_proxy_the_client_is_the_address_it_appended(settings: Any) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    forged_then_real = "10.9.9.9, 192.0.2.44"  # the client sent the first, the proxy appended the second
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forged_then_real)
    assert client_ip(request) == "192.0.2.44"
    garbage = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_ip(garbage) == "127.0.0.1"
    missing = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1")
    assert client_ip(missing) == "127.0.0.1"


def test_behind_a_proxy_one_guessing_client_does_not_block_everyone(users: dict[str, User], settings: Any) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_FAILURES_PER_ADDRESS = 3
    attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=ATTACKER)
    for role in ["dsl", "deputy_dsl", "senior_leader"]:
        _login(attacker, f"{role}@hill.test", "guess")
    assert _login(attacker, "org_admin@hill.test").status_code == 429
    # Changing the forged part of the header does not help: the proxy's entry is what counts.
    dodge = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.200, {ATTACKER}")
    assert _login(dodge, "org_admin@hill.test").status_code == 429
    colleague = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.10")
    assert _login(colleague, "staff@hill.test").status_code == 302
