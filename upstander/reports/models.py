"""Reports: what someone tells us happened, with a receipt (reference + passphrase) so that even
an anonymous reporter can follow it up and message the safeguarding lead."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from upstander import platforms, taxonomy
from upstander.accounts.models import Organisation, User

# The vocabularies below are made from their one source (`upstander/taxonomy.py`, `upstander/platforms.py`)
# with Django's functional API: a value added there must get its words here, or the import fails.
# Members are the values in capitals (`ReporterRole.TARGET`). Any change of values or words needs a
# migration, as any change of choices does (`makemigrations --check` in the tests finds a missing one).
# (`type: ignore`: django-stubs do not type the functional API.)

# How the reporter knows of it (`taxonomy.REPORTER_ROLES`), as the reporter says it on the forms.
# `unknown`: email reports, whose senders did not say (never offered on the form).
_ROLE_WORDS = {
    "target": "It happened to me",
    "bystander": "I saw it happen to someone else",
    "parent": "I am a parent or carer",
    "staff": "I am a member of staff",
    "unknown": "Not said",
}
ReporterRole = models.TextChoices(  # type: ignore[call-overload]
    "ReporterRole", [(code.upper(), (code, _ROLE_WORDS[code])) for code in taxonomy.REPORTER_ROLES]
)

# Who the reporter is, when they say (the public form asks it with their role): with
# `ReporterRole.TARGET` it records who was harmed, so a member of staff or an adult learner it
# happened to is not taken for a pupil. Values are person kinds (`taxonomy.REPORTER_KINDS`).
_KIND_WORDS = {
    "pupil": "Pupil, student or young person",
    "service_user": "Adult learner or service user",
    "staff": "Member of staff or volunteer",
    "parent": "Parent, carer or family member",
}
ReporterKind = models.TextChoices(  # type: ignore[call-overload]
    "ReporterKind",
    [("NOT_SAID", ("", "Not said")), *((code.upper(), (code, _KIND_WORDS[code])) for code in taxonomy.REPORTER_KINDS)],
)


class ReportConcern(models.TextChoices):
    """What the reporter ticked about what happened (optional): the advice after a report depends on it."""

    SEXUAL_IMAGE = "sexual_image", "A nude or sexual photo or video"
    GROOMING = "grooming", "Someone asking for sexual pictures, to meet up, or to keep secrets"
    SELF_HARM = "self_harm", "Someone being told to hurt themselves, or feeling like hurting themselves"


# The taxonomy behaviour each answer stands for (DESIGN.md), which picks the advice topics.
CONCERN_CATEGORY: dict[str, str] = {
    ReportConcern.SEXUAL_IMAGE: "sexual",
    ReportConcern.GROOMING: "manipulation",
    ReportConcern.SELF_HARM: "self_harm",
}


# For a report a member of staff recorded: how they came to know, as the safeguarding lead reads it.
RECORDED_HOW = {
    ReporterRole.TARGET: "the person it happened to told them",
    ReporterRole.BYSTANDER: "someone who saw it told them",
    ReporterRole.PARENT: "a parent or carer told them",
    ReporterRole.STAFF: "they saw it themselves",
    ReporterRole.UNKNOWN: "how they knew is not said",
}


# DESIGN.md's channels (seed 003), from `taxonomy.CHANNELS` with their words.
Channel = models.TextChoices(  # type: ignore[call-overload]
    "Channel", [(code.upper(), (code, taxonomy.CHANNEL_LABELS[code])) for code in taxonomy.CHANNELS]
)


# Where it happened: made from the platform directory (`upstander/platforms.py`, the one list), so a
# service added there is a choice here at once (and needs a migration, as any change of choices does).
# Members are the slugs in capitals (`Platform.TEXT_MESSAGE`); UNKNOWN is the blank "Not sure".
Platform = models.TextChoices(  # type: ignore[call-overload]
    "Platform",
    [(item.slug.upper(), (item.slug, item.name)) for item in platforms.DIRECTORY] + [("UNKNOWN", ("", "Not sure"))],
)


class ReportSource(models.TextChoices):
    WEB = "web", "Web form"
    EMAIL = "email", "Email"
    API = "api", "API"
    STAFF = "staff", "Recorded by staff"


class ReportStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    IN_PROGRESS = "in_progress", "Being looked at"
    WAITING_FOR_REPORTER = "waiting_for_reporter", "Waiting for you"
    CLOSED = "closed", "Closed"


# What the reporter sees for each status, in plain words.
STATUS_FOR_REPORTER = {
    ReportStatus.RECEIVED: "We have your report. The safeguarding lead will look at it soon.",
    ReportStatus.IN_PROGRESS: "The safeguarding lead is looking into what happened.",
    ReportStatus.WAITING_FOR_REPORTER: "The safeguarding lead has asked you something. Read the messages below.",
    ReportStatus.CLOSED: "The safeguarding lead has finished dealing with this report.",
}


class ProcessingState(models.TextChoices):
    PENDING = "pending", "Waiting for background checks"
    DONE = "done", "Checked"
    FAILED = "failed", "Background checks failed"


class Report(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="reports")
    reference = models.CharField(max_length=16, unique=True)
    passphrase_hash = models.CharField(max_length=200)
    source = models.CharField(max_length=10, choices=ReportSource.choices, default=ReportSource.WEB)
    reporter_role = models.CharField(max_length=20, choices=ReporterRole.choices)
    reporter_kind = models.CharField(max_length=20, choices=ReporterKind.choices, blank=True, default="")
    concerns = models.JSONField(default=list, blank=True, help_text="What the reporter ticked (ReportConcern).")
    anonymous = models.BooleanField(default=True)
    # Named reporters only: an anonymous report keeps no name, contact or address (enforced in services).
    reporter_name = models.CharField(max_length=200, blank=True)
    reporter_email = models.EmailField(blank=True)
    submitted_ip = models.GenericIPAddressField(null=True, blank=True)
    # A member of staff who recorded what they saw or were told (source "staff"); the reporter's
    # name is then the person who raised it, if anyone did.
    recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    account = models.TextField("what happened")
    channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    platform = models.CharField(max_length=20, choices=Platform.choices, blank=True)
    happened_at = models.DateTimeField(null=True, blank=True)
    happened_when = models.CharField(max_length=100, blank=True, help_text="The reporter's own words for when.")
    people_involved = models.TextField(blank=True, help_text="Names or usernames, as the reporter gave them.")
    # People of the organisation's own records a member of staff named when recording a concern
    # (never from the public form): the case opened from the report lists them for the DSL to confirm.
    named_people = models.ManyToManyField("people.Person", blank=True, related_name="+")
    in_danger = models.BooleanField(default=False)
    urgent = models.BooleanField(default=False)
    status = models.CharField(max_length=24, choices=ReportStatus.choices, default=ReportStatus.RECEIVED)
    processing = models.CharField(max_length=10, choices=ProcessingState.choices, default=ProcessingState.PENDING)
    processing_error = models.CharField(max_length=500, blank=True)
    processing_attempts = models.PositiveSmallIntegerField(default=0)
    # When its checks were last queued to start (a retry's run_after; empty: when it arrived). The
    # sweeper (intake.sweep) reads this, not the task backend's own tables, to find stalled checks.
    processing_queued_at = models.DateTimeField(null=True, blank=True)
    # Each alert is sent once, even when the background work is retried.
    alerted_at = models.DateTimeField(null=True, blank=True)
    analysis_alerted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-urgent", "-created_at"]
        indexes = [models.Index(fields=["organisation", "status", "-created_at"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def recorded_by_staff_as_target(self) -> bool:
        """A member of staff recorded something done to themselves (staff are targets too)."""
        return (
            self.recorded_by is not None
            and self.reporter_role == ReporterRole.TARGET
            and self.reporter_email.lower() == self.recorded_by.email.lower()
        )

    @property
    def reporter_description(self) -> str:
        """Who the report came from, for the safeguarding lead: never more than the reporter gave."""
        if self.recorded_by_id is not None and self.recorded_by is not None:
            if self.recorded_by_staff_as_target:
                return f"Recorded by {self.recorded_by.full_name}, staff: it happened to them"
            who = f" ({self.reporter_name})" if self.reporter_name else ""
            return f"Recorded by {self.recorded_by.full_name}, staff: {RECORDED_HOW[ReporterRole(self.reporter_role)]}{who}"
        role = self.reporter_label
        if self.anonymous:
            return f"{role} (anonymous)"
        email = f" <{self.reporter_email}>" if self.reporter_email else ""
        return f"{role}: {self.reporter_name}{email}"

    @property
    def reporter_label(self) -> str:
        """The reporter's role in plain words, saying who was harmed: "It happened to me (member of staff)"."""
        role = ReporterRole(self.reporter_role).label
        if self.reporter_kind and self.reporter_role == ReporterRole.TARGET:
            return f"{role} ({ReporterKind(self.reporter_kind).label.lower()})"
        return role

    @property
    def concern_labels(self) -> list[str]:
        return [ReportConcern(c).label for c in self.concerns or [] if c in ReportConcern.values]

    @property
    def harmed_kind(self) -> str:
        """The kind of person harmed when the reporter says it happened to them, else ''."""
        return self.reporter_kind if self.reporter_role == ReporterRole.TARGET else ""

    @property
    def status_for_reporter(self) -> str:
        return STATUS_FOR_REPORTER[ReportStatus(self.status)]


class ReportMessage(models.Model):
    """The two-way thread between the reporter (who may be anonymous) and the safeguarding lead."""

    class Author(models.TextChoices):
        REPORTER = "reporter", "Reporter"
        STAFF = "staff", "Safeguarding lead"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    author_kind = models.CharField(max_length=10, choices=Author.choices)
    author = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report.reference}: {self.author_kind} at {self.created_at:%Y-%m-%d %H:%M}"


class IdempotentRequest(models.Model):
    """The first answer to an API request with an Idempotency-Key, returned again on a retry."""

    key = models.CharField(max_length=200)
    scope = models.CharField(max_length=100, help_text="Endpoint and organisation the key was used for.")
    request_hash = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField()
    response_body = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="one_answer_per_idempotency_key")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"


class TextAnalysis(models.Model):
    """What the classifier suggested for one text of a report (its account, or an evidence item's
    text or OCR), with the model version. Suggestions only: a person accepts or corrects them."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="analyses")
    source = models.CharField(max_length=40, help_text="'account' or 'evidence:<id>'.")
    source_label = models.CharField(max_length=200, blank=True)
    text = models.TextField(help_text="The text analysed, so highlights stay right if the source changes.")
    model_version = models.CharField(max_length=100)
    result = models.JSONField()
    flags = models.JSONField(default=list)
    urgent = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "source", "model_version"], name="one_analysis_per_text_and_model"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report.reference} {self.source} ({self.model_version})"


class LabelDecision(models.Model):
    """A person's verdict on the suggested labels of one analysis: kept as future training data."""

    analysis = models.ForeignKey(TextAnalysis, on_delete=models.CASCADE, related_name="decisions")
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    suggested = models.JSONField(help_text="The labels the model flagged.")
    confirmed = models.JSONField(help_text="The labels the person says are right.")
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.analysis} decided by {self.decided_by_id}"
