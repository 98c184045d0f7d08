"""Record a concern: any member of staff tells the safeguarding lead what they saw or were told."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Organisation, User
from upstander.audit.models import AuditEvent
from upstander.cases.models import CaseParty, PartyRole
from upstander.evidence.models import EvidenceItem
from upstander.evidence.tests.factories import png_bytes
from upstander.people.models import PersonKind
from upstander.reports.models import Report, ReportSource
from upstander.reports.receipts import check_passphrase, normalise_reference
from upstander.reports.tests.helpers import run_tasks

pytestmark = pytest.mark.django_db
RECORD = reverse("reports:record")
GOOD = {
    "in_danger": "no",
    "reporter_role": "target",
    "reporter_name": "Sam Patel, 9B",
    "account": "Sam showed me messages on Snapchat from @year9_gossip calling her names every night this week.",
    "channel": "social_media",
    "platform": "snapchat",
    "happened_on": "2026-11-20",
    "happened_when": "every night this week",
    "people_involved": "@year9_gossip",
}


def record(client: Client, **changes: Any) -> Any:
    return client.post(RECORD, {**GOOD, **changes})


@pytest.mark.parametrize("role", ["staff", "dsl", "deputy_dsl", "senior_leader", "org_admin"])
def test_every_member_of_an_organisation_can_record_a_concern(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation, role: str
) -> None:
    client = login_as(users[role])
    assert client.get(RECORD).status_code == 200
    response = record(client)
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.organisation == org
    assert report.recorded_by == users[role]


def test_an_authority_lead_cannot_record_and_a_visitor_is_asked_to_sign_in(
    login_as: Callable[[User], Client], users: dict[str, User], client: Client
) -> None:
    response = client.get(RECORD)
    assert response.status_code == 302 and "/login" in response["Location"]
    assert client.post(RECORD, GOOD).status_code == 302
    assert login_as(users["authority_lead"]).post(RECORD, GOOD).status_code == 403
    assert not Report.objects.exists()


def test_a_recorded_concern_goes_to_the_dsl_named_and_audited_with_a_receipt(
    login_as: Callable[[User], Client], users: dict[str, User]
) -> None:
    staff = users["staff"]
    client = login_as(staff)
    response = record(client, REMOTE_ADDR="198.51.100.4")
    assert response["Location"] == reverse("reports:recorded")
    report = Report.objects.get()
    assert report.source == ReportSource.STAFF
    assert not report.anonymous
    assert report.reporter_role == "target"
    assert report.reporter_name == "Sam Patel, 9B"
    assert report.platform == "snapchat"
    assert report.happened_at is not None and report.happened_at.date().isoformat() == "2026-11-20"
    assert report.happened_when == "every night this week"
    event = AuditEvent.objects.get(object_type="reports.report", object_id=str(report.pk))
    assert event.actor_id == staff.pk
    assert event.action == "created"

    done = client.get(reverse("reports:recorded"))
    page = done.content.decode()
    assert "the concern is recorded" in page
    assert "For the person who told you" in page
    reference = page.split('Reference: <span class="code">')[1].split("<")[0]
    passphrase = page.split('Passphrase: <span class="code">')[1].split("<")[0]
    assert normalise_reference(reference) == report.reference
    assert check_passphrase(passphrase, report.passphrase_hash)
    assert "Dsl (designated safeguarding lead)" in page and "Deputy_Dsl (deputy)" in page
    again = client.get(reverse("reports:recorded")).content.decode()
    assert passphrase not in again  # shown once

    # The DSL sees who recorded it and how they knew.
    dsl = login_as(users["dsl"])
    detail = dsl.get(reverse("reports:staff_detail", args=[report.pk])).content.decode()
    assert "Recorded by Staff, staff: the person it happened to told them (Sam Patel, 9B)" in detail
    assert "recorded by staff" in dsl.get(reverse("reports:inbox")).content.decode().lower()


def test_the_background_work_runs_and_the_target_named_by_staff_is_a_party(
    login_as: Callable[[User], Client], users: dict[str, User]
) -> None:
    record(login_as(users["staff"]))
    run_tasks()
    report = Report.objects.get()
    assert report.processing == "done"
    assert report.alerted_at is not None
    target = CaseParty.objects.get(role=PartyRole.TARGET)
    assert target.description == "Sam Patel, 9B"
    assert target.kind == PersonKind.PUPIL
    assert CaseParty.objects.filter(role=PartyRole.ALLEGED_PERPETRATOR, identifier="@year9_gossip").exists()


def test_staff_who_are_targets_record_it_as_their_own_and_later_reports_join_the_same_case(
    login_as: Callable[[User], Client], users: dict[str, User]
) -> None:
    teacher = users["staff"]
    client = login_as(teacher)
    for account in ("A parent's account @angry_dad99 posted that I hit pupils.", "@angry_dad99 posted it again."):
        record(client, reporter_role="self", reporter_name="ignored", account=account, people_involved="@angry_dad99")
    run_tasks()
    first, second = Report.objects.order_by("created_at")
    assert first.reporter_role == "target"
    assert (first.reporter_name, first.reporter_email) == (teacher.full_name, teacher.email)
    assert first.recorded_by_staff_as_target
    assert "it happened to them" in first.reporter_description
    target = CaseParty.objects.filter(role=PartyRole.TARGET).first()
    assert target is not None and target.kind == PersonKind.STAFF and target.identifier == teacher.email
    # The same alleged perpetrator against the same named member of staff: one course of conduct.
    assert first.case_link.case_id == second.case_link.case_id


def test_a_witness_member_of_staff_is_the_reporting_party(
    login_as: Callable[[User], Client], users: dict[str, User]
) -> None:
    record(login_as(users["staff"]), reporter_role="staff", reporter_name="should be dropped")
    run_tasks()
    report = Report.objects.get()
    assert report.reporter_name == ""
    reporter = CaseParty.objects.get(role=PartyRole.REPORTER)
    assert (reporter.kind, reporter.description) == (PersonKind.STAFF, "Staff")


def test_danger_now_makes_it_urgent(login_as: Callable[[User], Client], users: dict[str, User]) -> None:
    client = login_as(users["staff"])
    record(client, in_danger="yes")
    assert Report.objects.get().urgent
    assert "call 999 now" in client.get(reverse("reports:recorded")).content.decode()


def test_bad_input_says_what_to_fix_and_stores_nothing(
    login_as: Callable[[User], Client], users: dict[str, User]
) -> None:
    client = login_as(users["staff"])
    response = record(client, in_danger="", reporter_role="", account="", happened_on="2099-01-01")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose yes if anyone is in danger right now" in page
    assert "Choose how you found out." in page
    assert "Write what happened" in page
    assert "The date cannot be in the future." in page
    assert not Report.objects.exists()
    files = [SimpleUploadedFile(f"s{i}.png", png_bytes(), content_type="image/png") for i in range(11)]
    response = client.post(RECORD, {**GOOD, "upload": files})
    assert response.status_code == 400
    assert "Choose up to 10 files at a time" in response.content.decode()
    assert not Report.objects.exists()


def test_a_screenshot_goes_into_the_vault_as_added_by_the_member_of_staff(
    login_as: Callable[[User], Client], users: dict[str, User]
) -> None:
    client = login_as(users["staff"])
    shot = SimpleUploadedFile("snapchat.png", png_bytes(), content_type="image/png")
    assert client.post(RECORD, {**GOOD, "upload": [shot]}).status_code == 302
    item = EvidenceItem.objects.get()
    assert item.report == Report.objects.get()
    assert item.added_by == users["staff"]


def test_members_see_only_the_concerns_they_recorded_and_not_the_dsls_work(
    login_as: Callable[[User], Client], users: dict[str, User], make_user: Callable[..., User], org: Organisation
) -> None:
    colleague = make_user("colleague@hill.test", role="staff", organisation=org)
    record(login_as(colleague), account="The colleague's own concern about a group chat.")
    theirs = Report.objects.get()
    client = login_as(users["staff"])
    record(client)
    mine = Report.objects.exclude(pk=theirs.pk).get()
    page = client.get(RECORD).content.decode()
    assert mine.reference in page
    assert theirs.reference not in page
    assert client.get(reverse("reports:staff_detail", args=[mine.pk])).status_code == 403
    assert client.get(reverse("reports:inbox")).status_code == 403
