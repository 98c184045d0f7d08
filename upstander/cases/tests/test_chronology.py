"""The chronology: every event in order with its author and time; entries are never edited."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import User
from upstander.cases.models import Case, CaseEntry
from upstander.cases.selectors import case_chronology
from upstander.cases.services import CaseError, case_add_entry, case_correct_entry
from upstander.reports.models import ReportMessage
from upstander.reports.services import report_message_from_reporter, report_message_from_staff

pytestmark = pytest.mark.django_db


def test_reports_messages_and_case_entries_appear_in_time_order_with_their_authors(
    case: Case, triage: Callable[..., Case], dsl: User
) -> None:
    report = case.case_reports.get().report
    report_message_from_staff(report=report, author=dsl, body="Are you safe now?", request=None)
    report_message_from_reporter(report=report, body="Yes, thank you.")
    triage(case)
    case_add_entry(case=case, kind="note", text="Spoke to form tutor.", by=dsl, request=None)
    items = case_chronology(case=case)
    assert [i.kind for i in items] == ["report", "opened", "message", "message", "triage", "note"]
    assert [i.author for i in items][2:4] == ["Dsl", "Reporter"]
    assert all(a.at <= b.at for a, b in itertools.pairwise(items))
    assert ReportMessage.objects.count() == 2


def test_a_decision_needs_a_reason(case: Case, dsl: User) -> None:
    with pytest.raises(CaseError):
        case_add_entry(case=case, kind="decision", text="No sanction.", reason="", by=dsl, request=None)
    entry = case_add_entry(case=case, kind="decision", text="No sanction.", reason="First time; apologised.", by=dsl,
                           request=None)  # fmt: skip
    assert entry.reason == "First time; apologised." and entry.author == dsl


def test_entries_cannot_be_changed_or_deleted_in_python_or_in_the_database(case: Case) -> None:
    entry = CaseEntry.objects.get(case=case)
    entry.text = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        CaseEntry.objects.filter(pk=entry.pk).update(text="rewritten")
    # Past the model (a plain manager): the database trigger refuses (migration 0002).
    with pytest.raises(DatabaseError), transaction.atomic():
        CaseEntry._base_manager.filter(pk=entry.pk).update(text="rewritten")
    # DELETE too, on SQLite as on PostgreSQL (migration 0007).
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM cases_caseentry WHERE id = %s", [entry.pk])


def test_a_correction_is_a_new_entry_pointing_at_the_old_one(case: Case, dsl: User) -> None:
    wrong = case_add_entry(case=case, kind="note", text="Met Ben's mother.", by=dsl, request=None)
    correction = case_correct_entry(entry=wrong, text="Met Ben's father.", reason="Wrong parent.", by=dsl, request=None)
    wrong.refresh_from_db()
    assert wrong.text == "Met Ben's mother."
    assert correction.corrects == wrong and correction.kind == "correction"
    (item,) = [i for i in case_chronology(case=case) if i.entry == wrong]
    assert item.corrections == [correction]


def test_senior_leaders_add_notes_on_the_page_and_decisions_without_reasons_are_refused(
    login_as: Callable[[User], Client], users: dict[str, User], case: Case
) -> None:
    client = login_as(users["senior_leader"])
    url = reverse("cases:entry", args=[case.pk])
    refused = client.post(url, {"kind": "decision", "text": "Ban from the trip.", "reason": ""})
    assert refused.status_code == 200 and b"every decision is recorded with its reason" in refused.content
    assert client.post(url, {"kind": "note", "text": "Met the parent."}).status_code == 302
    assert CaseEntry.objects.filter(kind="note", author=users["senior_leader"]).exists()
    correct = reverse("cases:correct", args=[case.pk, CaseEntry.objects.get(kind="note").pk])
    assert client.post(correct, {"text": "Met both parents.", "reason": "Both came."}).status_code == 302
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Met both parents." in page and "Corrected on" in page


def test_the_evidence_of_the_cases_reports_is_on_the_chronology_and_a_sealed_item_says_so_only(case: Case) -> None:
    from upstander.evidence.models import EvidenceItem

    report = case.case_reports.get().report
    EvidenceItem.objects.create(
        organisation_id=case.organisation_id, report=report, kind="image", sha256="ab" * 32, size=2048, key_id="k1",
        file_type="png", mime_type="image/png", original_name="nude.png", safe_name="nude.png",
        added_by_label="anonymous reporter", sealed=True,
    )  # fmt: skip
    (item,) = [i for i in case_chronology(case=case) if i.kind == "evidence"]
    assert item.author == "anonymous reporter" and "sealed" in item.text
    assert "nude" not in item.text  # the file's name is not repeated: it can say too much
