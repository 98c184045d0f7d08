"""The report form, one short question per page (GOV.UK pattern), in plain words."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone

from upstander.reports.models import Channel, Platform, ReporterRole
from upstander.reports.services import MAX_ACCOUNT_CHARS, MAX_MESSAGE_CHARS

YES_NO = [("yes", "Yes"), ("no", "No")]


class DangerForm(forms.Form):
    in_danger = forms.ChoiceField(
        label="Is anyone in danger right now?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="For example, someone might hurt themselves or someone else, or someone is being threatened now.",
        error_messages={"required": "Choose yes if anyone is in danger right now, or no if not."},
    )


class WhoForm(forms.Form):
    reporter_role = forms.ChoiceField(
        label="Who are you?",
        choices=[(value, label) for value, label in ReporterRole.choices if value != ReporterRole.UNKNOWN],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the answer that fits you best."},
    )


class WhatForm(forms.Form):
    account = forms.CharField(
        label="What happened?",
        help_text="Tell us in your own words. Say what was said or done, and who it was aimed at. You can write as much or as little as you like.",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_ACCOUNT_CHARS,
        error_messages={
            "required": "Tell us what happened. A few words is enough.",
            "max_length": f"That is a lot of writing: keep it under {MAX_ACCOUNT_CHARS:,} characters, and add the rest as a message later.",
        },
    )


class WhereForm(forms.Form):
    channel = forms.ChoiceField(
        label="Where did it happen?",
        choices=Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where it happened, or 'Somewhere else'."},
    )
    platform = forms.ChoiceField(
        label="Which app, game or website?",
        choices=[("", "Not sure, or none of these"), *[(v, lbl) for v, lbl in Platform.choices if v]],
        required=False,
    )


WHEN_CHOICES = [
    ("today", "Today"),
    ("yesterday", "Yesterday"),
    ("this_week", "In the last week"),
    ("earlier", "Longer ago"),
    ("ongoing", "It keeps happening"),
]


class WhenForm(forms.Form):
    happened_when = forms.ChoiceField(
        label="When did it happen?",
        choices=WHEN_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose when it happened. A rough idea is fine."},
    )
    happened_on = forms.DateField(
        label="Date, if you know it",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the date like 21/11/2026, or leave it empty."},
    )

    def clean_happened_on(self) -> date | None:
        value: date | None = self.cleaned_data.get("happened_on")
        if value is not None and value > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future.")
        if value is not None and value < timezone.localdate() - timedelta(days=365 * 20):
            raise forms.ValidationError("Check the year of that date.")
        return value


class PeopleForm(forms.Form):
    people_involved = forms.CharField(
        label="Who was involved?",
        help_text="Names or usernames, if you know them. You can leave this empty.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class AboutYouForm(forms.Form):
    anonymous = forms.ChoiceField(
        label="Do you want to tell us your name?",
        choices=[("no", "No, keep me anonymous"), ("yes", "Yes")],
        widget=forms.RadioSelect,
        help_text="Either way, you will get a code to check on your report and message us.",
        error_messages={"required": "Choose whether to tell us your name."},
    )
    reporter_name = forms.CharField(label="Your name", required=False, max_length=200)
    reporter_email = forms.EmailField(
        label="Your email address",
        required=False,
        help_text="We will send you a note to say we got your report. Leave it empty if you prefer.",
        error_messages={"invalid": "Enter an email address like name@example.com, or leave it empty."},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("anonymous") == "yes" and not data.get("reporter_name", "").strip():
            self.add_error("reporter_name", "Enter your name, or choose to stay anonymous.")
        if data.get("anonymous") == "no":
            data["reporter_name"] = ""
            data["reporter_email"] = ""
        return data


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Your message",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_MESSAGE_CHARS,
        error_messages={
            "required": "Write a message before sending it.",
            "max_length": f"Keep a message under {MAX_MESSAGE_CHARS:,} characters: send the rest in another one.",
        },
    )


class StatusLookupForm(forms.Form):
    reference = forms.CharField(
        label="Report reference",
        max_length=20,
        help_text="It looks like ABCD-2345.",
        error_messages={"required": "Enter the reference you were given."},
    )
    passphrase = forms.CharField(
        label="Passphrase",
        max_length=200,
        help_text="The words you were given, like tiger-lamp-river-seven-cloud-otter.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
        error_messages={"required": "Enter the passphrase you were given."},
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


MAX_FILES_PER_UPLOAD = 10


class EvidenceUploadForm(forms.Form):
    # `files` would shadow Form.files (the uploaded-files dict), so the field is `upload`.
    upload = MultipleFileField(
        label="Screenshots or files",
        required=False,
        help_text="Pictures, videos, PDFs, text files or saved emails, up to 10 at a time. Screenshots are most "
        "useful when they show the username, the date and the time.",
    )
    sexual_image = forms.BooleanField(
        label="One or more of these is a nude or sexual picture",
        required=False,
        help_text="Then nobody looks at it except the safeguarding lead, if they must. Please do not send nude or "
        "sexual pictures of anyone under 18, even as evidence: tell us about them instead.",
    )

    def clean_upload(self) -> list[Any]:
        files: list[Any] = self.cleaned_data.get("upload") or []
        if len(files) > MAX_FILES_PER_UPLOAD:
            raise forms.ValidationError(f"Choose up to {MAX_FILES_PER_UPLOAD} files at a time. You can add more later.")
        return files
