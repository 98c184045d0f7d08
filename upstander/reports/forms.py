"""The report form, one short question per page (GOV.UK pattern), in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, ClassVar

from django import forms
from django.utils import timezone

from upstander import platforms
from upstander.people.models import Person
from upstander.people.selectors import people_to_pick, pick_label
from upstander.reports import schema
from upstander.reports.models import Channel, ReportConcern, ReporterKind, ReporterRole
from upstander.reports.schema import (
    MAX_ACCOUNT_CHARS,
    MAX_NAME_CHARS,
    MAX_PEOPLE_CHARS,
    MAX_WHEN_WORDS_CHARS,
)
from upstander.reports.services import MAX_MESSAGE_CHARS, ReportInput

YES_NO = [("yes", "Yes"), ("no", "No")]
FUTURE_DATE = "The date cannot be in the future."


def _plausible_date(value: date | None) -> date | None:
    """A form-only nudge (the schema takes any date from 1900): a date over 20 years ago is likely a typing slip."""
    if value is not None and value < timezone.localdate() - timedelta(days=365 * 20):
        raise forms.ValidationError("Check the year of that date.")
    return value


class ReportSchemaForm(forms.Form):
    """A page of a report form whose answers the one report schema checks (`reports/schema.py`): the
    Django fields render the page (labels, hints, limits for the browser) and catch what is missing;
    the schema's rules then decide, and its errors land on this form's fields in this form's words."""

    # form field -> schema field
    schema_fields: ClassVar[dict[str, str]] = {}
    # schema error code -> the words this form uses for it (otherwise the field's label and the schema's text)
    schema_messages: ClassVar[dict[str, str]] = {}

    def schema_values(self, data: dict[str, Any]) -> dict[str, Any]:
        """The cleaned answers as the schema takes them (a subclass turns "yes"/"no" into true/false)."""
        return {to: data[name] for name, to in self.schema_fields.items() if name in data}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        back = {to: name for name, to in self.schema_fields.items()}
        for field, problem in schema.field_errors(self.schema_values(data)).items():
            name = back[field]
            if name not in self.errors:
                self.add_error(
                    name, self.schema_messages.get(problem.code) or f"{self.fields[name].label}: {problem.message}"
                )
        return data


class DangerForm(ReportSchemaForm):
    schema_fields: ClassVar[dict[str, str]] = {"in_danger": "in_danger"}

    in_danger = forms.ChoiceField(
        label="Is anyone in danger right now?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="For example, someone might hurt themselves or someone else, or someone is being threatened now.",
        error_messages={"required": "Choose yes if anyone is in danger right now, or no if not."},
    )

    def schema_values(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"in_danger": data["in_danger"] == "yes"} if "in_danger" in data else {}


@dataclass(frozen=True)
class WhoOption:
    """One answer to "Who are you?": the role and kind of person it records (who was harmed, for "me")."""

    role: str
    kind: str
    label: str


_ME_STAFF = WhoOption(ReporterRole.TARGET, ReporterKind.STAFF, "It happened to me, and I work or volunteer here")
_SAW = WhoOption(ReporterRole.BYSTANDER, ReporterKind.NOT_SAID, "I saw it happen to someone else")
_PARENT = WhoOption(ReporterRole.PARENT, ReporterKind.PARENT, "I am a parent or carer")
_STAFF = WhoOption(ReporterRole.STAFF, ReporterKind.STAFF, "I work or volunteer here, and it happened to someone else")

# The answers each kind of organisation offers, in order: its own people first (issue 12).
WHO_OPTIONS: dict[str, dict[str, WhoOption]] = {
    "school": {
        "target": WhoOption(ReporterRole.TARGET, ReporterKind.PUPIL, "It happened to me (I am a pupil)"),
        "bystander": _SAW, "parent": _PARENT, "staff_target": _ME_STAFF, "staff": _STAFF,
    },
    "college": {
        "target": WhoOption(ReporterRole.TARGET, ReporterKind.PUPIL, "It happened to me (I am a student under 18)"),
        "service_user": WhoOption(
            ReporterRole.TARGET, ReporterKind.SERVICE_USER, "It happened to me (I am a student aged 18 or over)"
        ),
        "bystander": _SAW, "parent": _PARENT, "staff_target": _ME_STAFF, "staff": _STAFF,
    },
    "adult_learning": {
        "service_user": WhoOption(
            ReporterRole.TARGET, ReporterKind.SERVICE_USER, "It happened to me (I am a learner or use this service)"
        ),
        "bystander": _SAW,
        "parent": WhoOption(ReporterRole.PARENT, ReporterKind.PARENT, "I am a family member or carer"),
        "staff_target": _ME_STAFF, "staff": _STAFF,
    },
    "youth_service": {
        "target": WhoOption(ReporterRole.TARGET, ReporterKind.PUPIL, "It happened to me (I am a young person)"),
        "bystander": _SAW, "parent": _PARENT, "staff_target": _ME_STAFF, "staff": _STAFF,
    },
    "other": {
        "target": WhoOption(ReporterRole.TARGET, ReporterKind.PUPIL, "It happened to me, and I am under 18"),
        "service_user": WhoOption(
            ReporterRole.TARGET, ReporterKind.SERVICE_USER, "It happened to me, and I am 18 or over"
        ),
        "bystander": _SAW, "parent": _PARENT, "staff_target": _ME_STAFF, "staff": _STAFF,
    },
}  # fmt: skip
_GROUP_FOR_KIND = {"primary_school": "school", "secondary_school": "school"}


def who_options(organisation_kind: str) -> dict[str, WhoOption]:
    """The "Who are you?" answers for an organisation's kind (an unknown kind gets the general set)."""
    group = _GROUP_FOR_KIND.get(organisation_kind, organisation_kind)
    return WHO_OPTIONS.get(group, WHO_OPTIONS["other"])


def who_option(organisation_kind: str, value: str) -> WhoOption:
    """The answer stored in a draft; a draft from before issue 12 held a bare role, read as that role."""
    options = who_options(organisation_kind)
    if value in options:
        return options[value]
    for group in WHO_OPTIONS.values():
        if value in group:
            return group[value]
    return WhoOption(value, ReporterKind.NOT_SAID, ReporterRole(value).label)


class WhoForm(forms.Form):
    reporter_role = forms.ChoiceField(
        label="Who are you?",
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the answer that fits you best."},
    )

    def __init__(self, *args: Any, organisation_kind: str = "other", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reporter_role"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(value, option.label) for value, option in who_options(organisation_kind).items()]


class WhatForm(ReportSchemaForm):
    schema_fields: ClassVar[dict[str, str]] = {"account": "account", "concerns": "concerns"}
    schema_messages: ClassVar[dict[str, str]] = {"required": "Tell us what happened. A few words is enough."}

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
    concerns = forms.MultipleChoiceField(
        label="Was any of this part of it?",
        help_text="Tick any that fit, or none. It helps us give you the right advice straight away.",
        choices=ReportConcern.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class WhereForm(ReportSchemaForm):
    schema_fields: ClassVar[dict[str, str]] = {"channel": "channel", "platform": "platform"}

    channel = forms.ChoiceField(
        label="Where did it happen?",
        choices=Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where it happened, or 'Somewhere else'."},
    )
    platform = forms.ChoiceField(
        label="Which app, game or website?",
        choices=[("", "Not sure, or none of these"), *platforms.choices()],
        required=False,
    )


WHEN_CHOICES = [
    ("today", "Today"),
    ("yesterday", "Yesterday"),
    ("this_week", "In the last week"),
    ("earlier", "Longer ago"),
    ("ongoing", "It keeps happening"),
]


class WhenForm(ReportSchemaForm):
    schema_fields: ClassVar[dict[str, str]] = {"happened_on": "happened_at"}
    schema_messages: ClassVar[dict[str, str]] = {"when_future": FUTURE_DATE}

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
        return _plausible_date(self.cleaned_data.get("happened_on"))


class PeopleForm(ReportSchemaForm):
    schema_fields: ClassVar[dict[str, str]] = {"people_involved": "people"}

    people_involved = forms.CharField(
        label="Who was involved?",
        help_text="Names or usernames, if you know them. You can leave this empty.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_PEOPLE_CHARS,
    )


class AboutYouForm(ReportSchemaForm):
    schema_fields: ClassVar[dict[str, str]] = {"reporter_name": "reporter_name", "reporter_email": "reporter_email"}
    schema_messages: ClassVar[dict[str, str]] = {
        "email": "Enter one email address like name@example.com, or leave it empty."
    }

    anonymous = forms.ChoiceField(
        label="Do you want to tell us your name?",
        choices=[("no", "No, keep me anonymous"), ("yes", "Yes")],
        widget=forms.RadioSelect,
        help_text="Either way, you will get a code to check on your report and message us.",
        error_messages={"required": "Choose whether to tell us your name."},
    )
    reporter_name = forms.CharField(label="Your name", required=False, max_length=MAX_NAME_CHARS)
    reporter_email = forms.EmailField(
        label="Your email address",
        required=False,
        help_text="We will email you a note to say we got your report, with its reference (never the passphrase). "
        "Leave it empty if you prefer.",
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


SELF = "self"  # on the staff form: the member of staff is the target (stored as the target role, with their name)


class StaffRecordForm(ReportSchemaForm):
    """A member of staff records what they saw or were told, on one page (seed 002: pass every
    concern to the DSL, as soon as possible, in the words used)."""

    schema_fields: ClassVar[dict[str, str]] = {
        "in_danger": "in_danger", "reporter_name": "reporter_name", "account": "account", "channel": "channel",
        "platform": "platform", "happened_on": "happened_at", "happened_when": "happened_when",
        "people_involved": "people",
    }  # fmt: skip
    schema_messages: ClassVar[dict[str, str]] = {
        "required": "Write what happened, as you saw it or were told it.",
        "when_future": FUTURE_DATE,
    }

    in_danger = forms.ChoiceField(
        label="Is anyone in danger right now?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="If yes, call 999 first if someone's life is at risk, then tell the DSL in person or by phone.",
        error_messages={"required": "Choose yes if anyone is in danger right now, or no if not."},
    )
    reporter_role = forms.ChoiceField(
        label="How did you find out?",
        choices=[
            (ReporterRole.TARGET.value, "The person it happened to told me"),
            (ReporterRole.BYSTANDER.value, "Someone who saw it told me"),
            (ReporterRole.PARENT.value, "A parent or carer told me"),
            (ReporterRole.STAFF.value, "I saw it myself"),
            (SELF, "It happened to me"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you found out."},
    )
    reporter_name = forms.CharField(
        label="Who told you",
        required=False,
        max_length=MAX_NAME_CHARS,
        help_text="Their name and class or group, if someone told you.",
    )
    account = forms.CharField(
        label="What happened?",
        help_text="The facts: what was said or done, to whom, by whom, and what you saw or were told. Use the "
        "words that were used, even if they are offensive. Do not investigate or question anyone further.",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_ACCOUNT_CHARS,
        error_messages={
            "required": "Write what happened, as you saw it or were told it.",
            "max_length": f"Keep it under {MAX_ACCOUNT_CHARS:,} characters; the DSL can add more to the case.",
        },
    )
    channel = forms.ChoiceField(
        label="Where did it happen?",
        choices=[("", "Not known"), *Channel.choices],
        required=False,
    )
    platform = forms.ChoiceField(
        label="Which app, game or website?",
        choices=[("", "Not known, or none of these"), *platforms.choices()],
        required=False,
    )
    happened_on = forms.DateField(
        label="When did it happen?",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The date, if known.",
        error_messages={"invalid": "Enter the date like 21/11/2026, or leave it empty."},
    )
    happened_when = forms.CharField(
        label="When, in words",
        required=False,
        max_length=MAX_WHEN_WORDS_CHARS,
        help_text="For example 'every evening for two weeks' or 'Friday night'.",
    )
    people_involved = forms.CharField(
        label="Who was involved?",
        help_text="Names, usernames or phone numbers, one on each line, exactly as they appear.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_PEOPLE_CHARS,
    )

    def clean_happened_on(self) -> date | None:
        return _plausible_date(self.cleaned_data.get("happened_on"))

    def schema_values(self, data: dict[str, Any]) -> dict[str, Any]:
        values = super().schema_values(data)
        if "in_danger" in values:
            values["in_danger"] = values["in_danger"] == "yes"
        return values

    def report(self, *, reporter_name: str, reporter_email: str, named_people: tuple[int, ...]) -> ReportInput:
        """The report to store, through the one schema (call after is_valid). The member of staff is
        never anonymous; when it happened to them, they are the target, named with their own address."""
        data = self.cleaned_data
        is_self = data["reporter_role"] == SELF
        report = schema.ReportData.model_validate(
            {
                **self.schema_values(data),
                "reporter_role": ReporterRole.TARGET.value if is_self else data["reporter_role"],
                "anonymous": False,
                "reporter_name": reporter_name if is_self else data["reporter_name"],
                "reporter_email": reporter_email if is_self else "",
            }
        )
        return report.to_input(named_people=named_people)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("reporter_role") in (ReporterRole.STAFF, SELF):
            data["reporter_name"] = ""  # the member of staff is already recorded as the one who recorded it
        return data


class NamedPeopleForm(forms.Form):
    """Recording a concern: the organisation's own records of the people it is about (from the MIS
    import). The page offers those matching what was searched (and those already chosen), so it stays
    usable with thousands of people; without JavaScript, the Find button searches by reloading the page."""

    named_people = forms.ModelMultipleChoiceField(
        label="People from your records",
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose people from the list found."},
    )

    def __init__(self, *args: Any, organisation_id: int, search: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(organisation_id=organisation_id, is_archived=False)
        field = self.fields["named_people"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = people  # only this organisation's current records can be chosen
        chosen_ids = [
            int(v) for v in (self.data.getlist("named_people") if self.is_bound and hasattr(self.data, "getlist")
                             else self.initial.get("named_people") or []) if str(v).isdigit()
        ]  # fmt: skip
        chosen = list(people.filter(pk__in=chosen_ids))
        found = [p for p in people_to_pick(organisation_id=organisation_id, query=search) if p not in chosen]
        self.found = len(found)
        field.widget.choices = [(p.pk, pick_label(p)) for p in chosen + found]
