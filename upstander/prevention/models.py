"""Prevention: policies and their versions, acknowledgements, reviews, training, awareness work and
anonymous pupil-voice surveys (seed 001: prevent it happening in the first place)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from upstander.accounts.models import Organisation


class PolicyKind(models.TextChoices):
    ANTI_BULLYING = "anti_bullying", "Anti-bullying policy (including online bullying)"
    BEHAVIOUR = "behaviour", "Behaviour policy"
    ONLINE_SAFETY = "online_safety", "Online safety policy"
    SAFEGUARDING = "safeguarding", "Safeguarding policy"
    AUP_PUPILS = "aup_pupils", "Acceptable use: pupils and students"
    AUP_STAFF = "aup_staff", "Acceptable use: staff"
    AUP_PARENTS = "aup_parents", "Acceptable use: parents and carers"
    AUP_VOLUNTEERS = "aup_volunteers", "Acceptable use: volunteers"
    AUP_ADULT_LEARNERS = "aup_adult_learners", "Acceptable use: adult learners"
    COMPLAINTS = "complaints", "Complaints procedure"
    CODE_OF_CONDUCT = "code_of_conduct", "Code of conduct for parents, carers and visitors"


ACCEPTABLE_USE = frozenset(
    {
        PolicyKind.AUP_PUPILS,
        PolicyKind.AUP_STAFF,
        PolicyKind.AUP_PARENTS,
        PolicyKind.AUP_VOLUNTEERS,
        PolicyKind.AUP_ADULT_LEARNERS,
    }
)


class Policy(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="policies")
    kind = models.CharField(max_length=30, choices=PolicyKind.choices)
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_public = models.BooleanField(default=True, help_text="Listed on the organisation's public policies page.")
    review_due_on = models.DateField(null=True, blank=True, help_text="The next yearly review.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["organisation", "kind"], name="one_policy_per_kind")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_acceptable_use(self) -> bool:
        return self.kind in ACCEPTABLE_USE


class PolicyVersion(models.Model):
    """One version's text (Markdown) or PDF. Approved versions are never changed; a change is a new one."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True, help_text="Markdown.")
    child_friendly_text = models.TextField(blank=True, help_text="Markdown: what pupils are shown.")
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    pdf_name = models.CharField(max_length=200, blank=True)
    change_summary = models.CharField(max_length=500, blank=True)
    approved_on = models.DateField(null=True, blank=True)
    approved_by = models.CharField(max_length=200, blank=True, help_text="Who approved it (e.g. the governors).")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["policy", "-number"]
        constraints = [models.UniqueConstraint(fields=["policy", "number"], name="one_version_number_per_policy")]

    def __str__(self) -> str:
        return f"{self.policy.title}, version {self.number}"

    @property
    def has_pdf(self) -> bool:
        return bool(self.pdf_name)


class PolicyReview(models.Model):
    """A review that is asked for (after an incident) or done (yearly, or in answer to a request)."""

    class Reason(models.TextChoices):
        YEARLY = "yearly", "Yearly review"
        INCIDENT = "incident", "After an incident"

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="reviews")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    why = models.TextField(blank=True, help_text="What the case review said should change.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    outcome = models.TextField(blank=True)
    version = models.ForeignKey(PolicyVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} of {self.policy}"


class Audience(models.TextChoices):
    STAFF = "staff", "Staff (by their account)"
    PUPILS = "pupils", "Pupils and students"
    PARENTS = "parents", "Parents and carers"
    ADULT_LEARNERS = "adult_learners", "Adult learners and service users"


class Acknowledgement(models.Model):
    """One person's acknowledgement of one version: asked for, then given (or still outstanding).

    Staff acknowledge signed in (`user`); everyone else through a personal link or code (`person`).
    Only SHA-256 hashes of the link's token and of the code are stored.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="acknowledgements")
    audience = models.CharField(max_length=20, choices=Audience.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    code_hash = models.CharField(max_length=64, blank=True, db_index=True)
    asked_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "user"], name="one_ack_per_user_per_version", condition=Q(user__isnull=False)
            ),
            models.UniqueConstraint(
                fields=["version", "person"], name="one_ack_per_person_per_version", condition=Q(person__isnull=False)
            ),
            models.CheckConstraint(
                name="ack_is_for_a_user_or_a_person",
                condition=Q(user__isnull=False, person__isnull=True) | Q(user__isnull=True, person__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"Acknowledgement of {self.version}"

    @property
    def who(self) -> str:
        if self.user_id:
            return self.user.full_name  # type: ignore[union-attr]
        return self.person.display_name  # type: ignore[union-attr]


class TrainingKind(models.TextChoices):
    AWARENESS = "awareness", "Online-bullying awareness"
    PROCEDURES = "procedures", "Our procedures for reporting and responding"
    PREVENT = "prevent", "The Prevent duty"
    SAFEGUARDING = "safeguarding", "Safeguarding (all staff)"
    SAFEGUARDING_DSL = "safeguarding_dsl", "Safeguarding lead training (DSL and deputies)"
    CEOP_AMBASSADOR = "ceop_ambassador", "CEOP ambassador"


class TrainingRecord(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_records")
    kind = models.CharField(max_length=30, choices=TrainingKind.choices)
    completed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    provider = models.CharField(max_length=200, blank=True)
    notes = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-completed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.completed_on}"


class AwarenessKind(models.TextChoices):
    ASSEMBLY = "assembly", "Assembly"
    DISPLAY = "display", "Display"
    LESSON = "lesson", "Lesson"
    PARENT_SESSION = "parent_session", "Session for parents and carers"
    CAMPAIGN = "campaign", "Campaign (e.g. Anti-Bullying Week, Safer Internet Day)"
    STAFF_BRIEFING = "staff_briefing", "Staff briefing"
    PEER_SUPPORT = "peer_support", "Peer support or pupil council"
    OTHER = "other", "Other"


class AwarenessActivity(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=AwarenessKind.choices)
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    audience = models.CharField(max_length=200, help_text="Who it reached, e.g. 'Year 8', 'parents of Year 7'.")
    reached = models.PositiveIntegerField(null=True, blank=True, help_text="About how many people.")
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name_plural = "awareness activities"

    def __str__(self) -> str:
        return self.title


class Survey(models.Model):
    """A pupil-voice survey for one class or year group, open for a set period, at an unguessable address."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    series = models.CharField(
        max_length=80, help_text="The same series is asked each term, so change shows over time."
    )
    term = models.CharField(max_length=40, help_text="e.g. 'Autumn 2026'.")
    group = models.CharField(max_length=60, help_text="The class or year group asked, e.g. 'Year 8'.")
    questions = models.JSONField(default=list)
    opens_on = models.DateField()
    closes_on = models.DateField()
    expected = models.PositiveIntegerField(
        help_text="How many pupils are in the group: no more answers than this are taken."
    )
    token = models.CharField(max_length=40, unique=True)
    responses = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opens_on", "group", "pk"]

    def __str__(self) -> str:
        return f"{self.series}: {self.group}, {self.term}"


class SurveyTally(models.Model):
    """How many pupils gave one answer to one question of one survey.

    Counts only: no row per pupil, so nothing about who answered, from where, on which device or
    when can sit beside an answer, and the rows cannot be put in the order pupils answered.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tallies")
    question = models.CharField(max_length=40)
    choice = models.CharField(max_length=40)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "question", "choice"], name="one_tally_per_answer")
        ]

    def __str__(self) -> str:
        return f"{self.question}={self.choice}"
