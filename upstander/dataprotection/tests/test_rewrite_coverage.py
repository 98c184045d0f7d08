"""The records review reaches every free text kept about a case: what staff wrote about duties,
referrals and removal requests as much as the reports and the chronology. A model walk fails when a
new text linked to a case is neither rewritten nor kept with a reason (rewrite.KEPT)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from upstander.accounts.models import User
from upstander.cases import hooks
from upstander.cases.models import Case, CaseWatcher, DutyDecision, Referral
from upstander.cases.selectors import records_due_for_review
from upstander.dataprotection import rewrite, services
from upstander.dataprotection.models import LegalHold
from upstander.reports.models import Report
from upstander.takedown.models import RemovalRequest, RequestEvent

pytestmark = pytest.mark.django_db

NAMES = ("Jordan", "Blake", "Sam Patel", "jb_banter_99")


def _linked_models() -> dict[type[models.Model], str]:
    """Every model with a chain of foreign keys to a case or a report (how it gets there)."""
    linked: dict[type[models.Model], str] = {Case: "", Report: ""}
    grew = True
    while grew:
        grew = False
        for model in apps.get_models():
            if model in linked:
                continue
            for field in model._meta.concrete_fields:
                if isinstance(field, models.ForeignKey) and field.related_model in linked:
                    linked[model] = field.name
                    grew = True
                    break
    return linked


def _rewritten() -> set[str]:
    found = {f"{model._meta.label_lower}.{name}" for model, names in rewrite.IN_PLACE.items() for name in names}
    for texts in [*rewrite.OWN_TEXTS, *hooks.case_texts()]:
        found |= {f"{texts.model._meta.label_lower}.{name}" for name in texts.fields}
    return found


def test_every_text_linked_to_a_case_is_rewritten_or_kept_with_a_reason() -> None:
    rewritten, unaccounted = _rewritten(), []
    for model in _linked_models():
        label = model._meta.label_lower
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField | models.JSONField) or field.choices:
                continue
            key = f"{label}.{field.name}"
            if key not in rewritten and key not in rewrite.KEPT and f"{label}.*" not in rewrite.KEPT:
                unaccounted.append(key)
    assert not unaccounted, f"Texts linked to a case that the records review neither rewrites nor keeps: {unaccounted}"
    # Nothing is both rewritten and said to be kept, and every registered field exists.
    assert not rewritten & set(rewrite.KEPT)
    for key in rewritten:
        app_model, name = key.rsplit(".", 1)
        apps.get_model(app_model)._meta.get_field(name)


def _texts_about(case: Case, dsl: User) -> dict[str, Any]:
    """Staff's own words about the case, naming its people, in the places the first release missed."""
    decision = DutyDecision.objects.create(
        case=case, duty="report_to_platform", accepted=True, rules_version="test",
        reason="Jordan Blake posted the pictures of Sam Patel", proposal_reason="Sam Patel's mother asked",
    )  # fmt: skip
    referral = Referral.objects.create(case=case, decision=decision, duty="police_101", agency="Police",
                                       reference_number="CAD 4471", outcome="Officer spoke to Jordan Blake")  # fmt: skip
    removal = RemovalRequest.objects.create(
        organisation=case.organisation, case=case, route="platform", username="@jb_banter_99",
        url="https://example.com/jb_banter_99/1", content="Pictures of Sam Patel", draft="Dear platform, Jordan Blake",
        outcome_reason="Removed after Jordan Blake was reported",
    )  # fmt: skip
    event = RequestEvent.objects.create(request=removal, kind="note", text="Jordan Blake reposted it")
    hold = LegalHold.objects.create(organisation=case.organisation, case=case, set_by=dsl,
                                    reason="Police looking at Jordan Blake", lift_reason="Sam Patel's case closed",
                                    lifted_by=dsl, lifted_at=timezone.now())  # fmt: skip
    watcher = CaseWatcher.objects.create(case=case, user=dsl, added_by=dsl, why="Head of year for Sam Patel")
    return {"decision": decision, "referral": referral, "removal": removal, "event": event, "hold": hold,
            "watcher": watcher}  # fmt: skip


def _all_text(row: models.Model, fields: tuple[str, ...]) -> str:
    row.refresh_from_db()
    return " ".join(str(getattr(row, name)) for name in fields)


def test_anonymising_reaches_decisions_referrals_and_removal_requests(closed_case: Case, dsl: User) -> None:
    rows = _texts_about(closed_case, dsl)
    decision = services.retention_decide(case=closed_case, kind="anonymise", reason="Keep for learning", by=dsl)
    services.retention_carry_out(decision=decision, by=dsl, confirm_number=closed_case.number)
    texts = {
        "decision": _all_text(rows["decision"], ("reason", "proposal_reason")),
        "referral": _all_text(rows["referral"], ("outcome", "reference_number")),
        "removal": _all_text(rows["removal"], ("username", "url", "content", "draft", "outcome_reason")),
        "event": _all_text(rows["event"], ("text",)),
        "hold": _all_text(rows["hold"], ("reason", "lift_reason")),
        "watcher": _all_text(rows["watcher"], ("why",)),
    }
    for kind, text in texts.items():
        assert not any(name in text for name in NAMES), (kind, text)
    assert "[alleged perpetrator] posted the pictures of [target]" in texts["decision"]
    assert "CAD 4471" in texts["referral"]  # the agency's reference is kept, so the referral can be traced


def test_deleting_removes_staffs_words_but_keeps_the_sense_of_the_holds(closed_case: Case, dsl: User) -> None:
    rows = _texts_about(closed_case, dsl)
    decision = services.retention_decide(case=closed_case, kind="delete", reason="Past retention", by=dsl)
    services.retention_carry_out(decision=decision, by=dsl, confirm_number=closed_case.number)
    assert _all_text(rows["decision"], ("reason",)) == services.REMOVED
    assert _all_text(rows["removal"], ("content",)) == services.REMOVED
    assert _all_text(rows["event"], ("text",)) == services.REMOVED
    hold = _all_text(rows["hold"], ("reason",))
    assert hold == "Police looking at [alleged perpetrator]"  # a record about the case keeps its sense


@pytest.mark.parametrize("kind", ["anonymise", "delete"])
def test_records_anonymised_or_deleted_leave_the_records_review(closed_case: Case, dsl: User, kind: str) -> None:
    due = records_due_for_review(organisation_id=closed_case.organisation_id)
    assert closed_case in due
    decision = services.retention_decide(case=closed_case, kind=kind, reason="Past retention", by=dsl)
    assert closed_case in records_due_for_review(organisation_id=closed_case.organisation_id)  # not carried out yet
    services.retention_carry_out(decision=decision, by=dsl, confirm_number=closed_case.number)
    assert closed_case not in records_due_for_review(organisation_id=closed_case.organisation_id)
    out = io.StringIO()
    call_command("records_review", organisation=closed_case.organisation.slug, stdout=out)
    assert f"case {closed_case.number}:" not in out.getvalue()
