from __future__ import annotations

from django import forms

from upstander.dataprotection.models import DecisionKind

REASON_HINT = "Recorded with the decision and on the case's chronology. Avoid names: say what, not who."


def _reason(label: str, hint: str = REASON_HINT) -> forms.CharField:
    return forms.CharField(label=label, help_text=hint, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class HoldForm(forms.Form):
    reason = _reason("Why must these records be kept as they are?", "For example: a claim, a police investigation, "
                     "an inquiry or a request to preserve evidence. " + REASON_HINT)  # fmt: skip


class LiftForm(forms.Form):
    reason = _reason("Why can the hold end?")


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label="What should happen to these records?", choices=DecisionKind.choices,
                             widget=forms.RadioSelect)  # fmt: skip
    keep_until = forms.DateField(
        label="Keep: date of the next review", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Only for keep.",
    )  # fmt: skip
    reason = _reason("Why?")


class CarryOutForm(forms.Form):
    confirm_number = forms.IntegerField(label="Type the case number to confirm", min_value=1)


class WithdrawForm(forms.Form):
    reason = _reason("Why is the decision withdrawn?")


class EraseForm(forms.Form):
    reason = _reason("Why is this person erased?", "The request, and the records review's outcome. " + REASON_HINT)
    confirm_name = forms.CharField(label="Type the person's full name to confirm", max_length=210)
