"""The organisation administrator's forms for its routes. Each error says what to fix."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from upstander.routes.hours import DAY_CHOICES
from upstander.routes.models import LocalContact, OrganisationHelpline, OrganisationRoutes
from upstander.routes.partners import PARTNERS

PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{1,24}$")
PHONE_ERROR = "Enter the phone number with digits and spaces only, for example 01632 960 123."
HTTPS_ERROR = "Enter a web address that starts with https://, for example https://www.example.org/."
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _phone(value: str) -> str:
    value = " ".join(value.split())
    if value and (not PHONE.match(value) or sum(c.isdigit() for c in value) < 3):
        raise forms.ValidationError(PHONE_ERROR)
    return value


def _https(value: str) -> str:
    if value and not value.startswith("https://"):
        raise forms.ValidationError(HTTPS_ERROR)
    return value


class LeadsForm(forms.ModelForm[OrganisationRoutes]):
    """Who deals with reports, as the organisation chooses to publish them."""

    class Meta:
        model = OrganisationRoutes
        fields = [
            "dsl_name", "dsl_title", "dsl_email", "dsl_phone", "dsl_where",
            "deputy_name", "deputy_title", "deputy_email", "deputy_phone", "deputy_where",
        ]  # fmt: skip
        labels = {
            "dsl_name": "Safeguarding lead: name",
            "dsl_title": "Safeguarding lead: role",
            "dsl_email": "Safeguarding lead: email address",
            "dsl_phone": "Safeguarding lead: phone number",
            "dsl_where": "Safeguarding lead: where to find them",
            "deputy_name": "Deputy: name",
            "deputy_title": "Deputy: role",
            "deputy_email": "Deputy: email address",
            "deputy_phone": "Deputy: phone number",
            "deputy_where": "Deputy: where to find them",
        }
        help_texts = {
            "dsl_name": "As you want it shown, for example 'Ms D. Okafor'. Leave empty to show only the role.",
            "dsl_title": "For example 'Designated safeguarding lead' or 'Assistant head (safeguarding)'.",
            "dsl_where": "For example 'The safeguarding office, room 12'.",
        }

    def clean_dsl_phone(self) -> str:
        return _phone(self.cleaned_data["dsl_phone"])

    def clean_deputy_phone(self) -> str:
        return _phone(self.cleaned_data["deputy_phone"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for who, label in (("dsl", "the safeguarding lead"), ("deputy", "the deputy")):
            named = data.get(f"{who}_name")
            reachable = any(data.get(f"{who}_{field}") for field in ("email", "phone", "where"))
            if named and not reachable and f"{who}_email" not in self.errors and f"{who}_phone" not in self.errors:
                self.add_error(
                    f"{who}_where", f"Say how to reach {label}: an email address, a phone number or where to find them."
                )
        return data


class HoursForm(forms.ModelForm[OrganisationRoutes]):
    """When reports are read, and what people should do meanwhile."""

    watched_days = forms.TypedMultipleChoiceField(
        label="Days reports are read",
        choices=DAY_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = OrganisationRoutes
        fields = ["watched_days", "watched_from", "watched_until", "hours_note", "out_of_hours"]
        labels = {
            "watched_from": "Reports are read from",
            "watched_until": "Reports are read until",
            "hours_note": "Anything else about these hours",
            "out_of_hours": "What to do when reports are not being read",
        }
        help_texts = {
            "watched_from": "For example 08:00.",
            "hours_note": "For example 'Term time only: in the holidays the inbox is read every weekday morning.'",
            "out_of_hours": "Shown on your page, your poster and the report form outside these hours. 999 for "
            "danger now and the helplines on your page are shown with it.",
        }
        widgets = {"watched_from": TIME, "watched_until": TIME, "out_of_hours": forms.Textarea(attrs={"rows": 4})}

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        days, opens, closes = data.get("watched_days"), data.get("watched_from"), data.get("watched_until")
        if "watched_from" in self.errors or "watched_until" in self.errors:
            return data
        given = [bool(days), opens is not None, closes is not None]
        if any(given) and not all(given):
            self.add_error(
                "watched_days" if not days else ("watched_from" if opens is None else "watched_until"),
                "Give the days and both times, or leave all three empty if reports have no set hours.",
            )
        elif opens is not None and closes is not None and closes <= opens:
            self.add_error("watched_until", "The time reports are read until must be later than the time they start.")
        elif all(given) and not data.get("out_of_hours", "").strip():
            self.add_error(
                "out_of_hours", "Say what people should do outside these hours, for example who else they can tell."
            )
        return data


class PartnersForm(forms.Form):
    partner_links = forms.MultipleChoiceField(
        label="Partner websites to show on your page",
        choices=[(p.slug, f"{p.name} ({p.url_display})") for p in PARTNERS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class LocalContactForm(forms.ModelForm[LocalContact]):
    website = forms.URLField(assume_scheme="https", required=False)

    class Meta:
        model = LocalContact
        fields = ["name", "phone", "out_of_hours_phone", "email", "website", "notes"]
        help_texts = {"notes": "For example opening hours, or what to have ready when you call."}

    def clean_phone(self) -> str:
        return _phone(self.cleaned_data["phone"])

    def clean_out_of_hours_phone(self) -> str:
        return _phone(self.cleaned_data["out_of_hours_phone"])

    def clean_website(self) -> str:
        return _https(self.cleaned_data["website"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        detail = any(data.get(f) for f in ("phone", "out_of_hours_phone", "email", "website", "notes"))
        if detail and not data.get("name") and not self.errors:
            self.add_error("name", "Name the team or person these details are for.")
        return data


class OwnHelplineForm(forms.ModelForm[OrganisationHelpline]):
    website = forms.URLField(assume_scheme="https", required=False)

    class Meta:
        model = OrganisationHelpline
        fields = ["name", "phone", "website", "who_for"]

    def clean_phone(self) -> str:
        return _phone(self.cleaned_data["phone"])

    def clean_website(self) -> str:
        return _https(self.cleaned_data["website"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("name") and not (data.get("phone") or data.get("website")) and not self.errors:
            self.add_error("phone", "Give a phone number or a website, so people can reach this helpline.")
        return data


OwnHelplineFormSet = forms.modelformset_factory(
    OrganisationHelpline, form=OwnHelplineForm, extra=1, can_delete=True, max_num=10, validate_max=True
)
