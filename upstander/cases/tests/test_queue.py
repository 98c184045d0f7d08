"""The triage queue: order, due times, overdue marks, filters, paging, and a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from upstander.accounts.models import User
from upstander.cases.models import Case, CaseParty, CaseSettings
from upstander.cases.services import case_party_add, case_set_status
from upstander.people.models import Person

pytestmark = pytest.mark.django_db


def queue(client: Client, **params: Any) -> list[int]:
    response = client.get(reverse("cases:queue"), params)
    assert response.status_code == 200
    return [case.number for case in response.context["page"]]


def test_urgent_cases_come_first_then_by_due_time_and_age(
    login_as: Callable[[User], Client], users: dict[str, User], open_case: Callable[..., Case]
) -> None:
    first, urgent, third = open_case(), open_case(in_danger=True), open_case()
    Case.objects.filter(pk=first.pk).update(due_at=third.due_at + timedelta(hours=1))
    assert queue(login_as(users["dsl"])) == [urgent.number, third.number, first.number]


def test_overdue_cases_are_marked_and_can_be_shown_alone(
    login_as: Callable[[User], Client], users: dict[str, User], open_case: Callable[..., Case]
) -> None:
    late, on_time = open_case(), open_case()
    Case.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(minutes=5))
    client = login_as(users["dsl"])
    content = client.get(reverse("cases:queue")).content.decode()
    assert content.count("tag-overdue") == 1
    assert queue(client, overdue="1") == [late.number]
    assert on_time.number in queue(client)


def test_the_due_time_follows_the_organisations_settings(open_case: Callable[..., Case], org: Any) -> None:
    CaseSettings.objects.create(organisation=org, urgent_due_minutes=15)
    case = open_case(in_danger=True)
    report = case.case_reports.get().report
    assert case.due_at - report.created_at == timedelta(minutes=15)


def test_closed_cases_leave_the_queue_but_a_status_filter_finds_them(
    login_as: Callable[[User], Client],
    users: dict[str, User],
    open_case: Callable[..., Case],
    triage: Callable[..., Case],
    dsl: User,
) -> None:
    waiting, closed = open_case(), open_case()
    triage(waiting)
    case_set_status(case=waiting, status="waiting", reason="Police to call back.", by=dsl, request=None)
    Case.objects.filter(pk=closed.pk).update(status="closed")
    client = login_as(users["dsl"])
    assert queue(client) == [waiting.number]
    assert queue(client, status="waiting") == [waiting.number]
    assert queue(client, status="closed") == [closed.number]
    assert sorted(queue(client, status="all")) == [waiting.number, closed.number]


def test_filters_by_category_platform_person_and_assignee(
    login_as: Callable[[User], Client],
    users: dict[str, User],
    open_case: Callable[..., Case],
    triage: Callable[..., Case],
    org: Any,
    dsl: User,
) -> None:
    threat = triage(open_case(), categories=["threat"], prejudice=["racist"], platform="snapchat", assignee=None)
    insult = triage(open_case(), categories=["insult"], platform="instagram")
    ada = Person.objects.create(organisation=org, first_name="Ada", last_name="Lovelace")
    case_party_add(case=threat, by=dsl, request=None, role="target", kind="pupil", person=ada)
    case_party_add(case=insult, by=dsl, request=None, role="alleged_perpetrator", kind="unknown", identifier="@bully_9")
    client = login_as(users["dsl"])
    assert queue(client, category="threat") == [threat.number]
    assert queue(client, category="racist") == [threat.number]
    assert queue(client, platform="instagram") == [insult.number]
    assert queue(client, person="lovelace") == [threat.number]
    assert queue(client, person="bully_9") == [insult.number]
    assert queue(client, person_id=ada.pk) == [threat.number]
    assert queue(client, assignee="me") == [insult.number]
    assert queue(client, assignee="none") == [threat.number]
    assert queue(client, assignee=str(dsl.pk)) == [insult.number]
    assert sorted(queue(client, category="nonsense", platform="nowhere")) == [threat.number, insult.number]


def test_a_senior_leader_does_not_see_sexual_images_cases_in_the_queue(
    login_as: Callable[[User], Client],
    users: dict[str, User],
    open_case: Callable[..., Case],
    triage: Callable[..., Case],
) -> None:
    hidden = triage(open_case(), playbook="sexual_images", categories=["sexual"])
    shown = open_case()
    assert queue(login_as(users["senior_leader"])) == [shown.number]
    assert hidden.number in queue(login_as(users["dsl"]))


def test_the_queue_is_paginated(
    login_as: Callable[[User], Client], users: dict[str, User], open_case: Callable[..., Case]
) -> None:
    from upstander.cases.views import queue as queue_views

    for _ in range(3):
        open_case()
    client = login_as(users["dsl"])
    original = queue_views.PAGE_SIZE
    queue_views.PAGE_SIZE = 2
    try:
        response = client.get(reverse("cases:queue"), {"page": 2, "platform": ""})
    finally:
        queue_views.PAGE_SIZE = original
    assert response.context["page"].number == 2 and len(response.context["page"]) == 1
    assert b"Page 2 of 2" in response.content


def _many_cases(org: Any, count: int) -> None:
    """Cases with two people each, made the fast way (the queue only reads them)."""
    start = Case.objects.filter(organisation=org).count() + 1
    cases = Case.objects.bulk_create(
        [
            Case(organisation=org, number=n, summary=f"Case {n}", due_at=timezone.now() + timedelta(hours=n))
            for n in range(start, start + count)
        ]
    )
    person = Person.objects.create(organisation=org, first_name="Bea")
    parties = []
    for case in cases:
        parties.append(CaseParty(case=case, organisation=org, role="target", person=person))
        parties.append(CaseParty(case=case, organisation=org, role="alleged_perpetrator", identifier="@x"))
    CaseParty.objects.bulk_create(parties)


def test_the_queue_takes_the_same_few_queries_for_five_cases_or_a_full_page(
    login_as: Callable[[User], Client],
    users: dict[str, User],
    org: Any,
    django_assert_max_num_queries: Any,
    django_assert_num_queries: Any,
) -> None:
    client = login_as(users["dsl"])
    _many_cases(org, 5)
    client.get(reverse("cases:queue"))  # warm the session and content types
    # 14: session, user, memberships, count, page, its people, audit (6 with the savepoint), unread, workers.
    with django_assert_max_num_queries(15) as small:
        client.get(reverse("cases:queue"))
    _many_cases(org, 45)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("cases:queue"))
    assert len(response.context["page"]) == 25  # a full page
