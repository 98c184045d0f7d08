"""Holds, records-review decisions, carrying them out, and erasure: what they change and what they refuse."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, transaction
from django.utils import timezone

from upstander.accounts.models import User
from upstander.audit.models import AuditAction, AuditEvent
from upstander.audit.selectors import audit_chain_verify
from upstander.cases.models import Case, CaseEntry, CaseParty
from upstander.dataprotection import services
from upstander.dataprotection.models import DecisionState, PersonErasure
from upstander.dataprotection.services import DataProtectionError
from upstander.evidence import conf
from upstander.evidence.models import CustodyAction, EvidenceItem
from upstander.evidence.selectors import evidence_verify
from upstander.evidence.services import evidence_add_file
from upstander.people.models import Person
from upstander.reports.models import Report

from .conftest import png

pytestmark = pytest.mark.django_db


def _verifies() -> None:
    _, problem = audit_chain_verify()
    assert problem is None, problem
    result = evidence_verify()
    assert result.ok, result.problems


def test_a_legal_hold_stops_every_decision_and_erasure_until_lifted(
    closed_case: Case, dsl: User, pupils: dict[str, Person]
) -> None:
    decision = services.retention_decide(case=closed_case, kind="delete", reason="Review done", by=dsl)
    services.hold_set(case=closed_case, reason="Police investigation", by=dsl)
    with pytest.raises(DataProtectionError, match="legal hold"):
        services.retention_carry_out(decision=decision, by=dsl, confirm_number=closed_case.number)
    with pytest.raises(DataProtectionError, match="legal hold"):
        services.person_erase(person=pupils["sam"], reason="Asked", by=dsl, confirm_name="Sam Patel")
    with pytest.raises(DataProtectionError, match="already under a legal hold"):
        services.hold_set(case=closed_case, reason="Again", by=dsl)
    services.retention_withdraw(decision=decision, reason="Hold", by=dsl)
    with pytest.raises(DataProtectionError, match="legal hold"):
        services.retention_decide(case=closed_case, kind="keep", reason="x", by=dsl,
                                  keep_until=timezone.localdate() + timedelta(days=30))  # fmt: skip
    assert Report.objects.get(case_link__case=closed_case).account.startswith("Jordan Blake")
    services.hold_lift(case=closed_case, reason="Investigation closed", by=dsl)
    services.retention_decide(case=closed_case, kind="keep", reason="Sibling case open", by=dsl,
                              keep_until=timezone.localdate() + timedelta(days=365))  # fmt: skip
    closed_case.refresh_from_db()
    assert closed_case.records_review_on == timezone.localdate() + timedelta(days=365)
    texts = list(CaseEntry.objects.filter(case=closed_case).values_list("text", flat=True))
    assert any("Legal hold set" in t for t in texts) and any("Legal hold lifted" in t for t in texts)


def test_reasons_are_required_and_keep_needs_a_future_date(closed_case: Case, dsl: User) -> None:
    with pytest.raises(DataProtectionError, match="Say why"):
        services.hold_set(case=closed_case, reason="  ", by=dsl)
    with pytest.raises(DataProtectionError, match="Say why"):
        services.retention_decide(case=closed_case, kind="delete", reason="", by=dsl)
    with pytest.raises(DataProtectionError, match="future"):
        services.retention_decide(case=closed_case, kind="keep", reason="x", by=dsl, keep_until=timezone.localdate())


def test_a_delete_decision_does_nothing_until_a_person_confirms_it(
    closed_case: Case, dsl: User, items: list[EvidenceItem]
) -> None:
    decision = services.retention_decide(case=closed_case, kind="delete", reason="Past retention", by=dsl)
    assert decision.state == DecisionState.RECORDED
    report = Report.objects.get(case_link__case=closed_case)
    assert "Jordan Blake" in report.account and conf.store().exists(items[0].sha256)
    with pytest.raises(DataProtectionError, match="Type the case number"):
        services.retention_carry_out(decision=decision, by=dsl, confirm_number=closed_case.number + 1)
    done = services.retention_carry_out(decision=decision, by=dsl, confirm_number=closed_case.number)
    assert done.state == DecisionState.CARRIED_OUT and done.carried_out_by == dsl
    report.refresh_from_db()
    assert (
        report.account == services.REMOVED and report.reporter_email == "" and report.reporter_name == services.REMOVED
    )
    entries = CaseEntry.objects.filter(case=closed_case)
    assert not any("Jordan" in e.text or "Jordan" in e.reason for e in entries)
    assert not CaseParty.objects.filter(case=closed_case, person__isnull=False).exists()
    from upstander.accounts.actor import Actor, Context
    from upstander.evidence.permissions import can_unseal_item

    actor = Actor(user_id=dsl.pk, context=Context("org", closed_case.organisation_id, "Hill", frozenset({"dsl"})))
    for item in items:
        item.refresh_from_db()
        assert item.sealed and item.description == "" and not conf.store().exists(item.sha256)
        assert not can_unseal_item(actor, item)  # nothing left to open
        assert item.custody_events.last().action == CustodyAction.ERASED  # type: ignore[union-attr]
    # The chronology refuses changes again once the decision is carried out.
    with pytest.raises(DatabaseError), transaction.atomic():
        Case.objects.none()  # keep mypy quiet about the block
        from django.db import models

        models.QuerySet.update(CaseEntry.objects.filter(case=closed_case), text="changed")
    _verifies()


def test_anonymising_replaces_everyones_details_by_their_role(closed_case: Case, dsl: User) -> None:
    decision = services.retention_decide(case=closed_case, kind="anonymise", reason="Keep for learning", by=dsl)
    services.retention_carry_out(decision=decision, by=dsl, confirm_number=closed_case.number)
    report = Report.objects.get(case_link__case=closed_case)
    assert "Jordan" not in report.account and "Sam Patel" not in report.account
    assert "[alleged perpetrator]" in report.account and "[target]" in report.account
    assert "07700" not in report.account and "@" not in report.account
    assert "posting pictures" in report.account  # what happened stays, for learning
    _verifies()


def test_erasure_removes_the_persons_data_and_objects_nobody_else_uses(
    closed_case: Case, dsl: User, pupils: dict[str, Person], items: list[EvidenceItem],
    submit: Callable[..., Report],
) -> None:  # fmt: skip
    shared = evidence_add_file(report=submit(account="Another matter"), data=png("red"), filename="same.png",
                               added_by_label="test")  # fmt: skip
    assert shared.sha256 == items[1].sha256
    call_command("audit", "checkpoint", stdout=io.StringIO())  # the trails' heads, signed before the erasure
    sam = pupils["sam"]
    with pytest.raises(DataProtectionError, match="Type the person's name"):
        services.person_erase(person=sam, reason="Asked", by=dsl, confirm_name="Sam")
    erasure = services.person_erase(
        person=sam, reason="Erasure request after review", by=dsl, confirm_name="sam  patel"
    )
    sam.refresh_from_db()
    assert (sam.first_name, sam.last_name, sam.external_id, sam.date_of_birth) == ("", "", "", None)
    assert erasure.summary["evidence_objects_removed"] == 2  # the text and the sealed image; the red one is shared
    store = conf.store()
    assert not store.exists(items[0].sha256) and not store.exists(items[2].sha256)
    assert store.exists(shared.sha256)  # another item still holds these bytes
    report = Report.objects.get(case_link__case=closed_case)
    assert "Sam Patel" not in report.account and "[erased person]" in report.account
    assert "Jordan Blake" in report.account  # other people's records are not the erasure's business
    assert AuditEvent.objects.filter(action=AuditAction.DELETED, object_type="people.person",
                                     object_id=str(sam.pk)).exists()  # fmt: skip
    assert PersonErasure.objects.filter(person=sam).exists()
    with pytest.raises(DataProtectionError, match="already erased"):
        services.person_erase(person=sam, reason="again", by=dsl, confirm_name="")
    _verifies()
    for args in (("audit", "checkpoint"), ("audit", "verify"), ("evidence", "verify")):
        out = io.StringIO()
        call_command(*args, stdout=out, stderr=io.StringIO())  # CommandError (exit 1) on any problem
    assert "Evidence vault intact" in out.getvalue()


def test_erasure_waits_for_an_open_case_and_for_the_records_review(
    closed_case: Case, dsl: User, pupils: dict[str, Person]
) -> None:
    Case.objects.filter(pk=closed_case.pk).update(records_review_on=timezone.localdate() + timedelta(days=10))
    with pytest.raises(DataProtectionError, match="after the records review"):
        services.person_erase(person=pupils["jordan"], reason="Asked", by=dsl, confirm_name="Jordan Blake")
    Case.objects.filter(pk=closed_case.pk).update(status="open")
    with pytest.raises(DataProtectionError, match="still open"):
        services.person_erase(person=pupils["jordan"], reason="Asked", by=dsl, confirm_name="Jordan Blake")
    assert Person.objects.get(pk=pupils["jordan"].pk).first_name == "Jordan"


def test_deleted_records_take_no_further_decision(closed_case: Case, dsl: User) -> None:
    decision = services.retention_decide(case=closed_case, kind="delete", reason="Past retention", by=dsl)
    services.retention_carry_out(decision=decision, by=dsl, confirm_number=closed_case.number)
    with pytest.raises(DataProtectionError, match="nothing left to review"):
        services.retention_decide(case=closed_case, kind="anonymise", reason="again", by=dsl)


def test_a_case_with_its_post_incident_review_done_still_comes_up_for_records_review(
    closed_case: Case, dsl: User
) -> None:
    from upstander.dataprotection.selectors import records_review_rows

    Case.objects.filter(pk=closed_case.pk).update(status="reviewed")
    assert [row.case.pk for row in records_review_rows(organisation_id=closed_case.organisation_id)] == [closed_case.pk]
