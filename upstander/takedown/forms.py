from __future__ import annotations

from typing import Any

from django import forms

from upstander.platforms import choices as platform_choices
from upstander.takedown.models import OUTCOMES, MadeBy, PackAgency, Route
from upstander.taxonomy import BEHAVIOURS, HATE


class OpenForm(forms.Form):
    route = forms.ChoiceField(choices=Route.choices)
    platform = forms.ChoiceField(choices=[("", "The case's platform")], required=False)
    evidence_item = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Evidence item")
    url = forms.URLField(required=False, label="URL", max_length=1000, assume_scheme="https")
    username = forms.CharField(required=False, max_length=200)
    content = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label="What the content is")
    harm = forms.ChoiceField(choices=[("", "The case's first category")] + [(h, h.replace("_", " ")) for h in (*BEHAVIOURS, HATE)],
                             required=False, label="Harm (chooses the term it breaks)")  # fmt: skip
    made_by = forms.ChoiceField(choices=MadeBy.choices, initial=MadeBy.ORGANISATION, label="Who makes the request")
    poster_kind = forms.ChoiceField(choices=[("", "Not a letter to the poster"), ("pupil", "Pupil"),
                                             ("parent", "Parent or carer"), ("adult", "Other adult")], required=False)  # fmt: skip

    def __init__(self, *args: Any, items: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["platform"].choices = [("", "The case's platform"), *platform_choices()]  # type: ignore[attr-defined]
        self.fields["evidence_item"].choices = [("", "None (give the URL)"), *items]  # type: ignore[attr-defined]


class SentForm(forms.Form):
    prefix = "sent"

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 12}), label="The text as sent (edit it to match)")


class ReferenceForm(forms.Form):
    prefix = "ref"

    reference = forms.CharField(max_length=120, label="Platform's reference")


class ReplyForm(forms.Form):
    prefix = "reply"

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Reply received (paste it)")
    evidence_item = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label="Or the evidence item it is saved as"
    )

    def __init__(self, *args: Any, items: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evidence_item"].choices = [("", "None"), *items]  # type: ignore[attr-defined]


class CheckForm(forms.Form):
    prefix = "check"

    still_live = forms.TypedChoiceField(choices=[("yes", "Still live"), ("no", "No longer live")],
                                        coerce=lambda v: v == "yes", widget=forms.RadioSelect, label="When you looked, was it")  # fmt: skip
    note = forms.CharField(required=False, max_length=500)


class OutcomeForm(forms.Form):
    prefix = "outcome"

    status = forms.ChoiceField(choices=[(s.value, s.label) for s in OUTCOMES], label="Outcome")
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                             label="Reason (the platform's words if refused; why, if withdrawn)")  # fmt: skip


class PackForm(forms.Form):
    prefix = "pack"

    agency = forms.ChoiceField(choices=PackAgency.choices, label="Pack for")
    referral = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Referral it goes with")

    def __init__(self, *args: Any, referrals: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referral"].choices = [("", "None"), *referrals]  # type: ignore[attr-defined]
