from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordResetForm

from upstander.accounts import throttles
from upstander.accounts.models import ApiKey, Role


class LoginForm(forms.Form):
    email = forms.EmailField(label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "username"}))
    password = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label="6-digit code from your authenticator app",
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*", "size": "8"}
        ),
    )

    def clean_code(self) -> str:
        code = "".join(ch for ch in self.cleaned_data["code"] if ch.isdigit())
        if len(code) != 6:
            raise forms.ValidationError("Enter the 6 digits shown in your authenticator app.")
        return code


ORGANISATION_ROLES = [(value, label) for value, label in Role.choices if value != Role.AUTHORITY_LEAD]


class MemberAddForm(forms.Form):
    full_name = forms.CharField(label="Full name", max_length=200)
    email = forms.EmailField(label="Email address")
    role = forms.ChoiceField(label="Role", choices=ORGANISATION_ROLES)


class OrganisationSettingsForm(forms.Form):
    require_2fa_for_staff = forms.BooleanField(
        label="Ask members of staff for a two-factor code too",
        required=False,
        help_text="Safeguarding leads, senior leaders and administrators always need one.",
    )
    reporting_email = forms.EmailField(
        label="Reporting email address",
        required=False,
        help_text="A dedicated address pupils, parents and staff can send reports to.",
    )
    sso_allowed_domains = forms.CharField(
        label="Email domains that may get an account at first single sign-on",
        required=False,
        max_length=500,
        help_text="For example: hillschool.org.uk. Separate several with commas. The provider must say the "
        "address is verified; the new account has no role until you give it one on Members. Leave empty to "
        "let only people you have added sign in.",
    )
    sso_accept_provider_mfa = forms.BooleanField(
        label="Accept the sign-in provider's multi-factor check instead of Upstander's code",
        required=False,
        help_text="Only when every organisation the person belongs to accepts it, and only when the provider "
        "says a second factor was used (Microsoft Entra ID's v2 tokens and Google do not say so: their "
        "people are still asked for Upstander's code).",
    )

    def clean_sso_allowed_domains(self) -> str:
        # Here, not at the top: sso loads jwt and requests, needed only when single sign-on is set up.
        from upstander.accounts.sso import parse_domains

        try:
            return ", ".join(parse_domains(self.cleaned_data["sso_allowed_domains"], strict=True))
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None


class ApiKeyForm(forms.Form):
    name = forms.CharField(label="What will use this key?", max_length=100, help_text="For example: school app.")
    scopes = forms.MultipleChoiceField(
        label="What it may do",
        choices=ApiKey.Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one thing the key may do."},
    )


class RecoveryCodeForm(forms.Form):
    recovery_code = forms.CharField(
        label="Recovery code",
        max_length=40,
        help_text="One of the codes you saved when you set up two-factor authentication, such as abcd-efgh-jkmn-pqrs.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "size": "22"}),
    )


class ThrottledPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending at most PASSWORD_RESETS_PER_ACCOUNT emails an hour to one account.
    Past that nothing is sent, but the page reads the same, so it reveals nothing about accounts."""

    def get_users(self, email: str) -> Iterable[Any]:
        if not throttles.password_reset_account_allowed(email):
            return iter(())
        return super().get_users(email)
