"""The DSL's forms on a case: triage, status, people, settings (the happy paths and their errors)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Organisation, User
from upstander.audit.models import AuditEvent
from upstander.cases.models import Case, CaseParty, CaseSettings, Notification, PlaybookItem
from upstander.people.models import Person

pytestmark = pytest.mark.django_db


def test_triage_on_the_page_confirms_the_assessment_and_assigns_the_case(
    login_as: Callable[[User], Client], users: dict[str, User], open_case: Callable[..., Case]
) -> None:
    case = open_case(in_danger=True, account="They said they will hurt me after school")
    client = login_as(users["dsl"])
    page = client.get(reverse("cases:triage", args=[case.pk])).content.decode()
    assert "They said they will hurt me" in page  # the report is there to read while triaging
    missing = client.post(reverse("cases:triage", args=[case.pk]), {"summary": "Threat"})
    assert b"Choose a risk level." in missing.content and b"Say why you made this assessment." in missing.content
    data = {
        "risk": "urgent",
        "summary": "Threat to hurt after school",
        "categories": ["threat"],
        "known_facts": ["threat_of_death_or_serious_harm"],
        "channel": "social_media",
        "platform": "snapchat",
        "playbook": "pupil_on_pupil",
        "assignee": users["deputy_dsl"].pk,
        "reason": "Specific threat, time and place.",
    }
    assert client.post(reverse("cases:triage", args=[case.pk]), data).status_code == 302
    case.refresh_from_db()
    assert case.status == "triaged" and case.risk == "urgent" and case.urgent
    assert case.category_list == ["threat"] and case.known_facts == {"threat_of_death_or_serious_harm": True}
    assert case.assignee == users["deputy_dsl"] and PlaybookItem.objects.filter(case=case).count() == 12
    assert Notification.objects.filter(user=users["deputy_dsl"], message=f"Case {case.number} was assigned to you")
    audit = AuditEvent.objects.filter(object_type="cases.case", action="changed").last()
    assert "risk" in audit.detail["fields"]


def test_the_status_page_needs_a_reason_to_wait_on_others(
    login_as: Callable[[User], Client], users: dict[str, User], case: Case, triage: Callable[..., Case]
) -> None:
    client = login_as(users["dsl"])
    url = reverse("cases:status", args=[case.pk])
    assert b"Triage the case first." in client.post(url, {"status": "open", "reason": ""}).content
    triage(case)
    assert b"Say who or what" in client.post(url, {"status": "waiting", "reason": ""}).content
    assert client.post(url, {"status": "waiting", "reason": "Police to call back."}).status_code == 302
    case.refresh_from_db()
    assert case.status == "waiting"


def test_people_are_added_changed_and_removed_with_a_reason(
    login_as: Callable[[User], Client], users: dict[str, User], case: Case, org: Organisation, other_org: Organisation
) -> None:
    ada = Person.objects.create(organisation=org, first_name="Ada", last_name="Lovelace", kind="pupil")
    outsider = Person.objects.create(organisation=other_org, first_name="Out", last_name="Sider")
    client = login_as(users["dsl"])
    url = reverse("cases:party_add", args=[case.pk])
    assert b"Choose a person record, or give" in client.post(url, {"role": "witness", "kind": "unknown"}).content
    assert (
        b"Select a valid choice" in client.post(url, {"role": "target", "kind": "pupil", "person": outsider.pk}).content
    )
    assert client.post(url, {"role": "target", "kind": "unknown", "person": ada.pk}).status_code == 302
    party = CaseParty.objects.get(case=case, person=ada)
    assert party.kind == "pupil"  # from the record
    change = reverse("cases:party_change", args=[case.pk, party.pk])
    data = {"role": "witness", "kind": "pupil", "person": ada.pk, "identifier": "@ada_l"}
    assert client.post(change, data).status_code == 302
    party.refresh_from_db()
    assert party.role == "witness" and party.identifier_key == "user:ada_l"
    remove = reverse("cases:party_remove", args=[case.pk, party.pk])
    assert b"Give a reason." in client.post(remove, {"reason": ""}).content
    assert client.post(remove, {"reason": "Not involved after all."}).status_code == 302
    assert not CaseParty.objects.filter(pk=party.pk).exists()
    assert case.entries.filter(kind="people").count() == 3


def test_the_person_picker_searches_instead_of_listing_everyone(
    login_as: Callable[[User], Client], users: dict[str, User], case: Case, org: Organisation
) -> None:
    Person.objects.bulk_create(
        [Person(organisation=org, first_name=f"Pupil{n:04}", last_name="Smith", kind="pupil") for n in range(600)]
    )
    sam = Person.objects.create(
        organisation=org, first_name="Sam", last_name="Patel", kind="pupil", year_group="9", class_name="9B",
        external_id="A123456789012",
    )  # fmt: skip
    client = login_as(users["dsl"])
    url = reverse("cases:party_add", args=[case.pk])
    page = client.get(url).content.decode()
    assert page.count('name="person"') == 1  # only "No record": nobody is listed before a search
    page = client.get(url, {"q": "sam  patel"}).content.decode()
    assert "Sam Patel (Pupil or student, Year 9, 9B, MIS A123456789012)" in page
    assert "1 record shown for “sam patel”" in page
    page = client.get(url, {"q": "smith"}).content.decode()
    assert page.count('name="person"') == 1 + 25
    assert "only the first 25, so add more of the name" in page
    assert "No record matches “nobody-like-this”" in client.get(url, {"q": "nobody-like-this"}).content.decode()
    # Any record of the organisation is a valid choice, shown or not.
    assert client.post(url + "?q=smith", {"role": "target", "kind": "unknown", "person": sam.pk}).status_code == 302
    party = CaseParty.objects.get(case=case, person=sam)
    # Changing the party shows the record already chosen, with no search.
    page = client.get(reverse("cases:party_change", args=[case.pk, party.pk])).content.decode()
    assert f'value="{sam.pk}"' in page and "Sam Patel (Pupil" in page


def test_the_settings_page_sets_due_times_and_the_out_of_hours_contact(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation
) -> None:
    client = login_as(users["deputy_dsl"])
    url = reverse("cases:settings")
    bad = {"urgent_due_minutes": 30, "working_day_starts": "17:00", "working_day_ends": "08:00",
           "out_of_hours_email": "oncall@hill.test", "follow_up_days": 10}  # fmt: skip
    assert b"must end after it starts" in client.post(url, bad).content
    good = {**bad, "working_day_starts": "08:30", "working_day_ends": "16:30", "adult_records_review_years": 6}
    assert client.post(url, good).status_code == 302
    saved = CaseSettings.objects.get(organisation=org)
    assert saved.urgent_due_minutes == 30 and saved.working_day_ends == time(16, 30)
    assert saved.adult_records_review_years == 6
    assert (
        b"Ensure this value is less than or equal to 100"
        in client.post(url, {**good, "adult_records_review_years": 500}).content
    )
    assert saved.out_of_hours_email == "oncall@hill.test" and saved.follow_up_days == 10
