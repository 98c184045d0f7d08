"""Each organisation's routes: who deals with reports and how to reach them, when reports are read
and what to do meanwhile, its local safeguarding contacts, its own helplines and partner links.

The organisation's administrator edits them in the app (`routes/views.py`, audited); the public
organisation page, the poster and the report form show them.
"""

from __future__ import annotations

from django.db import models

from upstander.accounts.models import Organisation
from upstander.routes import hours


class OrganisationRoutes(models.Model):
    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="routes")
    dsl_name = models.CharField("name", max_length=120, blank=True)
    dsl_title = models.CharField("role", max_length=120, blank=True, default="Designated safeguarding lead")
    dsl_email = models.EmailField("email address", blank=True)
    dsl_phone = models.CharField("phone number", max_length=40, blank=True)
    dsl_where = models.CharField("where to find them", max_length=200, blank=True)
    deputy_name = models.CharField("name", max_length=120, blank=True)
    deputy_title = models.CharField("role", max_length=120, blank=True, default="Deputy safeguarding lead")
    deputy_email = models.EmailField("email address", blank=True)
    deputy_phone = models.CharField("phone number", max_length=40, blank=True)
    deputy_where = models.CharField("where to find them", max_length=200, blank=True)
    watched_days = models.JSONField(default=list, blank=True)  # ISO weekday numbers, see routes/hours.py
    watched_from = models.TimeField(null=True, blank=True)
    watched_until = models.TimeField(null=True, blank=True)
    hours_note = models.CharField(max_length=300, blank=True)
    out_of_hours = models.TextField(max_length=600, blank=True)
    partner_links = models.JSONField(default=list, blank=True)  # slugs from routes/partners.py
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "organisation's routes"
        verbose_name_plural = "organisations' routes"

    def __str__(self) -> str:
        return f"Routes for {self.organisation}"

    @property
    def hours_text(self) -> str:
        return hours.hours_text(self.watched_days, self.watched_from, self.watched_until)


class LocalContact(models.Model):
    class Kind(models.TextChoices):
        CHILDREN = "children_front_door", "Children's services front door (local authority)"
        ADULTS = "adults_front_door", "Adult social care front door (local authority)"
        LADO = "lado", "LADO (Local Authority Designated Officer)"
        PREVENT = "prevent", "Prevent lead"
        ONLINE_SAFETY = "online_safety", "Online-safety (e-safety) officer"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="local_contacts")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    name = models.CharField("team or person", max_length=200, blank=True)
    phone = models.CharField("phone number", max_length=40, blank=True)
    out_of_hours_phone = models.CharField("out-of-hours phone number", max_length=40, blank=True)
    email = models.EmailField("email address", blank=True)
    website = models.URLField(blank=True)
    notes = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "kind"], name="one_local_contact_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.organisation}"

    @property
    def is_empty(self) -> bool:
        return not any((self.name, self.phone, self.out_of_hours_phone, self.email, self.website, self.notes))


class OrganisationHelpline(models.Model):
    """A helpline the organisation adds itself, e.g. a local service for young people."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="own_helplines")
    name = models.CharField(max_length=200)
    phone = models.CharField("phone number", max_length=40, blank=True)
    website = models.URLField(blank=True)
    who_for = models.CharField("who it is for", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name
