"""Writes to accounts: users, memberships, two-factor enrolment and verification."""

from __future__ import annotations

import hashlib
import io
import secrets
from datetime import timedelta
from enum import StrEnum
from typing import Any

import pyotp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from upstander.accounts import notify, permissions, selectors
from upstander.accounts.backends import locked_for, register_failure
from upstander.accounts.models import (
    ApiKey,
    Authority,
    Invitation,
    Membership,
    Organisation,
    RecoveryCode,
    Role,
    User,
)
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record

TOTP_INTERVAL = 30
INVITATION_DAYS = 14


@transaction.atomic
def user_create(*, email: str, full_name: str, password: str | None) -> User:
    """A new account. A password, if given, must pass the validators (settings.AUTH_PASSWORD_VALIDATORS)."""
    if password is not None:
        validate_password(password, User(email=email, full_name=full_name))
    return User.objects.create_user(email=email, password=password, full_name=full_name)


def _scope_detail(user: User) -> dict[str, Any]:
    """What every audit row about an account carries: the organisations it belongs to."""
    return dict(selectors.account_scope(user=user))


def _membership_save(
    *,
    user: User,
    role: Role | str,
    organisation: Organisation | None,
    authority: Authority | None,
    actor: User | None,
    request: HttpRequest | None,
    how: str,
) -> Membership:
    if (role == Role.AUTHORITY_LEAD) != (authority is not None) or (organisation is None) == (authority is None):
        raise ValueError("Authority leads belong to an authority; every other role to an organisation.")
    membership, created = Membership.objects.get_or_create(
        user=user, role=role, organisation=organisation, authority=authority, defaults={"is_active": True}
    )
    changed = created or not membership.is_active
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    if changed and actor is not None:
        audit_record(
            action=AuditAction.CREATED,
            actor=actor,
            organisation_id=organisation.pk if organisation else None,
            obj=membership,
            request=request,
            detail={"role": str(role), "user": user.email, "how": how, **_scope_detail(user)},
        )
    return membership


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
    """Give an account a role directly. Someone other than the installation admin may do this only
    for an account that is already an active member of the same organisation; any other existing
    account joins by accepting an invitation (`invitation_create`), never without its owner."""
    member_here = (
        organisation is not None
        and Membership.objects.filter(user=user, organisation=organisation, is_active=True).exists()
    )
    if granted_by is not None and not granted_by.is_superuser and not member_here:
        raise PermissionDenied("An existing account joins an organisation only by accepting an invitation.")
    membership = _membership_save(
        user=user,
        role=role,
        organisation=organisation,
        authority=authority,
        actor=granted_by,
        request=request,
        how="granted",
    )
    if granted_by is not None and granted_by.pk != user.pk:
        place = organisation or authority
        notify.owner_notify(
            user=user,
            subject="you were given a new role",
            lines=[f"{granted_by.full_name} gave you the role {Role(role).label} at {place}."],
        )
    return membership


class MemberAddOutcome(StrEnum):
    CREATED = "created"  # a new account, emailed a link to choose a password
    GRANTED = "granted"  # already a member here: the role was added, the owner told
    INVITED = "invited"  # an existing account: invited, nothing granted until the owner accepts
    ALREADY = "already"  # already has that role here


@transaction.atomic
def member_add(
    *,
    organisation: Organisation,
    email: str,
    full_name: str,
    role: Role | str,
    added_by: User,
    request: HttpRequest | None,
) -> tuple[MemberAddOutcome, User]:
    """An org admin adds someone. New people get an account; existing accounts get an invitation."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = user_create(email=email, full_name=full_name, password=None)
        _membership_save(
            user=user,
            role=role,
            organisation=organisation,
            authority=None,
            actor=added_by,
            request=request,
            how="new account",
        )
        return MemberAddOutcome.CREATED, user
    here = Membership.objects.filter(user=user, organisation=organisation, is_active=True)
    if here.filter(role=role).exists():
        return MemberAddOutcome.ALREADY, user
    if here.exists():
        membership_grant(user=user, role=role, organisation=organisation, granted_by=added_by, request=request)
        return MemberAddOutcome.GRANTED, user
    invitation_create(organisation=organisation, user=user, role=role, invited_by=added_by, request=request)
    return MemberAddOutcome.INVITED, user


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, user: User, role: Role | str, invited_by: User, request: HttpRequest | None
) -> Invitation:
    invitation = (
        Invitation.objects.filter(organisation=organisation, user=user, role=role)
        .filter(accepted_at__isnull=True, declined_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if invitation is None:
        invitation = Invitation.objects.create(
            organisation=organisation,
            user=user,
            role=role,
            invited_by=invited_by,
            expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        )
        audit_record(
            action=AuditAction.CREATED,
            actor=invited_by,
            organisation_id=organisation.pk,
            obj=invitation,
            request=request,
            detail={"role": str(role), "user": user.email, "invited_to": organisation.name, **_scope_detail(user)},
        )
    notify.owner_notify(
        user=user,
        subject=f"invitation from {organisation.name}",
        lines=[
            f"{invited_by.full_name} invited you to join {organisation.name} in Upstander as {Role(role).label}.",
            f"Nothing changes unless you accept. To accept or decline, sign in and open your account page "
            f"(the invitation lasts {INVITATION_DAYS} days).",
        ],
    )
    return invitation


@transaction.atomic
def invitation_answer(*, invitation: Invitation, user: User, accept: bool, request: HttpRequest | None) -> None:
    """The owner (and only the owner) accepts or declines an invitation."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.user_id != user.pk or not invitation.is_open:
        raise PermissionDenied("This invitation is not yours to answer, or it has been answered or has expired.")
    if accept:
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        _membership_save(
            user=user,
            role=invitation.role,
            organisation=invitation.organisation,
            authority=None,
            actor=user,
            request=request,
            how=f"accepted invitation {invitation.pk}",
        )
        notify.owner_notify(
            user=user,
            subject=f"you joined {invitation.organisation.name}",
            lines=[f"You accepted the role {invitation.get_role_display()} at {invitation.organisation.name}."],
        )
    else:
        invitation.declined_at = timezone.now()
        invitation.save(update_fields=["declined_at"])
        audit_record(
            action=AuditAction.CHANGED,
            actor=user,
            organisation_id=invitation.organisation_id,
            obj=invitation,
            request=request,
            detail={"declined": True, "invited_to": invitation.organisation.name, **_scope_detail(user)},
        )


@transaction.atomic
def memberships_changed_by_installation_admin(
    *, user: User, changes: list[str], changed_by: User, request: HttpRequest | None
) -> None:
    audit_record(
        action=AuditAction.CHANGED,
        actor=changed_by,
        obj=user,
        request=request,
        detail={"memberships": changes, "user": user.email, **_scope_detail(user)},
    )
    notify.owner_notify(
        user=user,
        subject="your roles were changed",
        lines=[f"The installation administrator ({changed_by.email}) changed your roles:", *changes],
    )


@transaction.atomic
def membership_revoke(*, membership: Membership, revoked_by: User, request: HttpRequest | None) -> None:
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    place = membership.organisation or membership.authority
    audit_record(
        action=AuditAction.CHANGED,
        actor=revoked_by,
        organisation_id=membership.organisation_id,
        obj=membership,
        request=request,
        detail={
            "is_active": False,
            "role": membership.role,
            "user": membership.user.email,
            "removed_from": str(place),
            **_scope_detail(membership.user),
        },
    )
    if revoked_by.pk != membership.user_id:
        notify.owner_notify(
            user=membership.user,
            subject="a role was removed",
            lines=[f"{revoked_by.full_name} removed your role {membership.get_role_display()} at {place}."],
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
    audit_record(action=AuditAction.TWO_FACTOR_ENABLED, actor=user, request=request, detail=_scope_detail(user))
    notify.owner_notify(
        user=user,
        subject="two-factor authentication set up",
        lines=["An authenticator app was set up for your account; codes from any earlier one no longer work."],
    )
    return True


@transaction.atomic
def two_factor_check(*, user: User, code: str, request: HttpRequest | None) -> bool:
    """Check a sign-in code. A code is accepted once (replay refused); failures count to lockout."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if locked_for(user, request) or not user.has_totp:
        return False
    step = _matching_step(secret=user.totp_secret, code=code, after_step=user.totp_last_step)
    if step is None:
        audit_record(action=AuditAction.TWO_FACTOR_FAILED, actor=user, request=request)
        register_failure(user=user, request=request, reason="second factor")
        return False
    User.objects.filter(pk=user.pk).update(totp_last_step=step, failed_logins=0)
    return True


def may_reset_two_factor(*, reset_by: User, user: User) -> bool:
    scope = selectors.account_scope(user=user)
    return permissions.can_reset_second_factor(
        by_installation_admin=reset_by.is_superuser,
        administers=selectors.administered_organisation_ids(user=reset_by),
        account_organisations=frozenset(scope["organisation_ids"]),  # type: ignore[arg-type]
        account_authorities=frozenset(scope["authority_ids"]),  # type: ignore[arg-type]
        account_is_installation_staff=user.is_staff or user.is_superuser,
    )


@transaction.atomic
def two_factor_reset(
    *, user: User, reset_by: User, request: HttpRequest | None, organisation_id: int | None = None
) -> None:
    """Clear a lost authenticator (and its recovery codes); the owner enrols again at next sign-in.

    Only someone who administers every organisation the account belongs to, or the installation
    admin, may: see permissions.can_reset_second_factor. The owner is emailed.
    """
    if not may_reset_two_factor(reset_by=reset_by, user=user):
        raise PermissionDenied(
            "This account also belongs to organisations you do not administer, so only the installation "
            "administrator can reset its two-factor authentication. The owner can sign in with a recovery code."
        )
    user.totp_secret = ""
    user.totp_confirmed_at = None
    user.save(update_fields=["totp_secret", "totp_confirmed_at"])
    RecoveryCode.objects.filter(user=user).delete()
    audit_record(
        action=AuditAction.CHANGED,
        actor=reset_by,
        organisation_id=organisation_id,
        obj=user,
        request=request,
        detail={"two_factor": "reset", "user": user.email, **_scope_detail(user)},
    )
    notify.owner_notify(
        user=user,
        subject="your two-factor authentication was reset",
        lines=[
            f"{reset_by.full_name} ({reset_by.email}) reset the two-factor authentication on your account.",
            "You will be asked to set up your authenticator app again the next time you sign in.",
        ],
    )


def sso_subject_forget(*, user: User, reset_by: User, request: HttpRequest | None) -> None:
    """Unpin the account from the sign-in provider's subject it was first used with (a new person was
    given the address): the next single sign-on pins it afresh. Same permission as a 2FA reset."""
    if not may_reset_two_factor(reset_by=reset_by, user=user):
        raise PermissionDenied(
            "This account also belongs to organisations you do not administer, so only the installation "
            "administrator can change how it signs in."
        )
    User.objects.filter(pk=user.pk).update(sso_subject="")
    user.sso_subject = ""
    audit_record(
        action=AuditAction.CHANGED,
        actor=reset_by,
        obj=user,
        request=request,
        detail={"single_sign_on": "subject forgotten", "user": user.email, **_scope_detail(user)},
    )
    notify.owner_notify(
        user=user,
        subject="your single sign-on link was reset",
        lines=[
            f"{reset_by.full_name} ({reset_by.email}) reset the link between your Upstander account and your "
            "school account, so the next sign-in with a school account will be linked to it.",
        ],
    )


# --- Recovery codes -----------------------------------------------------------------------------
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # 31 symbols, 16 of them: about 79 bits


def normalise_recovery_code(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _recovery_hash(code: str) -> str:
    return hashlib.sha256(normalise_recovery_code(code).encode()).hexdigest()


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


@transaction.atomic
def recovery_codes_generate(*, user: User, request: HttpRequest | None) -> list[str]:
    """New one-time codes (the old ones stop working). Returned once, to show once; only hashes are kept."""
    RecoveryCode.objects.filter(user=user).delete()
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create([RecoveryCode(user=user, code_hash=_recovery_hash(code)) for code in codes])
    audit_record(
        action=AuditAction.CHANGED,
        actor=user,
        obj=user,
        request=request,
        detail={"recovery_codes": "generated", "count": len(codes), **_scope_detail(user)},
    )
    notify.owner_notify(
        user=user,
        subject="new recovery codes",
        lines=["New recovery codes were made for your account; any older ones no longer work."],
    )
    return codes


@transaction.atomic
def recovery_code_use(*, user: User, code: str, request: HttpRequest | None) -> bool:
    """Accept one unused recovery code at the second-factor step, once. Wrong codes count to lockout."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if locked_for(user, request) or not user.has_totp:
        return False
    found = RecoveryCode.objects.filter(user=user, code_hash=_recovery_hash(code), used_at__isnull=True).first()
    if found is None or len(normalise_recovery_code(code)) != 16:
        audit_record(action=AuditAction.TWO_FACTOR_FAILED, actor=user, request=request, detail={"recovery_code": True})
        register_failure(user=user, request=request, reason="recovery code")
        return False
    found.used_at = timezone.now()
    found.save(update_fields=["used_at"])
    User.objects.filter(pk=user.pk).update(failed_logins=0)
    left = RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()
    audit_record(
        action=AuditAction.CHANGED,
        actor=user,
        obj=user,
        request=request,
        detail={"recovery_code": "used", "left": left, **_scope_detail(user)},
    )
    notify.owner_notify(
        user=user,
        subject="a recovery code was used",
        lines=[
            f"Someone signed in to your account with a recovery code. {left} unused codes are left.",
            "If you lost your phone, set up two-factor again from your account page and make new codes.",
        ],
    )
    return True


@transaction.atomic
def password_changed(*, user: User, changed_by: User | None, request: HttpRequest | None, how: str) -> None:
    """Record and announce a new password (however it was set: reset link, account page, admin site)."""
    audit_record(
        action=AuditAction.CHANGED,
        actor=changed_by or user,
        obj=user,
        request=request,
        detail={"password": "changed", "how": how, "user": user.email, **_scope_detail(user)},
    )
    who = "You" if changed_by is None or changed_by.pk == user.pk else f"{changed_by.full_name} ({changed_by.email})"
    notify.owner_notify(user=user, subject="your password was changed", lines=[f"{who} changed your password ({how})."])


@transaction.atomic
def organisation_settings_update(
    *,
    organisation: Organisation,
    require_2fa_for_staff: bool,
    reporting_email: str,
    changed_by: User,
    request: HttpRequest | None,
    sso_allowed_domains: str | None = None,
    sso_accept_provider_mfa: bool | None = None,
) -> Organisation:
    fields = ["require_2fa_for_staff", "reporting_email", "sso_allowed_domains", "sso_accept_provider_mfa"]
    before = {name: getattr(organisation, name) for name in fields}
    organisation.require_2fa_for_staff = require_2fa_for_staff
    organisation.reporting_email = reporting_email
    if sso_allowed_domains is not None:
        organisation.sso_allowed_domains = sso_allowed_domains
    if sso_accept_provider_mfa is not None:
        organisation.sso_accept_provider_mfa = sso_accept_provider_mfa
    organisation.save(update_fields=fields)
    after = {name: getattr(organisation, name) for name in fields}
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
    *,
    organisation: Organisation,
    name: str,
    scopes: list[str],
    issued_by: User | None,
    request: HttpRequest | None,
    actor_label: str = "",
) -> tuple[ApiKey, str]:
    """A new key (the page, or `upstander api-key create` with no user and an `actor_label`)."""
    from upstander.core.api import api_key_create

    key, secret = api_key_create(organisation=organisation, name=name, scopes=scopes, created_by=issued_by)
    audit_record(
        action=AuditAction.CREATED,
        actor=issued_by,
        actor_label=actor_label,
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
