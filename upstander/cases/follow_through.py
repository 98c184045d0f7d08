"""Writes for following a case through (seed 001: support, sanctions, restorative work, review).

Kept beside `services.py` (same rules: keyword-only, typed, one transaction each, audited, on the
chronology): actions with each person responsible, the follow-up with the target, and the
reminders that come back every day until the follow-up and the post-incident review are done.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from upstander.accounts.models import User
from upstander.audit.models import AuditAction
from upstander.cases import selectors
from upstander.cases.models import (
    FINISHED_STATUSES,
    Case,
    CaseParty,
    EntryKind,
    Notification,
    PartyRole,
    ResponseKind,
    ResponsibleAction,
)
from upstander.cases.services import CaseError, _audit, _case_url, _entry, _lead_ids, _require

__all__ = ["case_follow_through_reminders", "case_follow_up_record", "case_record_responsible_action"]

# The roles an action with a "person responsible" can be recorded against.
RESPONSIBLE_ROLES = (PartyRole.ALLEGED_PERPETRATOR,)


@transaction.atomic
def case_record_responsible_action(
    *,
    case: Case,
    party: CaseParty,
    kind: str,
    policy: str = "",
    detail: str = "",
    done_on: date | None = None,
    by: User,
    request: HttpRequest | None,
) -> ResponsibleAction:
    """Record one action with one person responsible: a sanction (under which policy), a restorative
    meeting, an apology, education or support. Several per case and per person."""
    if party.case_id != case.pk:
        raise CaseError("That person is not part of this case.")
    if party.role not in RESPONSIBLE_ROLES:
        raise CaseError("Record actions with a person responsible: mark them as the alleged perpetrator first.")
    if kind not in ResponseKind.values:
        raise CaseError("Choose what was done.")
    policy = (policy or "").strip()
    if kind == ResponseKind.SANCTION:
        policy = _require(policy, "Say which policy the sanction is given under (for example, the behaviour policy).")
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise CaseError("The date cannot be in the future: record an action once it has happened.")
    label = ResponseKind(kind).label
    text = f"{label} for {party.display_name}"
    if kind == ResponseKind.SANCTION:
        text = f"Sanction under {policy} for {party.display_name}"
    detail = (detail or "").strip()
    if detail:
        text += f": {detail}"
    entry = _entry(
        case=case,
        kind=EntryKind.ACTION,
        text=f"{text} ({done_on:%d %B %Y}).",
        by=by,
        detail={"responsible_action": {"party": party.pk, "kind": kind, "policy": policy}},
    )
    action = ResponsibleAction.objects.create(
        case=case, party=party, kind=kind, policy=policy, detail=detail, done_on=done_on, recorded_by=by, entry=entry
    )
    _audit(case=case, by=by, request=request, action=AuditAction.CREATED, responsible_action=action.pk, kind=kind)
    return action


@transaction.atomic
def case_follow_up_record(*, case: Case, note: str, by: User, request: HttpRequest | None) -> Case:
    """The follow-up with the person targeted is done: has it stopped, and how are they? Ends its reminders."""
    if case.status not in FINISHED_STATUSES or case.follow_up_on is None:
        raise CaseError("Close the case first: the follow-up date is set when it closes.")
    if case.follow_up_done_at is not None:
        raise CaseError("The follow-up is already recorded: add a note to the case instead.")
    note = _require(note, "Say how the person targeted is, and whether it has stopped.")
    case.follow_up_done_at = timezone.now()
    case.follow_up_note = note
    case.save(update_fields=["follow_up_done_at", "follow_up_note", "updated_at"])
    _entry(case=case, kind=EntryKind.ACTION, text=f"Followed up with the person targeted: {note}", by=by)
    _audit(case=case, by=by, request=request, follow_up="done")
    return case


FOLLOW_UP_MESSAGE = "Case {number}: follow up with the person targeted (due {due.day} {due:%B})."
REVIEW_MESSAGE = "Case {number}: the post-incident review is still to do."


@transaction.atomic
def case_follow_through_reminders(*, organisation_id: int) -> int:
    """In-app reminders for the safeguarding leads, for each follow-up due and each review not yet done;
    run daily (with `case-digest`). A lead who still has the same reminder unread is not sent another.
    Returns how many notifications were made."""
    leads = _lead_ids(organisation_id)
    wanted: list[tuple[Case, str]] = [
        (case, FOLLOW_UP_MESSAGE.format(number=case.number, due=case.follow_up_on))
        for case in selectors.follow_ups_due(organisation_id=organisation_id)
    ]
    wanted += [
        (case, REVIEW_MESSAGE.format(number=case.number))
        for case in selectors.reviews_outstanding(organisation_id=organisation_id)
    ]
    unread = set(
        Notification.objects.filter(user_id__in=leads, read_at__isnull=True, case__isnull=False).values_list(
            "user_id", "case_id", "message"
        )
    )
    made = [
        Notification(user_id=user_id, case=case, message=message[:200], url=_case_url(case))
        for case, message in wanted
        for user_id in leads
        if (user_id, case.pk, message[:200]) not in unread
    ]
    Notification.objects.bulk_create(made)
    return len(made)
