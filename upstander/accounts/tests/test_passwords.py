"""Weak passwords are refused wherever one is set; the owner is told when theirs changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from upstander.accounts import services
from upstander.accounts.models import User
from upstander.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

WEAK = ["aaaaaaaaaaaa", "abcabcabcabc", "123456789012", "abcdefghijklm", "password1234", "short"]


@pytest.mark.parametrize("weak", WEAK)
def test_the_validators_refuse_weak_passwords(weak: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(weak)


@pytest.mark.parametrize("good", ["correct horse battery staple", "upstander-demo", "violin tulip 42 harbour"])
def test_the_validators_accept_a_few_unrelated_words(good: str) -> None:
    validate_password(good)


def _reset_url(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("accounts:password_reset_confirm", args=[uid, default_token_generator.make_token(user)])


def test_the_reset_link_refuses_a_weak_password(client: Client, users: dict[str, User]) -> None:
    form_url = client.get(_reset_url(users["staff"]))["Location"]
    response = client.post(form_url, {"new_password1": "aaaaaaaaaaaa", "new_password2": "aaaaaaaaaaaa"})
    assert response.status_code == 200
    assert b"repeated or straight run" in response.content
    users["staff"].refresh_from_db()
    assert not users["staff"].check_password("aaaaaaaaaaaa")


def test_a_new_password_by_reset_link_is_audited_and_the_owner_told(
    client: Client, users: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    form_url = client.get(_reset_url(users["staff"]))["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            form_url, {"new_password1": "violin tulip harbour", "new_password2": "violin tulip harbour"}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["staff@hill.test"]]
    assert "password was changed" in mail.outbox[0].subject
    row = AuditEvent.objects.get(detail__password="changed")
    assert row.detail["organisations"] == ["Hill School"]


def test_the_account_page_changes_a_password_only_to_a_strong_one(
    login_as: Callable[[User], Client], users: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    from upstander.conftest import PASSWORD

    client = login_as(users["staff"])
    weak = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "123456789012", "new_password2": "123456789012"},
    )
    assert weak.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        good = client.post(
            reverse("accounts:password_change"),
            {
                "old_password": PASSWORD,
                "new_password1": "violin tulip harbour",
                "new_password2": "violin tulip harbour",
            },
        )
    assert good.status_code == 302
    users["staff"].refresh_from_db()
    assert users["staff"].check_password("violin tulip harbour")
    assert "password was changed" in mail.outbox[0].subject


def test_the_installation_admin_cannot_be_created_with_a_weak_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "aaaaaaaaaaaa")
    with pytest.raises(CommandError):
        call_command("createsuperuser", "--noinput", "--email", "root@install.test", "--full_name", "Root", verbosity=0)
    assert not User.objects.filter(email="root@install.test").exists()


def test_the_admin_site_refuses_a_weak_password(client: Client) -> None:
    root = User.objects.create_superuser(email="root@install.test", password="violin tulip harbour", full_name="R")
    client.force_login(root)
    session = client.session
    session["upstander_2fa_ok"] = True
    session.save()
    response = client.post(
        reverse("admin:accounts_user_add"),
        {"email": "new@install.test", "full_name": "New", "password1": "aaaaaaaaaaaa", "password2": "aaaaaaaaaaaa"},
    )
    assert response.status_code == 200
    assert b"repeated or straight run" in response.content
    assert not User.objects.filter(email="new@install.test").exists()


def test_the_user_service_refuses_a_weak_password() -> None:
    with pytest.raises(ValidationError):
        services.user_create(email="x@hill.test", full_name="X", password="aaaaaaaaaaaa")
