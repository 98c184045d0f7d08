"""Reading figures. Every figure is aggregated by the database (Count/Avg with filters, TruncMonth,
GROUP BY): the number of queries does not grow with the number of cases, and no row is looped over
in Python. Nothing here writes.

Which dates count: a case counts in a period by when it was opened (`opened_at`); "closed" and
"reviewed" figures count cases by when they were closed or reviewed; "overdue now" is at the moment
of asking, whatever the period.
"""

# ruff: noqa: S608  (the SQL here is built from table and column names and placeholders; every value
# goes in as a parameter)
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from upstander.accounts.models import Organisation
from upstander.cases.models import ACTIVE_STATUSES, Case, CaseParty, CaseSettings, DutyDecision, PartyRole
from upstander.cases.selectors import case_settings_for
from upstander.cases.services import REVIEW_QUESTIONS
from upstander.cases.taxonomy import BEHAVIOUR_LABELS, PREJUDICE_LABELS
from upstander.insights import sql, terms
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


# The figures below are counted by queries written here as SQL (run on SQLite and PostgreSQL alike,
# with `insights.sql` for the few expressions that differ): a handful of queries per page whatever
# the number of cases, each reading an index of the cases (`case_insights_idx`, `case_tags_idx`,
# `case_platform_idx`: cases/models.py) rather than the cases' rows, and none built through the ORM's
# expressions, whose compiling cost as much as some queries.
CASES = Case._meta.db_table
ORGANISATIONS = Organisation._meta.db_table
ACTIVE = f"status IN ({', '.join(['%s'] * len(ACTIVE_STATUSES))})"


def _rows(query: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


def _in_range(column: str, since: datetime, until: datetime) -> tuple[str, list[Any]]:
    return f"{column} >= %s AND {column} < %s", [sql.moment(since), sql.moment(until)]


def _whose(organisation_id: int | None, authority_id: int | None, table: str = "") -> tuple[str, list[Any]]:
    """The cases of one organisation, or of every organisation of an authority."""
    column = f"{table}.organisation_id" if table else "organisation_id"
    if authority_id is not None:
        return f"{column} IN (SELECT id FROM {ORGANISATIONS} WHERE authority_id = %s)", [authority_id]
    return f"{column} = %s", [organisation_id]


# The headline figures. The first three count the cases opened in the period (`_opened_counts`), the
# others by their own dates or by the status now (`_dated_counts`).
HEADLINE = ("opened", "prejudice_related", "urgent", "closed", "reviewed", "escalated", "active_now", "overdue_now")
DATED = ("closed", "reviewed", "escalated")
NOW = ("active_now", "overdue_now")
BEFORE = -1  # the index of the period before, among the spans `_opened_counts` counts


def _opened_counts(spans: list[tuple[int, datetime, datetime]], *, organisation_id: int | None = None,
                   authority_id: int | None = None) -> dict[int, dict[int, tuple[int, int, int]]]:  # fmt: skip
    """The cases opened in each span (index, since, until), with how many of them are prejudice-related
    and assessed urgent, per organisation: organisation id -> index -> (opened, prejudice-related,
    urgent). One query: the spans are a VALUES list joined to the cases, so each span is a range search
    of `case_insights_idx` (organisation, opened_at) that reads only the cases opened in it, and no CASE
    of the date is worked out per case; the database then counts each span's cases (SQLite sorts the
    rows found by span, fewer and narrower rows than the CASE's grouping sorted). The months of a
    period and the period before are spans of one query."""
    values = ", ".join(["(%s, %s, %s)"] * len(spans))
    params: list[Any] = [x for index, since, until in spans for x in (index, sql.moment(since), sql.moment(until))]
    which, which_params = _whose(organisation_id, authority_id, "c")
    query = (
        f"WITH spans (i, since, until) AS (VALUES {values}) "
        "SELECT c.organisation_id, spans.i, COUNT(*), COUNT(*) FILTER (WHERE c.prejudice <> ''), "
        f"COUNT(*) FILTER (WHERE c.risk = %s) FROM spans JOIN {CASES} c ON {which} "
        "AND c.opened_at >= spans.since AND c.opened_at < spans.until GROUP BY c.organisation_id, spans.i"
    )
    found: dict[int, dict[int, tuple[int, int, int]]] = {}
    for organisation, index, *counts in _rows(query, [*params, "urgent", *which_params]):  # a row per org and span
        opened, prejudice, urgent = (int(n) for n in counts)
        found.setdefault(organisation, {})[index] = (opened, prejudice, urgent)
    return found


def _dated_counts(ranges: list[tuple[str, datetime, datetime]], names: tuple[str, ...], *,
                  organisation_id: int | None = None, authority_id: int | None = None
                  ) -> dict[int, dict[str, int]]:  # fmt: skip
    """Per organisation, those of `names` asked for: for each range (prefix, since, until), the cases
    closed (not merged), reviewed and escalated in it (`DATED`, by those dates, whenever the case was
    opened), keyed PREFIX + name; and the cases active now and overdue now (`NOW`). One pass over the
    organisation's entries of `case_insights_idx`, which holds every column read; each count is one
    more comparison a case, so only those shown are counted (the area view shows four of the eight)."""
    conditions = {
        "closed": ("closed_at", " AND merged_into_id IS NULL"),
        "reviewed": ("reviewed_at", ""),
        "escalated": ("escalated_at", ""),
    }
    keys, columns, params = [], [], []
    for prefix, since, until in ranges:
        for name in (name for name in DATED if name in names):
            column, extra = conditions[name]
            text, values = _in_range(column, since, until)
            keys.append(prefix + name)
            columns.append(f"COUNT(*) FILTER (WHERE {text}{extra})")
            params += values
    if "active_now" in names:
        keys.append("active_now")
        columns.append(f"COUNT(*) FILTER (WHERE {ACTIVE})")
        params += ACTIVE_STATUSES
    if "overdue_now" in names:
        keys.append("overdue_now")
        columns.append(f"COUNT(*) FILTER (WHERE {ACTIVE} AND due_at < %s)")
        params += [*ACTIVE_STATUSES, sql.moment(timezone.now())]
    which, which_params = _whose(organisation_id, authority_id)
    query = f"SELECT organisation_id, {', '.join(columns)} FROM {CASES} WHERE {which} GROUP BY organisation_id"
    return {
        organisation: dict(zip(keys, (int(n) for n in counts), strict=True))
        for organisation, *counts in _rows(query, [*params, *which_params])
    }


def _headline_and_months(period: Period, previous: Period | None = None, *, organisation_id: int | None = None,
                         authority_id: int | None = None, previous_dated: bool = False,
                         names: tuple[str, ...] = HEADLINE) -> dict[int, tuple[dict[str, int], dict[str, int]]]:  # fmt: skip
    """Per organisation (one, or each of an authority's): the period's headline counts (`names`, of
    `HEADLINE`) with the cases opened each month (m_INDEX, and mp_INDEX for the prejudice-related
    ones), and the period before's opened, prejudice-related and urgent cases (with `previous_dated`,
    its `DATED` counts too; empty without `previous`). Two queries whatever the number of cases or
    months."""
    spans = [(i, start, end) for i, (_, start, end) in enumerate(month_bounds(period))]
    if previous is not None:
        spans.append((BEFORE, *bounds(previous)))
    ranges = [("", *bounds(period))]
    if previous is not None and previous_dated:
        ranges.append(("before_", *bounds(previous)))
    opened = _opened_counts(spans, organisation_id=organisation_id, authority_id=authority_id)
    dated = _dated_counts(ranges, names, organisation_id=organisation_id, authority_id=authority_id)
    organisations = set(opened) | set(dated) | ({organisation_id} if organisation_id is not None else set())
    found = {}
    for organisation in organisations:  # one, or the authority's organisations
        by_span = opened.get(organisation, {})
        counts = dated.get(organisation, {})
        now = {"opened": 0, "prejudice_related": 0, "urgent": 0}
        for index in range(len(spans) - (previous is not None)):
            n, prejudice, urgent = by_span.get(index, (0, 0, 0))
            now |= {f"m_{index}": n, f"mp_{index}": prejudice}
            now["opened"], now["prejudice_related"], now["urgent"] = (
                now["opened"] + n, now["prejudice_related"] + prejudice, now["urgent"] + urgent,
            )  # fmt: skip
        now |= {name: counts.get(name, 0) for name in (*DATED, *NOW) if name in names}
        before: dict[str, int] = {}
        if previous is not None:
            before = dict(zip(("opened", "prejudice_related", "urgent"), by_span.get(BEFORE, (0, 0, 0)), strict=True))
            if previous_dated:
                before |= {name: counts.get(f"before_{name}", 0) for name in DATED if name in names}
        found[organisation] = (now, before)
    return found


def _tag_counts(period: Period, previous: Period | None = None, *, organisation_id: int | None = None,
                authority_id: int | None = None) -> dict[int, tuple[dict[str, int], dict[str, int]]]:  # fmt: skip
    """Cases opened in the period (and in the period before, or {} without one) by behaviour (b_NAME)
    and prejudice strand (s_NAME), for one organisation or each of an authority's: the cases are grouped
    by their packed tags (a few hundred combinations at most, whatever the number of cases) with a count
    for each period, then each tag's count is summed over the combinations holding it, both by the
    database. The grouping reads `case_tags_idx` (organisation, categories, prejudice, opened_at) in its
    order, every case of the organisation, counting those opened in the periods, so SQLite does not
    sort the cases (sorting the period's cost four times reading them all); the range of opened_at is
    written so that SQLite does not search `case_insights_idx` by it instead (`sql.unsearched`)."""
    since, until = bounds(period)
    periods = [(since, until)] + ([bounds(previous)] if previous is not None else [])
    which, which_params = _whose(organisation_id, authority_id)
    tags = [(f"b_{name}", "categories", name) for name in BEHAVIOURS] + [
        (f"s_{name}", "prejudice", name) for name in STRANDS
    ]
    keys = [key for key, _, _ in tags]
    counts, count_params, sums, sum_params = [], [], [], []
    for p, (start, end) in enumerate(periods):
        text, values = _in_range("opened_at", start, end)
        counts.append(f"COUNT(*) FILTER (WHERE {text}) AS n{p}")
        count_params += values
        for _, column, name in tags:
            sums.append(f"SUM(n{p}) FILTER (WHERE {column} LIKE %s ESCAPE '\\')")
            sum_params.append(f"%,{connection.ops.prep_for_like_query(name)},%")
    opened, opened_params = _in_range(
        sql.unsearched("opened_at"), min(p[0] for p in periods), max(p[1] for p in periods)
    )
    query = (
        f"SELECT organisation_id, {', '.join(sums)} FROM ("
        f"SELECT organisation_id, categories, prejudice, {', '.join(counts)} FROM {CASES} WHERE {which} AND {opened} "
        "GROUP BY organisation_id, categories, prejudice) tags GROUP BY organisation_id"
    )
    found = {}
    for organisation, *values in _rows(query, [*sum_params, *count_params, *which_params, *opened_params]):
        tallies = [dict(zip(keys, (int(v or 0) for v in values[p * len(keys) : (p + 1) * len(keys)]), strict=True))
                   for p in range(len(periods))]  # fmt: skip
        found[organisation] = (tallies[0], tallies[1] if previous is not None else {})
    if organisation_id is not None:
        found.setdefault(organisation_id, (dict.fromkeys(keys, 0), dict.fromkeys(keys, 0) if previous else {}))
    return found


def _response_figures(
    *, organisation_id: int, case_settings: CaseSettings, since: datetime, until: datetime
) -> dict[str, Any]:
    """Time to first response (triage) and to closure, and how many were triaged within the due time
    (cases.timing.response_due): urgent cases within the urgent minutes; others by the end of the next
    working day in local time (Friday's, Saturday's and Sunday's by Monday's end). Uses the case's
    urgency as it stands now. All in SQL (`insights.sql`), no per-row Python: the inner query reads
    each case's times once as Julian days (with the UTC offsets then in force, for local days and
    times; a case closed by merging has no closing time), the outer one counts them, comparing the
    differences in place (one level of subquery: a second one, for the local day, cost a quarter more
    on SQLite, counted with callgrind)."""
    tz = timezone.get_current_timezone()
    offsets = sql.utc_offsets(since, until + timedelta(days=40), tz)
    day_ends = case_settings.working_day_ends
    day_ends_fraction = (day_ends.hour * 60 + day_ends.minute) / 1440
    opened, triaged, closed = (sql.julian_day(column) for column in ("opened_at", "triaged_at", "closed_at"))
    opened_offset, opened_offset_params = sql.local_offset("opened_at", offsets)
    triaged_offset, triaged_offset_params = sql.local_offset("triaged_at", offsets)
    in_period, in_period_params = _in_range("opened_at", since, until)
    times = (
        f"SELECT urgent, {opened} AS opened, {triaged} AS triaged, "
        f"CASE WHEN merged_into_id IS NULL THEN {closed} END AS closed, "
        f"{opened_offset} AS opened_offset, {triaged_offset} AS triaged_offset "
        f"FROM {CASES} WHERE organisation_id = %s AND {in_period}{sql.not_merged()}"
    )
    opened_day = sql.floor_int("opened + opened_offset + 0.5")  # the local day, as a Julian day number
    due_local = f"{opened_day} - 0.5 + {sql.days_to_next_working_day(opened_day)} + %s"
    met = f"CASE WHEN urgent THEN triaged - opened <= %s ELSE triaged + triaged_offset <= {due_local} END"
    query = (
        f"SELECT COUNT(triaged), COUNT(*) FILTER (WHERE {met}), AVG(triaged - opened), "
        "COUNT(closed), AVG(closed - opened), "
        "COUNT(*) FILTER (WHERE triaged - opened <= %s), COUNT(*) FILTER (WHERE triaged - opened <= %s) "
        f"FROM ({times}) times"
    )
    params = [case_settings.urgent_due_minutes / 1440, day_ends_fraction, 1 / 24, 1.0]
    params += [*opened_offset_params, *triaged_offset_params, organisation_id, *in_period_params]
    (triaged_n, met_n, avg_response, closed_n, avg_close, within_hour, within_day), *_ = _rows(query, params)
    return {
        "triaged": triaged_n,
        "met": met_n,
        "closed": closed_n,
        "within_hour": within_hour,
        "within_day": within_day,
        # PostgreSQL averages its numeric Julian days as numeric: read as the ORM's FloatField would.
        "avg_response_hours": None if avg_response is None else round(float(avg_response) * 24, 1),
        "avg_close_days": None if avg_close is None else round(float(avg_close), 1),
        "met_percent": round(100 * met_n / triaged_n) if triaged_n else None,
    }


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
WITH people AS (
    SELECT p.role, p.person_id, COUNT(DISTINCT p.case_id) AS n FROM {party} p
    WHERE p.organisation_id = %s AND p.role IN (%s, %s) AND p.person_id IS NOT NULL AND p.case_id IN ({cases})
    GROUP BY p.role, p.person_id
),
handles AS (
    SELECT p.role, COUNT(DISTINCT p.case_id) AS n FROM {party} p
    WHERE p.organisation_id = %s AND p.role IN (%s, %s) AND p.identifier_key > '' AND p.person_id IS NULL
        AND p.case_id IN ({cases})
    GROUP BY p.role, p.identifier_key
),
shared AS (
    SELECT case_id FROM {party} WHERE organisation_id = %s AND role = %s AND person_id IS NOT NULL
    GROUP BY case_id HAVING MIN(person_id) < MAX(person_id)
),
twice AS (
    SELECT person.year_group, COUNT(DISTINCT p.person_id) - 1 AS extra FROM shared
    JOIN {party} p ON p.case_id = shared.case_id
    JOIN {case} c ON c.id = p.case_id
    JOIN {person} person ON person.id = p.person_id
    WHERE p.role = %s AND p.person_id IS NOT NULL AND {opened}
    GROUP BY p.case_id, person.year_group
)
SELECT 'repeat', role, '', COUNT(*), SUM(n), '' FROM (
    SELECT role, n FROM people WHERE n >= 2 UNION ALL SELECT role, n FROM handles WHERE n >= 2
) repeated GROUP BY role
UNION ALL
SELECT 'year', '', year_group, SUM(n), 0, '' FROM (
    SELECT person.year_group, people.n FROM people JOIN {person} person ON person.id = people.person_id
    WHERE people.role = %s
    UNION ALL SELECT year_group, -extra FROM twice
) years GROUP BY year_group
UNION ALL
SELECT 'top', r.role, CAST(r.person_id AS VARCHAR(20)), r.n, r.place, person.first_name || ' ' || person.last_name
    FROM (
        SELECT role, person_id, n, ROW_NUMBER() OVER (PARTITION BY role ORDER BY n DESC, person_id) AS place
        FROM people WHERE n >= 2
    ) r JOIN {person} person ON person.id = r.person_id WHERE r.place <= %s
"""


def _parties(
    *, organisation_id: int, since: datetime, until: datetime, list_people: bool
) -> tuple[dict[str, int], list[Repeat]]:
    """Targets by year group, and repeat targets and alleged perpetrators, from the parties of the
    cases opened in the period, in one query: per role, how many people (on the people list, or known
    by an identifier only) are in two or more cases and how many cases those are; per year group,
    how many cases have a target in it; and (DSL only) the 20 people in most cases.

    Each party is matched to the period once: the people and the identifiers are grouped apart, each
    read from an index that holds its columns in the order grouped (the person, or the identifier,
    then the case: cases/models.py), so neither sorts the parties, and each party's case is looked for
    in the list of the period's cases (joining the cases by primary key instead took fewer
    instructions but more time on SQLite, its lookups landing all over the cases' table: measured
    with bench/insights.py). The year groups are added up from the people's counts (one lookup a
    person, not a party), less what that counts twice: a case with two targets in one year group,
    found among the few cases with two or more targets (the measured alternative, a third pass over
    the targets joined to their people, cost a third of the query). Written as SQL because the ORM
    cannot share one list of groupings between summaries; it runs on SQLite (3.25+) and PostgreSQL
    alike."""
    opened, opened_params = _in_range("c.opened_at", since, until)
    in_period, in_period_params = _in_range("opened_at", since, until)
    cases = f"SELECT id FROM {CASES} WHERE organisation_id = %s AND {in_period}"
    cases_params = [organisation_id, *in_period_params]
    query = _PARTIES_SQL.format(
        party=CaseParty._meta.db_table, case=CASES, person=Person._meta.db_table, cases=cases, opened=opened
    )
    roles = (PartyRole.TARGET, PartyRole.ALLEGED_PERPETRATOR)
    params = [organisation_id, *roles, *cases_params, organisation_id, *roles, *cases_params]
    params += [organisation_id, PartyRole.TARGET, PartyRole.TARGET, *opened_params]
    params += [PartyRole.TARGET, 20 if list_people else 0]
    rows = _rows(query, params)
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


def organisation_figures(*, organisation_id: int, period: Period, list_people: bool = False) -> Figures:
    return _organisation_figures(organisation_id=organisation_id, period=period, list_people=list_people)[0]


def organisation_figures_compared(
    *, organisation_id: int, period: Period, list_people: bool = False, previous_dated: bool = False
) -> tuple[Figures, Figures]:
    """The period's figures, and those of the period before (`terms.previous_range`) that the pages
    compare with: its cases opened, prejudice-related and urgent, its behaviours and strands (and with
    `previous_dated`, its cases closed, reviewed and escalated: the termly report's table). The period
    before is counted by the period's own queries (one more span, one more count per tag combination),
    not by queries of its own; its other figures are left empty."""
    current, previous = _organisation_figures(
        organisation_id=organisation_id,
        period=period,
        list_people=list_people,
        previous=terms.previous_range(period),
        previous_dated=previous_dated,
    )
    assert previous is not None
    return current, previous


def _organisation_figures(
    *,
    organisation_id: int,
    period: Period,
    list_people: bool,
    previous: Period | None = None,
    previous_dated: bool = False,
) -> tuple[Figures, Figures | None]:
    since, until = bounds(period)
    org_cases = Case.objects.filter(organisation_id=organisation_id)
    in_period = org_cases.filter(opened_at__gte=since, opened_at__lt=until)
    headline, headline_before = _headline_and_months(
        period, previous, organisation_id=organisation_id, previous_dated=previous_dated
    )[organisation_id]
    tags, tags_before = _tag_counts(period, previous, organisation_id=organisation_id)[organisation_id]
    monthly = [(month, headline.pop(f"m_{i}"), headline.pop(f"mp_{i}")) for i, month in enumerate(months(period))]
    before = None
    if previous is not None:
        before = Figures(
            period=previous, headline=headline_before, monthly=[],
            behaviours={name: tags_before[f"b_{name}"] for name in BEHAVIOURS},
            strands={name: tags_before[f"s_{name}"] for name in STRANDS},
            platforms={}, channels={}, year_groups={}, outcomes={}, response={}, duties=[], reviews={},
        )  # fmt: skip
    platforms, channels = _platforms_and_channels(in_period)
    year_groups, repeats = _parties(organisation_id=organisation_id, since=since, until=until, list_people=list_people)
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
        behaviours={name: tags[f"b_{name}"] for name in BEHAVIOURS},
        strands={name: tags[f"s_{name}"] for name in STRANDS},
        platforms=platforms,
        channels=channels,
        year_groups=year_groups,
        outcomes={outcome_labels.get(k, k): v for k, v in _grouped(closed, "outcome", {}).items()},
        response=_response_figures(
            organisation_id=organisation_id, case_settings=case_settings, since=since, until=until
        ),
        duties=duties,
        reviews=review_counts,
        repeats=repeats,
    ), before


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
    counted = _headline_and_months(period, authority_id=authority_id, names=AREA_MEASURES)
    headline = {pk: now for pk, (now, _) in counted.items()}
    tags = {pk: now for pk, (now, _) in _tag_counts(period, authority_id=authority_id).items()}
    measures: dict[int, dict[str, int]] = {pk: dict.fromkeys(AREA_MEASURES, 0) for pk, _ in organisations}
    behaviours: dict[int, dict[str, int]] = {pk: dict.fromkeys(BEHAVIOURS, 0) for pk, _ in organisations}
    strands: dict[int, dict[str, int]] = {pk: dict.fromkeys(STRANDS, 0) for pk, _ in organisations}
    per_month = dict.fromkeys(range(len(months(period))), 0)
    for pk, counts in headline.items():  # one per organisation with cases to count
        measures[pk] = {name: counts[name] for name in AREA_MEASURES}
        for index in per_month:
            per_month[index] += counts[f"m_{index}"]
    for pk, counts in tags.items():
        behaviours[pk] = {name: counts[f"b_{name}"] for name in BEHAVIOURS}
        strands[pk] = {name: counts[f"s_{name}"] for name in STRANDS}
    in_period = cases.filter(opened_at__gte=since, opened_at__lt=until)
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
        monthly=[(month, per_month[i]) for i, month in enumerate(months(period))],
        response_hours=None if taken is None else round(taken * 24, 1),
        escalated_open=escalated_open,
    )
