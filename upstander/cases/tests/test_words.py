"""Words instead of codes: every label a person reads comes from one place of human names
(upstander/taxonomy.py and upstander/labels.py), on the pages, in the chronology and in the PDFs."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from upstander import labels
from upstander.accounts.models import Role, User
from upstander.cases import playbooks
from upstander.cases.models import Case, CaseEntry, Notification
from upstander.cases.services import case_record_suggestion
from upstander.evidence.adding import evidence_add_text
from upstander.evidence.vault import bundle

pytestmark = pytest.mark.django_db


def test_the_audit_trail_names_record_types_in_words(
    case: Case, users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    client = login_as(users[Role.DSL])
    client.get(f"/cases/{case.pk}/")
    page = client.get("/audit/").content.decode()
    assert f"Case {case.pk}" in page and "cases.case" not in page


def test_analysis_and_triage_notes_use_the_taxonomy_words(case: Case, triage: Callable[..., Case]) -> None:
    case_record_suggestion(case=case, model_version="m1", categories=["vilification", "insult"], prejudice=[],
                           scores={})  # fmt: skip
    note = CaseEntry.objects.filter(case=case, text__startswith="Analysis suggested").get().text
    assert "insults or name-calling; spreading false or damaging claims" in note
    assert "vilification" not in note
    triage(case, categories=["insult", "self_harm"])
    entry = CaseEntry.objects.filter(case=case, kind="triage").last()
    assert entry is not None and "What happened: Insults or name-calling; self-harm" in entry.text
    assert "self_harm" not in entry.text and "Categories:" not in entry.text


def test_the_bundle_pdf_details_read_as_words() -> None:
    record = {"type": "PNG image", "size": 1200, "metadata": {"has_gps": False, "width": 400, "handles": ["@a", "@b"]}}
    details = bundle._details(record)
    assert "Location (GPS) recorded in the file: no" in details
    assert "Width (pixels): 400" in details and "Usernames or handles: @a, @b" in details
    assert "has gps" not in details and "False" not in details


def test_counts_and_unknown_codes_read_as_words() -> None:
    assert [labels.count(n, "file") for n in (0, 1, 3)] == ["no files", "1 file", "3 files"]
    assert labels.object_type("cases.somethingnew", "something new") == "Something new"
    assert labels.metadata_label("some_new_key") == "Some new key"
    assert labels.reporter_role("parent") == "A parent or carer"


def test_notifications_say_unread_not_new_new(
    case: Case, users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    Notification.objects.filter(user=users[Role.DSL]).delete()
    Notification.objects.create(user=users[Role.DSL], case=case, message=f"New case {case.number}", url="/")
    page = login_as(users[Role.DSL]).get("/cases/notifications/").content.decode()
    assert "Unread</span> <a" in page and ">New</span> <a" not in page


def test_evidence_is_numbered_within_its_report(
    case: Case, users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    report = case.case_reports.get().report
    for text in ("one", "two"):
        evidence_add_text(report=report, text=text, kind="message", added_by=users[Role.DSL])
    page = login_as(users[Role.DSL]).get(f"/evidence/report/{report.pk}/").content.decode()
    assert "Evidence 1: message.txt" in page and "Evidence 2: message.txt" in page and "Item " not in page


def test_no_playbook_text_names_a_seed_document() -> None:
    for playbook in playbooks.PLAYBOOKS.values():
        assert "seed 0" not in playbook.use_when.lower()


def test_the_chronology_says_who_reported_in_the_third_person(
    open_case: Callable[..., Case], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    case = open_case(reporter_role="parent", anonymous=False, reporter_name="Mrs Hill")
    page = login_as(users[Role.DSL]).get(f"/cases/{case.pk}/").content.decode()
    assert "Mrs Hill (a parent or carer)" in page and "I am a parent" not in page
