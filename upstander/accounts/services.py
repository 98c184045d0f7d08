"""Writes to accounts: users, memberships, two-factor enrolment and verification."""

from __future__ import annotations

import io

import pyotp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from upstander.accounts.backends import is_locked, register_failure
from upstander.accounts.models import ApiKey, Authority, Membership, Organisation, Role, User
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record

TOTP_INTERVAL = 30


@transaction.atomic
def user_create(*, email: str, full_name: str, password: str | None) -> User:
    return User.objects.create_user(email=email, password=password, full_name=full_name)


@transaction.atomic
def membership_grant(
    *,
    user: User,
    role: Role | str,
    organisation: Organisation | None = None,
    authority: Authority | None = None,
    granted_by: User | None = None,
    request: HttpRequest | None = None,
) -> Membership:
    if (role == Role.AUTHORITY_LEAD) != (authority is not None) or (organisation is None) == (authority is None):
        raise ValueError("Authority leads belong to an authority; every other role to an organisation.")
    membership, created = Membership.objects.get_or_create(
        user=user, role=role, organisation=organisation, authority=authority, defaults={"is_active": True}
    )
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    if created and granted_by is not None:
        audit_record(
            action=AuditAction.CREATED,
            actor=granted_by,
            organisation_id=organisation.pk if organisation else None,
            obj=membership,
            request=request,
            detail={"role": str(role), "user": user.email},
        )
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, revoked_by: User, request: HttpRequest | None) -> None:
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    audit_record(
        action=AuditAction.CHANGED,
        actor=revoked_by,
        organisation_id=membership.organisation_id,
        obj=membership,
        request=request,
        detail={"is_active": False, "role": membership.role, "user": membership.user.email},
    )


def totp_new_secret() -> str:
    return pyotp.random_base32()


def totp_provisioning_svg(*, user: User, secret: str) -> str:
    """An inline SVG QR code for the authenticator app (made here: no image service is called)."""
    uri = pyotp.TOTP(secret, interval=TOTP_INTERVAL).provisioning_uri(name=user.email, issuer_name=settings.TOTP_ISSUER)
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode("utf-8")


def _matching_step(*, secret: str, code: str, after_step: int) -> int | None:
    """The time step `code` is valid for (now, or one step either side), if newer than `after_step`."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret, interval=TOTP_INTERVAL)
    now_step = int(timezone.now().timestamp()) // TOTP_INTERVAL
    for step in (now_step, now_step - 1, now_step + 1):
        if step > after_step and totp.at(step * TOTP_INTERVAL) == code:
            return step
    return None


@transaction.atomic
def two_factor_enable(*, user: User, secret: str, code: str, request: HttpRequest | None) -> bool:
    """Confirm enrolment: the code must come from the new secret. Returns whether it did."""
    step = _matching_step(secret=secret, code=code, after_step=0)
    if step is None:
        return False
    user.totp_secret = secret
    user.totp_confirmed_at = timezone.now()
    user.totp_last_step = step
    user.save(update_fields=["totp_secret", "totp_confirmed_at", "totp_last_step"])
    audit_record(action=AuditAction.TWO_FACTOR_ENABLED, actor=user, request=request)
    return True


@transaction.atomic
def two_factor_check(*, user: User, code: str, request: HttpRequest | None) -> bool:
    """Check a sign-in code. A code is accepted once (replay refused); failures count to lockout."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if is_locked(user) or not user.has_totp:
        return False
    step = _matching_step(secret=user.totp_secret, code=code, after_step=user.totp_last_step)
    if step is None:
        audit_record(action=AuditAction.TWO_FACTOR_FAILED, actor=user, request=request)
        register_failure(user=user, request=request, reason="second factor")
        return False
    User.objects.filter(pk=user.pk).update(totp_last_step=step, failed_logins=0)
    return True


@transaction.atomic
def two_factor_reset(*, user: User, reset_by: User, request: HttpRequest | None) -> None:
    """An administrator clears a lost authenticator; the user enrols again at next sign-in."""
    user.totp_secret = ""
    user.totp_confirmed_at = None
    user.save(update_fields=["totp_secret", "totp_confirmed_at"])
    audit_record(action=AuditAction.CHANGED, actor=reset_by, obj=user, request=request, detail={"two_factor": "reset"})


@transaction.atomic
def organisation_settings_update(
    *,
    organisation: Organisation,
    require_2fa_for_staff: bool,
    reporting_email: str,
    changed_by: User,
    request: HttpRequest | None,
) -> Organisation:
    before = {
        "require_2fa_for_staff": organisation.require_2fa_for_staff,
        "reporting_email": organisation.reporting_email,
    }
    organisation.require_2fa_for_staff = require_2fa_for_staff
    organisation.reporting_email = reporting_email
    organisation.save(update_fields=["require_2fa_for_staff", "reporting_email"])
    after = {"require_2fa_for_staff": require_2fa_for_staff, "reporting_email": reporting_email}
    audit_record(
        action=AuditAction.CHANGED,
        actor=changed_by,
        organisation_id=organisation.pk,
        obj=organisation,
        request=request,
        detail={"before": before, "after": after},
    )
    return organisation


@transaction.atomic
def api_key_issue(
    *, organisation: Organisation, name: str, scopes: list[str], issued_by: User, request: HttpRequest | None
) -> tuple[ApiKey, str]:
    from upstander.core.api import api_key_create

    key, secret = api_key_create(organisation=organisation, name=name, scopes=scopes, created_by=issued_by)
    audit_record(
        action=AuditAction.CREATED,
        actor=issued_by,
        organisation_id=organisation.pk,
        obj=key,
        request=request,
        detail={"name": name, "scopes": sorted(scopes)},
    )
    return key, secret


@transaction.atomic
def api_key_revoke(*, key: ApiKey, revoked_by: User, request: HttpRequest | None) -> None:
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        audit_record(
            action=AuditAction.CHANGED,
            actor=revoked_by,
            organisation_id=key.organisation_id,
            obj=key,
            request=request,
            detail={"revoked": True},
        )
