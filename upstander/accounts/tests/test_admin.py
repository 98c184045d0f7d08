"""The installation admin site: it may reset any second factor, and every change reaches the owner."""

from __future__ import annotations

from typing import Any

import pyotp
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Membership, Organisation, User
from upstander.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def root_client(client: Client) -> Client:
    root = User.objects.create_superuser(email="root@install.test", password="violin tulip harbour", full_name="Root")
    client.force_login(root)
    session = client.session
    session["upstander_2fa_ok"] = True
    session.save()
    return client


def test_the_installation_admin_resets_a_factor_and_the_owner_is_told(
    root_client: Client, users: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    dsl = users["dsl"]
    dsl.totp_secret, dsl.totp_confirmed_at = pyotp.random_base32(), dsl.date_joined
    dsl.save()
    with django_capture_on_commit_callbacks(execute=True):
        root_client.post(
            reverse("admin:accounts_user_changelist"), {"action": "reset_two_factor", "_selected_action": [dsl.pk]}
        )
    dsl.refresh_from_db()
    assert not dsl.has_totp
    assert [m.to for m in mail.outbox] == [["dsl@hill.test"]]


def test_a_password_set_on_the_admin_site_is_announced(
    root_client: Client, users: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    url = reverse("admin:auth_user_password_change", args=[users["staff"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = root_client.post(
            url, {"password1": "violin tulip harbour", "password2": "violin tulip harbour", "usable_password": "true"}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["staff@hill.test"]]
    assert AuditEvent.objects.filter(detail__password="changed", detail__how="installation admin").exists()


def test_roles_given_on_the_admin_site_are_announced(
    root_client: Client, users: dict[str, User], other_org: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    staff = users["staff"]
    existing = Membership.objects.get(user=staff)
    data = {
        "email": staff.email,
        "full_name": staff.full_name,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "memberships-TOTAL_FORMS": "2",
        "memberships-INITIAL_FORMS": "1",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-id": str(existing.pk),
        "memberships-0-user": str(staff.pk),
        "memberships-0-role": "staff",
        "memberships-0-organisation": str(existing.organisation_id),
        "memberships-0-is_active": "on",
        "memberships-0-created_at_0": "2026-01-01",
        "memberships-0-created_at_1": "00:00:00",
        "memberships-1-user": str(staff.pk),
        "memberships-1-role": "dsl",
        "memberships-1-organisation": str(other_org.pk),
        "memberships-1-is_active": "on",
        "memberships-1-created_at_0": "2026-01-01",
        "memberships-1-created_at_1": "00:00:00",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = root_client.post(reverse("admin:accounts_user_change", args=[staff.pk]), data)
    assert response.status_code == 302, response.content[:3000]
    assert Membership.objects.filter(user=staff, organisation=other_org, role="dsl").exists()
    assert [m.to for m in mail.outbox] == [["staff@hill.test"]]
    row = AuditEvent.objects.get(detail__has_key="memberships")
    assert row.detail["organisations"] == ["Hill School", "Vale College"]
