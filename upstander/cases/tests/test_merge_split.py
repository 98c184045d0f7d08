"""Reports move between cases only with a reason: merging two cases, or splitting one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import User
from upstander.cases.models import Case, CaseEntry, CaseReport
from upstander.cases.services import CaseError, case_merge, case_split

pytestmark = pytest.mark.django_db


def test_merging_moves_the_reports_and_people_and_closes_the_other_case(
    open_case: Callable[..., Case], dsl: User
) -> None:
    keep = open_case(people_involved="@one")
    other = open_case(people_involved="@two", in_danger=True)
    case_merge(case=keep, other=other, reason="Same incident, two reporters.", by=dsl, request=None)
    other.refresh_from_db()
    keep.refresh_from_db()
    assert CaseReport.objects.filter(case=keep).count() == 2 and not CaseReport.objects.filter(case=other).exists()
    assert {"@one", "@two"} <= set(keep.parties.values_list("identifier", flat=True))
    assert keep.urgent
    assert other.status == "closed" and other.outcome == "merged" and other.merged_into == keep
    assert CaseEntry.objects.get(case=keep, kind="merge").reason == "Same incident, two reporters."
    assert CaseEntry.objects.filter(case=other, kind="merge").exists()


def test_a_merged_case_cannot_be_merged_again_or_reopened(open_case: Callable[..., Case], dsl: User) -> None:
    keep, other, third = open_case(), open_case(), open_case()
    case_merge(case=keep, other=other, reason="Same.", by=dsl, request=None)
    other.refresh_from_db()
    with pytest.raises(CaseError):
        case_merge(case=third, other=other, reason="Same.", by=dsl, request=None)
    with pytest.raises(CaseError):
        case_merge(case=keep, other=keep, reason="Same.", by=dsl, request=None)


def test_splitting_moves_the_chosen_reports_to_a_new_case_to_triage(open_case: Callable[..., Case], dsl: User) -> None:
    case = open_case()
    other = open_case(people_involved="@someone_else")
    case_merge(case=case, other=other, reason="Looked related.", by=dsl, request=None)
    moved = CaseReport.objects.get(case=case, report__people_involved="@someone_else").report
    new = case_split(case=case, reports=[moved], reason="A different incident.", by=dsl, request=None)
    assert new.status == "new" and new.number == 3
    assert CaseReport.objects.get(report=moved).case == new
    assert "@someone_else" in set(new.parties.values_list("identifier", flat=True))
    assert CaseEntry.objects.get(case=new, kind="split").reason == "A different incident."
    with pytest.raises(CaseError):
        case_split(case=case, reports=[r.report for r in case.case_reports.all()], reason="x", by=dsl,
                   request=None)  # fmt: skip


def test_merge_and_split_on_the_page(
    login_as: Callable[[User], Client], users: dict[str, User], open_case: Callable[..., Case]
) -> None:
    case, other = open_case(), open_case()
    client = login_as(users["dsl"])
    refused = client.post(reverse("cases:merge", args=[case.pk]), {"other_number": case.number, "reason": "x"})
    assert b"another case of your organisation" in refused.content
    response = client.post(reverse("cases:merge", args=[case.pk]), {"other_number": other.number, "reason": "Same."})
    assert response.status_code == 302
    report = CaseReport.objects.filter(case=case).last().report
    response = client.post(reverse("cases:split", args=[case.pk]), {"reports": [report.pk], "reason": "Different."})
    new = Case.objects.get(number=3)
    assert response.status_code == 302 and response["Location"].startswith(reverse("cases:detail", args=[new]))
