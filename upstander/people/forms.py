from __future__ import annotations

from typing import Any

from django import forms

from upstander.people.models import Person


class PersonForm(forms.ModelForm[Person]):
    class Meta:
        model = Person
        fields = [
            "kind",
            "first_name",
            "last_name",
            "description",
            "external_id",
            "year_group",
            "class_name",
            "date_of_birth",
            "special_educational_needs",
            "looked_after",
            "adult_at_risk",
            "is_archived",
        ]
        widgets = {"date_of_birth": forms.DateInput(attrs={"type": "date"})}
        labels = {"kind": "Who they are", "special_educational_needs": "Special educational needs (SEN)"}

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation_id = organisation_id

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("first_name") or data.get("last_name") or data.get("description")):
            raise forms.ValidationError(
                "Give a first name or last name, or describe the person (for example a username)."
            )
        return data

    def clean_external_id(self) -> str:
        value = (self.cleaned_data.get("external_id") or "").strip()
        if value:
            clash = Person.objects.filter(organisation_id=self.organisation_id, external_id=value)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                raise forms.ValidationError("Another person here already has this MIS identifier.")
        return value
