"""A possible-urgent signal from analysis, on the case until a person confirms or dismisses it.

Analysis (of the report's own words, or of evidence text that arrives later, such as OCR of a
screenshot) may find words that suggest a risk to someone's life or safety now. Software does not
decide: the case is marked as *suggested* urgent, listed with the urgent cases and due as an urgent
case is, until a safeguarding lead confirms it or dismisses it with a reason (on the chronology).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from upstander.accounts.models import User
from upstander.cases import notices, services, tasks
from upstander.cases.models import ACTIVE_STATUSES, Case, CaseStatus, EntryKind, Risk
from upstander.cases.services import CaseError
from upstander.core.queue import URGENT, enqueue_on_commit


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@transaction.atomic
def case_suggest_urgent(*, case_id: int, sources: list[str], flags: list[str]) -> Case | None:
    """Mark the case as possibly urgent, from the texts (`sources`, their labels) analysis flagged.

    Nothing changes for a case that is closed, already urgent, or already suggested urgent (its
    sources are added to), nor for texts a person has already dismissed. Safe to call again (a
    task's retry). Returns the case when a new suggestion was made, else None."""
    case = Case.objects.select_for_update().get(pk=case_id)
    if case.status not in ACTIVE_STATUSES or case.urgent:
        return None
    suggestion = dict(case.urgent_suggestion or {})
    dismissed = set(suggestion.get("dismissed_sources", []))
    new_sources = [s for s in sources if s not in dismissed and s not in suggestion.get("sources", [])]
    if not new_sources:
        return None
    if case.urgent_suggested:  # already waiting for a person: note the further text, no new alert
        suggestion["sources"] = [*suggestion.get("sources", []), *new_sources]
        suggestion["flags"] = sorted(set(suggestion.get("flags", [])) | set(flags))
        case.urgent_suggestion = suggestion
        case.save(update_fields=["urgent_suggestion", "updated_at"])
        return None
    now = timezone.now()
    case_settings = services._settings(case.organisation_id)
    urgent_due = services._response_due(case_settings, at=now, urgent=True)
    suggestion.update(
        at=now.isoformat(), sources=new_sources, flags=sorted(set(flags) - {"urgent"}), due_before=_iso(case.due_at)
    )
    case.urgent_suggested = True
    case.urgent_suggestion = suggestion
    case.due_at = services._earliest(case.due_at, urgent_due)
    case.save(update_fields=["urgent_suggested", "urgent_suggestion", "due_at", "updated_at"])
    topic = notices.about(suggestion["flags"]) or "words that may mean a risk to life or safety"
    due = timezone.localtime(case.due_at) if case.due_at else None
    services._entry(
        case=case,
        kind=EntryKind.URGENCY,
        text=(
            f"Possibly urgent, suggested by analysis: {topic} in {'; '.join(new_sources)}. Listed and due as an "
            f"urgent case{f' (by {due:%d %B %Y %H:%M})' if due else ''} until a person confirms or dismisses this."
        ),
        by=None,
        detail={"sources": new_sources, "flags": suggestion["flags"]},
    )
    message = notices.suggested_urgent(
        number=case.number, flags=suggestion["flags"], source=new_sources[0], due=case.due_at
    )
    services._notify(users=services._lead_ids(case.organisation_id), case=case, message=message)
    services._audit(case=case, by=None, request=None, urgent_suggested=True, sources=new_sources)
    enqueue_on_commit(
        tasks.urgent_case_alert, case.pk, priority=URGENT
    )  # the out-of-hours contact, when outside the working day
    return case


@transaction.atomic
def case_decide_urgency(*, case: Case, confirm: bool, reason: str, by: User, request: HttpRequest | None) -> Case:
    """A person confirms the suggestion (the case becomes urgent) or dismisses it (its due time goes
    back to what it was), with the reason, on the chronology."""
    reason = services._require(
        reason, "Say why: the reason is recorded on the chronology." if confirm else "Say why it is not urgent."
    )
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case.urgent_suggested:
        raise CaseError("There is no suggestion of urgency waiting on this case.")
    suggestion = dict(case.urgent_suggestion or {})
    sources = suggestion.get("sources", [])
    case.urgent_suggested = False
    if confirm:
        case.urgent = True
        if case.risk != Risk.NOT_ASSESSED:
            case.risk = Risk.URGENT
        text = "Confirmed as urgent: the suggestion from analysis was right."
    else:
        suggestion["dismissed_sources"] = sorted(set(suggestion.get("dismissed_sources", [])) | set(sources))
        before = suggestion.get("due_before")
        if before:
            case.due_at = datetime.fromisoformat(before)
        elif case.status == CaseStatus.NEW:
            case.due_at = services._response_due(
                services._settings(case.organisation_id), at=case.opened_at, urgent=False
            )
        else:
            case.due_at = None
        text = "Not urgent: the suggestion from analysis was dismissed."
    case.urgent_suggestion = suggestion
    case.save(update_fields=["urgent_suggested", "urgent_suggestion", "urgent", "risk", "due_at", "updated_at"])
    if case.due_at is not None and case.is_active:
        text += f" Next step due {timezone.localtime(case.due_at):%d %B %Y %H:%M}."
    services._entry(case=case, kind=EntryKind.URGENCY, text=text, by=by, reason=reason, detail={"confirmed": confirm})
    services._audit(case=case, by=by, request=request, urgent_suggestion="confirmed" if confirm else "dismissed")
    return case
