"""The people a report or case can be about, per organisation."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from upstander import taxonomy
from upstander.accounts.models import Organisation

# The kinds of person (`taxonomy.PERSON_KINDS`, the one list) with their words; members are the values
# in capitals (`PersonKind.PUPIL`). A kind added there must get its words here, or the import fails.
_KIND_WORDS = {
    "pupil": "Pupil or student",
    "staff": "Member of staff",
    "parent": "Parent or carer",
    "service_user": "Service user",
    "external_adult": "Adult from outside",
    "unknown": "Unknown person",
}
PersonKind = models.TextChoices(  # type: ignore[call-overload]  # django-stubs do not type the functional API
    "PersonKind", [(code.upper(), (code, _KIND_WORDS[code])) for code in taxonomy.PERSON_KINDS]
)


class Person(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    kind = models.CharField(max_length=20, choices=PersonKind.choices, default=PersonKind.PUPIL)
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    external_id = models.CharField(
        "MIS identifier",
        max_length=64,
        blank=True,
        help_text="The identifier in your management information system (UPN, admission number...).",
    )
    year_group = models.CharField(max_length=30, blank=True)
    class_name = models.CharField("class or group", max_length=30, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    special_educational_needs = models.BooleanField(default=False)
    looked_after = models.BooleanField("looked-after child", default=False)
    adult_at_risk = models.BooleanField(default=False)
    description = models.CharField(
        max_length=200, blank=True, help_text="For people without a name here: a username, or how they are known."
    )
    is_archived = models.BooleanField(default=False, help_text="Has left; kept for the records.")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                name="unique_mis_id_per_organisation",
                condition=~Q(external_id=""),
            ),
        ]
        indexes = [models.Index(fields=["organisation", "last_name", "first_name"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        name = " ".join(part for part in (self.first_name, self.last_name) if part)
        return name or self.description or f"Unnamed person #{self.pk}"

    @property
    def flags(self) -> list[str]:
        labels = []
        if self.special_educational_needs:
            labels.append("SEN")
        if self.looked_after:
            labels.append("Looked-after child")
        if self.adult_at_risk:
            labels.append("Adult at risk")
        return labels
