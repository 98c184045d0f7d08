"""Helplines, platforms and mobile networks: the facts the advice pages and report replies show.

They are data, not template text, because numbers and reporting pages change: an installation
admin updates them in Django admin (`guidance/admin.py`) without a release. Migration 0002 seeds
them from `reference/uk-facts.md`, each row citing where it was checked.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models

from upstander import platforms, taxonomy


class Audience(models.TextChoices):
    YOUNG_PEOPLE = "young_people", "Children and young people"
    PARENTS = "parents", "Parents and carers"
    STAFF = "staff", "Staff and volunteers"
    ADULTS = "adults", "Adults using services"


class Topic(models.TextChoices):
    """What a helpline is for. `emergency` rows are shown in the 'danger now' box, apart from the lists."""

    EMERGENCY = "emergency", "Someone is in danger now"
    CRIME = "crime", "A crime may have happened"
    BULLYING = "bullying", "Bullying, abuse or harassment"
    HATE = "hate", "Hate: targeted for who they are"
    SEXUAL_IMAGES = "sexual_images", "Nude or sexual images"
    GROOMING = "grooming", "Grooming or sexual pressure online"
    SELF_HARM = "self_harm", "Self-harm, suicide or not coping"
    FRAUD = "fraud", "Fraud and scams"
    GENERAL = "general", "Someone to talk to"


# Who the advice after a report speaks to: the reporter's role (`taxonomy.REPORTER_ROLES`, what a
# report stores), or, for an adult learner or service user it happened to, that person kind. So
# `service_user` is a reader of advice, never a reporter role: such a report stores role `target`
# and kind `service_user` (`reports.selectors.advice_for` picks the reader).
_READER_WORDS = {
    "target": "A pupil or young person it happened to",
    "bystander": "A pupil or young person who saw it happen",
    "parent": "Parent or carer",
    "staff": "Member of staff or volunteer",
    "unknown": "Not said",
    "service_user": "Adult using a service",
}
AdviceReader = models.TextChoices(  # type: ignore[call-overload]  # django-stubs do not type the functional API
    "AdviceReader", [(code.upper(), (code, _READER_WORDS[code])) for code in (*taxonomy.REPORTER_ROLES, "service_user")]
)


# Unknown reporters get the young people's advice: it is the plainest, and most reporters are pupils.
AUDIENCE_FOR_ROLE: dict[str, str] = {
    AdviceReader.TARGET: Audience.YOUNG_PEOPLE,
    AdviceReader.BYSTANDER: Audience.YOUNG_PEOPLE,
    AdviceReader.PARENT: Audience.PARENTS,
    AdviceReader.STAFF: Audience.STAFF,
    AdviceReader.SERVICE_USER: Audience.ADULTS,
    AdviceReader.UNKNOWN: Audience.YOUNG_PEOPLE,
}


# The codes reports use for where something happened: made from the platform directory
# (`upstander/platforms.py`, the one list). Members are the slugs in capitals (`PlatformCode.OTHER`).
PlatformCode = models.TextChoices(  # type: ignore[call-overload]  # django-stubs do not type the functional API
    "PlatformCode", [(item.slug.upper(), (item.slug, item.name)) for item in platforms.DIRECTORY]
)

# Platform codes that stand for a kind of channel rather than one company's service.
GENERIC_CHANNELS = frozenset(item.slug for item in platforms.DIRECTORY if not item.is_service)


def tel_href(number: str) -> str:
    """`tel:` link for a UK number as people write it ("0800 1111" -> "tel:08001111")."""
    return "tel:" + re.sub(r"[^\d+]", "", number) if number else ""


def display_url(url: str) -> str:
    """A web address as people read it: no scheme, no "www.", no trailing slash."""
    text = re.sub(r"^https?://", "", url)
    text = re.sub(r"^www\.", "", text)
    return text.rstrip("/")


def _check_choices(value: object, choices: type[models.TextChoices], field: str) -> None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError({field: "Choose from the list."})
    unknown = sorted(set(value) - set(choices.values))
    if unknown:
        raise ValidationError({field: f"Unknown value(s): {', '.join(unknown)}."})


class Helpline(models.Model):
    slug = models.SlugField(max_length=60, unique=True, help_text="A short fixed name used in links and tests.")
    name = models.CharField(max_length=200)
    phone = models.CharField(max_length=40, blank=True, help_text="As people dial it, e.g. 0800 1111.")
    text_number = models.CharField(max_length=40, blank=True, help_text="Number to text, e.g. 85258.")
    text_keyword = models.CharField(max_length=40, blank=True, help_text="Word to send, if any, e.g. SHOUT.")
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    hours = models.CharField(max_length=200, blank=True, help_text="Leave blank when not confirmed.")
    who_for = models.CharField("who it is for", max_length=300)
    audiences = models.JSONField(default=list, blank=True, help_text="Which help pages and report replies show it.")
    topics = models.JSONField(default=list, blank=True, help_text="What it helps with.")
    notes = models.TextField(blank=True, help_text="Shown to people: limits, what to do first.")
    source = models.CharField(max_length=500, blank=True, help_text="Where these details were checked, and when.")
    confirmed = models.BooleanField(
        default=False, help_text="Every detail shown has been checked against the source. Unticked rows say so."
    )
    order = models.PositiveSmallIntegerField(default=100, help_text="Lower comes first.")
    active = models.BooleanField(default=True, help_text="Untick to stop showing it anywhere.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        _check_choices(self.audiences, Audience, "audiences")
        _check_choices(self.topics, Topic, "topics")
        if not (self.phone or self.text_number or self.email or self.website):
            raise ValidationError("Give at least one way to reach it: phone, text, email or website.")

    @property
    def phone_href(self) -> str:
        return tel_href(self.phone)

    @property
    def sms_href(self) -> str:
        return "sms:" + re.sub(r"[^\d+]", "", self.text_number) if self.text_number else ""

    @property
    def website_display(self) -> str:
        return display_url(self.website)

    @property
    def audience_labels(self) -> list[str]:
        return [Audience(value).label for value in Audience.values if value in self.audiences]

    @property
    def topic_labels(self) -> list[str]:
        return [Topic(value).label for value in Topic.values if value in self.topics]


class Platform(models.Model):
    code = models.CharField(max_length=20, choices=PlatformCode.choices, unique=True)
    name = models.CharField(max_length=100)
    report_url = models.URLField("reporting page", blank=True, help_text="The platform's own page on reporting.")
    how_to_report = models.TextField(help_text="Plain words a 10-year-old can follow.")
    how_to_block = models.TextField(blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Blank when not confirmed.")
    third_party_reports = models.BooleanField(
        "people without an account, or reporting for someone else, can report",
        null=True,
        blank=True,
        help_text="Unknown when not confirmed.",
    )
    who_may_report = models.TextField(
        blank=True,
        help_text="Who the platform accepts reports from: the person targeted only, anyone, people without an account.",
    )
    rules_document = models.CharField(
        "its rules",
        max_length=200,
        blank=True,
        help_text="The platform's own rules, to say which one the content breaks.",
    )
    notes = models.TextField(blank=True)
    source = models.CharField(max_length=500, blank=True)
    checked = models.CharField(
        "checked in", max_length=20, blank=True, help_text="When the details were last checked, e.g. 2026-12."
    )
    order = models.PositiveSmallIntegerField(default=100)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def report_url_display(self) -> str:
        return display_url(self.report_url)

    @property
    def is_app(self) -> bool:
        """One company's app or site (so it has an age limit and its own rules), not a kind of channel."""
        return self.code not in GENERIC_CHANNELS


class MobileNetwork(models.Model):
    """A mobile network's route for nuisance or malicious calls and texts.

    The three numbers come from a 2016 table (seed 002) and are shown with `dated_note`, beside
    the newer `how_to_report`, so nobody mistakes an old number for a current one.
    """

    name = models.CharField(max_length=100, unique=True)
    how_to_report = models.TextField(blank=True, help_text="The current route, from a dated source.")
    contact = models.CharField(max_length=200, blank=True, help_text="Current number or address, if known.")
    from_mobile = models.CharField(max_length=40, blank=True)
    pay_as_you_go = models.CharField(max_length=40, blank=True)
    pay_monthly = models.CharField(max_length=40, blank=True)
    dated_note = models.CharField(
        max_length=300, blank=True, help_text="When the three numbers above were published: shown beside them."
    )
    source = models.CharField(max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(default=100)
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def has_dated_numbers(self) -> bool:
        return bool(self.from_mobile or self.pay_as_you_go or self.pay_monthly)
