"""One platform directory (`upstander/platforms.py`): the report form, the stored codes, the help
pages and the escalation rules all read it, and these tests fail as soon as one of them disagrees."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from upstander import platforms, taxonomy
from upstander.escalation.facts import FactsError, parse_facts
from upstander.guidance.models import Platform as PlatformRow
from upstander.guidance.models import PlatformCode
from upstander.reports.forms import StaffRecordForm, WhereForm
from upstander.reports.models import Platform as ReportPlatform

DIRECTORY = [(item.slug, item.name) for item in platforms.DIRECTORY]
SLUGS = [slug for slug, _ in DIRECTORY]


def test_the_directory_names_each_service_once() -> None:
    assert len(SLUGS) == len(set(SLUGS))
    assert len({name for _, name in DIRECTORY}) == len(DIRECTORY)


@pytest.mark.parametrize("slug", ["reddit", "twitch", "linkedin", "pinterest", "tumblr"])
def test_the_services_the_issue_found_missing_are_in_the_directory(slug: str) -> None:
    assert slug in SLUGS


def test_every_service_names_its_source_and_when_it_was_checked() -> None:
    for item in platforms.DIRECTORY:
        assert item.source, item.slug
        assert len(item.checked) == 7 and item.checked[4] == "-", item.slug
        assert item.how_to_report, item.slug
        assert not item.report_url or item.report_url.startswith("https://"), item.slug


def test_the_codes_reports_cases_and_evidence_store_are_the_directory() -> None:
    assert [(value, label) for value, label in ReportPlatform.choices if value] == DIRECTORY


def test_the_guidance_codes_are_the_directory() -> None:
    assert list(PlatformCode.choices) == DIRECTORY


@pytest.mark.django_db
def test_the_help_pages_rows_are_the_directory_after_migrating() -> None:
    assert list(PlatformRow.objects.order_by("order").values_list("code", "name")) == DIRECTORY


def test_the_public_report_form_offers_every_service_in_the_directory() -> None:
    offered = [value for value, _ in WhereForm().fields["platform"].choices if value]  # type: ignore[attr-defined]
    assert offered == SLUGS


def test_the_staff_record_form_offers_every_service_in_the_directory() -> None:
    offered = [value for value, _ in StaffRecordForm().fields["platform"].choices if value]  # type: ignore[attr-defined]
    assert offered == SLUGS


def test_the_escalation_rules_know_the_directory_s_platforms() -> None:
    assert tuple(SLUGS) == taxonomy.PLATFORMS
    for slug in SLUGS:
        assert parse_facts({"platform": slug}).platform == slug


def test_the_escalation_rules_refuse_a_platform_the_directory_does_not_have() -> None:
    with pytest.raises(FactsError, match='Did you mean "tumblr"'):
        parse_facts({"platform": "tumblir"})


@pytest.mark.django_db
def test_the_platforms_help_page_shows_every_service_in_the_directory(client: Client) -> None:
    html = client.get(reverse("guidance:platforms")).content.decode()
    for slug, name in DIRECTORY:
        assert f'id="{slug}"' in html
        assert name.replace("(", "").split()[0] in html


@pytest.mark.django_db
def test_the_platforms_help_page_says_when_each_service_was_checked(client: Client) -> None:
    html = client.get(reverse("guidance:platforms")).content.decode()
    assert "Last checked" in html and platforms.entry("tumblr").checked in html  # type: ignore[union-attr]


def test_the_help_pages_treat_the_same_entries_as_channels() -> None:
    from upstander.guidance.models import GENERIC_CHANNELS

    assert set(GENERIC_CHANNELS) == {item.slug for item in platforms.DIRECTORY if not item.is_service}


@pytest.mark.django_db
def test_the_platforms_help_page_says_who_may_report_and_which_rules_apply(client: Client) -> None:
    html = client.get(reverse("guidance:platforms")).content.decode()
    assert "Bystanders are asked to have the person targeted write in" in html  # Pinterest
    assert "Pinterest Community Guidelines" in html
