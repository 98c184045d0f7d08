"""Single sign-on views: start (to the provider) and callback (back from it), and the refusal page."""

from __future__ import annotations

import logging
from typing import Any

import requests
from django.conf import settings
from django.contrib import auth
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from upstander.accounts import selectors, throttles
from upstander.accounts.middleware import SESSION_2FA_NEEDED, SESSION_2FA_OK
from upstander.accounts.models import User
from upstander.accounts.sso import SSO_LABEL, oidc_setting, provider_mfa_accepted, sign_in_of
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record

log = logging.getLogger(__name__)

REFUSALS = {
    "unknown": (
        "No Upstander account uses this address",
        "Your school account signed you in, but nobody has added that email address to Upstander, so we "
        "cannot let you in. Ask your organisation's Upstander administrator to add you on the Members page "
        "(or to allow your school's email domain).",
    ),
    "unverified": (
        "Your sign-in provider did not confirm your email address",
        "Upstander matches accounts only by an email address the provider says it has verified. Ask your IT "
        "team to make the provider send a verified email (for Microsoft Entra ID, the optional claims 'email' "
        "and 'xms_edov'), or sign in with your Upstander password.",
    ),
    "no_email": (
        "Your sign-in provider did not send an email address",
        "Upstander needs the 'email' scope and claim to find your account. Ask your IT team to add it.",
    ),
    "no_subject": (
        "Your sign-in provider did not say who you are",
        "The provider's answer had no subject ('sub') claim, which every OpenID Connect provider must send. "
        "Ask your IT team to check the Upstander application's settings at the provider.",
    ),
    "subject": (
        "This address belongs to someone else at your sign-in provider now",
        "This Upstander account was first used with a different person's account at your sign-in provider, "
        "so we cannot let you in with it. If your school has given you an address that someone used before, "
        "ask your Upstander installation's administrator to reset the account's single sign-on link.",
    ),
    "locked": (
        "This account is locked for now",
        "There were too many wrong passwords for this account, so it is locked for a while, and single sign-on "
        "cannot open it from this browser either. The account's owner has been emailed a link that lets their "
        "own browser in; otherwise try again later.",
    ),
    "inactive": (
        "This account is switched off",
        "Ask your organisation's Upstander administrator.",
    ),
    "forged": (
        "That sign-in could not be checked",
        "The answer from the sign-in provider was not valid for this browser (it may have been used already, "
        "or have come from somewhere else). Start again from the sign-in page.",
    ),
    "cancelled": (
        "You were not signed in",
        "The sign-in provider did not sign you in (it may have been cancelled). Start again from the sign-in page.",
    ),
    "provider": (
        "The sign-in provider could not be reached",
        "Try again in a minute, or sign in with your Upstander password.",
    ),
}


def _enabled() -> None:
    if not settings.OIDC_ENABLED:
        raise Http404("Single sign-on is not configured.")


def refused(request: HttpRequest, reason: str, *, status: int = 403) -> HttpResponse:
    title, explanation = REFUSALS[reason]
    audit_record(
        action=AuditAction.LOGIN_FAILED,
        actor_label=SSO_LABEL,
        request=request,
        detail={"via": SSO_LABEL, "reason": reason},
    )
    log.info("single sign-on refused", extra={"reason": reason})
    context = {"title": title, "explanation": explanation}
    return render(request, "accounts/sso_refused.html", context, status=status)


class SSOStartView(OIDCAuthenticationRequestView):
    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)  # endpoints are looked up per request, not when the view is made

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return oidc_setting(attr, *args)

    def get(self, request: HttpRequest) -> HttpResponse:
        _enabled()
        try:
            self.OIDC_OP_AUTH_ENDPOINT = self.get_settings("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except (requests.RequestException, ValueError, ImproperlyConfigured):
            log.warning("single sign-on provider unavailable", exc_info=True)
            return refused(request, "provider", status=502)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        response: HttpResponse = super().get(request)
        return response


class SSOCallbackView(OIDCAuthenticationCallbackView):
    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return oidc_setting(attr, *args)

    def get(self, request: HttpRequest) -> HttpResponse:
        _enabled()
        if request.GET.get("code") and request.GET.get("state") and not request.session.get("oidc_states"):
            return refused(request, "forged", status=400)
        try:
            response: HttpResponse = super().get(request)
        except SuspiciousOperation as exc:
            # Wrong state (replayed or forged answer), bad signature, wrong nonce, issuer or audience.
            log.warning("single sign-on answer rejected: %s", exc.__class__.__name__)
            return refused(request, "forged", status=400)
        except (requests.RequestException, ValueError, ImproperlyConfigured):
            log.warning("single sign-on provider unavailable", exc_info=True)
            return refused(request, "provider", status=502)
        return response

    def login_failure(self) -> HttpResponse:
        found = sign_in_of(self.request)
        reason = found.refusal or ("cancelled" if self.request.GET.get("error") else "forged")
        return refused(self.request, reason, status=400 if reason in ("forged", "cancelled") else 403)

    def login_success(self) -> HttpResponse:
        request = self.request
        user: User = self.user
        found = sign_in_of(request)
        auth.login(request, user)
        needs = selectors.user_needs_two_factor(user=user)
        provider_mfa = found.provider_mfa and provider_mfa_accepted(user=user)
        request.session[SESSION_2FA_NEEDED] = needs
        # As after a password: "OK" means a second factor was given in this session. The provider's
        # own multi-factor check counts only where every organisation of the person accepts it.
        request.session[SESSION_2FA_OK] = bool(needs and provider_mfa)
        next_url = request.session.pop("oidc_login_next", None) or reverse(settings.LOGIN_REDIRECT_URL)
        response = HttpResponseRedirect(next_url)
        if not needs or provider_mfa:
            detail: dict[str, Any] = {"via": SSO_LABEL}
            if needs:
                detail["second_factor"] = "provider (amr)"
            if found.created:
                detail["account_created"] = True
            audit_record(action=AuditAction.LOGGED_IN, actor=user, request=request, detail=detail)
            throttles.device_remember(request, response, user)
        return response
