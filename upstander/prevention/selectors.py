"""Reads for prevention: policy states, what is due, the training matrix and survey results."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from upstander.accounts.models import Membership, Organisation, Role, User
from upstander.prevention import questions
from upstander.prevention.models import (
    Acknowledgement,
    Policy,
    PolicyReview,
    PolicyVersion,
    Survey,
    SurveyTally,
    TrainingKind,
    TrainingRecord,
)
from upstander.prevention.questions import MIN_GROUP

DUE_SOON_DAYS = 30
TRAINING_WARNING_DAYS = 30
ALL_STAFF_TRAINING = (
    TrainingKind.AWARENESS,
    TrainingKind.PROCEDURES,
    TrainingKind.PREVENT,
    TrainingKind.SAFEGUARDING,
)
CEOP_AMBASSADORS_WANTED = 2  # seed 001 asks for two CEOP-trained ambassadors


class PolicyState:
    DRAFT = "draft"
    CURRENT = "current"
    DUE = "due"
    OVERDUE = "overdue"
    REVIEW_ASKED = "review_asked"

    LABELS = {
        DRAFT: "Draft: not yet approved",
        CURRENT: "Current",
        DUE: "Review due soon",
        OVERDUE: "Review overdue",
        REVIEW_ASKED: "Review asked for after an incident",
    }


def current_version(policy: Policy) -> PolicyVersion | None:
    return policy.versions.filter(approved_on__isnull=False).order_by("-number").first()


def policy_state(policy: Policy, *, today: date | None = None) -> str:
    today = today or timezone.localdate()
    if current_version(policy) is None:
        return PolicyState.DRAFT
    if policy.reviews.filter(done_on__isnull=True).exists():
        return PolicyState.REVIEW_ASKED
    if policy.review_due_on is not None and policy.review_due_on < today:
        return PolicyState.OVERDUE
    if policy.review_due_on is not None and policy.review_due_on <= today + timedelta(days=DUE_SOON_DAYS):
        return PolicyState.DUE
    return PolicyState.CURRENT


@dataclass
class PolicyRow:
    policy: Policy
    current: PolicyVersion | None
    state: str

    @property
    def state_label(self) -> str:
        return PolicyState.LABELS[self.state]


def policy_rows(*, organisation_id: int, today: date | None = None) -> list[PolicyRow]:
    rows = []
    for policy in Policy.objects.filter(organisation_id=organisation_id).select_related("owner").order_by("title"):
        rows.append(PolicyRow(policy, current_version(policy), policy_state(policy, today=today)))
    return rows


def public_policies(organisation: Organisation) -> list[tuple[Policy, PolicyVersion]]:
    """The current version of each public policy: drafts are never published."""
    shown = []
    for policy in Policy.objects.filter(organisation=organisation, is_public=True).order_by("title"):
        version = current_version(policy)
        if version is not None:
            shown.append((policy, version))
    return shown


def reviews_due(*, organisation_id: int, today: date | None = None) -> list[PolicyRow]:
    return [row for row in policy_rows(organisation_id=organisation_id, today=today)
            if row.state in (PolicyState.DUE, PolicyState.OVERDUE, PolicyState.REVIEW_ASKED)]


def open_review_requests(*, organisation_id: int) -> QuerySet[PolicyReview]:
    return PolicyReview.objects.filter(policy__organisation_id=organisation_id, done_on__isnull=True).select_related(
        "policy", "case"
    )


@dataclass
class AckSummary:
    version: PolicyVersion
    asked: int
    done: int

    @property
    def outstanding(self) -> int:
        return self.asked - self.done


def acknowledgement_summaries(*, organisation_id: int) -> list[AckSummary]:
    versions = (
        PolicyVersion.objects.filter(policy__organisation_id=organisation_id)
        .annotate(
            asked=Count("acknowledgements"),
            done=Count("acknowledgements", filter=Q(acknowledgements__acknowledged_at__isnull=False)),
        )
        .filter(asked__gt=0)
        .select_related("policy")
        .order_by("policy__title", "-number")
    )
    return [AckSummary(v, v.asked, v.done) for v in versions]


def outstanding_acknowledgements(*, version: PolicyVersion) -> QuerySet[Acknowledgement]:
    return version.acknowledgements.filter(acknowledged_at__isnull=True).select_related("user", "person")


def my_acknowledgements(*, user: User, organisation_id: int) -> QuerySet[Acknowledgement]:
    return Acknowledgement.objects.filter(user=user, organisation_id=organisation_id).select_related(
        "version__policy"
    ).order_by("acknowledged_at", "-asked_at")


# --- Training -----------------------------------------------------------------------------------


@dataclass
class TrainingDue:
    user: User
    kind: str
    record: TrainingRecord | None
    expired: bool

    @property
    def label(self) -> str:
        return TrainingKind(self.kind).label


def _members(organisation_id: int) -> dict[int, tuple[User, set[str]]]:
    members: dict[int, tuple[User, set[str]]] = {}
    for membership in Membership.objects.filter(organisation_id=organisation_id, is_active=True, user__is_active=True).select_related("user"):
        _user, roles = members.setdefault(membership.user_id, (membership.user, set()))
        roles.add(membership.role)
    return members


def required_training(roles: set[str]) -> tuple[str, ...]:
    wanted = list(ALL_STAFF_TRAINING)
    if roles & {Role.DSL, Role.DEPUTY_DSL}:
        wanted.append(TrainingKind.SAFEGUARDING_DSL)
    return tuple(wanted)


def latest_records(*, organisation_id: int) -> dict[tuple[int, str], TrainingRecord]:
    latest: dict[tuple[int, str], TrainingRecord] = {}
    for record in TrainingRecord.objects.filter(organisation_id=organisation_id).order_by("completed_on", "pk"):
        latest[(record.user_id, record.kind)] = record
    return latest


@dataclass
class MatrixCell:
    required: bool
    record: TrainingRecord | None
    status: str  # ok, expiring, expired, missing, not_required

    @property
    def label(self) -> str:
        return {
            "ok": "Up to date",
            "expiring": "Runs out soon",
            "expired": "Ran out",
            "missing": "Not done",
            "not_required": "Not needed",
        }[self.status]


@dataclass
class MatrixRow:
    user: User
    roles: list[str]
    cells: list[MatrixCell] = field(default_factory=list)


def _cell(record: TrainingRecord | None, required: bool, today: date) -> MatrixCell:
    if record is None:
        return MatrixCell(required, None, "missing" if required else "not_required")
    if record.expires_on is not None and record.expires_on < today:
        return MatrixCell(required, record, "expired")
    if record.expires_on is not None and record.expires_on <= today + timedelta(days=TRAINING_WARNING_DAYS):
        return MatrixCell(required, record, "expiring")
    return MatrixCell(required, record, "ok")


def training_matrix(*, organisation_id: int, today: date | None = None) -> tuple[list[str], list[MatrixRow]]:
    today = today or timezone.localdate()
    kinds = list(TrainingKind.values)
    latest = latest_records(organisation_id=organisation_id)
    rows = []
    for user_id, (user, roles) in sorted(_members(organisation_id).items(), key=lambda item: item[1][0].full_name):
        wanted = required_training(roles)
        row = MatrixRow(user, sorted(Role(role).label for role in roles))
        for kind in kinds:
            row.cells.append(_cell(latest.get((user_id, kind)), kind in wanted, today))
        rows.append(row)
    return kinds, rows


def training_due(*, organisation: Organisation | int, today: date | None = None, within_days: int = TRAINING_WARNING_DAYS) -> list[TrainingDue]:
    """Required training not done, run out, or running out within `within_days`."""
    today = today or timezone.localdate()
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    latest = latest_records(organisation_id=organisation_id)
    if not latest:
        return []  # an organisation that keeps no training records here is not nagged about them
    due = []
    for user_id, (user, roles) in sorted(_members(organisation_id).items(), key=lambda item: item[1][0].full_name):
        for kind in required_training(roles):
            record = latest.get((user_id, kind))
            if record is None:
                due.append(TrainingDue(user, kind, None, True))
            elif record.expires_on is not None and record.expires_on <= today + timedelta(days=within_days):
                due.append(TrainingDue(user, kind, record, record.expires_on < today))
    return due


def ceop_ambassadors(*, organisation_id: int, today: date | None = None) -> list[TrainingRecord]:
    today = today or timezone.localdate()
    latest = latest_records(organisation_id=organisation_id)
    members = _members(organisation_id)
    return [
        record
        for (user_id, kind), record in latest.items()
        if kind == TrainingKind.CEOP_AMBASSADOR and user_id in members
        and (record.expires_on is None or record.expires_on >= today)
    ]


# --- Surveys ------------------------------------------------------------------------------------


@dataclass
class ChoiceResult:
    label: str
    count: int
    percent: int


@dataclass
class QuestionResult:
    text: str
    multiple: bool
    choices: list[ChoiceResult]


def survey_results(survey: Survey) -> list[QuestionResult] | None:
    """Aggregate counts, or None when fewer than MIN_GROUP pupils answered (never shown)."""
    if survey.responses < MIN_GROUP:
        return None
    counts = {(t.question, t.choice): t.count for t in SurveyTally.objects.filter(survey=survey)}
    return _results(survey.questions, counts, survey.responses)


def _results(keys: list[str], counts: dict[tuple[str, str], int], total: int) -> list[QuestionResult]:
    results = []
    for key in keys:
        question = questions.BY_KEY.get(key)
        if question is None:
            continue
        choices = [
            ChoiceResult(label, counts.get((key, choice), 0), round(100 * counts.get((key, choice), 0) / total))
            for choice, label in question.choices
        ]
        results.append(QuestionResult(question.text, question.multiple, choices))
    return results


@dataclass
class TermResult:
    term: str
    groups: int
    responses: int
    suppressed_groups: int
    percents: dict[str, dict[str, int]]  # question key -> choice -> percent of pupils


def series_results(*, organisation_id: int, series: str) -> list[TermResult]:
    """Term by term, for the insights charts: only groups of MIN_GROUP or more are counted, so a
    small group's answers cannot be found by subtracting one total from another."""
    surveys = Survey.objects.filter(organisation_id=organisation_id, series=series).order_by("opens_on", "pk")
    by_term: dict[str, list[Survey]] = {}
    for survey in surveys:
        by_term.setdefault(survey.term, []).append(survey)
    results = []
    for term, group in by_term.items():
        shown = [s for s in group if s.responses >= MIN_GROUP]
        total = sum(s.responses for s in shown)
        percents: dict[str, dict[str, int]] = {}
        if total:
            summed: dict[tuple[str, str], int] = {}
            for tally in SurveyTally.objects.filter(survey__in=shown):
                summed[(tally.question, tally.choice)] = summed.get((tally.question, tally.choice), 0) + tally.count
            for (key, choice), count in summed.items():
                percents.setdefault(key, {})[choice] = round(100 * count / total)
        results.append(TermResult(term, len(shown), total, len(group) - len(shown), percents))
    return results


def surveys_of(*, organisation_id: int) -> QuerySet[Survey]:
    return Survey.objects.filter(organisation_id=organisation_id).order_by("-opens_on", "group", "pk")


# --- What is due --------------------------------------------------------------------------------


def due_summary(*, organisation_id: int, today: date | None = None) -> dict[str, Any]:
    """Reviews due and overdue, acknowledgements outstanding and training running out: for the home
    page, the digest and `upstander prevention due`."""
    today = today or timezone.localdate()
    reviews = reviews_due(organisation_id=organisation_id, today=today)
    acks = [s for s in acknowledgement_summaries(organisation_id=organisation_id) if s.outstanding]
    training = training_due(organisation=organisation_id, today=today)
    return {
        "reviews": reviews,
        "reviews_overdue": sum(1 for r in reviews if r.state in (PolicyState.OVERDUE, PolicyState.REVIEW_ASKED)),
        "acknowledgements": acks,
        "acknowledgements_outstanding": sum(s.outstanding for s in acks),
        "training": training,
        "ceop_ambassadors": len(ceop_ambassadors(organisation_id=organisation_id, today=today)),
    }


def digest_lines(*, organisation_id: int) -> list[str]:
    """Lines for the daily digest (cases.alerts): counts only, never names."""
    summary = due_summary(organisation_id=organisation_id)
    lines = []
    reviews = summary["reviews"]
    if reviews:
        lines.append(
            f"- {len(reviews)} {'policy review is' if len(reviews) == 1 else 'policy reviews are'} due"
            f" ({summary['reviews_overdue']} overdue or asked for after an incident)."
        )
    if summary["acknowledgements_outstanding"]:
        lines.append(f"- {summary['acknowledgements_outstanding']} policy acknowledgements are outstanding.")
    if summary["training"]:
        lines.append(f"- {len(summary['training'])} training records are due or running out.")
    return lines


def organisations_with_due() -> list[int]:
    return [org_id for org_id in Organisation.objects.values_list("pk", flat=True) if digest_lines(organisation_id=org_id)]
