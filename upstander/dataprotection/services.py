"""Writes for data protection: legal holds, records-review decisions and carrying them out, and
erasing a person. Keyword-only; one transaction each; every change audited and, where it concerns a
case, written on the case's chronology. Nothing here is called by a task, the worker or a sweeper:
each function runs because a person asked (a page or a command).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from upstander.accounts.models import User
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.cases.models import FINISHED_STATUSES, Case, CaseParty, EntryKind, PartyRole
from upstander.cases.services import case_add_entry
from upstander.dataprotection import selectors
from upstander.dataprotection.models import (
    DecisionKind,
    DecisionState,
    LegalHold,
    PersonErasure,
    RetentionDecision,
)
from upstander.dataprotection.redaction import Redactor, name_parts
from upstander.dataprotection.rewrite import rewrite_case_texts
from upstander.evidence.erasure import evidence_erase
from upstander.evidence.models import EvidenceItem
from upstander.people.models import Person
from upstander.reports.models import Report

MAX_REASON = 2000
REMOVED = "[removed at the records review]"
ERASED_PERSON = "[erased person]"


class DataProtectionError(ValueError):
    """A request that cannot be done, with a message saying what to do instead."""


def _reason(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DataProtectionError(message)
    if len(text) > MAX_REASON:
        raise DataProtectionError(f"Keep the reason under {MAX_REASON:,} characters.")
    return text


def _audit(*, action: AuditAction, by: User | None, label: str = "", obj: Any, organisation_id: int,
           request: HttpRequest | None, **detail: Any) -> None:  # fmt: skip
    audit_record(action=action, actor=by, actor_label=label, organisation_id=organisation_id, obj=obj,
                 request=request, detail=detail)  # fmt: skip


def _note(*, case: Case, text: str, reason: str, by: User, request: HttpRequest | None) -> None:
    case_add_entry(case=case, kind=EntryKind.DECISION, text=text, reason=reason, by=by, request=request)


# -- legal holds ---------------------------------------------------------------------------------------


@transaction.atomic
def hold_set(*, case: Case, reason: str, by: User, request: HttpRequest | None = None) -> LegalHold:
    reason = _reason(reason, "Say why the records must be kept as they are (a claim, a police investigation...).")
    Case.objects.select_for_update().filter(pk=case.pk).first()
    if selectors.active_hold(case_id=case.pk) is not None:
        raise DataProtectionError("This case is already under a legal hold.")
    hold = LegalHold.objects.create(organisation_id=case.organisation_id, case=case, reason=reason, set_by=by)
    _note(case=case, text="Legal hold set: no records-review decision is carried out and nobody in this case is "
          "erased until it is lifted.", reason=reason, by=by, request=request)  # fmt: skip
    _audit(action=AuditAction.CREATED, by=by, obj=hold, organisation_id=case.organisation_id, request=request,
           case_id=case.pk, legal_hold="set")  # fmt: skip
    return hold


@transaction.atomic
def hold_lift(*, case: Case, reason: str, by: User, request: HttpRequest | None = None) -> LegalHold:
    reason = _reason(reason, "Say why the hold can end (the claim settled, the investigation closed...).")
    hold = LegalHold.objects.select_for_update().filter(case=case, lifted_at__isnull=True).first()
    if hold is None:
        raise DataProtectionError("This case is not under a legal hold.")
    hold.lifted_at, hold.lifted_by, hold.lift_reason = timezone.now(), by, reason
    hold.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    _note(case=case, text="Legal hold lifted.", reason=reason, by=by, request=request)
    _audit(action=AuditAction.CHANGED, by=by, obj=hold, organisation_id=case.organisation_id, request=request,
           case_id=case.pk, legal_hold="lifted")  # fmt: skip
    return hold


# -- records-review decisions ----------------------------------------------------------------------------


def _refuse_if_held(case: Case) -> None:
    hold = selectors.active_hold(case_id=case.pk)
    if hold is not None:
        raise DataProtectionError(
            f"Case {case.number} is under a legal hold (set {hold.set_at:%d %B %Y}: {hold.reason}). Nothing can be "
            "kept, anonymised or deleted under a hold: lift it first, with its reason."
        )


@transaction.atomic
def retention_decide(
    *, case: Case, kind: str, reason: str, by: User, keep_until: date | None = None, request: HttpRequest | None = None
) -> RetentionDecision:
    """Record the review's decision. Keep takes effect at once (the case's next review date); anonymise
    and delete wait for a person to carry them out (`retention_carry_out`)."""
    if kind not in DecisionKind.values:
        raise DataProtectionError("Choose keep, anonymise or delete.")
    reason = _reason(reason, "Say why: every records-review decision is recorded with its reason.")
    Case.objects.select_for_update().filter(pk=case.pk).first()
    case.refresh_from_db()
    if case.status not in FINISHED_STATUSES:
        raise DataProtectionError(f"Case {case.number} is still open: records are reviewed after a case closes.")
    _refuse_if_held(case)
    if selectors.records_deleted(case_id=case.pk):
        raise DataProtectionError(f"The records of case {case.number} were deleted: there is nothing left to review.")
    if selectors.pending_decision(case_id=case.pk) is not None:
        raise DataProtectionError("A decision on this case is waiting to be carried out: carry it out or withdraw it.")
    if kind == DecisionKind.KEEP:
        if keep_until is None or keep_until <= timezone.localdate():
            raise DataProtectionError("Give the date of the next review: a date in the future.")
    else:
        keep_until = None
    decision = RetentionDecision.objects.create(
        organisation_id=case.organisation_id, case=case, kind=kind, reason=reason, keep_until=keep_until, decided_by=by,
        state=DecisionState.CARRIED_OUT if kind == DecisionKind.KEEP else DecisionState.RECORDED,
        carried_out_by=by if kind == DecisionKind.KEEP else None,
        carried_out_at=timezone.now() if kind == DecisionKind.KEEP else None,
    )  # fmt: skip
    if kind == DecisionKind.KEEP:
        assert keep_until is not None
        Case.objects.filter(pk=case.pk).update(
            records_review_on=keep_until,
            records_review_basis=f"Kept after the records review on {timezone.localdate():%d/%m/%Y}: {reason}"[:400],
        )
        text = f"Records review: keep the records until the next review on {keep_until:%d %B %Y}."
    else:
        text = (
            f"Records review: {decision.get_kind_display().lower()} the records (waiting for a person to carry it out)."
        )
    _note(case=case, text=text, reason=reason, by=by, request=request)
    _audit(action=AuditAction.CREATED, by=by, obj=decision, organisation_id=case.organisation_id, request=request,
           case_id=case.pk, kind=kind, keep_until=keep_until.isoformat() if keep_until else None)  # fmt: skip
    return decision


@transaction.atomic
def retention_withdraw(
    *, decision: RetentionDecision, reason: str, by: User, request: HttpRequest | None = None
) -> None:
    reason = _reason(reason, "Say why the decision is withdrawn.")
    if decision.state != DecisionState.RECORDED:
        raise DataProtectionError("Only a decision still waiting to be carried out can be withdrawn.")
    RetentionDecision.objects.filter(pk=decision.pk).update(state=DecisionState.WITHDRAWN)
    _note(case=decision.case, text=f"Records review decision withdrawn ({decision.get_kind_display().lower()}).",
          reason=reason, by=by, request=request)  # fmt: skip
    _audit(action=AuditAction.CHANGED, by=by, obj=decision, organisation_id=decision.organisation_id,
           request=request, state="withdrawn")  # fmt: skip


def _case_redactor(case: Case) -> Redactor:
    """Every known detail of everyone in the case, replaced by their role."""
    redactor = Redactor(sweep=True)
    for party in CaseParty.objects.filter(case=case).select_related("person"):
        label = f"[{party.get_role_display().lower()}]"
        if party.person is not None:
            redactor.add_all(name_parts(party.person.first_name, party.person.last_name), label)
            redactor.add_all([party.person.external_id, party.person.description], label)
        redactor.add_all([party.description, party.identifier], label)
        # A handle also appears without its "@" (in a link to the profile: site.com/handle).
        redactor.add_all([text.strip()[1:] for text in (party.identifier, party.description)
                          if text.strip().startswith("@")], label)  # fmt: skip
    for report in Report.objects.filter(case_link__case=case):
        redactor.add(report.reporter_name, "[reporter]")
        redactor.add(report.reporter_email, "[reporter]")
    return redactor


def _erase_case_evidence(*, case: Case, reason: str, by: User | None, label: str, request: HttpRequest | None) -> int:
    removed = 0
    for item in EvidenceItem.objects.filter(report__case_link__case=case).order_by("pk"):
        removed += evidence_erase(item=item, reason=reason, by=by, by_label=label, request=request)
    return removed


@transaction.atomic
def retention_carry_out(
    *, decision: RetentionDecision, by: User, confirm_number: int | None, request: HttpRequest | None = None
) -> RetentionDecision:
    """Carry out an anonymise or delete decision, confirmed by a person typing the case number.

    Delete: every free text of the case (reports, messages, chronology, people's details) is replaced
    by a note that it was removed, and all its evidence is erased. Anonymise: every known name,
    identifier and contact of the people in the case is replaced by their role, and its evidence is
    erased (an image cannot be anonymised). The case's number, dates, categories and outcome stay,
    for the organisation's figures. The trails record that it happened."""
    decision = RetentionDecision.objects.select_for_update().select_related("case").get(pk=decision.pk)
    case = decision.case
    if decision.state != DecisionState.RECORDED or decision.kind == DecisionKind.KEEP:
        raise DataProtectionError("This decision has nothing left to carry out.")
    if confirm_number != case.number:
        raise DataProtectionError(f"Type the case number ({case.number}) to confirm.")
    _refuse_if_held(case)
    label = by.email
    if decision.kind == DecisionKind.DELETE:
        counts = rewrite_case_texts(
            case=case, transform=lambda text: REMOVED if text.strip() else text, names=_case_redactor(case)
        )
    else:
        counts = rewrite_case_texts(case=case, transform=_case_redactor(case))
    Report.objects.filter(case_link__case=case).update(reporter_email="", submitted_ip=None)
    for report in Report.objects.filter(case_link__case=case):
        report.named_people.clear()
    CaseParty.objects.filter(case=case).update(person=None, identifier_key="")
    if decision.kind == DecisionKind.DELETE:
        CaseParty.objects.filter(case=case).update(identifier="", description=REMOVED, age=None)
    reason = f"Records review decision {decision.pk}: {decision.get_kind_display().lower()}"
    counts["evidence_objects_removed"] = _erase_case_evidence(case=case, reason=reason, by=by, label=label,
                                                              request=request)  # fmt: skip
    done = timezone.now()
    RetentionDecision.objects.filter(pk=decision.pk).update(
        state=DecisionState.CARRIED_OUT, carried_out_by=by, carried_out_at=done, summary=counts
    )
    verb = "deleted" if decision.kind == DecisionKind.DELETE else "anonymised"
    Case.objects.filter(pk=case.pk).update(
        records_review_basis=f"Records {verb} after the records review on {done:%d/%m/%Y} (decision {decision.pk})."
    )
    _note(case=case, text=f"Records {verb}, as the records review decided (decision {decision.pk}).",
          reason=decision.reason, by=by, request=request)  # fmt: skip
    _audit(action=AuditAction.DELETED if decision.kind == DecisionKind.DELETE else AuditAction.CHANGED, by=by,
           obj=case, organisation_id=case.organisation_id, request=request, retention_decision=decision.pk,
           carried_out=decision.kind, counts=counts)  # fmt: skip
    decision.refresh_from_db()
    return decision


# -- erasure of a person ----------------------------------------------------------------------------------

EVIDENCE_ROLES = (PartyRole.TARGET, PartyRole.REPORTER)


@transaction.atomic
def person_erase(
    *, person: Person, reason: str, by: User | None, by_label: str = "", confirm_name: str,
    request: HttpRequest | None = None,
) -> PersonErasure:  # fmt: skip
    """Erase a person's personal data after the records review (UK GDPR Article 17), refused while any
    case they are in is under a legal hold, still open, or not yet reviewed (selectors.erasure_blockers).

    Their record keeps its row (cases point at it) with every detail emptied; their names and
    identifiers are replaced by "[erased person]" in every text of their cases; the evidence of the
    cases where they were the target or the reporter is erased (objects no other item uses are removed
    from the vault). The audit trail and custody trails keep a tombstone and are never rewritten."""
    label = by_label or (by.email if by is not None else "")
    reason = _reason(reason, "Say why the person is erased (the request, and the records review's outcome).")
    person = Person.objects.select_for_update().get(pk=person.pk)
    if selectors.person_erasure(person=person) is not None:
        raise DataProtectionError("This person's record was already erased.")
    if " ".join(confirm_name.split()).lower() != person.display_name.lower():
        raise DataProtectionError(f"Type the person's name ({person.display_name}) to confirm.")
    blockers = selectors.erasure_blockers(person=person)
    if blockers:
        raise DataProtectionError("This person cannot be erased yet. " + " ".join(blockers))
    parties = list(selectors.person_parties(person=person))
    redactor = Redactor()
    redactor.add_all(name_parts(person.first_name, person.last_name), ERASED_PERSON)
    redactor.add_all([person.external_id, person.description], ERASED_PERSON)
    redactor.add_all([p.identifier for p in parties] + [p.description for p in parties], ERASED_PERSON)
    counts: dict[str, int] = {"cases": 0, "evidence_objects_removed": 0}
    cases = {party.case_id: party.case for party in parties}
    evidence_cases = {party.case_id for party in parties if party.role in EVIDENCE_ROLES}
    for case in cases.values():
        rewrite_case_texts(case=case, transform=redactor)
        counts["cases"] += 1
        if case.pk in evidence_cases:
            counts["evidence_objects_removed"] += _erase_case_evidence(
                case=case, reason=f"Erasure of a person: {reason}", by=by, label=label, request=request
            )
    CaseParty.objects.filter(person=person).update(description=ERASED_PERSON, identifier="", identifier_key="",
                                                   age=None)  # fmt: skip
    for report in Report.objects.filter(named_people=person):
        report.named_people.remove(person)
    for name in ("first_name", "last_name", "external_id", "year_group", "class_name", "description"):
        setattr(person, name, "")
    person.description = "Erased"
    person.date_of_birth = None
    person.special_educational_needs = person.looked_after = person.adult_at_risk = False
    person.is_archived = True
    person.save()
    erasure = PersonErasure.objects.create(organisation_id=person.organisation_id, person=person, reason=reason,
                                           erased_by=by, erased_by_label=label, summary=counts)  # fmt: skip
    if by is not None:
        for case in cases.values():
            _note(case=case, text="A person in this case was erased after the records review; their details are "
                  "replaced by \"[erased person]\".", reason=reason, by=by, request=request)  # fmt: skip
    _audit(action=AuditAction.DELETED, by=by, label=label, obj=person, organisation_id=person.organisation_id,
           request=request, erased=True, counts=counts)  # fmt: skip
    return erasure
