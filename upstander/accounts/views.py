"""Sign in (password, then a second factor), sign out, switch organisation, manage members."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import url_has_allowed_host_and_scheme, urlencode, urlsafe_base64_encode
from django.views.decorators.http import require_http_methods, require_POST

from upstander.accounts import permissions, selectors, services, throttles
from upstander.accounts.auth import actor_of, require, user_of
from upstander.accounts.backends import locked_for
from upstander.accounts.forms import (
    ApiKeyForm,
    CodeForm,
    LoginForm,
    MemberAddForm,
    OrganisationSettingsForm,
    RecoveryCodeForm,
)
from upstander.accounts.middleware import SESSION_2FA_NEEDED, SESSION_2FA_OK, SESSION_CONTEXT
from upstander.accounts.models import ApiKey, Membership, Organisation, User
from upstander.accounts.views_account import SESSION_RECOVERY_CODES
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record

SESSION_TOTP_PENDING = "upstander_totp_pending"
BAD_LOGIN = (
    "Email address or password not recognised. After {n} failed attempts an account is locked "
    "for {m} minutes for new browsers, and its owner is emailed a link to sign in anyway."
)
TOO_MANY_FROM_ADDRESS = (
    "Too many failed sign-ins have come from this connection, so it cannot sign in for up to {m} minutes. "
    "Browsers you have signed in from before still can."
)


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=form.cleaned_data["email"], password=form.cleaned_data["password"])
        if user is not None:
            login(request, user)
            needs = selectors.user_needs_two_factor(user=user)
            request.session[SESSION_2FA_NEEDED] = needs
            # "OK" means a second factor was given in this session; until then the middleware checks
            # on every request whether one is needed (a role given later takes effect at once).
            request.session[SESSION_2FA_OK] = False
            response = redirect(_next_url(request))
            if not needs:
                audit_record(action=AuditAction.LOGGED_IN, actor=user, request=request)
                throttles.device_remember(request, response, user)
            return response
        if throttles.address_blocked(request):
            form.add_error(None, TOO_MANY_FROM_ADDRESS.format(m=settings.LOCKOUT_MINUTES))
            status = 429
        else:
            form.add_error(None, BAD_LOGIN.format(n=settings.LOCKOUT_FAILURES, m=settings.LOCKOUT_MINUTES))
    context = {"form": form, "next": request.GET.get("next", ""), "sso_enabled": settings.OIDC_ENABLED}
    return render(request, "accounts/login.html", context, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        audit_record(action=AuditAction.LOGGED_OUT, actor=user_of(request), request=request)
    logout(request)
    messages.info(request, "You have signed out.")
    return redirect(settings.LOGOUT_REDIRECT_URL)


def _signed_in_user(request: HttpRequest) -> User | None:
    return request.user if request.user.is_authenticated else None


@require_http_methods(["GET", "POST"])
def two_factor_view(request: HttpRequest) -> HttpResponse:
    user = _signed_in_user(request)
    if user is None:
        return redirect("accounts:login")
    if not user.has_totp:
        return redirect("accounts:two_factor_setup")
    using_recovery = request.method == "POST" and "recovery_code" in request.POST
    form = CodeForm(request.POST if request.method == "POST" and not using_recovery else None)
    recovery = RecoveryCodeForm(request.POST if using_recovery else None)
    if using_recovery and recovery.is_valid():
        if services.recovery_code_use(user=user, code=recovery.cleaned_data["recovery_code"], request=request):
            messages.warning(
                request,
                "You signed in with a recovery code, which now cannot be used again. If you lost your phone, "
                "set up two-factor again and make new codes from your account page.",
            )
            return _second_factor_given(request, user, "recovery code")
        recovery.add_error("recovery_code", "That recovery code is not right, or was already used.")
    elif not using_recovery and request.method == "POST" and form.is_valid():
        if services.two_factor_check(user=user, code=form.cleaned_data["code"], request=request):
            return _second_factor_given(request, user, "totp")
        form.add_error("code", "That code was not right, or was already used. Enter the newest code.")
    if request.method == "POST" and locked_for(User.objects.get(pk=user.pk), request):
        logout(request)
        messages.error(request, BAD_LOGIN.format(n=settings.LOCKOUT_FAILURES, m=settings.LOCKOUT_MINUTES))
        return redirect("accounts:login")
    context = {"form": form, "recovery": recovery, "next": request.GET.get("next", "")}
    return render(request, "accounts/two_factor.html", context)


def _second_factor_given(request: HttpRequest, user: User, how: str) -> HttpResponse:
    request.session.cycle_key()
    request.session[SESSION_2FA_OK] = True
    audit_record(action=AuditAction.LOGGED_IN, actor=user, request=request, detail={"second_factor": how})
    response = redirect(_next_url(request))
    throttles.device_remember(request, response, user)
    return response


@require_http_methods(["GET", "POST"])
def two_factor_setup_view(request: HttpRequest) -> HttpResponse:
    user = _signed_in_user(request)
    if user is None:
        return redirect("accounts:login")
    if user.has_totp and not request.session.get(SESSION_2FA_OK):
        # Re-enrolling needs the current factor first; an administrator can reset a lost one.
        return redirect("accounts:two_factor")
    secret = request.session.get(SESSION_TOTP_PENDING) or services.totp_new_secret()
    request.session[SESSION_TOTP_PENDING] = secret
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if services.two_factor_enable(user=user, secret=secret, code=form.cleaned_data["code"], request=request):
            del request.session[SESSION_TOTP_PENDING]
            request.session.cycle_key()
            request.session[SESSION_2FA_OK] = True
            audit_record(action=AuditAction.LOGGED_IN, actor=user, request=request, detail={"second_factor": "totp"})
            messages.success(
                request, "Two-factor authentication is set up. You will be asked for a code each time you sign in."
            )
            request.session[SESSION_RECOVERY_CODES] = services.recovery_codes_generate(user=user, request=request)
            response = redirect(f"{reverse('accounts:recovery_codes')}?{urlencode({'next': _next_url(request)})}")
            throttles.device_remember(request, response, user)
            return response
        form.add_error(
            "code", "That code did not match. Check the time on your phone is right and try the newest code."
        )
    context = {
        "form": form,
        "secret": secret,
        "qr_svg": services.totp_provisioning_svg(user=user, secret=secret),
        "next": request.GET.get("next", ""),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@require_POST
def switch_context_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    wanted = request.POST.get("context", "")
    context = next((c for c in actor.contexts if c.key == wanted), None)
    if context is None:
        messages.error(request, "You are not a member of that organisation.")
        return redirect("core:home")
    request.session[SESSION_CONTEXT] = context.key
    audit_record(
        action=AuditAction.SWITCHED_ORGANISATION,
        actor=user_of(request),
        organisation_id=context.id if context.kind == "org" else None,
        request=request,
        detail={"to": context.key},
    )
    messages.success(request, f"You are now working in {context.name}.")
    return redirect("core:home")


@require_http_methods(["GET", "POST"])
@require(permissions.can_manage_members)
def members_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    organisation = get_object_or_404(Organisation, pk=actor.organisation_id)
    form = MemberAddForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        outcome, user = services.member_add(
            organisation=organisation,
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            role=form.cleaned_data["role"],
            added_by=user_of(request),
            request=request,
        )
        if outcome == services.MemberAddOutcome.CREATED:
            _send_set_password_email(request, user)
            messages.success(request, f"{user.full_name} was added. We sent them an email to choose a password.")
        elif outcome == services.MemberAddOutcome.INVITED:
            messages.success(
                request,
                f"{form.cleaned_data['email']} already has an Upstander account, so we sent them an invitation. "
                "They get the role only when they accept it.",
            )
        elif outcome == services.MemberAddOutcome.GRANTED:
            messages.success(request, f"{user.full_name} now has that role here. We emailed them to say so.")
        else:
            messages.info(request, f"{user.full_name} already has that role here.")
        return HttpResponseRedirect(request.path)
    memberships = selectors.organisation_members(organisation=organisation)
    context = {
        "form": form,
        "memberships": memberships,
        "organisation": organisation,
        "invitations": selectors.organisation_invitations(organisation=organisation),
        "resettable": selectors.second_factors_resettable_by(
            admin=user_of(request), user_ids=[m.user_id for m in memberships]
        ),
    }
    return render(request, "accounts/members.html", context)


def _send_set_password_email(request: HttpRequest, user: User) -> None:
    # Django's reset form skips users without a usable password, which new members are, so the
    # welcome message uses the same token machinery directly.
    context = {
        "email": user.email,
        "domain": request.get_host(),
        "protocol": "https" if request.is_secure() else "http",
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    subject = render_to_string("registration/welcome_subject.txt", context).strip()
    body = render_to_string("registration/welcome_email.txt", context)
    send_mail(subject, body, None, [user.email])


@require_POST
@require(permissions.can_manage_members)
def member_revoke_view(request: HttpRequest, membership_id: int) -> HttpResponse:
    actor = actor_of(request)
    membership = get_object_or_404(Membership, pk=membership_id, organisation_id=actor.organisation_id)
    if membership.user_id == request.user.pk and membership.role == "org_admin":
        messages.error(request, "You cannot remove your own administrator role. Ask another administrator.")
    else:
        services.membership_revoke(membership=membership, revoked_by=user_of(request), request=request)
        messages.success(
            request, f"{membership.user.full_name} no longer has the role {membership.get_role_display()}."
        )
    return redirect("accounts:members")


@require_POST
@require(permissions.can_manage_members)
def member_reset_two_factor_view(request: HttpRequest, membership_id: int) -> HttpResponse:
    actor = actor_of(request)
    membership = get_object_or_404(Membership, pk=membership_id, organisation_id=actor.organisation_id)
    try:
        services.two_factor_reset(
            user=membership.user, reset_by=user_of(request), request=request, organisation_id=actor.organisation_id
        )
    except PermissionDenied as refused:
        messages.error(request, str(refused))
        return redirect("accounts:members")
    messages.success(
        request, f"{membership.user.full_name} will set up two-factor authentication again at next sign-in."
    )
    return redirect("accounts:members")


@require_http_methods(["GET", "POST"])
@require(permissions.can_change_organisation_settings)
def organisation_settings_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    organisation = get_object_or_404(Organisation, pk=actor.organisation_id)
    initial = {
        "require_2fa_for_staff": organisation.require_2fa_for_staff,
        "reporting_email": organisation.reporting_email,
        "sso_allowed_domains": organisation.sso_allowed_domains,
        "sso_accept_provider_mfa": organisation.sso_accept_provider_mfa,
    }
    form = OrganisationSettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.organisation_settings_update(
            organisation=organisation,
            changed_by=user_of(request),
            request=request,
            **form.cleaned_data,
        )
        messages.success(request, "Settings saved.")
        return redirect("accounts:organisation_settings")
    return render(request, "accounts/organisation_settings.html", {"form": form, "organisation": organisation})


@require_http_methods(["GET", "POST"])
@require(permissions.can_manage_members)
def api_keys_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    organisation = get_object_or_404(Organisation, pk=actor.organisation_id)
    form = ApiKeyForm(request.POST if request.method == "POST" else None)
    new_secret = ""
    if request.method == "POST" and form.is_valid():
        _, new_secret = services.api_key_issue(
            organisation=organisation,
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            issued_by=user_of(request),
            request=request,
        )
        form = ApiKeyForm()
    keys = ApiKey.objects.filter(organisation=organisation)
    context = {"form": form, "keys": keys, "new_secret": new_secret, "organisation": organisation}
    return render(request, "accounts/api_keys.html", context)


@require_POST
@require(permissions.can_manage_members)
def api_key_revoke_view(request: HttpRequest, key_id: int) -> HttpResponse:
    actor = actor_of(request)
    key = get_object_or_404(ApiKey, pk=key_id, organisation_id=actor.organisation_id)
    services.api_key_revoke(key=key, revoked_by=user_of(request), request=request)
    messages.success(request, f"The key {key.name} was revoked: it stops working at once.")
    return redirect("accounts:api_keys")
