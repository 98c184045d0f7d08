"""Cases: what the safeguarding lead manages after a report, from triage to the post-incident review.

A case gathers one or more reports (`CaseReport`, which the cases app owns so the reports app does
not change), the people involved (`CaseParty`), an append-only chronology (`CaseEntry`), the
decisions on the duties the escalation rules propose (`DutyDecision`) and the referrals that follow
(`Referral`), and the checklist of its playbook (`PlaybookItem`). `CaseSettings` holds each
organisation's due times and out-of-hours contact; `Notification` is the in-app alert.
"""

from __future__ import annotations

from datetime import time
from typing import Any, ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from upstander.accounts.models import Authority, Organisation, User
from upstander.people.models import Person, PersonKind
from upstander.reports.models import Channel, Platform, Report


class CaseStatus(models.TextChoices):
    NEW = "new", "New"
    TRIAGED = "triaged", "Triaged"
    OPEN = "open", "Open"
    WAITING = "waiting", "Waiting on others"
    CLOSED = "closed", "Closed"
    REVIEWED = "reviewed", "Reviewed"


# The statuses the triage queue lists: everything not yet closed.
ACTIVE_STATUSES: tuple[str, ...] = (CaseStatus.NEW, CaseStatus.TRIAGED, CaseStatus.OPEN, CaseStatus.WAITING)
FINISHED_STATUSES: tuple[str, ...] = (CaseStatus.CLOSED, CaseStatus.REVIEWED)


class Risk(models.TextChoices):
    NOT_ASSESSED = "not_assessed", "Not assessed yet"
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    URGENT = "urgent", "Urgent: someone's life or safety is at risk now"


class Outcome(models.TextChoices):
    RESOLVED = "resolved", "Resolved"
    SANCTIONS = "sanctions", "Sanctions under the behaviour policy"
    RESTORATIVE = "restorative", "Restorative work"
    REFERRED = "referred", "Referred to another agency"
    NO_FURTHER_ACTION = "no_further_action", "No further action"
    UNFOUNDED = "unfounded", "Unfounded or malicious report"
    # Set by a merge only, never offered on the closing form.
    MERGED = "merged", "Merged into another case"


CLOSING_OUTCOMES = [(value, label) for value, label in Outcome.choices if value != Outcome.MERGED]


class Tagged:
    """Categories and prejudice are stored as ",name,name," so that one indexed-friendly `contains`
    filter works on SQLite and PostgreSQL alike (JSON containment does not exist on SQLite)."""

    @staticmethod
    def pack(names: list[str] | tuple[str, ...] | set[str] | frozenset[str]) -> str:
        ordered = sorted(set(names))
        return f",{','.join(ordered)}," if ordered else ""

    @staticmethod
    def unpack(value: str) -> list[str]:
        return [name for name in value.split(",") if name]


class CaseSettings(models.Model):
    """How one organisation runs its cases. A missing row means the defaults below."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="case_settings")
    urgent_due_minutes = models.PositiveIntegerField(
        "urgent cases are due within (minutes)",
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
    )
    working_day_starts = models.TimeField(default=time(8, 0))
    working_day_ends = models.TimeField(
        default=time(17, 0), help_text="Other cases are due by this time on the next working day (Monday to Friday)."
    )
    out_of_hours_email = models.EmailField(
        "out-of-hours contact email",
        blank=True,
        help_text="Alerted (with a link, never the details) when an urgent case opens outside the working day.",
    )
    follow_up_days = models.PositiveSmallIntegerField(
        "follow up with the target after (days)", default=14, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    adult_records_review_years = models.PositiveSmallIntegerField(
        "review records of cases with no child involved after (years)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="From your records management policy; there is no statutory figure, so there is no default. "
        "Cases about a child are always kept to the child's 25th birthday, then reviewed.",
    )
    # The number the next case gets; the row is locked while a case is numbered (services.case_open_for_report).
    next_case_number = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "case settings"

    def __str__(self) -> str:
        return f"Case settings of {self.organisation}"


class Case(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cases")
    number = models.PositiveIntegerField(help_text="Numbered from 1 in each organisation.")
    summary = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=CaseStatus.choices, default=CaseStatus.NEW)
    risk = models.CharField(max_length=15, choices=Risk.choices, default=Risk.NOT_ASSESSED)
    # True while any report says someone is in danger now, until the DSL assesses the risk.
    urgent = models.BooleanField(default=False)
    # True while analysis (of the report's text, or of evidence text read later, such as OCR) suggests a
    # possible risk to life or safety that no person has confirmed or dismissed yet: the case is listed
    # with the urgent ones and due as an urgent case is (services.case_suggest_urgent).
    urgent_suggested = models.BooleanField(default=False)
    # {"at": iso time, "sources": [labels of the texts], "flags": [...], "due_before": iso time or None,
    #  "dismissed_sources": [...]}: what the suggestion came from, and what a dismissal restores.
    urgent_suggestion = models.JSONField(default=dict, blank=True)

    # Confirmed by a person (DESIGN.md taxonomy), packed by `Tagged`.
    categories = models.CharField(max_length=300, blank=True)
    prejudice = models.CharField(max_length=120, blank=True)
    # Suggested by the classifier (services.case_record_suggestion): {"categories": [...], "prejudice": [...],
    # "scores": {name: probability}}; a person confirms them into the two fields above.
    suggestion = models.JSONField(default=dict, blank=True)
    suggestion_model = models.CharField("model version of the suggestion", max_length=100, blank=True)
    suggested_at = models.DateTimeField(null=True, blank=True)

    channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    platform = models.CharField(max_length=20, choices=Platform.choices, blank=True)

    playbook = models.CharField(max_length=40, blank=True)
    playbook_version = models.PositiveSmallIntegerField(null=True, blank=True)

    # Facts only a person can establish, read by the escalation rules (see cases/facts.py).
    known_facts = models.JSONField(default=dict, blank=True)
    platform_reported_on = models.DateField(null=True, blank=True)
    poster_refused_removal = models.BooleanField(null=True, blank=True)

    assignee = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_cases")
    opened_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField(null=True, blank=True, help_text="When the next step is due (first: triage).")
    triaged_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # When the records come up for review once closed (cases.retention): never deleted automatically.
    records_review_on = models.DateField(null=True, blank=True)
    records_review_basis = models.CharField(max_length=400, blank=True)

    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField(blank=True)
    follow_up_on = models.DateField(null=True, blank=True)
    # The follow-up with the target: reminded (notification and digest) from follow_up_on until done.
    follow_up_done_at = models.DateTimeField(null=True, blank=True)
    follow_up_note = models.TextField(blank=True)
    review = models.JSONField(default=dict, blank=True, help_text="Answers to the post-incident review questions.")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    escalated_authority = models.ForeignKey(
        Authority, null=True, blank=True, on_delete=models.PROTECT, related_name="escalated_cases"
    )
    escalated_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_cases"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-urgent", "-urgent_suggested", "due_at", "opened_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="case_number_once_per_organisation"),
        ]
        indexes = [
            # The triage queue: one organisation's unfinished cases, urgent first, then by due time and age.
            models.Index(
                fields=["organisation", "status", "urgent", "urgent_suggested", "due_at", "opened_at"],
                name="case_queue_suggested_idx",
            ),
            models.Index(fields=["organisation", "assignee"], name="case_assignee_idx"),
            models.Index(fields=["escalated_authority", "escalated_at"], name="case_authority_idx"),
            # The insights figures (insights/selectors.py): an organisation's cases by when they were
            # opened, holding every column the dashboard and the area view count by, so their scans
            # read this index alone and never the cases' rows (on SQLite that is what costs: measured
            # in bench/insights.py). A narrow copy of those columns, updated when a case changes.
            models.Index(
                fields=[
                    "organisation",
                    "opened_at",
                    "status",
                    "risk",
                    "urgent",
                    "prejudice",
                    "categories",
                    "platform",
                    "channel",
                    "triaged_at",
                    "closed_at",
                    "merged_into",
                    "reviewed_at",
                    "escalated_at",
                    "due_at",
                    "outcome",
                ],
                name="case_insights_idx",
            ),
            # The insights figures grouped by a case's tags, and by its platform and channel, read in the
            # order grouped (then filtered by opened_at), so SQLite counts each group as it reads it and
            # never sorts the period's cases (insights/selectors.py: sorting cost four times the reading).
            models.Index(fields=["organisation", "categories", "prejudice", "opened_at"], name="case_tags_idx"),
            models.Index(fields=["organisation", "platform", "channel", "opened_at"], name="case_platform_idx"),
        ]

    def __str__(self) -> str:
        return f"Case {self.number}"

    @property
    def category_list(self) -> list[str]:
        return Tagged.unpack(self.categories)

    @property
    def prejudice_list(self) -> list[str]:
        return Tagged.unpack(self.prejudice)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_active and self.due_at is not None and self.due_at < timezone.now()

    @property
    def suggested_categories(self) -> list[str]:
        return sorted((self.suggestion or {}).get("categories", []))

    @property
    def suggested_prejudice(self) -> list[str]:
        return sorted((self.suggestion or {}).get("prejudice", []))


class CaseReport(models.Model):
    """A report belongs to exactly one case; it moves on a merge or a split, with the reason."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="case_reports")
    report = models.OneToOneField(Report, on_delete=models.PROTECT, related_name="case_link")
    added_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["report__created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report} in {self.case}"


class PartyRole(models.TextChoices):
    TARGET = "target", "Target"
    ALLEGED_PERPETRATOR = "alleged_perpetrator", "Alleged perpetrator"
    WITNESS = "witness", "Witness"
    REPORTER = "reporter", "Reporter"
    NAMED = "named", "Named in a report (role to confirm)"


class CaseParty(models.Model):
    """Someone involved in a case: a person record, or a free-text identifier (username, phone number)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    # Repeated from the case so that course-of-conduct lookups stay on one indexed table.
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=20, choices=PartyRole.choices)
    kind = models.CharField(max_length=20, choices=PersonKind.choices, default=PersonKind.UNKNOWN)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="case_parties")
    identifier = models.CharField(
        max_length=200, blank=True, help_text="A username, handle, email address or phone number."
    )
    # `identity.identifier_key(identifier)`: what two spellings of one handle or number have in common.
    identifier_key = models.CharField(max_length=200, blank=True)
    description = models.CharField(max_length=200, blank=True, help_text="A name, or how they are known.")
    age = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(130)])
    adult_at_risk = models.BooleanField(default=False)
    from_report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    added_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["role", "added_at", "pk"]
        verbose_name_plural = "case parties"
        indexes = [
            # Course-of-conduct lookups (by identifier or person), and the insights' repeat counts,
            # which group the parties of a period's cases by person or identifier: the case is in
            # both so that those read the index in its order and never the parties' rows.
            models.Index(
                fields=["organisation", "role", "identifier_key", "person", "case"], name="case_party_identifier_idx"
            ),
            models.Index(fields=["organisation", "role", "person", "case"], name="case_party_person_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.display_name}"

    @property
    def display_name(self) -> str:
        if self.person is not None:
            name = self.person.display_name
            return f"{name} ({self.identifier})" if self.identifier else name
        return self.description or self.identifier or "Not known"


class EntryKind(models.TextChoices):
    OPENED = "opened", "Case opened"
    REPORT = "report", "Report added"
    NOTE = "note", "Note"
    DECISION = "decision", "Decision"
    ACTION = "action", "Action"
    TRIAGE = "triage", "Triage"
    STATUS = "status", "Status change"
    PEOPLE = "people", "People involved"
    ESCALATION = "escalation", "Escalation decision"
    REFERRAL = "referral", "Referral"
    PLAYBOOK = "playbook", "Playbook step"
    AUTHORITY = "authority", "Escalated to the local authority"
    MERGE = "merge", "Merge"
    SPLIT = "split", "Split"
    OUTCOME = "outcome", "Outcome"
    REVIEW = "review", "Post-incident review"
    REOPENED = "reopened", "Reopened"
    CORRECTION = "correction", "Correction"
    URGENCY = "urgency", "Urgency"
    SHARED = "shared", "Update shared with staff kept informed"


class ChronologyQuerySet(models.QuerySet["CaseEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Chronology entries cannot be changed: add a correction.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Chronology entries cannot be deleted: add a correction.")


class CaseEntry(models.Model):
    """One event on a case's chronology. Never edited: a correction is a new entry pointing here.
    (The database refuses UPDATE too, migration 0002.) Reports, messages with the reporter and
    evidence come from their own tables and are merged in by `selectors.case_chronology`."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=12, choices=EntryKind.choices)
    # When it was recorded (typed). `happened_at`: when it happened, if the person gave an earlier time
    # (a phone call yesterday). Nullable, so adding it kept the table and its append-only trigger.
    occurred_at = models.DateTimeField(default=timezone.now)
    happened_at = models.DateTimeField(null=True, blank=True)
    author = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    author_label = models.CharField(max_length=254)
    text = models.TextField()
    reason = models.TextField(blank=True)
    corrects = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections")
    detail = models.JSONField(default=dict, blank=True)

    objects: ClassVar[models.Manager[CaseEntry]] = ChronologyQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name_plural = "case entries"
        indexes = [models.Index(fields=["case", "occurred_at"], name="case_entry_time_idx")]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_kind_display()} at {self.occurred_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("Chronology entries cannot be changed: add a correction.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Chronology entries cannot be deleted: add a correction.")


class DutyDecision(models.Model):
    """The DSL's decision on one duty the escalation rules proposed, with the proposal as it stood:
    its reason, references, rules and the RULES_VERSION and facts it came from. The newest decision
    on a duty is the one in force; earlier ones stay as the record."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="duty_decisions")
    duty = models.CharField(max_length=40)
    accepted = models.BooleanField()
    reason = models.TextField()
    proposed = models.BooleanField(default=True, help_text="False when the DSL chose a duty the rules did not propose.")
    proposal_reason = models.TextField(blank=True)
    legal = models.JSONField(default=list, blank=True)
    rules = models.JSONField(default=list, blank=True)
    rules_version = models.CharField(max_length=40)
    facts = models.JSONField(default=dict, blank=True)
    decided_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "pk"]
        indexes = [models.Index(fields=["case", "duty", "decided_at"], name="case_duty_decision_idx")]

    def __str__(self) -> str:
        return f"{self.case}: {self.duty} {'accepted' if self.accepted else 'declined'}"


class Referral(models.Model):
    """An accepted duty that goes to another body, tracked until its outcome is known."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    decision = models.OneToOneField(DutyDecision, on_delete=models.PROTECT, related_name="referral")
    duty = models.CharField(max_length=40)
    agency = models.CharField(max_length=120)
    reference_number = models.CharField(max_length=100, blank=True)
    made_on = models.DateField(null=True, blank=True)
    follow_up_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case}: {self.agency} {self.reference_number}".strip()


class PlaybookItem(models.Model):
    """One step of the case's playbook, copied from `playbooks.PLAYBOOKS` when the playbook was chosen,
    so a later version of the playbook never changes what a case was asked to do."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="playbook_items")
    playbook = models.CharField(max_length=40)
    version = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=60)
    text = models.TextField()
    hint = models.TextField(blank=True)
    who = models.CharField(max_length=20, help_text="'dsl', or 'senior_leader' when a senior leader may do it too.")
    position = models.PositiveSmallIntegerField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    not_needed = models.BooleanField(default=False)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "playbook", "code"], name="playbook_item_once_per_case"),
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.code}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class Notification(models.Model):
    """An in-app alert. Like the emails, it names the case and what happened, never the details."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="case_notifications")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    message = models.CharField(max_length=200)
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="case_notification_unread_idx"),
        ]
        constraints = [
            models.CheckConstraint(name="notification_message_not_empty", condition=~Q(message="")),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.message}"


class CaseWatcher(models.Model):
    """A named member of staff the DSL keeps informed about a case (a form tutor, a head of year). They
    see only the updates the DSL shares with them (`SharedUpdate`), never the case itself. Removing
    them (`removed_at`) ends their access; the row stays as the record of who knew what, when."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="watchers")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="watched_cases")
    why = models.CharField("why they are kept informed", max_length=200)
    added_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    removed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"], condition=Q(removed_at__isnull=True), name="one_current_watch_per_case_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} kept informed of {self.case}"

    @property
    def is_current(self) -> bool:
        return self.removed_at is None


class SharedUpdate(models.Model):
    """What the DSL chose to tell the staff kept informed: the only part of a case they see."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shared_updates")
    text = models.TextField()
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Update on {self.case} at {self.created_at:%Y-%m-%d %H:%M}"


class ResponseKind(models.TextChoices):
    """What is done with a person responsible (seed 001: sanctions, restorative work, education)."""

    SANCTION = "sanction", "Sanction under a policy"
    RESTORATIVE = "restorative", "Restorative meeting"
    APOLOGY = "apology", "Apology"
    EDUCATION = "education", "Education or awareness work"
    SUPPORT = "support", "Support for their own needs"


class ResponsibleAction(models.Model):
    """One action taken with one person responsible on a case (several per case and per person).
    Recorded on the chronology too; kept as rows so that the insights work can count them."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="responsible_actions")
    party = models.ForeignKey(CaseParty, on_delete=models.PROTECT, related_name="responsible_actions")
    kind = models.CharField(max_length=12, choices=ResponseKind.choices)
    policy = models.CharField(
        max_length=200, blank=True, help_text="For a sanction: the policy it is given under (e.g. behaviour policy)."
    )
    detail = models.TextField(blank=True)
    done_on = models.DateField(default=timezone.localdate)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    entry = models.ForeignKey(CaseEntry, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["done_on", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="responsible_action_sanction_names_policy", condition=~Q(kind="sanction") | ~Q(policy="")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_kind_display()} ({self.party_id})"
