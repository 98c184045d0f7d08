"""Single sign-on with OpenID Connect (Microsoft Entra ID, Google Workspace, any compliant provider).

mozilla-django-oidc does the protocol: the authorisation-code flow with state, nonce and PKCE, the
token request, and the id_token's signature against the provider's JWKS. This module adds what
Upstander needs on top:

- the provider's endpoints come from its discovery document (`OIDC_ISSUER`/.well-known/...);
- the id_token's issuer and audience are checked too (the library checks neither);
- accounts are matched by a VERIFIED email only: `email_verified` true, or, for Microsoft Entra ID
  (which sends no `email_verified`, and whose `email` claim a tenant's users can set themselves),
  the optional claim `xms_edov` ("email domain owner verified") true. Anything else is refused;
- an unknown address gets an account only if an organisation administrator listed its domain, and
  that account has no role (roles come only from Upstander's memberships);
- the first single sign-on pins the account to the provider's subject (`iss` and `sub`); a later
  sign-in with the same address but another subject is refused (a reused mailbox is someone else);
- an account locked after failed passwords stays locked here too, except from the owner's known
  browsers, exactly as on the password form;
- the provider's `amr` claim (RFC 8176) is remembered for the sign-in, so that a safeguarding role
  skips Upstander's own second factor only if every organisation the person belongs to accepts it.
"""

from __future__ import annotations

import hmac
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import jwt
import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import transaction
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from upstander.accounts.backends import locked_for
from upstander.accounts.models import Membership, Organisation, User
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record

SSO_LABEL = "single sign-on"
# RFC 8176 method references that mean more than a password was used.
MFA_AMR = frozenset({"mfa", "otp", "hwk", "swk", "sc", "fpt", "face", "iris", "retina"})
# Webmail domains anyone can register at: never a domain that may create accounts.
PUBLIC_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "live.co.uk",
        "msn.com", "yahoo.com", "yahoo.co.uk", "icloud.com", "me.com", "aol.com", "btinternet.com",
        "protonmail.com", "proton.me", "gmx.com", "mail.com",
    }
)  # fmt: skip
_DOMAIN_RE = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
DISCOVERY_TTL = 3600.0

_ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
_discovery_lock = threading.Lock()
_discovery: dict[str, tuple[float, dict[str, Any]]] = {}


def parse_domains(raw: str, *, strict: bool = False) -> list[str]:
    """The domains in a comma-separated list, lower-cased. `strict`: ValueError naming a bad one."""
    domains: list[str] = []
    for item in raw.replace(";", ",").split(","):
        domain = item.strip().lower().lstrip("@")
        if not domain:
            continue
        if not _DOMAIN_RE.match(domain):
            if strict:
                raise ValueError(f"{domain!r} is not a domain name: write it like hillschool.org.uk.")
            continue
        if domain in PUBLIC_DOMAINS:
            if strict:
                raise ValueError(
                    f"{domain} is a public email service anyone can sign up to: list only your organisation's "
                    "own domain."
                )
            continue
        if domain not in domains:
            domains.append(domain)
    return domains


def provider_config() -> dict[str, Any]:
    """The provider's discovery document (cached for an hour), checked against OIDC_ISSUER."""
    issuer = settings.OIDC_ISSUER
    if not issuer:
        raise ImproperlyConfigured("Single sign-on is not configured: set OIDC_ISSUER.")
    with _discovery_lock:
        cached = _discovery.get(issuer)
        if cached and time.monotonic() - cached[0] < DISCOVERY_TTL:
            return cached[1]
    response = requests.get(
        f"{issuer}/.well-known/openid-configuration",
        timeout=settings.OIDC_TIMEOUT,
        verify=settings.OIDC_VERIFY_SSL,
    )
    response.raise_for_status()
    document = response.json()
    if document.get("issuer", "").rstrip("/") != issuer:
        raise ImproperlyConfigured(
            f"The provider at OIDC_ISSUER={issuer!r} calls itself {document.get('issuer')!r}: set OIDC_ISSUER to "
            "exactly its issuer."
        )
    with _discovery_lock:
        _discovery[issuer] = (time.monotonic(), document)
    return document


def forget_provider_config() -> None:
    with _discovery_lock:
        _discovery.clear()


def oidc_setting(attr: str, *args: Any) -> Any:
    """mozilla-django-oidc's settings, with the provider's endpoints read from its discovery document."""
    if attr in _ENDPOINTS:
        value = provider_config().get(_ENDPOINTS[attr])
        if value:
            return value
        if args:
            return args[0]
        raise ImproperlyConfigured(f"The provider's discovery document has no {_ENDPOINTS[attr]}.")
    return import_from_settings(attr, *args)


def email_is_verified(claims: dict[str, Any]) -> bool:
    """True only if the provider vouches for the address (see the module docstring for Entra ID)."""

    def true(value: Any) -> bool:
        return value is True or (isinstance(value, str) and value.lower() == "true")

    return true(claims.get("email_verified")) or true(claims.get("xms_edov"))


def amr_asserts_mfa(claims: dict[str, Any]) -> bool:
    amr = claims.get("amr")
    if not isinstance(amr, list):
        return False
    return any(isinstance(method, str) and method.lower() in MFA_AMR for method in amr)


def provider_mfa_accepted(*, user: User) -> bool:
    """Whether every place the person has a role accepts the provider's MFA (authorities never do)."""
    memberships = list(Membership.objects.filter(user=user, is_active=True).select_related("organisation"))
    if not memberships or any(m.organisation is None for m in memberships):
        return False
    return all(m.organisation is not None and m.organisation.sso_accept_provider_mfa for m in memberships)


def organisation_allowing(domain: str) -> Organisation | None:
    for organisation in Organisation.objects.exclude(sso_allowed_domains="").order_by("pk"):
        if domain in parse_domains(organisation.sso_allowed_domains):
            return organisation
    return None


@dataclass
class SignIn:
    """What the backend found out, for the callback view (kept on the request, never logged)."""

    refusal: str = ""  # "", "unverified", "unknown", "inactive", "no_email", "no_subject", "subject", "locked"
    email: str = ""
    provider_mfa: bool = False
    created: bool = False
    notes: dict[str, Any] = field(default_factory=dict)


def sign_in_of(request: HttpRequest) -> SignIn:
    found = getattr(request, "upstander_sso", None)
    if not isinstance(found, SignIn):
        found = SignIn()
        request.upstander_sso = found  # type: ignore[attr-defined]
    return found


class SSOBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, matching Upstander accounts by verified email only."""

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return oidc_setting(attr, *args)

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        try:
            payload: dict[str, Any] = super().verify_token(token, **kwargs)
        except jwt.PyJWTError as exc:  # expired, not yet valid, malformed...
            raise SuspiciousOperation(f"The id_token is not valid: {exc.__class__.__name__}.") from None
        if kwargs.get("nonce") is None or not payload.get("nonce"):
            raise SuspiciousOperation("The id_token carries no nonce.")
        if str(payload.get("iss", "")).rstrip("/") != settings.OIDC_ISSUER:
            raise SuspiciousOperation("The id_token was issued by another provider.")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The id_token was issued for another application.")
        if len(audiences) > 1 and payload.get("azp") != settings.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("The id_token was issued for another application.")
        return payload

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> dict[str, Any]:
        # The signed id_token's claims are the ones trusted: email_verified and amr are there.
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User | None:
        found = sign_in_of(self.request)
        email = str(payload.get("email") or "").strip().lower()
        found.email = email
        if not email or "@" not in email:
            found.refusal = "no_email"
            return None
        if not email_is_verified(payload):
            found.refusal = "unverified"
            return None
        subject = subject_of(payload)
        if not subject:
            found.refusal = "no_subject"
            return None
        found.provider_mfa = amr_asserts_mfa(payload)
        user = User.objects.filter(email__iexact=email).first()
        if user is not None:
            if not user.is_active:
                found.refusal = "inactive"
                return None
            if user.sso_subject and not hmac.compare_digest(user.sso_subject, subject):
                found.refusal = "subject"
                return None
            if locked_for(user, self.request):
                found.refusal = "locked"
                return None
            if not user.sso_subject:
                User.objects.filter(pk=user.pk, sso_subject="").update(sso_subject=subject)
                user.sso_subject = subject
                found.notes["subject_pinned"] = True
            return user
        organisation = organisation_allowing(email.rsplit("@", 1)[1])
        if organisation is None:
            found.refusal = "unknown"
            return None
        found.created = True
        return sso_account_create(
            email=email, full_name=str(payload.get("name") or ""), organisation=organisation, subject=subject
        )


def subject_of(claims: dict[str, Any]) -> str:
    """The provider's name for the person: issuer and subject, "" if the token has no subject."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject.strip() or len(subject) > 255:
        return ""
    return f"{str(claims.get('iss', '')).rstrip('/')} {subject}"


@transaction.atomic
def sso_account_create(*, email: str, full_name: str, organisation: Organisation, subject: str) -> User:
    """An account with no role, for a verified address in a domain `organisation` allows."""
    name = full_name.strip()[:200] or email.split("@", 1)[0]
    user = User.objects.create_user(email=email, password=None, full_name=name)  # unusable password
    User.objects.filter(pk=user.pk).update(sso_subject=subject)
    user.sso_subject = subject
    audit_record(
        action=AuditAction.CREATED,
        actor_label=SSO_LABEL,
        organisation_id=organisation.pk,
        obj=user,
        record_ip=False,
        detail={"via": SSO_LABEL, "allowed_domain": email.rsplit("@", 1)[1], "roles": []},
    )
    return user
