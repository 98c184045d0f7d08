"""Reading figures. Every figure is aggregated by the database (Count/Avg with filters, TruncMonth,
GROUP BY): the number of queries does not grow with the number of cases, and no row is looped over
in Python. Nothing here writes.

Which dates count: a case counts in a period by when it was opened (`opened_at`); "closed" and
"reviewed" figures count cases by when they were closed or reviewed; "overdue now" is at the moment
of asking, whatever the period.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.db.models import (
    Avg,
    Count,
    F,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models import (
    Case as When_,
)
from django.utils import timezone

from upstander.accounts.models import Organisation
from upstander.cases.models import ACTIVE_STATUSES, Case, CaseParty, CaseSettings, DutyDecision, PartyRole
from upstander.cases.selectors import case_settings_for
from upstander.cases.services import REVIEW_QUESTIONS
from upstander.cases.taxonomy import BEHAVIOUR_LABELS, PREJUDICE_LABELS
from upstander.insights import sql
from upstander.insights.filters import LogFilters
from upstander.insights.terms import Period
from upstander.people.models import Person
from upstander.reports.models import Channel, Platform, Report

BEHAVIOURS = list(BEHAVIOUR_LABELS)
STRANDS = list(PREJUDICE_LABELS)
PLATFORM_LABELS = dict(Platform.choices)
CHANNEL_LABELS = dict(Channel.choices)
NOT_RECORDED = "Not recorded"


def bounds(period: Period) -> tuple[datetime, datetime]:
    """The period as aware datetimes: [start of its first day, start of the day after its last)."""
    return (
        timezone.make_aware(datetime.combine(period.start, time.min)),
        timezone.make_aware(datetime.combine(period.end + timedelta(days=1), time.min)),
    )


def months(period: Period) -> list[date]:
    """The first day of every month the period touches (a handful: not rows)."""
    found, day = [], period.start.replace(day=1)
    while day <= period.end:
        found.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    return found


def _month_key(value: date | datetime | None) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


# --- The incident log -------------------------------------------------------------------------


def log_cases(*, organisation_id: int, filters: LogFilters) -> QuerySet[Case]:
    cases = Case.objects.filter(
        organisation_id=organisation_id, opened_at__gte=filters.since, opened_at__lt=filters.until
    )
    if filters.category:
        cases = cases.filter(categories__contains=f",{filters.category},")
    if filters.prejudice:
        cases = cases.filter(prejudice__contains=f",{filters.prejudice},")
    if filters.platform:
        cases = cases.filter(platform=filters.platform)
    if filters.channel:
        cases = cases.filter(channel=filters.channel)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.outcome:
        cases = cases.filter(outcome=filters.outcome)
    if filters.assignee == "none":
        cases = cases.filter(assignee__isnull=True)
    elif filters.assignee:
        cases = cases.filter(assignee_id=int(filters.assignee))
    if filters.year_group:
        targets = CaseParty.objects.filter(
            organisation_id=organisation_id, role=PartyRole.TARGET, person__year_group=filters.year_group
        )
        cases = cases.filter(pk__in=targets.values("case_id"))
    return cases.annotate(report_count=Count("case_reports")).order_by("opened_at", "pk")


def log_reports_without_case(*, organisation_id: int, filters: LogFilters) -> QuerySet[Report]:
    """Reports received in the range that are in no case yet (their checks are still running)."""
    if filters.case_only:
        return Report.objects.none()
    reports = Report.objects.filter(
        organisation_id=organisation_id,
        created_at__gte=filters.since,
        created_at__lt=filters.until,
        case_link__isnull=True,
    )
    if filters.platform:
        reports = reports.filter(platform=filters.platform)
    if filters.channel:
        reports = reports.filter(channel=filters.channel)
    return reports.order_by("created_at", "pk")


def target_year_groups(*, case_ids: list[int]) -> dict[int, list[str]]:
    """The year groups of the targets of these cases (one page, or one chunk of an export)."""
    rows = (
        CaseParty.objects.filter(case_id__in=case_ids, role=PartyRole.TARGET)
        .exclude(person__year_group="")
        .exclude(person__isnull=True)
        .values_list("case_id", "person__year_group")
        .distinct()
    )
    found: dict[int, list[str]] = {}
    for case_id, year_group in rows:
        found.setdefault(case_id, []).append(year_group)
    return {case_id: sorted(groups) for case_id, groups in found.items()}


def report_references(*, case_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for case_id, reference in Report.objects.filter(case_link__case_id__in=case_ids).values_list(
        "case_link__case_id", "reference"
    ):
        found.setdefault(case_id, []).append(reference)
    return found


def year_groups_in_use(*, organisation_id: int) -> list[str]:
    return list(
        CaseParty.objects.filter(organisation_id=organisation_id, role=PartyRole.TARGET)
        .exclude(person__year_group="")
        .exclude(person__isnull=True)
        .values_list("person__year_group", flat=True)
        .distinct()
        .order_by("person__year_group")
    )


# --- Dashboard figures --------------------------------------------------------------------------


@dataclass
class Repeat:
    role: str
    people: int  # people in two or more cases of the period
    cases: int  # the cases they are in
    listed: list[dict[str, Any]] = field(default_factory=list)  # DSL only: id, name, cases


@dataclass
class Figures:
    period: Period
    headline: dict[str, int]
    monthly: list[tuple[date, int, int]]  # month, cases, prejudice-related
    behaviours: dict[str, int]
    strands: dict[str, int]
    platforms: dict[str, int]
    channels: dict[str, int]
    year_groups: dict[str, int]
    outcomes: dict[str, int]
    response: dict[str, Any]
    duties: list[dict[str, Any]]
    reviews: dict[str, int]
    repeats: list[Repeat] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)


def month_bounds(period: Period) -> list[tuple[date, datetime, datetime]]:
    """Each month of the period with its local start and end (clipped to the period) as aware datetimes."""
    since, until = bounds(period)
    found = []
    for month in months(period):
        following = (month + timedelta(days=32)).replace(day=1)
        start = max(since, timezone.make_aware(datetime.combine(month, time.min)))
        end = min(until, timezone.make_aware(datetime.combine(following, time.min)))
        found.append((month, start, end))
    return found


def _touched(since: datetime, until: datetime) -> Q:
    """The cases any headline figure can count: opened, closed, reviewed or escalated in the period,
    or still open (for "open now" and "overdue now"). Narrows the rows the counts run over."""
    return (
        Q(opened_at__gte=since, opened_at__lt=until)
        | Q(closed_at__gte=since, closed_at__lt=until)
        | Q(reviewed_at__gte=since, reviewed_at__lt=until)
        | Q(escalated_at__gte=since, escalated_at__lt=until)
        | Q(status__in=ACTIVE_STATUSES)
    )


def _headline_aggregates(since: datetime, until: datetime, period: Period | None = None) -> dict[str, Any]:
    """Conditional counts over one organisation's (or area's) cases: one pass, no per-row functions."""
    opened = Q(opened_at__gte=since, opened_at__lt=until)
    values: dict[str, Any] = {
        "opened": Count("pk", filter=opened),
        "prejudice_related": Count("pk", filter=opened & ~Q(prejudice="")),
        "urgent": Count("pk", filter=opened & Q(risk="urgent")),
        "closed": Count("pk", filter=Q(closed_at__gte=since, closed_at__lt=until) & Q(merged_into__isnull=True)),
        "reviewed": Count("pk", filter=Q(reviewed_at__gte=since, reviewed_at__lt=until)),
        "escalated": Count("pk", filter=Q(escalated_at__gte=since, escalated_at__lt=until)),
        "active_now": Count("pk", filter=Q(status__in=ACTIVE_STATUSES)),
        "overdue_now": Count("pk", filter=Q(status__in=ACTIVE_STATUSES, due_at__lt=timezone.now())),
    }
    for name in BEHAVIOURS:
        values[f"b_{name}"] = Count("pk", filter=opened & Q(categories__contains=f",{name},"))
    for name in STRANDS:
        values[f"s_{name}"] = Count("pk", filter=opened & Q(prejudice__contains=f",{name},"))
    for index, (_, start, end) in enumerate(month_bounds(period) if period else []):
        in_month = Q(opened_at__gte=start, opened_at__lt=end)
        values[f"m_{index}"] = Count("pk", filter=in_month)
        values[f"mp_{index}"] = Count("pk", filter=in_month & ~Q(prejudice=""))
    return values


def _response_figures(
    cases: QuerySet[Case], case_settings: CaseSettings, since: datetime, until: datetime
) -> dict[str, Any]:
    """Time to first response (triage) and to closure, and how many were triaged within the due time
    (cases.timing.response_due): urgent cases within the urgent minutes; others by the end of the next
    working day in local time (Friday's, Saturday's and Sunday's by Monday's end). Uses the case's
    urgency as it stands now. All in SQL (`insights.sql`), no per-row Python."""
    tz = timezone.get_current_timezone()
    offsets = sql.utc_offsets(since, until + timedelta(days=40), tz)
    day_ends = case_settings.working_day_ends
    day_ends_fraction = (day_ends.hour * 60 + day_ends.minute) / 1440
    annotated = cases.annotate(
        taken=sql.days_between("opened_at", "triaged_at"),
        to_close=sql.days_between("opened_at", "closed_at"),
        opened_local=sql.local_julian("opened_at", offsets),
        triaged_local=sql.local_julian("triaged_at", offsets),
    ).annotate(opened_day=sql.FloorInt(F("opened_local") + Value(0.5)))
    annotated = annotated.annotate(
        due_local=F("opened_day") - Value(0.5) + sql.DaysToNextWorkingDay(F("opened_day")) + Value(day_ends_fraction)
    )
    triaged = Q(triaged_at__isnull=False)
    met = Q(urgent=True, taken__lte=case_settings.urgent_due_minutes / 1440) | Q(
        urgent=False, triaged_local__lte=F("due_local")
    )
    closed = Q(closed_at__isnull=False, merged_into__isnull=True)
    found = annotated.aggregate(
        triaged=Count("pk", filter=triaged),
        met=Count("pk", filter=triaged & met),
        avg_response=Avg("taken", filter=triaged),
        closed=Count("pk", filter=closed),
        avg_close=Avg("to_close", filter=closed),
        within_hour=Count("pk", filter=triaged & Q(taken__lte=1 / 24)),
        within_day=Count("pk", filter=triaged & Q(taken__lte=1)),
    )
    avg_response, avg_close = found.pop("avg_response"), found.pop("avg_close")
    found["avg_response_hours"] = None if avg_response is None else round(avg_response * 24, 1)
    found["avg_close_days"] = None if avg_close is None else round(avg_close, 1)
    found["met_percent"] = round(100 * found["met"] / found["triaged"]) if found["triaged"] else None
    return found


def _hours(value: timedelta | None) -> float | None:
    return None if value is None else round(value.total_seconds() / 3600, 1)


def _days(value: timedelta | None) -> float | None:
    return None if value is None else round(value.total_seconds() / 86400, 1)


def _labelled(counts: dict[str, int], labels: dict[str, str]) -> dict[str, int]:
    named: dict[str, int] = {}
    for value, n in counts.items():  # one per platform or channel
        label = labels.get(value, value) if value else NOT_RECORDED
        named[label] = named.get(label, 0) + n
    return dict(sorted(named.items(), key=lambda item: (-item[1], item[0])))


def _platforms_and_channels(cases: QuerySet[Case]) -> tuple[dict[str, int], dict[str, int]]:
    """Cases by platform and by channel, from one GROUP BY of both: at most platforms x channels rows
    come back (the vocabularies', not the cases'), and each side is the sum over the other."""
    platforms: dict[str, int] = {}
    channels: dict[str, int] = {}
    for platform, channel, n in (
        cases.order_by().values("platform", "channel").annotate(n=Count("pk")).values_list("platform", "channel", "n")
    ):
        platforms[platform] = platforms.get(platform, 0) + n
        channels[channel] = channels.get(channel, 0) + n
    return _labelled(platforms, PLATFORM_LABELS), _labelled(channels, CHANNEL_LABELS)


def _grouped(cases: QuerySet[Case], field_name: str, labels: dict[str, str]) -> dict[str, int]:
    rows = cases.order_by().values(field_name).annotate(n=Count("pk")).values_list(field_name, "n")
    counts = {labels.get(value, value) if value else NOT_RECORDED: n for value, n in rows}
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


_PARTIES_SQL = """
WITH p AS (
    SELECT role, person_id, identifier_key, case_id FROM {party}
    WHERE organisation_id = %s AND role IN (%s, %s) AND case_id IN ({cases})
),
g AS (
    SELECT role, person_id, COUNT(DISTINCT case_id) AS n FROM p
    WHERE person_id IS NOT NULL OR identifier_key <> ''
    GROUP BY role, person_id, CASE WHEN person_id IS NULL THEN identifier_key ELSE '' END
)
SELECT 'repeat', role, '', COUNT(*), SUM(n), '' FROM g WHERE n >= 2 GROUP BY role
UNION ALL
SELECT 'year', '', person.year_group, COUNT(DISTINCT p.case_id), 0, '' FROM p
    JOIN {person} person ON person.id = p.person_id WHERE p.role = %s GROUP BY person.year_group
UNION ALL
SELECT 'top', r.role, CAST(r.person_id AS VARCHAR(20)), r.n, r.place, person.first_name || ' ' || person.last_name
    FROM (
        SELECT role, person_id, n, ROW_NUMBER() OVER (PARTITION BY role ORDER BY n DESC, person_id) AS place
        FROM g WHERE person_id IS NOT NULL AND n >= 2
    ) r JOIN {person} person ON person.id = r.person_id WHERE r.place <= %s
"""


def _parties(
    *, organisation_id: int, in_period: QuerySet[Case], list_people: bool
) -> tuple[dict[str, int], list[Repeat]]:
    """Targets by year group, and repeat targets and alleged perpetrators, from the parties of the
    cases opened in the period, in one query. Each party is read once (`p`), each person or handle
    grouped once (`g`), and three summaries come back: per role, how many people (on the people list,
    or known by an identifier only) are in two or more cases and how many cases those are; per year
    group, how many cases have a target in it; and (DSL only) the 20 people in most cases. Written as
    SQL because the ORM cannot reuse one filtered set of rows for three groupings, and filtering the
    parties by the period's cases is what costs (measured in bench/insights.py); it runs on SQLite
    (3.25+) and PostgreSQL alike."""
    cases_sql, cases_params = in_period.order_by().values("pk").query.sql_with_params()
    query = _PARTIES_SQL.format(party=CaseParty._meta.db_table, person=Person._meta.db_table, cases=cases_sql)
    roles = (PartyRole.TARGET, PartyRole.ALLEGED_PERPETRATOR)
    params = [organisation_id, *roles, *cases_params, PartyRole.TARGET, 20 if list_people else 0]
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        rows = cursor.fetchall()
    year_groups: dict[str, int] = {}
    found = {role: Repeat(role=role, people=0, cases=0) for role in roles}
    for kind, role, key, n, extra, name in rows:  # a handful of summary rows, not cases
        if kind == "year":
            year_groups[key or NOT_RECORDED] = year_groups.get(key or NOT_RECORDED, 0) + int(n)
        elif kind == "repeat":
            found[role].people, found[role].cases = int(n), int(extra or 0)
        else:
            found[role].listed.append(
                {
                    "person_id": int(key),
                    "name": (name or "").strip() or f"Person {key}",
                    "cases": int(n),
                    "place": int(extra),
                }
            )
    for repeat in found.values():
        repeat.listed = [
            {k: v for k, v in row.items() if k != "place"} for row in sorted(repeat.listed, key=lambda r: r["place"])
        ]
    return dict(sorted(year_groups.items())), [found[role] for role in roles]


# The headline figures and the column of `_headline_and_months` each is summed from.
HEADLINE = {
    "opened": "n",
    "prejudice_related": "n_prejudice",
    "urgent": "n_urgent",
    "closed": "n_closed",
    "reviewed": "n_reviewed",
    "escalated": "n_escalated",
    "active_now": "n_active",
    "overdue_now": "n_overdue",
}
OPENED_IN_PERIOD = frozenset({"opened", "prejudice_related", "urgent"})


def _opened_month(period: Period) -> When_:
    """The index of the month of the period the case was opened in, or -1 outside the period: one
    CASE of at most 14 comparisons per row, so the months are one GROUP BY, not a count per month."""
    since, _ = bounds(period)
    whens = [When(opened_at__lt=since, then=Value(-1))]
    whens += [When(opened_at__lt=end, then=Value(i)) for i, (_, _, end) in enumerate(month_bounds(period))]
    return When_(*whens, default=Value(-1), output_field=IntegerField())


def _headline_and_months(cases: QuerySet[Case], period: Period) -> dict[str, int]:
    """The headline counts and the cases opened each month, in one query: the database counts the
    cases grouped by the month they were opened in, so at most 14 rows come back (a period of a
    year and a day touches 13 months, and one row is the cases opened outside the period)."""
    since, until = bounds(period)
    grouped = (
        cases.annotate(bucket=_opened_month(period))
        .order_by()
        .values("bucket")
        .annotate(
            n=Count("pk"),
            n_prejudice=Count("pk", filter=~Q(prejudice="")),
            n_urgent=Count("pk", filter=Q(risk="urgent")),
            n_closed=Count("pk", filter=Q(closed_at__gte=since, closed_at__lt=until, merged_into__isnull=True)),
            n_reviewed=Count("pk", filter=Q(reviewed_at__gte=since, reviewed_at__lt=until)),
            n_escalated=Count("pk", filter=Q(escalated_at__gte=since, escalated_at__lt=until)),
            n_active=Count("pk", filter=Q(status__in=ACTIVE_STATUSES)),
            n_overdue=Count("pk", filter=Q(status__in=ACTIVE_STATUSES, due_at__lt=timezone.now())),
        )
    )
    found = dict.fromkeys(HEADLINE, 0)
    for index in range(len(months(period))):
        found[f"m_{index}"] = found[f"mp_{index}"] = 0
    for row in grouped:  # one row per month of the period, and one for the cases opened outside it
        bucket = row["bucket"]
        for key, column in HEADLINE.items():
            if bucket >= 0 or key not in OPENED_IN_PERIOD:
                found[key] += row[column]
        if bucket >= 0:
            found[f"m_{bucket}"], found[f"mp_{bucket}"] = row["n"], row["n_prejudice"]
    return found


def _tag_counts(opened: QuerySet[Case]) -> dict[str, int]:
    """Cases by behaviour (b_NAME) and prejudice strand (s_NAME): the cases are grouped by their packed
    tags (a few hundred combinations at most, whatever the number of cases), then each tag's count is
    summed over the combinations holding it, both by the database."""
    grouped = opened.order_by().values("categories", "prejudice").annotate(n=Count("pk"))
    sums: dict[str, Any] = {f"b_{name}": Sum("n", filter=Q(categories__contains=f",{name},")) for name in BEHAVIOURS}
    sums.update({f"s_{name}": Sum("n", filter=Q(prejudice__contains=f",{name},")) for name in STRANDS})
    return {key: int(value or 0) for key, value in grouped.aggregate(**sums).items()}


def organisation_figures(
    *, organisation_id: int, period: Period, list_people: bool = False, summary_only: bool = False
) -> Figures:
    """`summary_only`: the headline, behaviours, strands and months only (two queries), for "the period before"."""
    since, until = bounds(period)
    org_cases = Case.objects.filter(organisation_id=organisation_id)
    in_period = org_cases.filter(opened_at__gte=since, opened_at__lt=until)
    agg = _headline_and_months(org_cases.filter(_touched(since, until)), period)
    agg.update(_tag_counts(in_period))
    monthly = [(month, agg[f"m_{i}"], agg[f"mp_{i}"]) for i, month in enumerate(months(period))]
    headline = {k: v for k, v in agg.items() if not k.startswith(("b_", "s_", "m_", "mp_"))}
    if summary_only:
        return Figures(
            period=period, headline=headline, monthly=monthly,
            behaviours={name: agg[f"b_{name}"] for name in BEHAVIOURS}, strands={name: agg[f"s_{name}"] for name in STRANDS},
            platforms={}, channels={}, year_groups={}, outcomes={}, response={}, duties=[], reviews={},
        )  # fmt: skip
    platforms, channels = _platforms_and_channels(in_period)
    year_groups, repeats = _parties(organisation_id=organisation_id, in_period=in_period, list_people=list_people)
    closed = org_cases.filter(closed_at__gte=since, closed_at__lt=until, merged_into__isnull=True)
    outcome_labels = dict(Case._meta.get_field("outcome").choices or [])
    case_settings = case_settings_for(organisation_id=organisation_id)
    duty_rows = (
        DutyDecision.objects.filter(case__organisation_id=organisation_id, decided_at__gte=since, decided_at__lt=until)
        .order_by()
        .values("duty")
        .annotate(
            n_proposed=Count("case_id", distinct=True, filter=Q(proposed=True)),
            n_accepted=Count("case_id", distinct=True, filter=Q(accepted=True)),
            n_declined=Count("case_id", distinct=True, filter=Q(accepted=False)),
            n_chosen=Count("case_id", distinct=True, filter=Q(proposed=False)),
        )
        .order_by("duty")
    )
    duties = [
        {"duty": row["duty"], "proposed": row["n_proposed"], "accepted": row["n_accepted"],
         "declined": row["n_declined"], "chosen": row["n_chosen"]}
        for row in duty_rows
    ]  # fmt: skip
    reviewed = org_cases.filter(reviewed_at__gte=since, reviewed_at__lt=until)
    review_counts = reviewed.aggregate(
        reviewed=Count("pk"),
        **{key: Count("pk", filter=Q(review__has_key=key) & ~Q(**{f"review__{key}": ""})) for key in REVIEW_QUESTIONS},
    )
    return Figures(
        period=period,
        headline=headline,
        monthly=monthly,
        behaviours={name: agg[f"b_{name}"] for name in BEHAVIOURS},
        strands={name: agg[f"s_{name}"] for name in STRANDS},
        platforms=platforms,
        channels=channels,
        year_groups=year_groups,
        outcomes={outcome_labels.get(k, k): v for k, v in _grouped(closed, "outcome", {}).items()},
        response=_response_figures(in_period, case_settings, since, until),
        duties=duties,
        reviews=review_counts,
        repeats=repeats,
    )


def review_changes(
    *, organisation_id: int, period: Period, hide_playbooks: frozenset[str], limit: int = 10
) -> list[dict[str, Any]]:
    """What post-incident reviews said should change (policies, teaching): the latest few."""
    since, until = bounds(period)
    rows = (
        Case.objects.filter(organisation_id=organisation_id, reviewed_at__gte=since, reviewed_at__lt=until)
        .exclude(playbook__in=hide_playbooks)
        .order_by("-reviewed_at")
        .values("pk", "number", "reviewed_at", "review")[: limit * 3]
    )
    found = []
    for row in rows:  # at most 3 x limit rows, not the organisation's cases
        review = row["review"] or {}
        policies, education = (review.get("policies") or "").strip(), (review.get("education") or "").strip()
        if policies or education:
            found.append({**row, "policies": policies, "education": education})
        if len(found) == limit:
            break
    return found


# --- The area view -------------------------------------------------------------------------------

AREA_MEASURES = ("opened", "prejudice_related", "urgent", "closed", "escalated", "overdue_now")


@dataclass
class AreaRaw:
    organisations: list[tuple[int, str]]
    measures: dict[int, dict[str, int]]  # organisation id -> measure -> count
    behaviours: dict[int, dict[str, int]]
    strands: dict[int, dict[str, int]]
    monthly: list[tuple[date, int]]
    response_hours: float | None
    escalated_open: int


def area_figures(*, authority_id: int, period: Period) -> AreaRaw:
    """Raw counts for the authority's organisations: suppressed by `insights.area` before anyone sees them."""
    since, until = bounds(period)
    organisations = list(
        Organisation.objects.filter(authority_id=authority_id).order_by("name").values_list("pk", "name")
    )
    cases = Case.objects.filter(organisation__authority_id=authority_id)
    rows = (
        cases.filter(_touched(since, until))
        .order_by()
        .values("organisation_id")
        .annotate(**_headline_aggregates(since, until))
    )
    measures: dict[int, dict[str, int]] = {pk: dict.fromkeys(AREA_MEASURES, 0) for pk, _ in organisations}
    behaviours: dict[int, dict[str, int]] = {pk: dict.fromkeys(BEHAVIOURS, 0) for pk, _ in organisations}
    strands: dict[int, dict[str, int]] = {pk: dict.fromkeys(STRANDS, 0) for pk, _ in organisations}
    for row in rows:  # one row per organisation
        pk = row["organisation_id"]
        measures[pk] = {name: row[name] for name in AREA_MEASURES}
        behaviours[pk] = {name: row[f"b_{name}"] for name in BEHAVIOURS}
        strands[pk] = {name: row[f"s_{name}"] for name in STRANDS}
    in_period = cases.filter(opened_at__gte=since, opened_at__lt=until)
    per_month = in_period.aggregate(
        **{
            f"m_{i}": Count("pk", filter=Q(opened_at__gte=a, opened_at__lt=b))
            for i, (_, a, b) in enumerate(month_bounds(period))
        }
    )
    taken = in_period.filter(triaged_at__isnull=False).aggregate(avg=Avg(sql.days_between("opened_at", "triaged_at")))[
        "avg"
    ]
    escalated_open = Case.objects.filter(
        escalated_authority_id=authority_id, organisation__authority_id=authority_id, status__in=ACTIVE_STATUSES
    ).count()
    return AreaRaw(
        organisations=organisations,
        measures=measures,
        behaviours=behaviours,
        strands=strands,
        monthly=[(month, per_month[f"m_{i}"]) for i, month in enumerate(months(period))],
        response_hours=None if taken is None else round(taken * 24, 1),
        escalated_open=escalated_open,
    )
