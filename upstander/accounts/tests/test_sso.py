"""Single sign-on through a local fake OpenID Connect provider (loopback only)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import urlparse

import pytest
import requests
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from upstander.accounts.middleware import SESSION_2FA_OK
from upstander.accounts.models import Membership, Organisation, User
from upstander.accounts.sso import forget_provider_config
from upstander.accounts.tests.fake_oidc import CLIENT_ID, CLIENT_SECRET, FakeProvider
from upstander.audit.models import AuditEvent

BACKENDS = ["upstander.accounts.backends.LockoutEmailBackend", "upstander.accounts.sso.SSOBackend"]


@pytest.fixture
def provider(settings: Any) -> Iterator[FakeProvider]:
    forget_provider_config()
    with FakeProvider() as fake:
        settings.OIDC_ISSUER = fake.issuer
        settings.OIDC_ENABLED = True
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        settings.AUTHENTICATION_BACKENDS = BACKENDS
        yield fake
    forget_provider_config()


def sign_in(client: Client, provider: FakeProvider, claims: dict[str, Any]) -> tuple[Any, str]:
    """Start at Upstander, sign in at the provider, come back: (callback response, callback URL)."""
    provider.next_claims = claims
    start = client.get(reverse("accounts:sso_start"))
    assert start.status_code == 302
    assert start["Location"].startswith(f"{provider.issuer}/authorize?")
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302
    back = urlparse(at_provider.headers["Location"])
    callback = f"{back.path}?{back.query}"
    return client.get(callback), callback


def verified(email: str, **more: Any) -> dict[str, Any]:
    return {"email": email, "email_verified": True, "name": "Pat Example", **more}


def test_the_sign_in_page_offers_the_school_account_only_when_configured(
    client: Client, provider: FakeProvider, settings: Any
) -> None:
    assert "Sign in with your school account" in client.get(reverse("accounts:login")).content.decode()
    settings.OIDC_ENABLED = False
    assert "Sign in with your school account" not in client.get(reverse("accounts:login")).content.decode()
    assert client.get(reverse("accounts:sso_start")).status_code == 404
    assert client.get(reverse("accounts:sso_callback")).status_code == 404


def test_an_existing_dsl_signs_in_and_is_still_asked_for_the_second_factor(
    client: Client, provider: FakeProvider, users: dict[str, User]
) -> None:
    dsl = users["dsl"]
    dsl.totp_secret = "JBSWY3DPEHPK3PXP"
    dsl.save()
    User.objects.filter(pk=dsl.pk).update(totp_confirmed_at="2026-01-01T00:00:00Z")
    response, _ = sign_in(client, provider, verified("DSL@hill.test", amr=["pwd", "mfa"]))
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(dsl.pk)
    assert client.session[SESSION_2FA_OK] is False
    # Every page now leads to Upstander's own second factor (the organisation does not accept the provider's).
    home = client.get(reverse("core:home"))
    assert home.status_code == 302 and home["Location"].startswith(reverse("accounts:two_factor"))
    assert not AuditEvent.objects.filter(action="logged_in", actor_id=dsl.pk).exists()


def test_the_providers_mfa_counts_only_when_the_organisation_accepts_it(
    client: Client, provider: FakeProvider, users: dict[str, User], org: Organisation
) -> None:
    dsl = users["dsl"]
    org.sso_accept_provider_mfa = True
    org.save()
    response, _ = sign_in(client, provider, verified("dsl@hill.test", amr=["pwd", "mfa"]))
    assert response.status_code == 302
    assert client.session[SESSION_2FA_OK] is True
    assert client.get(reverse("core:home")).status_code == 200
    event = AuditEvent.objects.filter(action="logged_in", actor_id=dsl.pk).get()
    assert event.detail == {"via": "single sign-on", "second_factor": "provider (amr)"}


def test_a_password_only_sign_in_at_the_provider_does_not_skip_the_second_factor(
    client: Client, provider: FakeProvider, users: dict[str, User], org: Organisation
) -> None:
    org.sso_accept_provider_mfa = True
    org.save()
    sign_in(client, provider, verified("dsl@hill.test", amr=["pwd"]))
    assert client.session[SESSION_2FA_OK] is False
    assert client.get(reverse("core:home")).status_code == 302


def test_provider_mfa_is_not_enough_if_another_organisation_of_the_person_refuses_it(
    client: Client, provider: FakeProvider, users: dict[str, User], org: Organisation, other_org: Organisation
) -> None:
    org.sso_accept_provider_mfa = True
    org.save()
    Membership.objects.create(user=users["dsl"], role="dsl", organisation=other_org)
    sign_in(client, provider, verified("dsl@hill.test", amr=["mfa"]))
    assert client.session[SESSION_2FA_OK] is False


def test_staff_without_a_second_factor_requirement_are_signed_in_and_audited(
    client: Client, provider: FakeProvider, users: dict[str, User]
) -> None:
    response, _ = sign_in(client, provider, verified("staff@hill.test"))
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    assert AuditEvent.objects.filter(action="logged_in", actor_id=users["staff"].pk).exists()


def test_an_unknown_address_is_refused_with_a_clear_page(
    client: Client, provider: FakeProvider, users: dict[str, User]
) -> None:
    response, _ = sign_in(client, provider, verified("stranger@elsewhere.test"))
    assert response.status_code == 403
    assert "No Upstander account uses this address" in response.content.decode()
    assert not User.objects.filter(email="stranger@elsewhere.test").exists()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="login_failed", detail__reason="unknown").exists()


def test_an_unverified_email_is_refused_even_for_an_existing_account(
    client: Client, provider: FakeProvider, users: dict[str, User]
) -> None:
    for claims in ({"email": "dsl@hill.test"}, {"email": "dsl@hill.test", "email_verified": False}):
        client.cookies.clear()
        response, _ = sign_in(client, provider, claims)
        assert response.status_code == 403
        assert "did not confirm your email address" in response.content.decode()
        assert "_auth_user_id" not in client.session


def test_entra_ids_domain_owner_verified_claim_counts_as_verified(
    client: Client, provider: FakeProvider, users: dict[str, User]
) -> None:
    response, _ = sign_in(client, provider, {"email": "staff@hill.test", "xms_edov": True})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(users["staff"].pk)


def test_an_allowed_domain_creates_an_account_with_no_roles(
    client: Client, provider: FakeProvider, org: Organisation
) -> None:
    org.sso_allowed_domains = "hill.test"
    org.save()
    response, _ = sign_in(client, provider, verified("new.teacher@hill.test"))
    assert response.status_code == 302
    user = User.objects.get(email="new.teacher@hill.test")
    assert user.full_name == "Pat Example"
    assert not user.is_staff and not user.is_superuser
    assert not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()
    created = AuditEvent.objects.get(action="created", object_type="accounts.user", object_id=str(user.pk))
    assert created.organisation_id == org.pk and created.detail["roles"] == []
    # Signed in with nothing to see until an administrator gives a role.
    home = client.get(reverse("core:home"))
    assert home.status_code == 200
    assert client.get(reverse("cases:queue")).status_code in (302, 403)


def test_an_allowed_domain_does_not_cover_its_look_alikes(
    client: Client, provider: FakeProvider, org: Organisation
) -> None:
    org.sso_allowed_domains = "hill.test"
    org.save()
    response, _ = sign_in(client, provider, verified("someone@evilhill.test"))
    assert response.status_code == 403
    assert not User.objects.filter(email="someone@evilhill.test").exists()


def test_a_token_signed_with_another_key_is_refused(
    client: Client, provider: FakeProvider, users: dict[str, User]
) -> None:
    provider.sign_with_other_key = True
    response, _ = sign_in(client, provider, verified("dsl@hill.test"))
    assert response.status_code == 400
    assert "could not be checked" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "forged",
    [{"nonce": "not-the-nonce-we-sent"}, {"iss": "http://127.0.0.1:1"}, {"aud": "another-app"}, {"exp": 1000}],
    ids=["nonce", "issuer", "audience", "expired"],
)
def test_a_token_with_wrong_claims_is_refused(
    client: Client, provider: FakeProvider, users: dict[str, User], forged: dict[str, Any]
) -> None:
    provider.override_claims = forged
    response, _ = sign_in(client, provider, verified("dsl@hill.test"))
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_a_replayed_callback_is_refused(client: Client, provider: FakeProvider, users: dict[str, User]) -> None:
    first, callback = sign_in(client, provider, verified("staff@hill.test"))
    assert first.status_code == 302
    client.post(reverse("accounts:logout"))
    again = client.get(callback)
    assert again.status_code == 400
    assert "_auth_user_id" not in client.session


def test_an_answer_for_another_browsers_state_is_refused(
    client: Client, provider: FakeProvider, users: dict[str, User]
) -> None:
    victim = Client()
    provider.next_claims = verified("staff@hill.test")
    start = victim.get(reverse("accounts:sso_start"))
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=5)
    back = urlparse(at_provider.headers["Location"])
    client.get(reverse("accounts:sso_start"))  # the attacker's browser has states of its own
    response = client.get(f"{back.path}?{back.query}")
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_an_unreachable_provider_gives_a_clear_page(client: Client, settings: Any, db: None) -> None:
    forget_provider_config()
    settings.OIDC_ENABLED = True
    settings.OIDC_ISSUER = "http://127.0.0.1:9"
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_TIMEOUT = 2
    response = client.get(reverse("accounts:sso_start"))
    assert response.status_code == 502
    assert "could not be reached" in response.content.decode()


# --- the organisation's settings for single sign-on ----------------------------------------------


def _settings_form(**changes: Any) -> dict[str, Any]:
    return {"reporting_email": "", "sso_allowed_domains": "", **changes}


def test_an_org_admin_allows_a_domain_and_accepts_provider_mfa_audited(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation
) -> None:
    client = login_as(users["org_admin"])
    response = client.post(
        reverse("accounts:organisation_settings"),
        _settings_form(sso_allowed_domains="Hill.test, @hill-staff.test", sso_accept_provider_mfa="on"),
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.sso_allowed_domains == "hill.test, hill-staff.test"
    assert org.sso_accept_provider_mfa is True
    event = AuditEvent.objects.filter(action="changed", object_type="accounts.organisation").latest("seq")
    assert event.detail["after"]["sso_allowed_domains"] == "hill.test, hill-staff.test"
    assert event.detail["before"]["sso_accept_provider_mfa"] is False


def test_a_public_webmail_domain_cannot_be_allowed(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation
) -> None:
    client = login_as(users["org_admin"])
    response = client.post(reverse("accounts:organisation_settings"), _settings_form(sso_allowed_domains="gmail.com"))
    assert response.status_code == 200
    assert "public email service" in response.content.decode()
    org.refresh_from_db()
    assert org.sso_allowed_domains == ""


@pytest.mark.parametrize("role", ["staff", "dsl", "deputy_dsl", "senior_leader", "authority_lead"])
def test_only_org_admins_change_single_sign_on_settings(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation, role: str
) -> None:
    client = login_as(users[role])
    response = client.post(
        reverse("accounts:organisation_settings"),
        _settings_form(sso_allowed_domains="hill.test", sso_accept_provider_mfa="on"),
    )
    assert response.status_code == 403
    org.refresh_from_db()
    assert org.sso_allowed_domains == "" and org.sso_accept_provider_mfa is False


def test_a_cancelled_sign_in_at_the_provider_says_so(client: Client, provider: FakeProvider, db: None) -> None:
    start = client.get(reverse("accounts:sso_start"))
    state = dict(part.split("=", 1) for part in urlparse(start["Location"]).query.split("&"))["state"]
    response = client.get(reverse("accounts:sso_callback"), {"error": "access_denied", "state": state})
    assert response.status_code == 400
    assert "You were not signed in" in response.content.decode()
    assert state not in client.session["oidc_states"]  # the state cannot be used again


def test_the_first_sign_in_pins_the_providers_subject_and_another_subject_is_refused(
    client: Client, provider: FakeProvider, users: dict[str, User]
) -> None:
    staff = users["staff"]
    response, _ = sign_in(client, provider, verified("staff@hill.test", sub="entra-oid-1"))
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(staff.pk)
    staff.refresh_from_db()
    assert staff.sso_subject == f"{provider.issuer} entra-oid-1"
    # The school gives the same address to a new person: their provider account has another subject.
    client.logout()
    response, _ = sign_in(client, provider, verified("staff@hill.test", sub="entra-oid-2"))
    assert response.status_code == 403
    assert "belongs to someone else at your sign-in provider" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="login_failed", detail__reason="subject").exists()
    # The original person still gets in.
    response, _ = sign_in(client, provider, verified("staff@hill.test", sub="entra-oid-1"))
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(staff.pk)


def test_a_token_without_a_subject_is_refused(client: Client, provider: FakeProvider, users: dict[str, User]) -> None:
    provider.override_claims = {"sub": ""}
    response, _ = sign_in(client, provider, verified("staff@hill.test"))
    assert response.status_code == 403
    assert "did not say who you are" in response.content.decode()
    assert "_auth_user_id" not in client.session
    users["staff"].refresh_from_db()
    assert users["staff"].sso_subject == ""


def test_an_account_locked_by_wrong_passwords_stays_locked_for_single_sign_on(
    client: Client, provider: FakeProvider, users: dict[str, User]
) -> None:
    staff = users["staff"]
    User.objects.filter(pk=staff.pk).update(locked_until=timezone.now() + timedelta(minutes=15))
    response, _ = sign_in(client, provider, verified("staff@hill.test"))
    assert response.status_code == 403
    assert "This account is locked for now" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="login_failed", detail__reason="locked").exists()
    User.objects.filter(pk=staff.pk).update(locked_until=None)
    response, _ = sign_in(client, provider, verified("staff@hill.test"))
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(staff.pk)


def test_an_account_created_for_an_allowed_domain_is_pinned_to_its_subject(
    client: Client, provider: FakeProvider, org: Organisation
) -> None:
    Organisation.objects.filter(pk=org.pk).update(sso_allowed_domains="hill.test")
    sign_in(client, provider, verified("newteacher@hill.test", sub="google-123"))
    created = User.objects.get(email="newteacher@hill.test")
    assert created.sso_subject == f"{provider.issuer} google-123"


def test_only_an_admin_of_the_accounts_organisations_forgets_its_subject_and_the_owner_is_told(
    users: dict[str, User],
    make_user: Callable[..., User],
    other_org: Organisation,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.core.exceptions import PermissionDenied

    from upstander.accounts.services import sso_subject_forget

    staff = users["staff"]
    User.objects.filter(pk=staff.pk).update(sso_subject="https://idp.test old-subject")
    staff.refresh_from_db()
    outsider_admin = make_user("admin@vale.test", role="org_admin", organisation=other_org)
    with pytest.raises(PermissionDenied):
        sso_subject_forget(user=staff, reset_by=outsider_admin, request=None)
    staff.refresh_from_db()
    assert staff.sso_subject == "https://idp.test old-subject"
    with django_capture_on_commit_callbacks(execute=True):
        sso_subject_forget(user=staff, reset_by=users["org_admin"], request=None)
    staff.refresh_from_db()
    assert staff.sso_subject == ""
    assert AuditEvent.objects.filter(detail__single_sign_on="subject forgotten").exists()
    assert any("single sign-on link was reset" in m.subject for m in mailoutbox)
