"""Sign-in and password-reset throttles that stop guessing without locking the owner out.

- Every failed sign-in (password or code) counts against the client's address: past
  LOGIN_FAILURES_PER_ADDRESS in LOCKOUT_MINUTES that address can try no account at all.
- Failures also count against the account (LOCKOUT_FAILURES), but that lock holds only for
  browsers the owner has not completed a sign-in from: a "known device" cookie, signed with the
  secret key, lets its browser sign in through the lock (OWASP's device-cookie scheme). A known
  browser has its own counter instead, so it cannot be used to guess either.
- When the lock falls, the owner is emailed a link that makes the browser they open it in a known
  one, so an attacker who keeps failing cannot keep the real person out.
- Password-reset emails: PASSWORD_RESETS_PER_ADDRESS per hour from one address, and
  PASSWORD_RESETS_PER_ACCOUNT per hour to one account (the rest are silently not sent, so the
  page still does not reveal which addresses have accounts).
Keys are keyed hashes (core.ratelimit); the device cookie holds a random id and user ids only.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

from upstander.accounts.models import User
from upstander.core import ratelimit
from upstander.core.clientip import client_ip

DEVICE_COOKIE = "upstander_device"
DEVICE_SALT = "upstander.accounts.device"
DEVICE_MAX_AGE = 365 * 24 * 3600
UNLOCK_SALT = "upstander.accounts.unlock"
UNLOCK_MAX_AGE = 24 * 3600
MAX_USERS_PER_DEVICE = 10


def _window() -> timedelta:
    return timedelta(minutes=settings.LOCKOUT_MINUTES)


def _address_key(request: HttpRequest | None) -> str:
    return ratelimit.limit_key("login-ip", client_ip(request) or "")


def address_blocked(request: HttpRequest | None) -> bool:
    return ratelimit.is_limited(_address_key(request), limit=settings.LOGIN_FAILURES_PER_ADDRESS, window=_window())


def address_failed(request: HttpRequest | None) -> None:
    ratelimit.hit(_address_key(request), limit=settings.LOGIN_FAILURES_PER_ADDRESS, window=_window())


# --- Known devices ------------------------------------------------------------------------------
def _device(request: HttpRequest | None) -> tuple[str, list[int]]:
    if request is None:
        return "", []
    raw = request.COOKIES.get(DEVICE_COOKIE, "")
    if not raw:
        return "", []
    try:
        value = signing.loads(raw, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE)
        return str(value["d"]), [int(u) for u in value["u"]]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return "", []


def _device_key(device_id: str, user: User) -> str:
    return ratelimit.limit_key("login-device", device_id, str(user.pk))


def device_known(request: HttpRequest | None, user: User) -> bool:
    """This browser completed a sign-in for `user` (or opened their unlock link), and has not
    itself failed too often since."""
    device_id, users = _device(request)
    if not device_id or user.pk not in users:
        return False
    return not ratelimit.is_limited(_device_key(device_id, user), limit=settings.LOCKOUT_FAILURES, window=_window())


def device_failed(request: HttpRequest | None, user: User) -> None:
    device_id, users = _device(request)
    if device_id and user.pk in users:
        ratelimit.hit(_device_key(device_id, user), limit=settings.LOCKOUT_FAILURES, window=_window())


def device_remember(request: HttpRequest, response: HttpResponse, user: User) -> None:
    device_id, users = _device(request)
    device_id = device_id or secrets.token_urlsafe(18)
    others = [u for u in users if u != user.pk][-(MAX_USERS_PER_DEVICE - 1) :]
    users = [*others, user.pk]
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps({"d": device_id, "u": users}, salt=DEVICE_SALT),
        max_age=DEVICE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


# --- Unlock links -------------------------------------------------------------------------------
def unlock_token(user: User) -> str:
    return signing.dumps({"u": user.pk}, salt=UNLOCK_SALT)


def unlock_user(token: str) -> User | None:
    try:
        value = signing.loads(token, salt=UNLOCK_SALT, max_age=UNLOCK_MAX_AGE)
        return User.objects.filter(pk=int(value["u"]), is_active=True).first()
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


# --- Password reset -----------------------------------------------------------------------------
def password_reset_address_allowed(request: HttpRequest) -> bool:
    key = ratelimit.limit_key("pwreset-ip", client_ip(request) or "")
    return ratelimit.hit(key, limit=settings.PASSWORD_RESETS_PER_ADDRESS, window=timedelta(hours=1))


def password_reset_account_allowed(email: str) -> bool:
    key = ratelimit.limit_key("pwreset-account", email.strip().lower())
    return ratelimit.hit(key, limit=settings.PASSWORD_RESETS_PER_ACCOUNT, window=timedelta(hours=1))
