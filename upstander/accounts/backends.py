"""Email-and-password sign-in with lockout after repeated failures."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from upstander.accounts.models import User
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record


def register_failure(*, user: User, request: HttpRequest | None, reason: str) -> None:
    """Count one failed attempt (password or second factor); lock the account at the limit."""
    User.objects.filter(pk=user.pk).update(failed_logins=F("failed_logins") + 1)
    user.refresh_from_db(fields=["failed_logins", "locked_until"])
    audit_record(action=AuditAction.LOGIN_FAILED, actor=user, request=request, detail={"reason": reason})
    if user.failed_logins >= settings.LOCKOUT_FAILURES:
        until = timezone.now() + timedelta(minutes=settings.LOCKOUT_MINUTES)
        User.objects.filter(pk=user.pk).update(locked_until=until, failed_logins=0)
        audit_record(action=AuditAction.LOCKED_OUT, actor=user, request=request, detail={"until": until.isoformat()})


def is_locked(user: User) -> bool:
    return user.locked_until is not None and user.locked_until > timezone.now()


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
        if user is None:
            # Spend the same time as a real check, so timing does not reveal which emails exist.
            User().set_password(password)
            return None
        if is_locked(user):
            audit_record(action=AuditAction.LOGIN_FAILED, actor=user, request=request, detail={"reason": "locked"})
            return None
        if not user.check_password(password) or not self.user_can_authenticate(user):
            register_failure(user=user, request=request, reason="password")
            return None
        if user.failed_logins:
            User.objects.filter(pk=user.pk).update(failed_logins=0)
        return user
