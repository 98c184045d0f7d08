"""The subject access export: what it holds about the person, and nothing about anyone else."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable

import pytest

from upstander.accounts.models import User
from upstander.audit.models import AuditAction, AuditEvent
from upstander.cases.models import Case
from upstander.cases.services import case_add_entry
from upstander.dataprotection.access import subject_access_export
from upstander.evidence import conf
from upstander.evidence.models import EvidenceItem
from upstander.people.models import Person

pytestmark = pytest.mark.django_db

FORBIDDEN = ["Jordan", "Blake", "Riley", "Okafor", "UPN-JOR-2", "UPN-RIL-3", "jb_banter_99", "07700 900123",
             "jordan.blake@example.com", "Karen", "Davies", "karen.davies@example.net"]  # fmt: skip


def _export(person: Person, dsl: User) -> dict[str, bytes]:
    _, data = subject_access_export(person=person, by=dsl)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_export_holds_the_persons_cases_and_nothing_about_other_people(
    closed_case: Case, dsl: User, pupils: dict[str, Person], items: list[EvidenceItem], make_user: Callable[..., User]
) -> None:
    priya = make_user("priya.sharma@hill.test", role="staff", organisation=closed_case.organisation)
    priya.full_name = "Priya Sharma"
    priya.save()
    case_add_entry(case=closed_case, kind="note", text="Priya Sharma (form tutor) spoke to Sam and to Jordan.", by=dsl,
                   request=None)  # fmt: skip
    files = _export(pupils["sam"], dsl)
    assert set(files) == {"subject-access.html", "subject-access.json", "README.txt"}
    data = json.loads(files["subject-access.json"])
    assert data["person"]["name"] == "Sam Patel" and data["person"]["mis_identifier"] == "UPN-SAM-1"
    (case,) = data["cases"]
    assert case["case"] == closed_case.number and case["your_role"] == ["Target"]
    assert "posting pictures of Sam Patel" in case["reports"][0]["account"]
    assert [item["sha256"] for item in case["evidence"]] == [item.sha256 for item in items]
    assert any("[member of staff] (form tutor) spoke to Sam" in e["text"] for e in case["chronology"])
    staff_names = ["Priya", "Sharma", *(u.email for u in User.objects.all())]
    for name, content in files.items():
        text = content.decode("utf-8")
        for word in FORBIDDEN + staff_names:
            assert word.lower() not in text.lower(), (name, word)


def test_the_export_never_holds_evidence_content_sealed_or_not(
    closed_case: Case, dsl: User, pupils: dict[str, Person], items: list[EvidenceItem]
) -> None:
    files = _export(pupils["sam"], dsl)
    store = conf.store()
    blob = b"".join(files.values())
    for item in items:
        content = store.get(item.sha256)
        assert content[:64] not in blob
    assert b"\x89PNG" not in blob
    sealed = [entry for entry in json.loads(files["subject-access.json"])["cases"][0]["evidence"] if entry["sealed"]]
    assert len(sealed) == 1


def test_the_export_is_recorded_in_the_audit_trail_without_its_content(
    closed_case: Case, dsl: User, pupils: dict[str, Person]
) -> None:
    _export(pupils["sam"], dsl)
    event = AuditEvent.objects.get(action=AuditAction.EXPORTED, object_type="people.person",
                                   object_id=str(pupils["sam"].pk))  # fmt: skip
    assert event.actor_id == dsl.pk and event.detail == {"subject_access": True, "cases": [closed_case.number]}


def test_a_person_in_no_case_gets_their_record_only(dsl: User, pupils: dict[str, Person]) -> None:
    data = json.loads(_export(pupils["riley"], dsl)["subject-access.json"])
    assert data["cases"] == [] and data["person"]["name"] == "Riley Okafor"
