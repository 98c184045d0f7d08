"""One-time recovery codes: a lost phone does not need an administrator."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import pyotp
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from upstander.accounts import services
from upstander.accounts.models import RecoveryCode, User
from upstander.audit.models import AuditEvent
from upstander.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _enrol(user: User) -> None:
    user.totp_secret = pyotp.random_base32()
    user.totp_confirmed_at = user.date_joined
    user.save()


def test_setting_up_two_factor_shows_ten_codes_once_and_keeps_only_hashes(
    client: Client, users: dict[str, User]
) -> None:
    client.post(reverse("accounts:login"), {"email": "dsl@hill.test", "password": PASSWORD})
    secret = client.get(reverse("accounts:two_factor_setup")).context["secret"]
    response = client.post(reverse("accounts:two_factor_setup"), {"code": pyotp.TOTP(secret).now()})
    assert response["Location"].startswith(reverse("accounts:recovery_codes"))
    page = client.get(response["Location"])
    codes = page.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert page["Cache-Control"] == "no-store"
    stored = set(RecoveryCode.objects.filter(user=users["dsl"]).values_list("code_hash", flat=True))
    assert stored == {hashlib.sha256(c.replace("-", "").encode()).hexdigest() for c in codes}
    assert not any(c.encode() in b"".join(s.encode() for s in stored) for c in codes)
    assert client.get(reverse("accounts:recovery_codes")).context["codes"] == []  # shown once


def test_a_recovery_code_signs_in_once_and_is_audited(
    users: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    _enrol(users["dsl"])
    codes = services.recovery_codes_generate(user=users["dsl"], request=None)
    first = Client()
    first.post(reverse("accounts:login"), {"email": "dsl@hill.test", "password": PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        response = first.post(reverse("accounts:two_factor"), {"recovery_code": codes[0].upper()})
    assert response.status_code == 302
    assert first.get(reverse("cases:queue")).status_code == 200
    assert AuditEvent.objects.filter(detail__recovery_code="used", actor_id=users["dsl"].pk).exists()
    assert any("recovery code was used" in m.subject for m in mail.outbox)

    second = Client()
    second.post(reverse("accounts:login"), {"email": "dsl@hill.test", "password": PASSWORD})
    again = second.post(reverse("accounts:two_factor"), {"recovery_code": codes[0]})
    assert again.status_code == 200
    assert b"already used" in again.content
    assert second.get(reverse("cases:queue")).status_code == 302


def test_wrong_recovery_codes_count_towards_the_lock(client: Client, users: dict[str, User]) -> None:
    _enrol(users["dsl"])
    services.recovery_codes_generate(user=users["dsl"], request=None)
    client.post(reverse("accounts:login"), {"email": "dsl@hill.test", "password": PASSWORD})
    for _ in range(5):
        client.post(reverse("accounts:two_factor"), {"recovery_code": "aaaa-bbbb-cccc-dddd"})
    users["dsl"].refresh_from_db()
    assert users["dsl"].locked_until is not None


def test_new_codes_from_the_account_page_replace_the_old_ones(
    login_as: Callable[[User], Client], users: dict[str, User]
) -> None:
    _enrol(users["dsl"])
    old = services.recovery_codes_generate(user=users["dsl"], request=None)
    client = login_as(users["dsl"])
    assert b"10 unused recovery codes" in client.get(reverse("accounts:account")).content
    response = client.post(reverse("accounts:recovery_codes_new"))
    new = client.get(response["Location"]).context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    assert not services.recovery_code_use(user=users["dsl"], code=old[0], request=None)
    assert services.recovery_code_use(user=users["dsl"], code=new[0], request=None)


def test_a_password_alone_cannot_make_new_recovery_codes(client: Client, users: dict[str, User]) -> None:
    # Staff do not need a second factor to sign in; one who set it up must still give it first.
    _enrol(users["staff"])
    client.post(reverse("accounts:login"), {"email": "staff@hill.test", "password": PASSWORD})
    response = client.post(reverse("accounts:recovery_codes_new"))
    assert response["Location"].startswith(reverse("accounts:two_factor"))
    assert not RecoveryCode.objects.filter(user=users["staff"]).exists()
