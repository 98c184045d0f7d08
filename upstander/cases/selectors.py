"""Reading cases: the queue, one case's chronology, course of conduct, escalation proposals."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from upstander.accounts.actor import Actor
from upstander.accounts.models import Membership, Role, User
from upstander.cases import hooks, permissions
from upstander.cases.addresses import CaseRef
from upstander.cases.models import (
    ACTIVE_STATUSES,
    FINISHED_STATUSES,
    Case,
    CaseEntry,
    CaseParty,
    CaseReport,
    CaseSettings,
    CaseStatus,
    Notification,
    Outcome,
    PartyRole,
    Referral,
    ResponsibleAction,
    Risk,
)
from upstander.evidence.models import EvidenceItem
from upstander.labels import reporter_role
from upstander.people.models import Person
from upstander.reports.models import Report, ReporterKind, ReportMessage
from upstander.reports.receipts import format_reference

# Urgent cases first, then those analysis suggests may be urgent (until a person decides), then by due time.
QUEUE_ORDER = ("-urgent", "-urgent_suggested", F("due_at").asc(nulls_last=True), "opened_at", "pk")
LISTED_FIELDS = (
    "organisation__name", "organisation__slug", "number", "summary", "status", "risk", "urgent", "urgent_suggested", "categories", "prejudice", "platform",
    "channel", "playbook", "escalated_authority_id", "opened_at", "due_at", "assignee__full_name",
)  # fmt: skip


# --- Settings -----------------------------------------------------------------------------------


def case_settings_for(*, organisation_id: int) -> CaseSettings:
    """The organisation's settings, or the defaults (unsaved) when it has not changed any."""
    found = CaseSettings.objects.filter(organisation_id=organisation_id).first()
    return found or CaseSettings(organisation_id=organisation_id)


# --- The queue ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""  # "" means every unfinished case; "all" every case
    category: str = ""
    platform: str = ""
    person: str = ""  # words matched against names and identifiers of the people involved
    person_id: int | None = None
    assignee: str = ""  # "", "me", "none" or a user id
    overdue: bool = False


def _filtered(cases: QuerySet[Case], filters: QueueFilters, *, user_id: int) -> QuerySet[Case]:
    if filters.status == "all":
        pass
    elif filters.status:
        cases = cases.filter(status=filters.status)
    else:
        cases = cases.filter(status__in=ACTIVE_STATUSES)
    if filters.category:
        cases = cases.filter(
            Q(categories__contains=f",{filters.category},") | Q(prejudice__contains=f",{filters.category},")
        )
    if filters.platform:
        cases = cases.filter(platform=filters.platform)
    # Uncorrelated subqueries: the matching people are found once, not once per case.
    if filters.person_id is not None:
        cases = cases.filter(pk__in=CaseParty.objects.filter(person_id=filters.person_id).values("case_id"))
    for word in filters.person.split()[:3]:
        people = Person.objects.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word)).values("pk")
        parties = CaseParty.objects.filter(
            Q(identifier__icontains=word) | Q(description__icontains=word) | Q(person_id__in=people)
        )
        cases = cases.filter(pk__in=parties.values("case_id"))
    if filters.assignee == "me":
        cases = cases.filter(assignee_id=user_id)
    elif filters.assignee == "none":
        cases = cases.filter(assignee__isnull=True)
    elif filters.assignee.isdigit():
        cases = cases.filter(assignee_id=int(filters.assignee))
    if filters.overdue:
        cases = cases.filter(status__in=ACTIVE_STATUSES, due_at__lt=timezone.now())
    return cases


def _ordered(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.order_by(*QUEUE_ORDER)


def cases_listed(*, ids: list[int]) -> list[Case]:
    """The cases of one page, in the order given, with what the queue shows: a fixed three queries.

    The queue is paged in two steps: the database sorts and slices the ids alone (narrow rows, the
    queue index), then only the page's rows are joined to their organisation, assignee and people.
    Joining first would join every matching case (thousands) before the sort."""
    people = CaseParty.objects.filter(role__in=[PartyRole.TARGET, PartyRole.ALLEGED_PERPETRATOR]).select_related(
        "person"
    )
    rows = (
        Case.objects.filter(pk__in=ids)
        .select_related("assignee", "organisation")
        .only(*LISTED_FIELDS)
        .prefetch_related(Prefetch("parties", queryset=people, to_attr="listed_parties"))
    )
    by_id = {case.pk: case for case in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def case_queue(*, organisation_id: int, user_id: int, filters: QueueFilters) -> QuerySet[Case]:
    """The organisation's cases matching the filters, in queue order (page them, then `cases_listed`)."""
    cases = Case.objects.filter(organisation_id=organisation_id)
    return _ordered(_filtered(cases, filters, user_id=user_id))


def cases_for_authority(*, authority_id: int, user_id: int, filters: QueueFilters) -> QuerySet[Case]:
    """The cases an authority's organisations escalated to it, and nothing else of theirs."""
    cases = Case.objects.filter(escalated_authority_id=authority_id, organisation__authority_id=authority_id)
    return _ordered(_filtered(cases, filters, user_id=user_id))


def queue_for_actor(*, actor: Actor, filters: QueueFilters) -> QuerySet[Case]:
    if actor.authority_id is not None:
        return cases_for_authority(authority_id=actor.authority_id, user_id=actor.user_id, filters=filters)
    assert actor.organisation_id is not None
    cases = case_queue(organisation_id=actor.organisation_id, user_id=actor.user_id, filters=filters)
    if not actor.has_any(Role.DSL, Role.DEPUTY_DSL):
        cases = cases.exclude(playbook__in=permissions.LEADS_ONLY_PLAYBOOKS)
    return cases


def case_workers(*, organisation_id: int) -> QuerySet[User]:
    """Who a case can be assigned to: the organisation's DSL and deputies."""
    members = Membership.objects.filter(
        organisation_id=organisation_id, role__in=[Role.DSL, Role.DEPUTY_DSL], is_active=True
    ).values("user_id")
    return User.objects.filter(pk__in=members, is_active=True).order_by("full_name")


def case_for_actor(*, actor: Actor, case_id: int | CaseRef, queryset: QuerySet[Case] | None = None) -> Case:
    """One case the actor may see, or 404: another organisation's case, or one hidden from the role,
    does not exist for them. `case_id`: the database id, or the organisation and number of the
    case's address (cases.addresses)."""
    cases = queryset if queryset is not None else Case.objects.all()
    if actor.authority_id is not None:
        cases = cases.filter(escalated_authority_id=actor.authority_id, organisation__authority_id=actor.authority_id)
    elif actor.organisation_id is not None:
        cases = cases.filter(organisation_id=actor.organisation_id)
    else:
        raise Http404
    if isinstance(case_id, CaseRef):
        cases = cases.filter(organisation__slug=case_id.organisation_slug, number=case_id.number)
    else:
        cases = cases.filter(pk=case_id)
    case = cases.first()
    if case is None or not permissions.can_view_case(actor, case):
        raise Http404
    return case


# --- One case -----------------------------------------------------------------------------------


def case_reports(*, case: Case) -> list[Report]:
    links = (
        CaseReport.objects.filter(case=case)
        .select_related("report", "report__recorded_by")
        .order_by("report__created_at", "pk")
    )
    return [link.report for link in links]


def case_evidence(*, case: Case) -> QuerySet[Any]:
    """A case's evidence is its reports' evidence (the evidence app keeps items per report)."""
    report_ids = CaseReport.objects.filter(case=case).values("report_id")
    return EvidenceItem.objects.filter(organisation_id=case.organisation_id, report_id__in=report_ids).order_by(
        "added_at", "pk"
    )


@dataclass
class ChronologyItem:
    at: datetime
    kind: str
    label: str
    author: str
    text: str
    reason: str = ""
    entry: CaseEntry | None = None
    corrections: list[CaseEntry] = field(default_factory=list)
    order: int = 0
    # When it was recorded, if that differs from when it happened (`at`): a phone call yesterday, typed today.
    recorded_at: datetime | None = None


def case_chronology(*, case: Case) -> list[ChronologyItem]:
    """Every event of the case in time order: its own entries, and the reports, messages with the
    reporter and evidence of its reports, each with its author and time."""
    items: list[ChronologyItem] = []
    entries = list(CaseEntry.objects.filter(case=case).select_related("author", "corrects"))
    corrections: dict[int, list[CaseEntry]] = {}
    for entry in entries:
        if entry.corrects_id is not None:
            corrections.setdefault(entry.corrects_id, []).append(entry)
    for entry in entries:
        items.append(
            ChronologyItem(
                at=entry.happened_at or entry.occurred_at,
                recorded_at=entry.occurred_at if entry.happened_at else None,
                kind=entry.kind,
                label=entry.get_kind_display(),
                author=entry.author.full_name if entry.author else entry.author_label,
                text=entry.text,
                reason=entry.reason,
                entry=entry,
                corrections=corrections.get(entry.pk, []),
                order=2,
            )
        )
    reports = case_reports(case=case)
    for report in reports:
        who = "Anonymous reporter" if report.anonymous else (report.reporter_name or "Reporter")
        # In the third person ("a parent or carer"), with who was harmed when the reporter said.
        harmed = ReporterKind(report.reporter_kind).label.lower() if report.reporter_kind else ""
        author = f"{who} ({reporter_role(report.reporter_role).lower()}{f', {harmed}' if harmed else ''})"
        items.append(
            ChronologyItem(
                at=report.created_at,
                kind="report",
                label=f"Report {format_reference(report.reference)} received",
                author=report.reporter_description if report.recorded_by_id else author,
                text=report.account,
                order=0,
            )
        )
    messages = ReportMessage.objects.filter(report__in=reports).select_related("author", "report")
    for message in messages:
        staff = message.author_kind == ReportMessage.Author.STAFF
        items.append(
            ChronologyItem(
                at=message.created_at,
                kind="message",
                label=f"Message {'to' if staff else 'from'} the reporter of {format_reference(message.report.reference)}",
                author=message.author.full_name if staff and message.author else "Reporter",
                text=message.body,
                order=1,
            )
        )
    for item in case_evidence(case=case):
        sealed = " It is sealed: nobody can open it until the DSL unseals it with a reason." if item.sealed else ""
        items.append(
            ChronologyItem(
                at=item.added_at,
                kind="evidence",
                label="Evidence added",
                author=item.added_by_label,
                text=f"{item.get_kind_display()} ({item.size:,} bytes, SHA-256 {item.sha256[:12]}…).{sealed}",
                order=1,
            )
        )
    items.sort(key=lambda i: (i.at, i.order, i.entry.pk if i.entry else 0))
    return items


# --- Course of conduct --------------------------------------------------------------------------


@dataclass(frozen=True)
class Occasion:
    report: Report
    case_id: int
    case_number: int

    @property
    def case_number_text(self) -> str:
        """For the case's address in templates (cases.addresses): the number as text."""
        return str(self.case_number)


@dataclass(frozen=True)
class Course:
    """The reports made about one alleged perpetrator against one target, across cases."""

    target: CaseParty
    perpetrator: CaseParty
    occasions: tuple[Occasion, ...]
    ordinal: int  # this case's place: its latest report is the ordinal-th occasion

    @property
    def prior(self) -> int:
        return max(0, self.ordinal - 1)


def _match(party: CaseParty) -> Q | None:
    query = Q()
    if party.person_id is not None:
        query |= Q(person_id=party.person_id)
    if party.identifier_key:
        query |= Q(identifier_key=party.identifier_key)
    return query or None


def _cases_with(party: CaseParty, role: str) -> QuerySet[CaseParty] | None:
    match = _match(party)
    if match is None:
        return None
    return CaseParty.objects.filter(match, organisation_id=party.organisation_id, role=role)


def course_of_conduct(*, case: Case) -> list[Course]:
    """For each (target, alleged perpetrator) pair known by a person record or an identifier, the
    occasions (reports) in any case of the organisation naming the same pair, oldest first. Cases
    closed as unfounded or malicious do not count."""
    parties = list(case.parties.all())
    targets = [p for p in parties if p.role == PartyRole.TARGET]
    perpetrators = [p for p in parties if p.role == PartyRole.ALLEGED_PERPETRATOR]
    courses: list[Course] = []
    for target in targets:
        with_target = _cases_with(target, PartyRole.TARGET)
        if with_target is None:
            continue
        for perpetrator in perpetrators:
            with_perpetrator = _cases_with(perpetrator, PartyRole.ALLEGED_PERPETRATOR)
            if with_perpetrator is None:
                continue
            links = (
                CaseReport.objects.filter(
                    case_id__in=with_target.values("case_id"), case__organisation_id=case.organisation_id
                )
                .filter(case_id__in=with_perpetrator.values("case_id"))
                .exclude(case__outcome=Outcome.UNFOUNDED)
                .select_related("report", "case")
                .order_by("report__created_at", "pk")
            )
            occasions = tuple(Occasion(link.report, link.case_id, link.case.number) for link in links)
            own = [n for n, occasion in enumerate(occasions, start=1) if occasion.case_id == case.pk]
            ordinal = own[-1] if own else len(occasions) + 1
            courses.append(Course(target, perpetrator, occasions, ordinal))
    return courses


def ordinal_words(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def possible_links(*, case: Case) -> QuerySet[Case]:
    """Other cases naming any of this case's alleged perpetrators (by record or identifier), whatever the
    target: for the DSL to consider merging. Never linked automatically."""
    query = Q()
    for party in case.parties.all():
        if party.role == PartyRole.ALLEGED_PERPETRATOR:
            match = _match(party)
            if match is not None:
                query |= match
    if not query:
        return Case.objects.none()
    named = CaseParty.objects.filter(query, organisation_id=case.organisation_id, role=PartyRole.ALLEGED_PERPETRATOR)
    return (
        Case.objects.filter(organisation_id=case.organisation_id, pk__in=named.values("case_id"))
        .exclude(pk=case.pk)
        .filter(merged_into__isnull=True)
        .order_by("-opened_at")[:10]
    )


# --- Alerts and notifications ------------------------------------------------------------------


def unread_notification_count(*, user_id: int) -> int:
    return Notification.objects.filter(user_id=user_id, read_at__isnull=True).count()


def notifications_for(*, user_id: int) -> QuerySet[Notification]:
    return Notification.objects.filter(user_id=user_id).select_related("case")


def overdue_cases(*, organisation_id: int) -> QuerySet[Case]:
    return Case.objects.filter(
        organisation_id=organisation_id, status__in=ACTIVE_STATUSES, due_at__lt=timezone.now()
    ).order_by(*QUEUE_ORDER)


def queue_summary(*, organisation_id: int) -> dict[str, int]:
    """For the home page: open cases, how many are urgent, and how many are overdue."""
    active = Case.objects.filter(organisation_id=organisation_id, status__in=ACTIVE_STATUSES)
    return {
        "open": active.count(),
        "urgent": active.filter(Q(urgent=True) | Q(risk=Risk.URGENT) | Q(urgent_suggested=True)).count(),
        "overdue": active.filter(due_at__lt=timezone.now()).count(),
    }


def records_due_for_review(*, organisation_id: int | None = None, on: date | None = None) -> QuerySet[Case]:
    """Closed cases whose records review date has come, and closed cases with no date yet (no review
    period is set for adult records), oldest first. For a person to review: nothing is deleted.
    A case whose post-incident review is recorded (status "reviewed") is closed too: its records still
    come up for review."""
    day = on or timezone.localdate()
    cases = Case.objects.filter(status__in=FINISHED_STATUSES).filter(
        Q(records_review_on__lte=day) | Q(records_review_on__isnull=True)
    )
    if organisation_id is not None:
        cases = cases.filter(organisation_id=organisation_id)
    cases = hooks.review_filtered(cases)  # e.g. records already anonymised or deleted (dataprotection)
    return cases.select_related("organisation").order_by(F("records_review_on").asc(nulls_last=True), "closed_at")


def organisations_to_digest() -> list[int]:
    """Organisations with a case overdue or a referral whose follow-up date has come."""
    overdue = Case.objects.filter(status__in=ACTIVE_STATUSES, due_at__lt=timezone.now()).values_list(
        "organisation_id", flat=True
    )
    follow_ups = Referral.objects.filter(follow_up_on__lte=timezone.localdate(), outcome="").values_list(
        "case__organisation_id", flat=True
    )
    follow_through = Case.objects.filter(merged_into__isnull=True).filter(
        Q(status=CaseStatus.CLOSED, reviewed_at__isnull=True)
        | Q(
            status__in=(CaseStatus.CLOSED, CaseStatus.REVIEWED),
            follow_up_on__lte=timezone.localdate(),
            follow_up_done_at__isnull=True,
        )
    )
    return sorted(
        set(overdue)
        | set(follow_ups)
        | set(follow_through.values_list("organisation_id", flat=True))
        | hooks.digest_organisations()  # prevention's and takedown's own (cases.hooks)
    )


def referral_follow_ups_due(*, organisation_id: int) -> int:
    return Referral.objects.filter(
        case__organisation_id=organisation_id, follow_up_on__lte=timezone.localdate(), outcome=""
    ).count()


# --- Follow-through (seed 001) -------------------------------------------------------------------


def follow_ups_due(*, organisation_id: int, on: date | None = None) -> QuerySet[Case]:
    """Finished cases whose follow-up with the target is due (or past) and not yet recorded."""
    day = on or timezone.localdate()
    return Case.objects.filter(
        organisation_id=organisation_id,
        status__in=(CaseStatus.CLOSED, CaseStatus.REVIEWED),
        merged_into__isnull=True,
        follow_up_on__lte=day,
        follow_up_done_at__isnull=True,
    ).order_by("follow_up_on", "pk")


def reviews_outstanding(*, organisation_id: int) -> QuerySet[Case]:
    """Closed cases whose post-incident review is not yet recorded (merged cases have none)."""
    return Case.objects.filter(
        organisation_id=organisation_id, status=CaseStatus.CLOSED, merged_into__isnull=True, reviewed_at__isnull=True
    ).order_by("closed_at", "pk")


def responsible_actions(*, case: Case) -> QuerySet[Any]:
    return ResponsibleAction.objects.filter(case=case).select_related("party__person", "recorded_by")


def review_records(*, organisation_id: int) -> list[dict[str, Any]]:
    """Every recorded post-incident review as plain data, for the insights work to collect: the case's
    categories and outcome, the structured answers (codes), the free-text answers, and the actions
    taken with each person responsible (kind and policy only, no names)."""
    cases = Case.objects.filter(organisation_id=organisation_id, reviewed_at__isnull=False).order_by("reviewed_at")
    actions: dict[int, list[dict[str, str]]] = {}
    for case_id, kind, policy in ResponsibleAction.objects.filter(case__in=cases).values_list(
        "case_id", "kind", "policy"
    ):
        actions.setdefault(case_id, []).append({"kind": kind, "policy": policy})
    return [
        {
            "case": case.number,
            "reviewed_at": case.reviewed_at.isoformat() if case.reviewed_at else None,
            "categories": case.category_list,
            "prejudice": case.prejudice_list,
            "outcome": case.outcome,
            "follow_up_done": case.follow_up_done_at is not None,
            "answers": dict(case.review),
            "actions": actions.get(case.pk, []),
        }
        for case in cases
    ]


@dataclass
class AuthorityHome:
    """What an authority lead's home page shows: what is escalated, and what needs their attention."""

    escalated: int
    open: int
    new_this_week: int
    attention: list[tuple[Case, str]]


def authority_home(*, authority_id: int, limit: int = 10) -> AuthorityHome:
    """Cases escalated to the authority: counts, and the open ones that need the lead's attention
    first (urgent or high risk, overdue, escalated in the last seven days), each with why."""
    escalated = Case.objects.filter(escalated_authority_id=authority_id, organisation__authority_id=authority_id)
    active = escalated.filter(status__in=ACTIVE_STATUSES)
    week_ago = timezone.now() - timedelta(days=7)
    attention: list[tuple[Case, str]] = []
    for case in active.select_related("organisation").order_by("-urgent", "-escalated_at", "pk")[:200]:
        if case.urgent or case.risk == Risk.URGENT:
            why = "urgent: someone's life or safety may be at risk"
        elif case.risk == Risk.HIGH:
            why = "high risk"
        elif case.is_overdue:
            why = "its next step is overdue"
        elif case.escalated_at and case.escalated_at >= week_ago:
            why = "escalated in the last seven days"
        else:
            continue
        attention.append((case, why))
    return AuthorityHome(
        escalated=escalated.count(),
        open=active.count(),
        new_this_week=escalated.filter(escalated_at__gte=week_ago).count(),
        attention=attention[:limit],
    )
