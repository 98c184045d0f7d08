"""The case summary (printable page and PDF): the record without the buttons, marked, audited, and
limited to what the reader may see; sealed evidence named, never shown."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.test import Client

from upstander.accounts.models import Authority, Organisation, Role, User
from upstander.audit.models import AuditEvent
from upstander.cases.models import Case, CaseParty, PartyRole
from upstander.cases.services import case_add_entry
from upstander.evidence.adding import evidence_add_text
from upstander.evidence.sealing import evidence_seal

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def recorded(open_case: Callable[..., Case], org: Organisation, users: dict[str, User]) -> Case:
    case = open_case(account="They post my photos with cruel captions.", people_involved="jay_k_2011")
    CaseParty.objects.create(case=case, organisation=org, role=PartyRole.ALLEGED_PERPETRATOR, identifier="jay_k_2011")
    case_add_entry(case=case, by=users["dsl"], kind="decision", text="Meet the parents tomorrow",
                   reason="The pupil asked us to involve them.", request=None)  # fmt: skip
    report = case.case_reports.get().report
    evidence_add_text(report=report, text="you are a loser", kind="message", added_by=users["dsl"],
                      metadata={"handles": "@openhandle"})  # fmt: skip
    sealed = evidence_add_text(report=report, text="sealed words", kind="message", added_by=users["dsl"],
                               metadata={"handles": "@sealedhandle"})  # fmt: skip
    evidence_seal(item=sealed, by=users["dsl"], reason="A sexual image of a pupil.")
    return case


def test_the_printable_summary_has_the_record_and_its_marking(
    recorded: Case, users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    page = login_as(users[Role.DSL]).get(f"/cases/{recorded.pk}/summary/").content.decode()
    assert page.count("OFFICIAL-SENSITIVE") >= 2
    assert f"Case {recorded.number}: summary" in page
    assert "Meet the parents tomorrow: decided" in page and "The pupil asked us to involve them." in page
    assert "Alleged perpetrator" in page and "jay_k_2011" in page
    assert "Sealed item (marked as a nude or sexual image)" in page and "@sealedhandle" not in page
    assert "@openhandle" in page  # the DSL sees the open item's details
    assert "Triage this case" not in page  # the record, not the buttons
    assert AuditEvent.objects.filter(
        object_type="cases.case", object_id=str(recorded.pk), detail__page="summary"
    ).exists()


def test_the_pdf_says_the_same_and_is_audited_as_an_export(
    recorded: Case, users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    response = login_as(users[Role.DSL]).get(f"/cases/{recorded.pk}/summary.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    text = pdf_text(response.content)
    assert "OFFICIAL-SENSITIVE" in text and f"Case {recorded.number}: summary" in text
    assert "The pupil asked us to involve them." in text
    assert "Sealed item" in text and "sealedhandle" not in text and "sealed words" not in text
    assert "has gps" not in text.lower() and "case reference" not in text.lower()
    event = AuditEvent.objects.get(object_type="cases.case", object_id=str(recorded.pk), action="exported")
    assert event.detail["page"] == "summary-pdf"


def test_a_senior_leader_gets_the_list_of_evidence_without_its_details(
    recorded: Case, users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    page = login_as(users[Role.SENIOR_LEADER]).get(f"/cases/{recorded.pk}/summary/").content.decode()
    assert "Evidence 1: Pasted message" in page and "@openhandle" not in page
    assert "its details and content are for the safeguarding leads" in page


@pytest.mark.parametrize("suffix", ["summary/", "summary.pdf"])
def test_who_may_have_a_summary(
    suffix: str, recorded: Case, users: dict[str, User], login_as: Callable[[User], Client],
    make_user: Callable[..., User], other_org: Organisation, authority: Authority,
) -> None:  # fmt: skip
    url = f"/cases/{recorded.pk}/{suffix}"
    for role, status in ((Role.DSL, 200), (Role.DEPUTY_DSL, 200), (Role.SENIOR_LEADER, 200), (Role.STAFF, 403),
                         (Role.ORG_ADMIN, 403), (Role.AUTHORITY_LEAD, 404)):  # fmt: skip
        assert login_as(users[role]).get(url).status_code == status, role
    elsewhere = make_user("dsl@vale.test", role=Role.DSL, organisation=other_org)
    assert login_as(elsewhere).get(url).status_code == 404
    Case.objects.filter(pk=recorded.pk).update(escalated_authority=authority)
    assert login_as(users[Role.AUTHORITY_LEAD]).get(url).status_code == 200
    Case.objects.filter(pk=recorded.pk).update(playbook="sexual_images")
    assert login_as(users[Role.SENIOR_LEADER]).get(url).status_code == 404
    assert login_as(users[Role.DSL]).post(url).status_code == 405
    assert Client().get(url).status_code == 302  # signed out: to the sign-in page
