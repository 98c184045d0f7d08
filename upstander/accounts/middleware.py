"""Per-request actor, and the two-factor gate."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from upstander.accounts.actor import Actor
from upstander.accounts.selectors import user_contexts, user_needs_two_factor

SESSION_CONTEXT = "upstander_context"
SESSION_2FA_OK = "upstander_2fa_ok"  # a second factor was given in this session
SESSION_2FA_NEEDED = "upstander_2fa_needed"


class ActorMiddleware:
    """Sets `request.actor`: the signed-in user's current organisation (or authority) and roles."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = None  # type: ignore[attr-defined]
        user = request.user
        if user.is_authenticated:
            contexts = user_contexts(user=user)
            wanted = request.session.get(SESSION_CONTEXT)
            current = next((c for c in contexts if c.key == wanted), contexts[0] if contexts else None)
            request.actor = Actor(user_id=user.pk, context=current, contexts=contexts)  # type: ignore[attr-defined]
        return self.get_response(request)


# Paths a half-signed-in user may reach: the two-factor pages themselves, signing out, assets.
_OPEN_PREFIXES = ("/accounts/two-factor/", "/accounts/logout/", "/static/", "/healthz")


class TwoFactorMiddleware:
    """Until a user who needs a second factor has given one, every other page sends them to it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not request.session.get(SESSION_2FA_OK):
            # Worked out on every request until a second factor is given (one query), so a role
            # given to someone already signed in, or an organisation now asking staff for a second
            # factor, takes effect at once rather than at their next sign-in.
            needed = user_needs_two_factor(user=user)
            if request.session.get(SESSION_2FA_NEEDED) != needed:
                request.session[SESSION_2FA_NEEDED] = needed
            if needed and not request.path.startswith(_OPEN_PREFIXES):
                target = "accounts:two_factor" if user.has_totp else "accounts:two_factor_setup"
                return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)
