"""Email-and-password sign-in, throttled per address, per account and per known browser.

See accounts.throttles for the scheme: the account lock holds only for browsers the owner has
not signed in from, so failures by someone else cannot keep the owner out.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from upstander.accounts import throttles
from upstander.accounts.models import User
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.core import ratelimit


def _send_unlock_link(user: User) -> None:
    """Tell the owner their account was locked, with a link that lets their own browser in."""
    if not ratelimit.hit(ratelimit.limit_key("unlock-mail", str(user.pk)), limit=1, window=timedelta(hours=1)):
        return
    link = settings.SITE_URL + reverse("accounts:unlock", args=[throttles.unlock_token(user)])
    body = (
        f"Someone failed to sign in to your Upstander account {settings.LOCKOUT_FAILURES} times, so new browsers "
        f"cannot sign in to it for {settings.LOCKOUT_MINUTES} minutes.\n\n"
        "If that was you, or you need to sign in now, open this link in the browser you want to use "
        f"(it works for 24 hours):\n{link}\n\n"
        "Browsers you have signed in from before are not affected.\n\n"
        "If it was not you, your password may be known to someone: change it after you sign in, and tell "
        "your organisation's administrator.\n"
    )
    address = user.email
    transaction.on_commit(
        lambda: send_mail("Upstander: your account was locked", body, None, [address], fail_silently=True)
    )


def register_failure(*, user: User, request: HttpRequest | None, reason: str) -> None:
    """Count one failed attempt (password or second factor) against the address, and against the
    account or, from a browser the owner uses, against that browser."""
    throttles.address_failed(request)
    audit_record(action=AuditAction.LOGIN_FAILED, actor=user, request=request, detail={"reason": reason})
    if throttles.device_known(request, user):
        throttles.device_failed(request, user)
        return
    User.objects.filter(pk=user.pk).update(failed_logins=F("failed_logins") + 1)
    user.refresh_from_db(fields=["failed_logins", "locked_until"])
    if user.failed_logins >= settings.LOCKOUT_FAILURES:
        until = timezone.now() + timedelta(minutes=settings.LOCKOUT_MINUTES)
        User.objects.filter(pk=user.pk).update(locked_until=until, failed_logins=0)
        audit_record(action=AuditAction.LOCKED_OUT, actor=user, request=request, detail={"until": until.isoformat()})
        _send_unlock_link(user)


def is_locked(user: User) -> bool:
    return user.locked_until is not None and user.locked_until > timezone.now()


def locked_for(user: User, request: HttpRequest | None) -> bool:
    """Whether the lock applies to this request: it does not to the owner's known browsers."""
    return is_locked(user) and not throttles.device_known(request, user)


class LockoutEmailBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        email = (username or kwargs.get("email") or "").strip().lower()
        if not email or password is None:
            return None
        user = User.objects.filter(email__iexact=email).first()
        # Too many failures from this address: only the owner's known browsers get through (a school
        # shares one address; the DSL must not be kept out by a pupil guessing on the same network).
        if throttles.address_blocked(request) and (user is None or not throttles.device_known(request, user)):
            User().set_password(password)
            return None
        if user is None:
            # Spend the same time as a real check, so timing does not reveal which emails exist.
            User().set_password(password)
            throttles.address_failed(request)
            return None
        if locked_for(user, request):
            throttles.address_failed(request)
            audit_record(action=AuditAction.LOGIN_FAILED, actor=user, request=request, detail={"reason": "locked"})
            return None
        if not user.check_password(password) or not self.user_can_authenticate(user):
            register_failure(user=user, request=request, reason="password")
            return None
        if user.failed_logins:
            User.objects.filter(pk=user.pk).update(failed_logins=0)
        return user
