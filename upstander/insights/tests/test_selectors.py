"""The figures: counted by the database, right, and in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from upstander.accounts.models import Organisation
from upstander.cases.models import Case, CaseParty, DutyDecision, PartyRole
from upstander.insights import selectors, terms
from upstander.people.models import Person

LONDON = ZoneInfo("Europe/London")
AUTUMN = terms.term("2026-autumn")


def at(day: int, hour: int, month: int = 10) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=LONDON)


@pytest.fixture
def autumn_cases(make_case: Callable[..., Case], pupil: Person, org: Organisation) -> list[Case]:
    other = Person.objects.create(organisation=org, first_name="Other", year_group="Year 7")
    return [
        make_case(
            opened=at(5, 10),
            categories=["insult"],
            prejudice=["racist"],
            target=pupil,
            platform="tiktok",
            channel="social_media",
        ),
        make_case(
            opened=at(6, 10), categories=["insult", "threat"], target=pupil, perpetrator=other, platform="tiktok"
        ),
        make_case(opened=at(7, 10), categories=["exclusion"], target=other, platform="roblox", channel="gaming"),
        make_case(opened=at(20, 10, month=8), categories=["insult"]),  # August: not in the autumn term
    ]


def test_counts_by_behaviour_strand_platform_and_year_group(autumn_cases: list[Case], org: Organisation) -> None:
    figures = selectors.organisation_figures(organisation_id=org.pk, period=AUTUMN)
    assert figures.headline["opened"] == 3 and figures.headline["prejudice_related"] == 1
    assert (
        figures.behaviours["insult"] == 2 and figures.behaviours["threat"] == 1 and figures.behaviours["exclusion"] == 1
    )
    assert figures.strands["racist"] == 1 and figures.strands["homophobic"] == 0
    assert figures.platforms == {"TikTok": 2, "Roblox": 1}
    assert figures.channels == {"Not recorded": 1, "Online game": 1, "Social media": 1}
    assert figures.year_groups == {"Year 7": 1, "Year 9": 2}
    assert [(m.month, n) for m, n, _ in figures.monthly] == [(9, 0), (10, 3), (11, 0), (12, 0)]


def test_repeat_targets_are_counted_and_named_only_when_asked(
    autumn_cases: list[Case], org: Organisation, pupil: Person
) -> None:
    counted = selectors.organisation_figures(organisation_id=org.pk, period=AUTUMN)
    assert (counted.repeats[0].people, counted.repeats[0].cases, counted.repeats[0].listed) == (1, 2, [])
    named = selectors.organisation_figures(organisation_id=org.pk, period=AUTUMN, list_people=True)
    assert named.repeats[0].listed == [{"person_id": pupil.pk, "name": "Zephyrine Quibble", "cases": 2}]


def test_a_case_counts_once_in_a_year_group_however_many_of_its_targets_are_in_it(
    make_case: Callable[..., Case], org: Organisation, pupil: Person
) -> None:
    classmate = Person.objects.create(organisation=org, first_name="Classmate", year_group="Year 9")
    younger = Person.objects.create(organisation=org, first_name="Younger", year_group="Year 7")
    shared = make_case(opened=at(5, 10), target=pupil)  # with a classmate and a younger pupil
    for person in (classmate, younger):
        CaseParty.objects.create(case=shared, organisation=org, role=PartyRole.TARGET, person=person)
    make_case(opened=at(6, 10), target=classmate)
    make_case(opened=at(20, 10, month=8), target=pupil)  # August: not in the autumn term
    figures = selectors.organisation_figures(organisation_id=org.pk, period=AUTUMN)
    assert figures.year_groups == {"Year 7": 1, "Year 9": 2}
    targets = figures.repeats[0]
    assert (targets.people, targets.cases) == (1, 2)  # the classmate, in two cases


def test_repeat_alleged_perpetrators_known_by_a_handle_are_counted_by_case(
    make_case: Callable[..., Case], org: Organisation
) -> None:
    for day in (5, 6, 7):
        case = make_case(opened=at(day, 10))
        CaseParty.objects.create(
            case=case, organisation=org, role=PartyRole.ALLEGED_PERPETRATOR, identifier="@Sam", identifier_key="h:sam"
        )
    once = make_case(opened=at(8, 10))
    CaseParty.objects.create(
        case=once, organisation=org, role=PartyRole.ALLEGED_PERPETRATOR, identifier="@Kim", identifier_key="h:kim"
    )
    perpetrators = selectors.organisation_figures(organisation_id=org.pk, period=AUTUMN).repeats[1]
    assert (perpetrators.people, perpetrators.cases) == (1, 3)


def test_the_period_before_is_counted_with_the_period(make_case: Callable[..., Case], org: Organisation) -> None:
    make_case(opened=at(5, 10), categories=["insult"], prejudice=["racist"])
    make_case(opened=at(20, 10, month=5), categories=["insult"], prejudice=["racist"])  # summer term
    make_case(opened=at(21, 10, month=5), categories=["threat"], closed_at=at(5, 10))  # closed in the autumn
    current, before = selectors.organisation_figures_compared(organisation_id=org.pk, period=AUTUMN)
    assert before.period == terms.term("2026-summer")
    assert (current.headline["opened"], current.headline["closed"]) == (1, 1)
    assert (before.headline["opened"], before.headline["prejudice_related"]) == (2, 1)
    assert before.behaviours["insult"] == 1 and before.behaviours["threat"] == 1 and before.strands["racist"] == 1
    assert current.behaviours["threat"] == 0
    _, reported = selectors.organisation_figures_compared(organisation_id=org.pk, period=AUTUMN, previous_dated=True)
    assert reported.headline["closed"] == 0


@pytest.mark.parametrize(
    ("opened", "triaged", "urgent", "met"),
    [
        (at(5, 10), at(6, 16), False, True),  # Monday -> Tuesday before 17:00
        (at(5, 10), at(6, 18), False, False),  # Tuesday after 17:00
        (at(9, 16), at(12, 16, 10), False, True),  # Friday -> Monday
        (at(9, 16), at(13, 9), False, False),  # Friday -> Tuesday
        (at(5, 10), at(5, 10) + timedelta(minutes=50), True, True),
        (at(5, 10), at(5, 10) + timedelta(minutes=70), True, False),
    ],
)
def test_first_response_is_measured_against_the_organisations_due_time(
    make_case: Callable[..., Case],
    org: Organisation,
    opened: datetime,
    triaged: datetime,
    urgent: bool,
    met: bool,
    settings: Any,
) -> None:
    settings.TIME_ZONE = "Europe/London"
    make_case(opened=opened, triaged_at=triaged, urgent=urgent)
    response = selectors.organisation_figures(organisation_id=org.pk, period=AUTUMN).response
    assert (response["triaged"], response["met"]) == (1, int(met))


def test_duties_proposed_and_accepted_count_cases(autumn_cases: list[Case], org: Organisation) -> None:
    first, second = autumn_cases[:2]
    for case, accepted in ((first, True), (second, False)):
        DutyDecision.objects.create(
            case=case,
            duty="inform_parents",
            accepted=accepted,
            reason="r",
            rules_version="t",
            decided_at=case.opened_at,
        )
    duties = selectors.organisation_figures(organisation_id=org.pk, period=AUTUMN).duties
    assert duties == [{"duty": "inform_parents", "proposed": 2, "accepted": 1, "declined": 1, "chosen": 0}]


def test_the_number_of_queries_does_not_grow_with_the_cases(
    make_case: Callable[..., Case], org: Organisation, pupil: Person
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            selectors.organisation_figures(organisation_id=org.pk, period=AUTUMN, list_people=True)
        return len(captured)

    make_case(opened=at(5, 10), target=pupil)
    few = queries()
    for day in range(1, 25):
        make_case(
            opened=at(day, 11),
            categories=["insult"],
            target=pupil,
            triaged_at=at(day, 15),
            closed_at=at(day, 18),
            outcome="resolved",
        )
    assert queries() == few


def test_another_organisations_cases_are_not_counted(
    make_case: Callable[..., Case], org: Organisation, other_org: Organisation
) -> None:
    make_case(opened=at(5, 10), organisation=other_org, categories=["insult"])
    figures = selectors.organisation_figures(organisation_id=org.pk, period=AUTUMN)
    assert figures.headline["opened"] == 0 and figures.behaviours["insult"] == 0
