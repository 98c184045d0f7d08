"""Issue 10, hole 1: an org admin of one school stripping another school's DSL of their second factor.

The attack, as reproduced on the landed main: as the org admin of `northbridge` only, POST
/accounts/members/ with another organisation's DSL's email (enlisting the existing account), POST
/accounts/members/<id>/reset-two-factor/ (clearing their TOTP secret), and revoke the membership to
hide it. Whoever knows the password then enrols their own authenticator and reads that school's cases.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyotp
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from upstander.accounts import services
from upstander.accounts.models import Authority, Invitation, Membership, Organisation, User
from upstander.audit.models import AuditEvent
from upstander.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def northbridge(authority: Authority) -> Organisation:
    return Organisation.objects.create(name="Northbridge Academy", slug="northbridge", authority=authority)


@pytest.fixture
def northbridge_admin(make_user: Callable[..., User], northbridge: Organisation) -> User:
    return make_user("admin@northbridge.test", role="org_admin", organisation=northbridge)


@pytest.fixture
def victim(make_user: Callable[..., User], other_org: Organisation) -> User:
    """Vale College's DSL, with an authenticator enrolled."""
    user = make_user("dsl@vale.test", role="dsl", organisation=other_org)
    user.totp_secret = pyotp.random_base32()
    user.totp_confirmed_at = user.date_joined
    user.save()
    return user


def test_the_northbridge_admin_cannot_enlist_another_schools_dsl(
    login_as: Callable[[User], Client],
    northbridge_admin: User,
    victim: User,
    northbridge: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = login_as(northbridge_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:members"), {"full_name": "Anyone", "email": "DSL@vale.test", "role": "staff"}
        )
    assert response.status_code == 302
    # No membership: only an invitation, which grants nothing until the owner accepts it.
    assert not Membership.objects.filter(user=victim, organisation=northbridge).exists()
    invitation = Invitation.objects.get(user=victim, organisation=northbridge)
    assert invitation.accepted_at is None
    # The owner is told, and the audit row names both the inviting school and the account's own.
    assert [m.to for m in mail.outbox] == [["dsl@vale.test"]]
    assert "Northbridge Academy" in mail.outbox[0].body
    row = AuditEvent.objects.get(object_type="accounts.invitation")
    assert row.organisation_id == northbridge.pk
    assert row.detail["invited_to"] == "Northbridge Academy"
    assert row.detail["organisations"] == ["Vale College"]


def test_the_whole_attack_chain_fails_and_the_dsls_factor_survives(
    login_as: Callable[[User], Client], northbridge_admin: User, victim: User, northbridge: Organisation
) -> None:
    client = login_as(northbridge_admin)
    client.post(reverse("accounts:members"), {"full_name": "Anyone", "email": "dsl@vale.test", "role": "staff"})
    # There is no membership at Northbridge to reset through...
    for membership in Membership.objects.filter(user=victim):
        assert client.post(reverse("accounts:member_reset_2fa", args=[membership.pk])).status_code == 404
    victim.refresh_from_db()
    assert victim.has_totp
    # ...so whoever knows the password still meets the victim's own authenticator, and reads nothing.
    thief = Client()
    thief.post(reverse("accounts:login"), {"email": "dsl@vale.test", "password": PASSWORD})
    page = thief.get(reverse("cases:queue"))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:two_factor"))
    assert thief.get(reverse("accounts:two_factor_setup")).status_code == 302  # cannot enrol a new one


def test_a_member_of_two_schools_keeps_their_factor_when_one_schools_admin_tries_to_reset_it(
    login_as: Callable[[User], Client], northbridge_admin: User, victim: User, northbridge: Organisation
) -> None:
    # The DSL of Vale also teaches at Northbridge (accepted legitimately): Northbridge's admin
    # still has no authority over Vale, so cannot clear the factor that guards Vale's records.
    shared = Membership.objects.create(user=victim, role="staff", organisation=northbridge)
    client = login_as(northbridge_admin)
    response = client.post(reverse("accounts:member_reset_2fa", args=[shared.pk]), follow=True)
    victim.refresh_from_db()
    assert victim.has_totp
    assert b"only the installation administrator" in response.content
    assert not AuditEvent.objects.filter(object_type="accounts.user", detail__two_factor="reset").exists()


def test_the_service_refuses_the_reset_whichever_view_calls_it(northbridge_admin: User, victim: User) -> None:
    with pytest.raises(PermissionDenied):
        services.two_factor_reset(user=victim, reset_by=northbridge_admin, request=None)
    victim.refresh_from_db()
    assert victim.has_totp


def test_the_service_refuses_to_grant_a_role_to_an_existing_account_of_another_school(
    northbridge_admin: User, victim: User, northbridge: Organisation
) -> None:
    with pytest.raises(PermissionDenied):
        services.membership_grant(user=victim, role="staff", organisation=northbridge, granted_by=northbridge_admin)
    assert not Membership.objects.filter(user=victim, organisation=northbridge).exists()


def test_an_admin_of_every_school_the_account_is_in_may_reset_and_the_owner_is_told(
    login_as: Callable[[User], Client],
    northbridge_admin: User,
    victim: User,
    northbridge: Organisation,
    other_org: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    Membership.objects.create(user=northbridge_admin, role="org_admin", organisation=other_org)
    shared = Membership.objects.create(user=victim, role="staff", organisation=northbridge)
    services.recovery_codes_generate(user=victim, request=None)
    mail.outbox.clear()
    client = login_as(northbridge_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:member_reset_2fa", args=[shared.pk]))
    victim.refresh_from_db()
    assert not victim.has_totp
    assert not victim.recovery_codes.exists()
    assert [m.to for m in mail.outbox] == [["dsl@vale.test"]]
    assert "reset the two-factor authentication" in mail.outbox[0].body
    row = AuditEvent.objects.get(object_type="accounts.user", detail__two_factor="reset")
    assert row.organisation_id == northbridge.pk
    assert row.detail["organisations"] == ["Northbridge Academy", "Vale College"]


def test_the_installation_admin_may_reset_anyones_factor(victim: User) -> None:
    root = User.objects.create_superuser(email="root@install.test", password=PASSWORD, full_name="Root")
    services.two_factor_reset(user=victim, reset_by=root, request=None)
    victim.refresh_from_db()
    assert not victim.has_totp


def test_an_account_with_an_authority_role_is_reset_only_by_the_installation_admin(
    make_user: Callable[..., User], authority: Authority, org: Organisation
) -> None:
    lead = make_user("lead@testshire.test", role="authority_lead", authority=authority)
    Membership.objects.create(user=lead, role="staff", organisation=org)
    admin = make_user("admin@hill.test", role="org_admin", organisation=org)
    assert not services.may_reset_two_factor(reset_by=admin, user=lead)


def test_the_owner_accepts_an_invitation_and_only_then_has_the_role(
    northbridge_admin: User,
    victim: User,
    northbridge: Organisation,
    login_as: Callable[[User], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    services.member_add(
        organisation=northbridge,
        email=victim.email,
        full_name="x",
        role="staff",
        added_by=northbridge_admin,
        request=None,
    )
    invitation = Invitation.objects.get()
    client = login_as(victim)
    page = client.get(reverse("accounts:account"))
    assert b"Northbridge Academy" in page.content and b"invites you" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:invitation_answer", args=[invitation.pk]), {"answer": "accept"})
    assert Membership.objects.filter(user=victim, organisation=northbridge, role="staff", is_active=True).exists()
    row = AuditEvent.objects.get(object_type="accounts.membership", actor_id=victim.pk)
    assert row.detail["organisations"] == ["Northbridge Academy", "Vale College"]
    assert any("you joined Northbridge Academy" in m.subject for m in mail.outbox)


def test_nobody_but_the_owner_can_accept_their_invitation(
    northbridge_admin: User, victim: User, northbridge: Organisation, login_as: Callable[[User], Client]
) -> None:
    services.invitation_create(
        organisation=northbridge, user=victim, role="staff", invited_by=northbridge_admin, request=None
    )
    invitation = Invitation.objects.get()
    client = login_as(northbridge_admin)
    response = client.post(reverse("accounts:invitation_answer", args=[invitation.pk]), {"answer": "accept"})
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.invitation_answer(invitation=invitation, user=northbridge_admin, accept=True, request=None)
    assert not Membership.objects.filter(user=victim, organisation=northbridge).exists()


def test_a_declined_invitation_cannot_be_accepted_later(
    northbridge_admin: User, victim: User, northbridge: Organisation
) -> None:
    invitation = services.invitation_create(
        organisation=northbridge, user=victim, role="staff", invited_by=northbridge_admin, request=None
    )
    services.invitation_answer(invitation=invitation, user=victim, accept=False, request=None)
    with pytest.raises(PermissionDenied):
        services.invitation_answer(invitation=invitation, user=victim, accept=True, request=None)
    assert not Membership.objects.filter(user=victim, organisation=northbridge).exists()


def test_a_new_person_still_gets_an_account_and_a_welcome_email(
    login_as: Callable[[User], Client], northbridge_admin: User, northbridge: Organisation
) -> None:
    client = login_as(northbridge_admin)
    client.post(
        reverse("accounts:members"), {"full_name": "New Teacher", "email": "new@northbridge.test", "role": "dsl"}
    )
    user = User.objects.get(email="new@northbridge.test")
    assert Membership.objects.filter(user=user, organisation=northbridge, role="dsl", is_active=True).exists()
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_a_second_role_for_a_member_of_the_same_school_is_added_and_the_owner_told(
    login_as: Callable[[User], Client],
    users: dict[str, User],
    org: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = login_as(users["org_admin"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:members"), {"full_name": "x", "email": "staff@hill.test", "role": "deputy_dsl"})
    assert Membership.objects.filter(user=users["staff"], organisation=org, role="deputy_dsl").exists()
    assert [m.to for m in mail.outbox] == [["staff@hill.test"]]
    assert "Deputy safeguarding lead" in mail.outbox[0].body


def test_the_owner_is_told_when_a_role_is_removed_and_the_row_names_the_organisations(
    login_as: Callable[[User], Client],
    users: dict[str, User],
    django_capture_on_commit_callbacks: Any,
) -> None:
    membership = Membership.objects.get(user=users["senior_leader"])
    with django_capture_on_commit_callbacks(execute=True):
        login_as(users["org_admin"]).post(reverse("accounts:member_revoke", args=[membership.pk]))
    assert [m.to for m in mail.outbox] == [["senior_leader@hill.test"]]
    row = AuditEvent.objects.get(object_type="accounts.membership", detail__is_active=False)
    assert row.detail["removed_from"] == "Hill School"
    assert "organisations" in row.detail


def test_the_members_page_offers_a_reset_only_where_the_admin_may_make_one(
    login_as: Callable[[User], Client],
    northbridge_admin: User,
    victim: User,
    northbridge: Organisation,
    make_user: Callable[..., User],
) -> None:
    shared = Membership.objects.create(user=victim, role="staff", organisation=northbridge)
    own = make_user("dsl@northbridge.test", role="dsl", organisation=northbridge)
    own.totp_secret, own.totp_confirmed_at = pyotp.random_base32(), own.date_joined
    own.save()
    own_membership = Membership.objects.get(user=own)
    page = login_as(northbridge_admin).get(reverse("accounts:members")).content.decode()
    assert reverse("accounts:member_reset_2fa", args=[own_membership.pk]) in page
    assert reverse("accounts:member_reset_2fa", args=[shared.pk]) not in page
    assert "only the installation administrator can reset" in page
