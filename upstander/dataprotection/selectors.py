"""Reads for data protection: the records-review list, holds, decisions, and a person's cases."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from upstander.cases.models import ACTIVE_STATUSES, Case, CaseParty
from upstander.cases.selectors import records_due_for_review
from upstander.dataprotection.models import DecisionKind, DecisionState, LegalHold, PersonErasure, RetentionDecision
from upstander.people.models import Person


def active_hold(*, case_id: int) -> LegalHold | None:
    return LegalHold.objects.filter(case_id=case_id, lifted_at__isnull=True).select_related("set_by").first()


def held_case_ids(*, case_ids: list[int]) -> set[int]:
    return set(LegalHold.objects.filter(case_id__in=case_ids, lifted_at__isnull=True).values_list("case_id", flat=True))


def decisions_for_case(*, case_id: int) -> QuerySet[RetentionDecision]:
    return RetentionDecision.objects.filter(case_id=case_id).select_related("decided_by", "carried_out_by")


def pending_decision(*, case_id: int) -> RetentionDecision | None:
    return decisions_for_case(case_id=case_id).filter(state=DecisionState.RECORDED).first()


def records_deleted(*, case_id: int) -> bool:
    return RetentionDecision.objects.filter(
        case_id=case_id, kind=DecisionKind.DELETE, state=DecisionState.CARRIED_OUT
    ).exists()


@dataclass(frozen=True)
class ReviewRow:
    case: Case
    hold: LegalHold | None
    decision: RetentionDecision | None  # the newest


def records_review_rows(*, organisation_id: int) -> list[ReviewRow]:
    """Closed cases due for review (cases.selectors.records_due_for_review), and every case under a
    hold or with a decision waiting to be carried out, with their hold and newest decision."""
    due = list(records_due_for_review(organisation_id=organisation_id))
    ids = {case.pk for case in due}
    waiting = set(
        RetentionDecision.objects.filter(organisation_id=organisation_id, state=DecisionState.RECORDED).values_list(
            "case_id", flat=True
        )
    )
    held = set(
        LegalHold.objects.filter(organisation_id=organisation_id, lifted_at__isnull=True).values_list(
            "case_id", flat=True
        )
    )
    extra = Case.objects.filter(pk__in=(waiting | held) - ids).select_related("organisation")
    cases = due + list(extra)
    holds = {h.case_id: h for h in LegalHold.objects.filter(case_id__in=[c.pk for c in cases], lifted_at__isnull=True)}
    newest: dict[int, RetentionDecision] = {}
    for decision in RetentionDecision.objects.filter(case_id__in=[c.pk for c in cases]).order_by("decided_at", "pk"):
        newest[decision.case_id] = decision
    return [ReviewRow(case, holds.get(case.pk), newest.get(case.pk)) for case in cases]


def person_parties(*, person: Person) -> QuerySet[CaseParty]:
    return CaseParty.objects.filter(person=person).select_related("case").order_by("case__number", "pk")


def person_case_ids(*, person: Person) -> list[int]:
    return sorted(set(person_parties(person=person).values_list("case_id", flat=True)))


def erasure_blockers(*, person: Person) -> list[str]:
    """Why the person cannot be erased now (empty: they can): a case under a legal hold, or still open."""
    problems = []
    case_ids = person_case_ids(person=person)
    held = held_case_ids(case_ids=case_ids)
    disposed = set(
        RetentionDecision.objects.filter(
            case_id__in=case_ids,
            state=DecisionState.CARRIED_OUT,
            kind__in=[DecisionKind.ANONYMISE, DecisionKind.DELETE],
        ).values_list("case_id", flat=True)
    )
    today = timezone.localdate()
    for case in Case.objects.filter(pk__in=case_ids).order_by("number"):
        if case.pk in held:
            problems.append(f"Case {case.number} is under a legal hold: lift the hold first (with its reason).")
        elif case.status in ACTIVE_STATUSES:
            problems.append(f"Case {case.number} is still open: close it (and review its records) first.")
        elif case.pk not in disposed and case.records_review_on is not None and case.records_review_on > today:
            problems.append(
                f"Case {case.number}'s records are kept until their review on {case.records_review_on:%d %B %Y}: "
                "erasure comes after the records review."
            )
    return problems


def person_erasure(*, person: Person) -> PersonErasure | None:
    return PersonErasure.objects.filter(person=person).first()
