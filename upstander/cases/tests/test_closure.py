"""Outcome and closure, the post-incident review (seed 001), and reopening with a reason."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from upstander.accounts.models import User
from upstander.cases.models import Case, CaseEntry, PlaybookItem
from upstander.cases.services import CaseError, case_close, case_reopen, case_review

pytestmark = pytest.mark.django_db


def test_closing_records_the_outcome_reason_and_follow_up_and_tells_the_reporter(
    case: Case, triage: Callable[..., Case], dsl: User
) -> None:
    triage(case)
    report = case.case_reports.get().report
    report.refresh_from_db()
    assert report.status == "in_progress"  # triage told the reporter someone is looking at it
    case_close(case=case, outcome="sanctions", reason="Two detentions; posts removed.", follow_up_on=None, open_work_reason="The rest is for the next term.", by=dsl,
               request=None)  # fmt: skip
    case.refresh_from_db()
    report.refresh_from_db()
    assert case.status == "closed" and case.outcome == "sanctions" and case.due_at is None
    assert case.follow_up_on == timezone.localdate() + timedelta(days=14)
    assert report.status == "closed"
    assert CaseEntry.objects.get(case=case, kind="outcome").reason == "Two detentions; posts removed."


def test_an_outcome_needs_a_reason_and_a_real_outcome(case: Case, dsl: User) -> None:
    with pytest.raises(CaseError):
        case_close(case=case, outcome="resolved", reason="", follow_up_on=None, open_work_reason="The rest is for the next term.", by=dsl, request=None)
    with pytest.raises(CaseError):
        case_close(case=case, outcome="merged", reason="x", follow_up_on=None, open_work_reason="The rest is for the next term.", by=dsl, request=None)


def test_the_review_comes_after_closing_and_ticks_the_policy_review_step(
    case: Case, triage: Callable[..., Case], dsl: User
) -> None:
    triage(case)
    with pytest.raises(CaseError):
        case_review(case=case, answers={"policies": "Add gaming to the AUP."}, by=dsl, request=None)
    case_close(case=case, outcome="resolved", reason="Stopped.", follow_up_on=None, open_work_reason="The rest is for the next term.", by=dsl, request=None)
    case_review(case=case, answers={"policies": "Add gaming to the AUP.", "education": ""}, by=dsl, request=None)
    case.refresh_from_db()
    assert case.status == "reviewed" and case.review["policies"] == "Add gaming to the AUP."
    assert PlaybookItem.objects.get(case=case, code="policy_review").done_by == dsl


def test_a_closed_case_is_reopened_with_a_reason(case: Case, dsl: User) -> None:
    case_close(case=case, outcome="no_further_action", reason="Nothing found.", follow_up_on=None, open_work_reason="The rest is for the next term.", by=dsl,
               request=None)  # fmt: skip
    with pytest.raises(CaseError):
        case_reopen(case=case, reason="", by=dsl, request=None)
    case_reopen(case=case, reason="It started again.", by=dsl, request=None)
    case.refresh_from_db()
    assert case.status == "open" and case.due_at is not None and case.closed_at is None
    assert CaseEntry.objects.get(case=case, kind="reopened").reason == "It started again."
    assert case.case_reports.get().report.status == "in_progress"


def test_close_review_and_reopen_on_the_page(
    login_as: Callable[[User], Client], users: dict[str, User], case: Case, triage: Callable[..., Case]
) -> None:
    triage(case)
    client = login_as(users["deputy_dsl"])
    close = reverse("cases:close", args=[case.pk])
    assert b"Follow up with the person targeted on" in client.get(close).content
    follow = (timezone.localdate() + timedelta(days=7)).isoformat()
    response = client.post(close, {"outcome": "restorative", "reason": "Apology and repair.", "follow_up_on": follow,
                                  "open_work_reason": "Steps left to the pastoral team."})
    assert response.status_code == 302
    response = client.post(reverse("cases:review", args=[case.pk]), {"differently": "Call parents sooner."})
    assert response.status_code == 302
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Call parents sooner." in page and "Restorative work" in page
    assert client.post(reverse("cases:reopen", args=[case.pk]), {"reason": "Again."}).status_code == 302
    case.refresh_from_db()
    assert case.status == "open"


def test_closing_sets_the_records_review_from_the_youngest_child_in_the_case(
    case: Case, triage: Callable[..., Case], dsl: User
) -> None:
    from datetime import date

    from upstander.cases.services import case_party_add, case_party_change
    from upstander.people.models import Person

    sam = Person.objects.create(
        organisation=case.organisation,
        first_name="Sam",
        last_name="Patel",
        kind="pupil",
        date_of_birth=date(2012, 5, 9),
    )
    older = Person.objects.create(
        organisation=case.organisation, first_name="Jo", last_name="Bell", kind="pupil", date_of_birth=date(2010, 1, 2)
    )
    # The anonymous reporter turns out to be Sam; Jo posted the messages.
    case_party_change(party=case.parties.get(role="target"), by=dsl, request=None, role="target", kind="pupil",
                      person=sam)  # fmt: skip
    case_party_add(case=case, by=dsl, request=None, role="alleged_perpetrator", kind="pupil", person=older)
    triage(case)
    case_close(case=case, outcome="resolved", reason="Posts removed.", follow_up_on=None, open_work_reason="The rest is for the next term.", by=dsl, request=None)
    case.refresh_from_db()
    assert case.records_review_on == date(2037, 5, 9)
    assert "Sam Patel, born 09/05/2012" in case.records_review_basis
    assert "Records to be reviewed on 09 May 2037." in CaseEntry.objects.get(case=case, kind="outcome").text


def test_an_adult_only_case_uses_the_organisations_period_or_says_to_set_one(
    open_case: Callable[..., Case], triage: Callable[..., Case], dsl: User
) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    from upstander.accounts.models import Membership, Organisation
    from upstander.cases.selectors import case_settings_for

    adults = Organisation.objects.create(slug="adults", name="Adult Learning", kind="adult_learning")
    Membership.objects.create(user=dsl, role="dsl", organisation=adults)
    case = open_case(organisation=adults, reporter_role="staff")
    triage(case)
    case_close(case=case, outcome="resolved", reason="Sorted.", follow_up_on=None, open_work_reason="The rest is for the next term.", by=dsl, request=None)
    case.refresh_from_db()
    assert case.records_review_on is None
    assert "set one in case settings" in case.records_review_basis
    out = StringIO()
    call_command("records_review", "--organisation", "adults", stdout=out)
    assert f"adults case {case.number}: review no date set." in out.getvalue()

    settings = case_settings_for(organisation_id=adults.pk)
    settings.adult_records_review_years = 6
    settings.save()
    case_reopen(case=case, reason="More messages.", by=dsl, request=None)
    case_close(case=case, outcome="resolved", reason="Sorted again.", follow_up_on=None, open_work_reason="The rest is for the next term.", by=dsl, request=None)
    case.refresh_from_db()
    assert case.records_review_on is not None and case.records_review_on.year == timezone.localdate().year + 6
    out = StringIO()
    call_command("records_review", "--organisation", "adults", "--json", stdout=out)
    assert out.getvalue() == ""  # not due for six years
    Case.objects.filter(pk=case.pk).update(records_review_on=timezone.localdate())
    call_command("records_review", "--json", stdout=out)
    assert '"review_on": "' in out.getvalue() and '"case": ' in out.getvalue()
    with pytest.raises(CommandError, match="No organisation has the slug 'nope'"):
        call_command("records_review", "--organisation", "nope")
