"""Writes to cases. One service per change, each in one transaction, each landing on the chronology
(`CaseEntry`, never edited) and on the audit trail.

`case_open_for_report` is the entry point from the reports app's background task: it puts a new
report into a case (a new one, or an open case of the same course of conduct) and is idempotent.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from upstander import escalation
from upstander.accounts.models import Membership, Organisation, Role, User
from upstander.audit.models import AuditAction
from upstander.audit.services import audit_record
from upstander.cases import duties, hooks, identity, notices, playbooks, retention, selectors, tasks, timing
from upstander.cases.facts import KNOWN_FACTS, case_facts, facts_as_dict, proposed_duty
from upstander.cases.models import (
    ACTIVE_STATUSES,
    FINISHED_STATUSES,
    Case,
    CaseEntry,
    CaseParty,
    CaseReport,
    CaseSettings,
    CaseStatus,
    DutyDecision,
    EntryKind,
    Notification,
    Outcome,
    PartyRole,
    PlaybookItem,
    Referral,
    Risk,
    Tagged,
)
from upstander.cases.open_work import case_open_work
from upstander.core.queue import URGENT, enqueue_on_commit
from upstander.people.models import Person, PersonKind
from upstander.reports.models import Report, ReporterRole, ReportStatus
from upstander.reports.receipts import format_reference
from upstander.reports.services import report_set_status
from upstander.taxonomy import labels_in_words

SYSTEM_LABEL = "Upstander"
REVIEW_QUESTIONS: dict[str, str] = {
    "what_worked": "What worked well in how this was handled?",
    "differently": "What could have been done differently, or sooner?",
    "policies": "Do the behaviour, anti-bullying or online-safety policies or procedures need to change? How?",
    "education": "Does teaching, training or awareness need to change to prevent this happening again? How?",
}
# Review questions answered by a choice, kept as codes so that the insights work can count them
# (case.review holds {"version": REVIEW_VERSION, key: answer, ...}; selectors.review_records reads it).
REVIEW_VERSION = 2
YES_NO_UNSURE = (("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure yet"))
REVIEW_CHOICES: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "target_outcome": (
        "At the follow-up, has it stopped for the person targeted?",
        (("stopped", "It has stopped"), ("reduced", "It has reduced"), ("continuing", "It is still happening"),
         ("not_known", "Not known yet")),
    ),
    "target_supported": ("Does the person targeted feel supported?", YES_NO_UNSURE),
    "policy_change": ("Do policies or procedures need to change?", YES_NO_UNSURE),
    "education_change": ("Does teaching, training or awareness need to change?", YES_NO_UNSURE),
}  # fmt: skip


class CaseError(ValueError):
    """A change the case cannot take, with a message for the person who asked for it."""


# --- Helpers ------------------------------------------------------------------------------------


def _label(user: User | None) -> str:
    return user.email if user is not None else SYSTEM_LABEL


def _entry(
    *,
    case: Case,
    kind: EntryKind,
    text: str,
    by: User | None,
    reason: str = "",
    detail: dict[str, Any] | None = None,
    corrects: CaseEntry | None = None,
    happened_at: datetime | None = None,
) -> CaseEntry:
    return CaseEntry.objects.create(
        case=case,
        kind=kind,
        happened_at=happened_at,
        author=by,
        author_label=_label(by),
        text=text,
        reason=reason.strip(),
        detail=detail or {},
        corrects=corrects,
    )


def _audit(
    *,
    case: Case,
    by: User | None,
    request: HttpRequest | None,
    action: AuditAction = AuditAction.CHANGED,
    **detail: Any,
) -> None:
    audit_record(
        action=action,
        actor=by,
        actor_label="" if by else SYSTEM_LABEL,
        organisation_id=case.organisation_id,
        obj=case,
        request=request,
        detail=detail,
    )


def _require(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise CaseError(message)
    return text


def _case_url(case: Case) -> str:
    return reverse("cases:detail", args=[case])


def _notify(*, users: list[int], case: Case, message: str) -> None:
    Notification.objects.bulk_create(
        [Notification(user_id=user_id, case=case, message=message[:200], url=_case_url(case)) for user_id in users]
    )


def _lead_ids(organisation_id: int) -> list[int]:
    return list(selectors.case_workers(organisation_id=organisation_id).values_list("pk", flat=True))


def _settings(organisation_id: int) -> CaseSettings:
    return selectors.case_settings_for(organisation_id=organisation_id)


def _tz() -> tzinfo:
    return timezone.get_current_timezone()


def _response_due(case_settings: CaseSettings, *, at: datetime, urgent: bool) -> datetime:
    return timing.response_due(
        opened_at=at,
        urgent=urgent,
        urgent_minutes=case_settings.urgent_due_minutes,
        day_ends=case_settings.working_day_ends,
        tz=_tz(),
    )


def _earliest(*values: datetime | None) -> datetime | None:
    present = [v for v in values if v is not None]
    return min(present) if present else None


def _claim_number(organisation_id: int) -> tuple[CaseSettings, int]:
    """The organisation's settings and the number of its next case. The UPDATE comes first: it locks
    the settings row (PostgreSQL) or runs under the write lock (SQLite) until the transaction ends, so
    two cases cannot share a number, and the row read after it is this transaction's own."""
    rows = CaseSettings.objects.filter(organisation_id=organisation_id)
    if not rows.update(next_case_number=F("next_case_number") + 1):  # the organisation's first case
        CaseSettings.objects.get_or_create(organisation_id=organisation_id)
        rows.update(next_case_number=F("next_case_number") + 1)
    row = rows.get()
    return row, row.next_case_number - 1


def _sync_reports(
    *, case: Case, status: ReportStatus, by: User, request: HttpRequest | None, only: tuple[str, ...]
) -> None:
    """Keep what the reporter sees in step with the case (reports.services audits each change)."""
    for report in selectors.case_reports(case=case):
        if report.status in only:
            report_set_status(report=report, status=status, changed_by=by, request=request)


# --- A report opens a case --------------------------------------------------------------------

_REPORTER_KIND: dict[str, str] = {
    ReporterRole.STAFF: PersonKind.STAFF,
    ReporterRole.PARENT: PersonKind.PARENT,
}
_TARGET_KIND_BY_ORGANISATION: dict[str, str] = {
    Organisation.Kind.PRIMARY_SCHOOL: PersonKind.PUPIL,
    Organisation.Kind.SECONDARY_SCHOOL: PersonKind.PUPIL,
    Organisation.Kind.COLLEGE: PersonKind.PUPIL,
    Organisation.Kind.ADULT_LEARNING: PersonKind.SERVICE_USER,
}


def _parties_from_report(*, case: Case, report: Report) -> list[CaseParty]:
    """Who a report names: the reporter (the target, when they say it happened to them) and each
    @handle or phone number given. Handles from someone targeted are taken as the alleged
    perpetrators; from anyone else, as 'named' for the DSL to confirm."""
    is_target = report.reporter_role == ReporterRole.TARGET
    name = "" if report.anonymous else report.reporter_name
    email = "" if report.anonymous else report.reporter_email
    if is_target and report.reporter_kind:
        # The reporter said who they are: a member of staff or an adult learner it happened to is the
        # target as what they are, never taken for a pupil (issue 12).
        kind = report.reporter_kind
    elif is_target:
        kind = _TARGET_KIND_BY_ORGANISATION.get(report.organisation.kind, PersonKind.UNKNOWN)
    else:
        kind = _REPORTER_KIND.get(report.reporter_role, PersonKind.UNKNOWN)
    if report.recorded_by is not None and (
        report.recorded_by_staff_as_target or report.reporter_role == ReporterRole.STAFF
    ):
        # Staff recorded what was done to them, or what they saw themselves: they are the party.
        kind, name, email = PersonKind.STAFF, report.recorded_by.full_name, report.recorded_by.email
    parties = [
        CaseParty(
            case=case,
            organisation_id=case.organisation_id,
            role=PartyRole.TARGET if is_target else PartyRole.REPORTER,
            kind=kind,
            identifier=email,
            identifier_key=identity.identifier_key(email),
            description=name or ("The reporter (anonymous)" if report.anonymous else "The reporter"),
            from_report=report,
        )
    ]
    for handle in identity.extract_identifiers(report.people_involved):
        parties.append(
            CaseParty(
                case=case,
                organisation_id=case.organisation_id,
                role=PartyRole.ALLEGED_PERPETRATOR if is_target else PartyRole.NAMED,
                kind=PersonKind.UNKNOWN,
                identifier=handle,
                identifier_key=identity.identifier_key(handle),
                from_report=report,
            )
        )
    # Records a member of staff chose when recording the concern: named, for the DSL to give a role.
    for person in report.named_people.filter(organisation_id=case.organisation_id):
        parties.append(
            CaseParty(
                case=case,
                organisation_id=case.organisation_id,
                role=PartyRole.NAMED,
                kind=person.kind,
                person=person,
                from_report=report,
            )
        )
    return parties


def _add_parties(case: Case, parties: list[CaseParty]) -> list[CaseParty]:
    """Add the parties the case does not have yet (same role and same identifier or record)."""
    have = {
        (p.role, p.identifier_key or f"person:{p.person_id}")
        for p in case.parties.all()
        if p.identifier_key or p.person_id
    }
    new = [
        p
        for p in parties
        if not (p.identifier_key or p.person_id) or (p.role, p.identifier_key or f"person:{p.person_id}") not in have
    ]
    return CaseParty.objects.bulk_create(new)


def _same_course_case(*, report: Report) -> tuple[Case, str] | None:
    """An open case of the same course of conduct: the same alleged perpetrator (by handle or number)
    against the same named target. An anonymous target cannot be matched, and is not."""
    if report.reporter_role != ReporterRole.TARGET or report.anonymous or not report.reporter_email:
        return None
    handles = identity.extract_identifiers(report.people_involved)
    keys = {identity.identifier_key(h): h for h in handles}
    if not keys:
        return None
    target_cases = CaseParty.objects.filter(
        organisation_id=report.organisation_id,
        role=PartyRole.TARGET,
        identifier_key=identity.identifier_key(report.reporter_email),
    ).values("case_id")
    perpetrators = CaseParty.objects.filter(
        organisation_id=report.organisation_id, role=PartyRole.ALLEGED_PERPETRATOR, identifier_key__in=keys
    )
    case = (
        Case.objects.filter(organisation_id=report.organisation_id, status__in=ACTIVE_STATUSES, pk__in=target_cases)
        .filter(pk__in=perpetrators.values("case_id"))
        .order_by("-opened_at", "-pk")
        .first()
    )
    if case is None:
        return None
    matched = perpetrators.filter(case=case).values_list("identifier_key", flat=True).first()
    return case, keys.get(matched or "", "")


def _summary(report: Report) -> str:
    first_line = report.account.strip().splitlines()[0] if report.account.strip() else ""
    return first_line if len(first_line) <= 120 else first_line[:117].rstrip() + "…"


def _open_new_case(report: Report) -> Case:
    case_settings, number = _claim_number(report.organisation_id)
    case = Case.objects.create(
        organisation_id=report.organisation_id,
        number=number,
        summary=_summary(report),
        urgent=report.urgent,
        channel=report.channel,
        platform=report.platform,
        opened_at=report.created_at,
        due_at=_response_due(case_settings, at=report.created_at, urgent=report.urgent),
    )
    CaseReport.objects.create(case=case, report=report, reason="The report opened this case.")
    _add_parties(case, _parties_from_report(case=case, report=report))
    opened = f"Case opened from report {format_reference(report.reference)}."
    _entry(case=case, kind=EntryKind.OPENED, text=opened, by=None)
    flags = {flag for flags in report.analyses.values_list("flags", flat=True) for flag in flags}
    message = notices.new_case(
        number=case.number,
        urgent=case.urgent,
        reporter_danger=report.in_danger,
        categories=sorted(flags),
        due=case.due_at,
    )
    if case.urgent or "urgent" not in flags:  # else the "possibly urgent" notification follows at once (cases.urgency)
        _notify(users=_lead_ids(case.organisation_id), case=case, message=message)
    _audit(case=case, by=None, request=None, action=AuditAction.CREATED, report=report.reference, urgent=case.urgent)
    if case.urgent:
        enqueue_on_commit(tasks.urgent_case_alert, case.pk, priority=URGENT)
    return case


def _join_case(case: Case, report: Report, handle: str) -> Case:
    reason = (
        f"The same alleged perpetrator ({handle}) against the same target: a course of conduct "
        "(Protection from Harassment Act 1997 s.7)."
    )
    CaseReport.objects.create(case=case, report=report, reason=reason)
    _add_parties(case, _parties_from_report(case=case, report=report))
    due = _response_due(_settings(case.organisation_id), at=report.created_at, urgent=report.urgent)
    case.due_at = _earliest(case.due_at, due)
    case.urgent = case.urgent or report.urgent
    case.save(update_fields=["due_at", "urgent", "updated_at"])
    added = f"Report {format_reference(report.reference)} added to this case."
    _entry(case=case, kind=EntryKind.REPORT, text=added, by=None, reason=reason)
    message = notices.report_joined(number=case.number, urgent=report.urgent, due=case.due_at)
    _notify(users=_lead_ids(case.organisation_id), case=case, message=message)
    _audit(case=case, by=None, request=None, report_added=report.reference, course_of_conduct=True)
    if report.urgent:
        enqueue_on_commit(tasks.urgent_case_alert, case.pk, priority=URGENT)
    return case


@transaction.atomic
def case_open_for_report(*, report: Report) -> Case:
    """The case for a report: the one it is already in (idempotent), an open case of the same course
    of conduct, or a new case. Alerts the safeguarding leads in the app, and the out-of-hours
    contact for an urgent case (by a task)."""
    link = CaseReport.objects.filter(report=report).select_related("case").first()
    if link is not None:
        return link.case
    try:
        with transaction.atomic():
            found = _same_course_case(report=report)
            if found is not None:
                return _join_case(found[0], report, found[1])
            return _open_new_case(report)
    except IntegrityError:
        # Another worker linked this report at the same moment: use its case.
        return CaseReport.objects.select_related("case").get(report=report).case


@transaction.atomic
def case_record_suggestion(
    *, case: Case, model_version: str, categories: list[str], prejudice: list[str], scores: dict[str, float]
) -> Case:
    """What the classifier suggests (for a person to confirm at triage), with its model version.

    A case gathers the suggestions for all its reports from one model version (their union), so a
    later report adds to them; the same suggestion again changes nothing (safe on a task's retry, and
    on two runs at once: the row is locked and its suggestion read afresh, not taken from the caller's copy)."""
    fresh = Case.objects.select_for_update().values("suggestion", "suggestion_model").get(pk=case.pk)
    case.suggestion, case.suggestion_model = fresh["suggestion"], fresh["suggestion_model"]
    before = case.suggestion or {}
    if case.suggestion_model == model_version:
        categories = [*before.get("categories", []), *categories]
        prejudice = [*before.get("prejudice", []), *prejudice]
        scores = {
            **before.get("scores", {}),
            **{k: max(v, before.get("scores", {}).get(k, 0.0)) for k, v in scores.items()},
        }
    named, strands = sorted(set(categories)), sorted(set(prejudice))
    suggestion: dict[str, Any] = {"categories": named, "prejudice": strands, "scores": scores}
    if suggestion == before and case.suggestion_model == model_version:
        return case
    case.suggestion, case.suggestion_model, case.suggested_at = suggestion, model_version[:100], timezone.now()
    case.save(update_fields=["suggestion", "suggestion_model", "suggested_at", "updated_at"])
    words = labels_in_words(named + strands)
    words = words[:1].lower() + words[1:]
    _entry(case=case, kind=EntryKind.NOTE, text=f"Analysis suggested: {words} (model {model_version}).", by=None)
    return case


# --- Triage and status ------------------------------------------------------------------------


def _apply_playbook(case: Case, code: str) -> None:
    """Copy a playbook's steps onto the case. Steps already done on an earlier playbook stay as the record."""
    PlaybookItem.objects.filter(case=case, done_at__isnull=True).exclude(playbook=code).delete()
    if not code:
        case.playbook, case.playbook_version = "", None
        return
    book = playbooks.PLAYBOOKS[code]
    follow_up_days = str(_settings(case.organisation_id).follow_up_days)
    case.playbook, case.playbook_version = book.code, book.version
    existing = set(PlaybookItem.objects.filter(case=case, playbook=code).values_list("code", flat=True))
    PlaybookItem.objects.bulk_create(
        [
            PlaybookItem(
                case=case,
                playbook=book.code,
                version=book.version,
                code=step.code,
                text=step.text.replace("{follow_up_days}", follow_up_days),
                hint=step.hint,
                who=step.who,
                position=position,
            )
            for position, step in enumerate(book.steps, start=1)
            if step.code not in existing
        ]
    )


@transaction.atomic
def case_triage(
    *,
    case: Case,
    by: User,
    request: HttpRequest | None,
    reason: str,
    summary: str,
    risk: str,
    categories: list[str],
    prejudice: list[str],
    channel: str,
    platform: str,
    playbook: str,
    assignee: User | None,
    known_facts: list[str],
    platform_reported_on: date | None = None,
    poster_refused_removal: bool | None = None,
    next_check_on: date | None = None,
) -> Case:
    """The DSL's assessment: risk, what it is (confirmed categories), the playbook, who has it, and why."""
    reason = _require(reason, "Say why you made this assessment.")
    if risk not in Risk.values or risk == Risk.NOT_ASSESSED:
        raise CaseError("Choose a risk level.")
    if playbook and playbook not in playbooks.PLAYBOOKS:
        raise CaseError("Choose one of the playbooks listed.")
    before = {f: getattr(case, f) for f in ("risk", "categories", "prejudice", "playbook", "assignee_id", "status")}
    case_settings = _settings(case.organisation_id)
    case.summary = summary.strip()[:200]
    case.risk = risk
    case.urgent = risk == Risk.URGENT
    case.categories = Tagged.pack(categories)
    case.prejudice = Tagged.pack(prejudice)
    case.channel, case.platform = channel, platform
    case.known_facts = {name: True for name in known_facts if name in KNOWN_FACTS}
    case.platform_reported_on = platform_reported_on
    case.poster_refused_removal = poster_refused_removal
    case.assignee = assignee
    if next_check_on is not None:
        case.due_at = timing.end_of_day(next_check_on, day_ends=case_settings.working_day_ends, tz=_tz())
    elif case.urgent:
        # Still urgent after triage: the next step is due as soon as an urgent case would be.
        case.due_at = _response_due(case_settings, at=timezone.now(), urgent=True)
    else:
        case.due_at = None
    if case.status == CaseStatus.NEW:
        case.status = CaseStatus.TRIAGED
        case.triaged_at = timezone.now()
    suggested_urgent, case.urgent_suggested = case.urgent_suggested, False  # the risk chosen decides it
    if playbook != case.playbook:
        _apply_playbook(case, playbook)
    case.save()
    lines = [f"Risk: {case.get_risk_display()}."]
    if suggested_urgent:
        lines.append(f"Analysis's suggestion of urgency {'confirmed' if case.urgent else 'dismissed'} at triage.")
    lines.append(f"What happened: {labels_in_words(case.category_list + case.prejudice_list, none='none confirmed')}.")
    if case.playbook:
        lines.append(f"Playbook: {playbooks.PLAYBOOKS[case.playbook].title} (version {case.playbook_version}).")
    if case.known_facts:
        lines.append("Known: " + "; ".join(KNOWN_FACTS[k].lower() for k in sorted(case.known_facts)) + ".")
    lines.append(f"Assigned to: {assignee.full_name if assignee else 'nobody'}.")
    if case.due_at:
        lines.append(f"Next step due: {timezone.localtime(case.due_at):%d %B %Y %H:%M}.")
    _entry(case=case, kind=EntryKind.TRIAGE, text=" ".join(lines), by=by, reason=reason)
    if assignee is not None and before["assignee_id"] != assignee.pk and assignee.pk != by.pk:
        _notify(users=[assignee.pk], case=case, message=f"Case {case.number} was assigned to you")
    changed = sorted(k for k, v in before.items() if getattr(case, k) != v)
    _audit(case=case, by=by, request=request, fields=changed, risk=case.risk)
    _sync_reports(case=case, status=ReportStatus.IN_PROGRESS, by=by, request=request, only=(ReportStatus.RECEIVED,))
    return case


SETTABLE_STATUSES = (CaseStatus.TRIAGED, CaseStatus.OPEN, CaseStatus.WAITING)


@transaction.atomic
def case_set_status(*, case: Case, status: str, reason: str, by: User, request: HttpRequest | None) -> Case:
    if case.status not in ACTIVE_STATUSES:
        raise CaseError("This case is closed: reopen it first.")
    if case.status == CaseStatus.NEW:
        raise CaseError("Triage the case first.")
    if status not in SETTABLE_STATUSES:
        raise CaseError("Choose one of the statuses listed. To close the case, record its outcome.")
    if status == CaseStatus.WAITING:
        _require(reason, "Say who or what the case is waiting for.")
    before = case.status
    if before == status:
        return case
    case.status = status
    case.save(update_fields=["status", "updated_at"])
    text = f"Status changed from {CaseStatus(before).label} to {CaseStatus(status).label}."
    _entry(case=case, kind=EntryKind.STATUS, text=text, by=by, reason=reason)
    _audit(case=case, by=by, request=request, status=[before, status])
    return case


# --- The chronology ---------------------------------------------------------------------------

ENTRY_KINDS_BY_HAND = (EntryKind.NOTE, EntryKind.ACTION, EntryKind.DECISION)


@transaction.atomic
def case_add_entry(
    *,
    case: Case,
    kind: str,
    text: str,
    reason: str = "",
    happened_at: datetime | None = None,
    by: User,
    request: HttpRequest | None,
) -> CaseEntry:
    """A note, an action taken or a decision (a decision needs its reason: KCSIE). `happened_at`: when
    it happened, if earlier than now (a phone call yesterday); the time it is recorded is kept as well."""
    if kind not in ENTRY_KINDS_BY_HAND:
        raise CaseError("Choose a note, an action or a decision.")
    text = _require(text, "Write what you want to record.")
    if kind == EntryKind.DECISION:
        _require(reason, "Say why you decided this: every decision is recorded with its reason.")
    if happened_at is not None and happened_at > timezone.now():
        raise CaseError("It cannot have happened in the future: check the date and time.")
    entry = _entry(case=case, kind=EntryKind(kind), text=text, by=by, reason=reason, happened_at=happened_at)
    _audit(case=case, by=by, request=request, action=AuditAction.CREATED, entry=entry.pk, kind=kind)
    return entry


@transaction.atomic
def case_correct_entry(*, entry: CaseEntry, text: str, reason: str, by: User, request: HttpRequest | None) -> CaseEntry:
    """Entries are never edited: a correction is a new entry pointing at the one it corrects."""
    text = _require(text, "Write the corrected record.")
    reason = _require(reason, "Say what was wrong.")
    correction = _entry(case=entry.case, kind=EntryKind.CORRECTION, text=text, by=by, reason=reason, corrects=entry)
    _audit(case=entry.case, by=by, request=request, action=AuditAction.CREATED, corrects=entry.pk)
    return correction


# --- People involved --------------------------------------------------------------------------


@transaction.atomic
def case_party_add(
    *,
    case: Case,
    by: User,
    request: HttpRequest | None,
    role: str,
    kind: str,
    person: Person | None = None,
    identifier: str = "",
    description: str = "",
    age: int | None = None,
    adult_at_risk: bool = False,
) -> CaseParty:
    if role not in PartyRole.values:
        raise CaseError("Choose a role.")
    if person is not None and person.organisation_id != case.organisation_id:
        raise CaseError("Choose a person from your organisation.")
    if person is None and not (identifier.strip() or description.strip()):
        raise CaseError("Choose a person, or give a username, phone number or description.")
    party = CaseParty.objects.create(
        case=case,
        organisation_id=case.organisation_id,
        role=role,
        kind=person.kind if person is not None else kind,
        person=person,
        identifier=identifier.strip(),
        identifier_key=identity.identifier_key(identifier),
        description=description.strip(),
        age=age,
        adult_at_risk=adult_at_risk,
        added_by=by,
    )
    text = f"Added {party.get_role_display().lower()}: {party.display_name} ({party.get_kind_display().lower()})."
    _entry(case=case, kind=EntryKind.PEOPLE, text=text, by=by, detail={"party": party.pk})
    _audit(case=case, by=by, request=request, party_added=party.pk, role=role)
    return party


@transaction.atomic
def case_party_change(
    *,
    party: CaseParty,
    by: User,
    request: HttpRequest | None,
    role: str,
    kind: str,
    person: Person | None = None,
    identifier: str = "",
    description: str = "",
    age: int | None = None,
    adult_at_risk: bool = False,
) -> CaseParty:
    if person is not None and person.organisation_id != party.organisation_id:
        raise CaseError("Choose a person from your organisation.")
    before = party.display_name, party.get_role_display()
    values = {
        "role": role,
        "kind": person.kind if person is not None else kind,
        "person": person,
        "identifier": identifier.strip(),
        "identifier_key": identity.identifier_key(identifier),
        "description": description.strip(),
        "age": age,
        "adult_at_risk": adult_at_risk,
    }
    changed = [name for name, value in values.items() if getattr(party, name) != value]
    if not changed:
        return party
    for name, value in values.items():
        setattr(party, name, value)
    party.save()
    text = (
        f"Changed {before[1].lower()} {before[0]}: now {party.get_role_display().lower()}, {party.display_name} "
        f"({party.get_kind_display().lower()})."
    )
    _entry(case=party.case, kind=EntryKind.PEOPLE, text=text, by=by, detail={"party": party.pk, "fields": changed})
    _audit(case=party.case, by=by, request=request, party_changed=party.pk, fields=changed)
    return party


@transaction.atomic
def case_party_remove(*, party: CaseParty, reason: str, by: User, request: HttpRequest | None) -> None:
    reason = _require(reason, "Say why this person is no longer part of the case.")
    case = party.case
    text = f"Removed {party.get_role_display().lower()}: {party.display_name}."
    _entry(case=case, kind=EntryKind.PEOPLE, text=text, by=by, reason=reason, detail={"party": party.pk})
    _audit(case=case, by=by, request=request, party_removed=party.pk)
    party.delete()


# --- Escalation -------------------------------------------------------------------------------


@transaction.atomic
def case_decide_duty(
    *, case: Case, duty: str, accepted: bool, reason: str, by: User, request: HttpRequest | None
) -> DutyDecision:
    """Accept or decline a duty, with the reason. The proposal as it stands (its reason, references,
    rules, facts and RULES_VERSION) is kept with the decision. An accepted duty carried out by another
    body becomes a tracked referral."""
    reason = _require(reason, "Say why: the reason is part of the record (KCSIE).")
    if duty not in escalation.DUTY_CODES:
        raise CaseError("That is not a duty the rules know.")
    proposal = proposed_duty(case=case, code=duty)
    facts = case_facts(case=case)[0]
    decision = DutyDecision.objects.create(
        case=case,
        duty=duty,
        accepted=accepted,
        reason=reason,
        proposed=proposal is not None,
        proposal_reason=proposal.duty.reason if proposal else "",
        legal=list(proposal.duty.legal) if proposal else [],
        rules=list(proposal.duty.rules) if proposal else [],
        rules_version=escalation.RULES_VERSION,
        facts=proposal.facts if proposal else facts_as_dict(facts),
        decided_by=by,
    )
    agency = duties.AGENCIES.get(duty, "")
    work = hooks.duty_work(duty) if accepted else None  # carried out by another app (takedown)
    if work is not None:
        # Refused (with why) before anything is written when the guard rails forbid this work.
        work.guard(case=case, duty=duty)
    elif accepted and agency:
        Referral.objects.create(case=case, decision=decision, duty=duty, agency=agency)
    verb = "Accepted" if accepted else "Declined"
    text = f"{verb}: {duties.duty_title(duty)} (escalation rules {escalation.RULES_VERSION})."
    if work is not None:
        text += " " + work.note
    elif accepted and agency:
        text += f" Referral to {agency} to be tracked."
    _entry(case=case, kind=EntryKind.ESCALATION, text=text, by=by, reason=reason, detail={"decision": decision.pk})
    _audit(case=case, by=by, request=request, duty=duty, accepted=accepted, rules_version=escalation.RULES_VERSION)
    if work is not None:
        work.open(decision=decision, by=by, request=request)
    return decision


@transaction.atomic
def case_referral_update(
    *,
    referral: Referral,
    by: User,
    request: HttpRequest | None,
    reference_number: str,
    made_on: date | None,
    follow_up_on: date | None,
    outcome: str,
) -> Referral:
    values = {
        "reference_number": reference_number.strip(),
        "made_on": made_on,
        "follow_up_on": follow_up_on,
        "outcome": outcome.strip(),
    }
    changed = [name for name, value in values.items() if getattr(referral, name) != value]
    if not changed:
        return referral
    for name, value in values.items():
        setattr(referral, name, value)
    referral.save()
    parts = []
    if "reference_number" in changed:
        parts.append(f"reference number {referral.reference_number or 'removed'}")
    if "made_on" in changed:
        parts.append(f"made on {referral.made_on:%d %B %Y}" if referral.made_on else "date made removed")
    if "follow_up_on" in changed:
        parts.append(f"follow up on {referral.follow_up_on:%d %B %Y}" if referral.follow_up_on else "no follow-up date")
    if "outcome" in changed:
        parts.append(f"outcome: {referral.outcome or 'removed'}")
    text = f"Referral to {referral.agency}: {'; '.join(parts)}."
    _entry(case=referral.case, kind=EntryKind.REFERRAL, text=text, by=by, detail={"referral": referral.pk})
    _audit(case=referral.case, by=by, request=request, referral=referral.pk, fields=changed)
    return referral


@transaction.atomic
def case_escalate_to_authority(*, case: Case, reason: str, by: User, request: HttpRequest | None) -> Case:
    """Share the case with the organisation's local authority: its safeguarding lead can then read it."""
    reason = _require(reason, "Say why the local authority needs to see this case.")
    authority_id = Organisation.objects.filter(pk=case.organisation_id).values_list("authority_id", flat=True).get()
    if authority_id is None:
        raise CaseError("Your organisation is not linked to a local authority in Upstander.")
    if case.escalated_authority_id is not None:
        raise CaseError("This case has already been escalated to the local authority.")
    case.escalated_authority_id = authority_id
    case.escalated_at = timezone.now()
    case.save(update_fields=["escalated_authority", "escalated_at", "updated_at"])
    _entry(case=case, kind=EntryKind.AUTHORITY, text="Escalated to the local authority.", by=by, reason=reason)
    leads = Membership.objects.filter(
        authority_id=authority_id, role=Role.AUTHORITY_LEAD, is_active=True, user__is_active=True
    ).values_list("user_id", flat=True)
    organisation = Organisation.objects.get(pk=case.organisation_id)
    _notify(users=list(leads), case=case, message=f"{organisation.name} escalated case {case.number} to you")
    _audit(case=case, by=by, request=request, escalated_to_authority=authority_id)
    return case


# --- Playbook ---------------------------------------------------------------------------------


@transaction.atomic
def case_playbook_item_complete(
    *, item: PlaybookItem, by: User, request: HttpRequest | None, note: str = "", not_needed: bool = False
) -> PlaybookItem:
    if item.is_done:
        raise CaseError("This step is already done.")
    if not_needed:
        _require(note, "Say why this step is not needed.")
    item.done_at = timezone.now()
    item.done_by = by
    item.not_needed = not_needed
    item.note = note.strip()
    item.save(update_fields=["done_at", "done_by", "not_needed", "note"])
    verb = "Not needed" if not_needed else "Done"
    _entry(
        case=item.case,
        kind=EntryKind.PLAYBOOK,
        text=f"{verb}: {item.text}",
        by=by,
        reason=note if not_needed else "",
        detail={"item": item.code, "note": "" if not_needed else note.strip()},
    )
    _audit(case=item.case, by=by, request=request, playbook_item=item.code, not_needed=not_needed)
    return item


# --- Outcome, review, reopening ---------------------------------------------------------------


@transaction.atomic
def case_close(
    *,
    case: Case,
    outcome: str,
    reason: str,
    follow_up_on: date | None,
    by: User,
    request: HttpRequest | None,
    open_work_reason: str = "",
) -> Case:
    """Close with an outcome. When work is still open (cases.open_work), closing needs a reason
    to close anyway, recorded on the chronology with the list of what was open."""
    if case.status not in ACTIVE_STATUSES:
        raise CaseError("This case is already closed.")
    if outcome not in Outcome.values or outcome == Outcome.MERGED:
        raise CaseError("Choose an outcome.")
    reason = _require(reason, "Say why the case ends this way.")
    open_work = [item.text for item in case_open_work(case=case)]
    if open_work:
        open_work_reason = _require(
            open_work_reason,
            "This case still has work open: " + "; ".join(open_work) + ". Say why you close it anyway, or finish it.",
        )
        _entry(
            case=case,
            kind=EntryKind.DECISION,
            text="Closed with work still open: " + "; ".join(open_work) + ".",
            by=by,
            reason=open_work_reason,
            detail={"open_work": open_work},
        )
    if follow_up_on is None:
        follow_up_on = timezone.localdate() + timedelta(days=_settings(case.organisation_id).follow_up_days)
    before = case.status
    case.status = CaseStatus.CLOSED
    case.outcome = outcome
    case.outcome_reason = reason
    case.follow_up_on = follow_up_on
    case.closed_at = timezone.now()
    case.due_at = None
    review = _records_review(case)
    case.records_review_on, case.records_review_basis = review.on, review.basis[:400]
    case.save()
    text = f"Closed. Outcome: {case.get_outcome_display()}. Follow up with the target on {follow_up_on:%d %B %Y}."
    if review.on is not None:
        text += f" Records to be reviewed on {review.on:%d %B %Y}."
    _entry(case=case, kind=EntryKind.OUTCOME, text=text, by=by, reason=reason)
    _audit(case=case, by=by, request=request, status=[before, case.status], outcome=outcome, open_work=len(open_work))
    _sync_reports(
        case=case,
        status=ReportStatus.CLOSED,
        by=by,
        request=request,
        only=(ReportStatus.RECEIVED, ReportStatus.IN_PROGRESS, ReportStatus.WAITING_FOR_REPORTER),
    )
    return case


def _records_review(case: Case) -> retention.RecordsReview:
    """The review date of a case closing now, from the people in it (see cases/retention.py)."""
    involved = [
        retention.Involved(
            label=party.display_name,
            date_of_birth=party.person.date_of_birth if party.person else None,
            age=party.age,
            pupil=party.kind == PersonKind.PUPIL
            or (party.person is not None and party.person.kind == PersonKind.PUPIL),
        )
        for party in case.parties.select_related("person")
    ]
    return retention.records_review(
        involved=involved,
        opened_on=timezone.localdate(case.opened_at),
        closed_on=timezone.localdate(),
        adult_review_years=_settings(case.organisation_id).adult_records_review_years,
    )


@transaction.atomic
def case_review(*, case: Case, answers: dict[str, str], by: User, request: HttpRequest | None) -> Case:
    """The post-incident review of policies, procedures and teaching (seed 001), after closing."""
    if case.status != CaseStatus.CLOSED:
        raise CaseError("Close the case before its review.")
    texts = {key: (answers.get(key) or "").strip() for key in REVIEW_QUESTIONS}
    choices: dict[str, str] = {}
    for key, (question, options) in REVIEW_CHOICES.items():
        value = (answers.get(key) or "").strip()
        if value and value not in dict(options):
            raise CaseError(f"Choose one of the answers to: {question}")
        choices[key] = value
    if not any(texts.values()) and not any(choices.values()):
        raise CaseError("Answer at least one of the review questions.")
    case.review = {"version": REVIEW_VERSION, **texts, **choices}
    case.reviewed_at = timezone.now()
    case.status = CaseStatus.REVIEWED
    case.save(update_fields=["review", "reviewed_at", "status", "updated_at"])
    text = " ".join(
        [f"{REVIEW_QUESTIONS[k]} {v}" for k, v in texts.items() if v]
        + [f"{REVIEW_CHOICES[k][0]} {dict(REVIEW_CHOICES[k][1])[v]}." for k, v in choices.items() if v]
    )
    _entry(case=case, kind=EntryKind.REVIEW, text=text, by=by, detail={"review": case.review})
    item = PlaybookItem.objects.filter(case=case, code="policy_review", done_at__isnull=True).first()
    if item is not None:
        item.done_at, item.done_by = timezone.now(), by
        item.save(update_fields=["done_at", "done_by"])
    _audit(case=case, by=by, request=request, status=[CaseStatus.CLOSED, CaseStatus.REVIEWED])
    return case


@transaction.atomic
def case_reopen(*, case: Case, reason: str, by: User, request: HttpRequest | None) -> Case:
    if case.status not in FINISHED_STATUSES:
        raise CaseError("This case is not closed.")
    if case.merged_into_id is not None:
        raise CaseError("This case was merged into another: work on that one instead.")
    reason = _require(reason, "Say why the case is reopened.")
    before = case.status
    case.status = CaseStatus.OPEN
    case.closed_at = None
    case.due_at = _response_due(_settings(case.organisation_id), at=timezone.now(), urgent=case.urgent)
    case.save(update_fields=["status", "closed_at", "due_at", "updated_at"])
    _entry(case=case, kind=EntryKind.REOPENED, text="Reopened.", by=by, reason=reason)
    _audit(case=case, by=by, request=request, status=[before, case.status])
    _sync_reports(case=case, status=ReportStatus.IN_PROGRESS, by=by, request=request, only=(ReportStatus.CLOSED,))
    return case


# --- Merge and split --------------------------------------------------------------------------


@transaction.atomic
def case_merge(*, case: Case, other: Case, reason: str, by: User, request: HttpRequest | None) -> Case:
    """Move `other`'s reports and people into `case`; `other` closes, pointing at `case`."""
    reason = _require(reason, "Say why these cases belong together.")
    if other.pk == case.pk or other.organisation_id != case.organisation_id:
        raise CaseError("Choose another case of your organisation.")
    if case.merged_into_id is not None or other.merged_into_id is not None:
        raise CaseError("A case that was merged into another cannot be merged again.")
    if case.status not in ACTIVE_STATUSES:
        raise CaseError("Reopen this case before merging another into it.")
    moved = list(CaseReport.objects.filter(case=other).select_related("report"))
    CaseReport.objects.filter(case=other).update(case=case, reason=f"Merged from case {other.number}: {reason}")
    _add_parties(
        case,
        [
            CaseParty(
                case=case,
                organisation_id=case.organisation_id,
                role=p.role,
                kind=p.kind,
                person_id=p.person_id,
                identifier=p.identifier,
                identifier_key=p.identifier_key,
                description=p.description,
                age=p.age,
                adult_at_risk=p.adult_at_risk,
                from_report_id=p.from_report_id,
                added_by=by,
            )
            for p in other.parties.all()
        ],
    )
    case.urgent = case.urgent or (other.urgent and other.status in ACTIVE_STATUSES)
    if other.urgent_suggested and other.status in ACTIVE_STATUSES and not case.urgent and not case.urgent_suggested:
        case.urgent_suggested, case.urgent_suggestion = True, other.urgent_suggestion  # still for a person to decide
    case.due_at = _earliest(case.due_at, other.due_at if other.status in ACTIVE_STATUSES else None)
    case.save(update_fields=["urgent", "urgent_suggested", "urgent_suggestion", "due_at", "updated_at"])
    other.status, other.outcome, other.outcome_reason = CaseStatus.CLOSED, Outcome.MERGED, reason
    other.merged_into, other.closed_at, other.due_at, other.urgent_suggested = case, timezone.now(), None, False
    other.save()
    references = ", ".join(link.report.reference for link in moved) or "none"
    _entry(
        case=case,
        kind=EntryKind.MERGE,
        text=f"Case {other.number} merged into this case (reports: {references}).",
        by=by,
        reason=reason,
    )
    _entry(case=other, kind=EntryKind.MERGE, text=f"Merged into case {case.number}.", by=by, reason=reason)
    _audit(case=case, by=by, request=request, merged_from=other.pk)
    _audit(case=other, by=by, request=request, merged_into=case.pk)
    return case


@transaction.atomic
def case_split(*, case: Case, reports: list[Report], reason: str, by: User, request: HttpRequest | None) -> Case:
    """Move some of a case's reports into a new case of their own, to be triaged afresh."""
    reason = _require(reason, "Say why these reports are a separate case.")
    own = {link.report_id for link in CaseReport.objects.filter(case=case)}
    chosen = {report.pk for report in reports}
    if not chosen or not chosen <= own:
        raise CaseError("Choose reports of this case.")
    if chosen == own:
        raise CaseError("Leave at least one report in this case.")
    now = timezone.now()
    urgent = any(report.urgent for report in reports)
    case_settings, number = _claim_number(case.organisation_id)
    new = Case.objects.create(
        organisation_id=case.organisation_id,
        number=number,
        summary=_summary(reports[0]),
        urgent=urgent,
        channel=reports[0].channel,
        platform=reports[0].platform,
        opened_at=now,
        due_at=_response_due(case_settings, at=now, urgent=urgent),
    )
    CaseReport.objects.filter(case=case, report_id__in=chosen).update(
        case=new, reason=f"Split from case {case.number}: {reason}"
    )
    for report in sorted(reports, key=lambda r: r.created_at):
        _add_parties(new, _parties_from_report(case=new, report=report))
    references = ", ".join(sorted(r.reference for r in reports))
    _entry(
        case=new,
        kind=EntryKind.SPLIT,
        text=f"Split from case {case.number} (reports: {references}).",
        by=by,
        reason=reason,
    )
    _entry(
        case=case,
        kind=EntryKind.SPLIT,
        text=f"Reports {references} moved to a new case, {new.number}.",
        by=by,
        reason=reason,
    )
    _audit(case=new, by=by, request=request, action=AuditAction.CREATED, split_from=case.pk)
    _audit(case=case, by=by, request=request, split_into=new.pk)
    return new


# --- Settings and notifications ---------------------------------------------------------------

SETTINGS_FIELDS = (
    "urgent_due_minutes",
    "working_day_starts",
    "working_day_ends",
    "out_of_hours_email",
    "follow_up_days",
    "adult_records_review_years",
)


@transaction.atomic
def case_settings_update(*, organisation_id: int, by: User, request: HttpRequest | None, **values: Any) -> CaseSettings:
    unknown = set(values) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"unknown case settings: {sorted(unknown)}")
    row, _ = CaseSettings.objects.get_or_create(organisation_id=organisation_id)
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, values[name])
    if changed:
        row.save(update_fields=[*changed, "updated_at"])
        audit_record(
            action=AuditAction.CHANGED,
            actor=by,
            organisation_id=organisation_id,
            obj=row,
            request=request,
            detail={"fields": changed},
        )
    return row


@transaction.atomic
def case_notifications_read(*, user: User, notification_ids: list[int] | None = None) -> int:
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())
