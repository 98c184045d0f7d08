"""Forms for prevention's pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from upstander.accounts.models import Membership, User
from upstander.prevention import questions
from upstander.prevention.models import Audience, AwarenessActivity, PolicyKind, TrainingKind
from upstander.prevention.services import MAX_PDF_BYTES
from upstander.prevention.terms import term_of


class DateInput(forms.DateInput):
    input_type = "date"


class PolicyCreateForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which policy?", choices=PolicyKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose which policy to start."},
    )

    def __init__(self, *args: Any, existing: set[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        existing = existing or set()
        self.fields["kind"].choices = [(v, label) for v, label in PolicyKind.choices if v not in existing]  # type: ignore[attr-defined]


class PolicySettingsForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200)
    owner = forms.ChoiceField(label="Owner", required=False, help_text="Who keeps this policy up to date.")
    is_public = forms.BooleanField(label="Publish it on the public policies page", required=False)

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = Membership.objects.filter(organisation_id=organisation_id, is_active=True).values_list("user_id", flat=True)
        users = User.objects.filter(pk__in=ids).order_by("full_name")
        self.fields["owner"].choices = [("", "No one yet"), *((str(u.pk), u.full_name) for u in users)]  # type: ignore[attr-defined]


class VersionForm(forms.Form):
    text = forms.CharField(
        label="The policy's text", required=False, widget=forms.Textarea(attrs={"rows": 20}),
        help_text="Markdown: # for headings, - for lists, **bold**. Leave empty if you upload a PDF.",
    )
    child_friendly_text = forms.CharField(
        label="Child-friendly version", required=False, widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Shown to pupils who acknowledge it. Short sentences a child can read.",
    )
    pdf = forms.FileField(label="Or upload a PDF", required=False, help_text=f"PDF only, up to {MAX_PDF_BYTES // 1048576} MB.")
    change_summary = forms.CharField(label="What changed in this version?", max_length=500)

    def clean_pdf(self) -> Any:
        upload = self.cleaned_data.get("pdf")
        if upload is not None and upload.size > MAX_PDF_BYTES:
            raise forms.ValidationError(f"The PDF is too big: the largest is {MAX_PDF_BYTES // 1048576} MB.")
        return upload


class ApproveForm(forms.Form):
    approved_on = forms.DateField(label="Date approved", widget=DateInput)
    approved_by = forms.CharField(label="Approved by", max_length=200, help_text="For example 'Governing board'.")
    review_due_on = forms.DateField(
        label="Next review", required=False, widget=DateInput, help_text="Leave empty for a year after approval."
    )


class ReviewForm(forms.Form):
    outcome = forms.CharField(
        label="What did the review find?", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
        help_text="If the policy needs to change, add a new version instead: approving it records the review.",
    )


class ReviewRequestForm(forms.Form):
    policy = forms.ChoiceField(label="Which policy should change?")
    reason = forms.CharField(label="What should change, and why?", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)

    def __init__(self, *args: Any, policies: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["policy"].choices = [("", "Choose a policy"), *policies]  # type: ignore[attr-defined]


class SendForm(forms.Form):
    audience = forms.ChoiceField(label="Who should acknowledge it?", choices=Audience.choices, widget=forms.RadioSelect)
    group = forms.CharField(
        label="Only this year group or class", required=False, max_length=60,
        help_text="For example 'Year 8' or '8B'. Leave empty for everyone. Not used for staff.",
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Your code", max_length=20, help_text="The code on your letter or slip, for example ABCDE-FGH23.",
        error_messages={"required": "Enter the code from your letter or slip."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class TrainingForm(forms.Form):
    user = forms.ChoiceField(label="Who")
    kind = forms.ChoiceField(label="Training", choices=TrainingKind.choices)
    completed_on = forms.DateField(label="Date completed", widget=DateInput)
    expires_on = forms.DateField(
        label="Runs out on", required=False, widget=DateInput,
        help_text="Leave empty to use the usual period for this training.",
    )
    provider = forms.CharField(label="Given by", required=False, max_length=200)
    notes = forms.CharField(label="Notes", required=False, max_length=500)

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = Membership.objects.filter(organisation_id=organisation_id, is_active=True).values_list("user_id", flat=True)
        users = User.objects.filter(pk__in=ids).order_by("full_name")
        self.fields["user"].choices = [("", "Choose a person"), *((str(u.pk), u.full_name) for u in users)]  # type: ignore[attr-defined]


class AwarenessForm(forms.ModelForm):
    class Meta:
        model = AwarenessActivity
        fields = ["kind", "title", "held_on", "audience", "reached", "notes"]
        widgets = {"held_on": DateInput, "notes": forms.Textarea(attrs={"rows": 3})}


class SurveyForm(forms.Form):
    series = forms.CharField(
        label="Survey name", max_length=80, initial="Online bullying: pupil voice",
        help_text="Use the same name each term so the results can be compared.",
    )
    group = forms.CharField(label="Class or year group", max_length=60, help_text="For example 'Year 8'.")
    expected = forms.IntegerField(
        label="How many pupils are in the group?", min_value=5, max_value=2000,
        help_text="No more answers than this are taken. Groups under 5 are never shown, so ask at least 5.",
    )
    opens_on = forms.DateField(label="Opens on", widget=DateInput)
    closes_on = forms.DateField(label="Closes on", widget=DateInput)
    question_keys = forms.MultipleChoiceField(
        label="Questions", choices=[(q.key, q.text) for q in questions.BANK], widget=forms.CheckboxSelectMultiple,
        initial=questions.DEFAULT_QUESTIONS,
    )

    def term(self) -> str:
        opens: date = self.cleaned_data.get("opens_on") or timezone.localdate()
        return term_of(opens)


class RepeatForm(forms.Form):
    opens_on = forms.DateField(label="Opens on", widget=DateInput)
    closes_on = forms.DateField(label="Closes on", widget=DateInput)


def survey_question_form(question: questions.Question) -> type[forms.Form]:
    """A one-question form: radios, or checkboxes for 'choose all that apply'."""
    field: forms.Field
    if question.multiple:
        field = forms.MultipleChoiceField(
            label=question.text, choices=question.choices, widget=forms.CheckboxSelectMultiple,
            help_text=question.hint, error_messages={"required": "Choose at least one answer."},
        )
    else:
        field = forms.ChoiceField(
            label=question.text, choices=question.choices, widget=forms.RadioSelect, help_text=question.hint,
            error_messages={"required": "Choose an answer."},
        )
    return type("QuestionForm", (forms.Form,), {"answer": field})
