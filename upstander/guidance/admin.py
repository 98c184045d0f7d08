"""The installation admin keeps helplines, platforms and mobile networks up to date here.

Audiences and topics are JSON lists in the database; the form shows them as tick boxes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import admin
from django.db import models

from upstander.guidance.models import Audience, Helpline, MobileNetwork, Platform, Topic

# Addresses typed without a scheme are https:// (Django 6's default; no warning on 5.2).
HTTPS_URLS: Mapping[type[models.Field[Any, Any]], Mapping[str, Any]] = {models.URLField: {"assume_scheme": "https"}}


class HelplineForm(forms.ModelForm[Helpline]):
    website = forms.URLField(assume_scheme="https", required=False)
    audiences = forms.MultipleChoiceField(
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Which help pages and report replies show it.",
    )
    topics = forms.MultipleChoiceField(
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="What it helps with. 'Someone is in danger now' puts it in the box at the top of every page.",
    )

    class Meta:
        model = Helpline
        fields = [
            "name",
            "slug",
            "who_for",
            "audiences",
            "topics",
            "phone",
            "text_number",
            "text_keyword",
            "email",
            "website",
            "hours",
            "notes",
            "source",
            "confirmed",
            "order",
            "active",
        ]


@admin.register(Helpline)
class HelplineAdmin(admin.ModelAdmin[Helpline]):
    form = HelplineForm
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "phone", "text_number", "website", "confirmed", "active", "order"]
    list_editable = ["order", "active"]
    list_filter = ["active", "confirmed"]
    search_fields = ["name", "phone", "who_for", "notes"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "who_for", "audiences", "topics"]}),
        ("How to reach it", {"fields": ["phone", "text_number", "text_keyword", "email", "website", "hours"]}),
        ("Shown with it", {"fields": ["notes"]}),
        ("Checking", {"fields": ["source", "confirmed", "updated_at"]}),
        ("Listing", {"fields": ["order", "active"]}),
    ]


@admin.register(Platform)
class PlatformAdmin(admin.ModelAdmin[Platform]):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "code", "report_url", "minimum_age", "third_party_reports", "order"]
    list_editable = ["order"]
    search_fields = ["name", "code"]
    readonly_fields = ["updated_at"]


@admin.register(MobileNetwork)
class MobileNetworkAdmin(admin.ModelAdmin[MobileNetwork]):
    list_display = ["name", "contact", "from_mobile", "active", "order"]
    list_editable = ["order", "active"]
    readonly_fields = ["updated_at"]
