"""The account owner's own pages: invitations, recovery codes, password, and the unlock link;
and the password-reset pages, throttled and announced to the owner."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from upstander.accounts import selectors, services, throttles
from upstander.accounts.auth import user_of
from upstander.accounts.forms import ThrottledPasswordResetForm
from upstander.accounts.middleware import SESSION_2FA_OK
from upstander.accounts.models import Invitation, RecoveryCode, User
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record

SESSION_RECOVERY_CODES = "upstander_recovery_codes"


def _signed_in(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


@require_GET
def account_view(request: HttpRequest) -> HttpResponse:
    user = _signed_in(request)
    if user is None:
        return redirect("accounts:login")
    context = {
        "account": user,
        "scope": selectors.account_scope(user=user),
        "invitations": selectors.open_invitations(user=user),
        "codes_left": RecoveryCode.objects.filter(user=user, used_at__isnull=True).count(),
    }
    return render(request, "accounts/account.html", context)


@require_POST
def invitation_answer_view(request: HttpRequest, invitation_id: int) -> HttpResponse:
    user = user_of(request)
    invitation = get_object_or_404(Invitation, pk=invitation_id, user=user)
    accept = request.POST.get("answer") == "accept"
    try:
        services.invitation_answer(invitation=invitation, user=user, accept=accept, request=request)
    except PermissionDenied as refused:
        messages.error(request, str(refused))
        return redirect("accounts:account")
    if accept:
        messages.success(
            request, f"You joined {invitation.organisation.name}. Choose it in the switcher to work there."
        )
    else:
        messages.info(request, f"You declined the invitation from {invitation.organisation.name}.")
    return redirect("accounts:account")


@require_GET
def recovery_codes_view(request: HttpRequest) -> HttpResponse:
    """New recovery codes, shown once: they leave the session as they are shown."""
    if _signed_in(request) is None:
        return redirect("accounts:login")
    codes = request.session.pop(SESSION_RECOVERY_CODES, None)
    candidate = request.GET.get("next", "")
    allowed = url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()})
    context = {"codes": codes or [], "next": candidate if candidate and allowed else reverse("core:home")}
    response = render(request, "accounts/recovery_codes.html", context)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def recovery_codes_new_view(request: HttpRequest) -> HttpResponse:
    user = _signed_in(request)
    if user is None:
        return redirect("accounts:login")
    if not user.has_totp or not request.session.get(SESSION_2FA_OK):
        # A password alone must not be enough to mint codes that stand in for the second factor.
        messages.error(request, "Enter a code from your authenticator app first, then make new recovery codes.")
        return redirect(f"{reverse('accounts:two_factor')}?next={reverse('accounts:account')}")
    request.session[SESSION_RECOVERY_CODES] = services.recovery_codes_generate(user=user, request=request)
    return redirect(f"{reverse('accounts:recovery_codes')}?next={reverse('accounts:account')}")


@require_GET
def unlock_view(request: HttpRequest, token: str) -> HttpResponse:
    """The link emailed when an account is locked: this browser may sign in through the lock."""
    user = throttles.unlock_user(token)
    if user is None:
        return render(request, "accounts/unlock.html", {"unlocked": None}, status=400)
    audit_record(
        action=AuditAction.CHANGED,
        actor=user,
        obj=user,
        request=request,
        detail={"unlock_link": "used", **selectors.account_scope(user=user)},
    )
    response = render(request, "accounts/unlock.html", {"unlocked": user})
    throttles.device_remember(request, response, user)
    return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, throttled per address (a page saying so) and per account (silently, see the form)."""

    form_class = ThrottledPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not throttles.password_reset_address_allowed(request):
            form = self.get_form()
            form.is_valid()
            form.add_error(
                None, "Too many password-reset emails were asked for from this connection. Try again in an hour."
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.password_changed(user=form.user, changed_by=None, request=self.request, how="reset link")
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.password_changed(user=form.user, changed_by=None, request=self.request, how="account page")
        messages.success(self.request, "Your password was changed.")
        return response


password_change_view = require_http_methods(["GET", "POST"])(PasswordChangeView.as_view())
