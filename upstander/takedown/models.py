"""Takedown: the platform directory's per-harm details, removal requests and what happened to them.

`PlatformProfile` rows are seeded (migration 0002) from `upstander/platforms.py`, which stays the one
source of slugs (reports store them; the escalation rules, pure Python, read it). Each profile adds
what takedown needs and the installation admin may correct in Django admin: the sections of the
service's rules that cover each harm, what it asks for, its usual response time, the escalation
routes that accept it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import models
from django.utils import timezone

from upstander.accounts.models import Organisation, User
from upstander.cases.models import Case, DutyDecision, Referral
from upstander.evidence.models import EvidenceItem
from upstander.platforms import entry


class PlatformProfile(models.Model):
    slug = models.SlugField(
        max_length=20, unique=True, help_text="A slug from upstander/platforms.py: never change it."
    )
    name = models.CharField(max_length=80)
    how_to_report = models.TextField(blank=True)
    report_methods = models.CharField(max_length=80, blank=True, help_text="e.g. 'in-app, web form'.")
    report_url = models.URLField(blank=True)
    third_party_reports = models.BooleanField(null=True, blank=True, help_text="Empty: not confirmed.")
    who_may_report = models.TextField(blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    rules_document = models.CharField(max_length=200, blank=True)
    # {harm (DESIGN.md taxonomy name): "section name"}; a harm missing here is "not confirmed".
    terms_by_harm = models.JSONField(default=dict, blank=True)
    asks_for = models.CharField(max_length=200, blank=True, default="URL, username, screenshot showing the URL")
    response_hours = models.PositiveIntegerField(
        null=True, blank=True, help_text="Usual response time in hours; empty: not confirmed (48 hours is assumed)."
    )
    escalation_routes = models.CharField(
        max_length=100, blank=True, help_text="Comma-separated: professionals_helpline, report_harmful_content."
    )
    source = models.TextField(blank=True)
    checked = models.CharField(max_length=7, help_text="Year-month the facts were checked, e.g. 2026-12.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def route_list(self) -> list[str]:
        return [r.strip() for r in self.escalation_routes.split(",") if r.strip()]


class Route(models.TextChoices):
    POSTER = "poster", "Ask the poster"
    PLATFORM = "platform", "Report to the platform"
    MOBILE = "mobile", "Mobile network"
    HELPLINE = "helpline", "Professionals Online Safety Helpline"
    RHC = "rhc", "Report Harmful Content"
    POLICE = "police", "Police"


# The escalation duty that opens each route.
DUTY_ROUTES: dict[str, str] = {
    "report_to_platform": Route.PLATFORM,
    "ask_poster_to_remove": Route.POSTER,
    "mobile_network": Route.MOBILE,
    "report_harmful_content": Route.RHC,
    "professionals_helpline": Route.HELPLINE,
}


class MadeBy(models.TextChoices):
    ORGANISATION = "organisation", "The organisation, on the target's behalf"
    TARGET = "target", "The target, supported by staff"


class Status(models.TextChoices):
    DRAFT = "draft", "Not sent yet"
    SENT = "sent", "Sent, waiting"
    REMOVED = "removed", "Removed"
    RESTRICTED = "restricted", "Restricted"
    REFUSED = "refused", "Refused"
    NO_RESPONSE = "no_response", "No response"
    WITHDRAWN = "withdrawn", "Withdrawn"


OPEN_STATUSES = (Status.DRAFT, Status.SENT)
OUTCOMES = (Status.REMOVED, Status.RESTRICTED, Status.REFUSED, Status.NO_RESPONSE, Status.WITHDRAWN)


class RemovalRequest(models.Model):
    """One request to get one piece of content (an evidence item or a URL) taken down, by one route."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="removal_requests")
    route = models.CharField(max_length=10, choices=Route.choices)
    platform = models.CharField(max_length=20, blank=True)
    evidence_item = models.ForeignKey(EvidenceItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    url = models.URLField(max_length=1000, blank=True)
    username = models.CharField(max_length=200, blank=True)
    content = models.TextField(blank=True, help_text="What the content is, in a sentence.")
    harm = models.CharField(max_length=30, blank=True)
    made_by = models.CharField(max_length=12, choices=MadeBy.choices, default=MadeBy.ORGANISATION)
    poster_kind = models.CharField(max_length=20, blank=True, help_text="pupil, parent or adult (route poster).")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    draft = models.TextField(blank=True)
    reference = models.CharField(max_length=120, blank=True)
    requested_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    outcome_reason = models.TextField(blank=True)
    escalated_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="escalations"
    )
    decision = models.ForeignKey(DutyDecision, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["organisation", "status", "due_at"], name="takedown_due_idx")]

    def __str__(self) -> str:
        return f"{self.get_route_display()} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, now: datetime | None = None) -> bool:
        return self.status == Status.SENT and self.due_at is not None and self.due_at < (now or timezone.now())

    @property
    def platform_name(self) -> str:
        found = entry(self.platform)
        return found.name if found else self.platform

    @property
    def target_label(self) -> str:
        if self.evidence_item_id:
            return f"evidence item {self.evidence_item_id}" + (f" ({self.url})" if self.url else "")
        return self.url or "content not identified"


class EventKind(models.TextChoices):
    SENT = "sent", "Sent"
    REFERENCE = "reference", "Reference recorded"
    REPLY = "reply", "Reply received"
    CHECK = "check", "Checked whether still live"
    OUTCOME = "outcome", "Outcome"
    PACK = "pack", "Referral pack made"


class RequestEvent(models.Model):
    """What happened on a request, append-only: replies (pasted, or an evidence item), still-live checks."""

    request = models.ForeignKey(RemovalRequest, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    text = models.TextField(blank=True)
    still_live = models.BooleanField(null=True, blank=True)
    evidence_item = models.ForeignKey(EvidenceItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Request events are append-only.")
        super().save(*args, **kwargs)

    @property
    def outcome_label(self) -> str:
        """For an outcome event, what the outcome was ("Removed", "Refused"...); otherwise ""."""
        status = (self.detail or {}).get("status", "")
        return str(Status(status).label) if self.kind == EventKind.OUTCOME and status in Status.values else ""


class PackAgency(models.TextChoices):
    POLICE = "police", "Police"
    LA_CHILDREN = "la_children", "Local authority children's services"
    LA_ADULTS = "la_adults", "Local authority adult services"
    LADO = "lado", "LADO"
    CEOP = "ceop", "CEOP"
    PLATFORM = "platform", "The platform"
    RHC = "rhc", "Report Harmful Content"


class ReferralPack(models.Model):
    """A case-level signed bundle made for one agency; its hash is what the referral records."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referral_packs")
    agency = models.CharField(max_length=12, choices=PackAgency.choices)
    referral = models.ForeignKey(Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="packs")
    request = models.ForeignKey(RemovalRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="packs")
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(max_length=200)
    included = models.JSONField(default=list)
    withheld = models.JSONField(default=list)
    made_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["made_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_agency_display()} pack {self.sha256[:12]}"


HOURS_DEFAULT = 48
RHC_WAIT = timedelta(days=7)
