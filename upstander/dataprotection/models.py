"""Data protection records: legal holds on cases, the decisions of the records review, and erasures.

Every row here is a recorded decision with its reason and who made it; none is ever deleted. A
decision to anonymise or delete a case's records is only carried out when a person confirms it
(`carried_out_at`): nothing here runs on its own, and no task or sweeper calls the services that
carry decisions out.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from upstander.accounts.models import Organisation, User
from upstander.cases.models import Case
from upstander.people.models import Person


class LegalHold(models.Model):
    """A case's records must be kept as they are (litigation, a police investigation, an inquiry):
    while a hold is in force no retention decision is carried out and no person in it is erased."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="legal_holds")
    reason = models.TextField()
    set_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)
    lifted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-set_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(lifted_at__isnull=True), name="one_active_hold_per_case"
            )
        ]

    def __str__(self) -> str:
        return f"Legal hold on {self.case}{' (lifted)' if self.lifted_at else ''}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


class DecisionKind(models.TextChoices):
    KEEP = "keep", "Keep for another period"
    ANONYMISE = "anonymise", "Anonymise"
    DELETE = "delete", "Delete"


class DecisionState(models.TextChoices):
    RECORDED = "recorded", "Recorded, waiting for a person to carry it out"
    CARRIED_OUT = "carried_out", "Carried out"
    WITHDRAWN = "withdrawn", "Withdrawn"


class RetentionDecision(models.Model):
    """What the records review decided for one case, and why."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="retention_decisions")
    kind = models.CharField(max_length=10, choices=DecisionKind.choices)
    reason = models.TextField()
    keep_until = models.DateField(null=True, blank=True, help_text="Keep: the next review date.")
    state = models.CharField(max_length=12, choices=DecisionState.choices, default=DecisionState.RECORDED)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    carried_out_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    carried_out_at = models.DateTimeField(null=True, blank=True)
    # What carrying it out changed (counts only, never the removed content).
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case} ({self.get_state_display()})"


class PersonErasure(models.Model):
    """A person's record was erased (after the records review), with the reason. The Person row stays
    as a tombstone (cases still point at it) holding no personal data."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="erasure")
    reason = models.TextField()
    erased_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    erased_by_label = models.CharField(max_length=254)
    erased_at = models.DateTimeField(default=timezone.now)
    summary = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"Erasure of person #{self.person_id}"
