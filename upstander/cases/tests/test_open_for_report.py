"""`case_open_for_report`: the hook the reports app's background task calls for each new report."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django_tasks_db.models import DBTaskResult

from upstander.accounts.models import Organisation, User
from upstander.cases.models import Case, CaseEntry, CaseReport, CaseStatus, Notification, PartyRole
from upstander.cases.selectors import course_of_conduct
from upstander.cases.services import case_close, case_open_for_report
from upstander.reports.models import Report

pytestmark = pytest.mark.django_db

NAMED = {"anonymous": False, "reporter_name": "Ada Pupil", "reporter_email": "ada@pupils.hill.test"}


def test_a_report_opens_a_numbered_case_due_by_the_end_of_the_next_working_day(
    submit: Callable[..., Report], org: Organisation
) -> None:
    report = submit(channel="social_media", platform="instagram")
    case = case_open_for_report(report=report)
    assert case.number == 1 and case.organisation == org
    assert case.status == CaseStatus.NEW and not case.urgent
    assert case.platform == "instagram" and case.due_at is not None and case.due_at > report.created_at
    assert CaseReport.objects.get(report=report).case == case
    assert CaseEntry.objects.filter(case=case, kind="opened").count() == 1
    assert case_open_for_report(report=submit()).number == 2


def test_it_is_idempotent(submit: Callable[..., Report]) -> None:
    report = submit()
    first = case_open_for_report(report=report)
    assert case_open_for_report(report=report) == first
    assert Case.objects.count() == 1 and CaseEntry.objects.count() == 1


def test_an_urgent_report_opens_an_urgent_case_due_within_the_hour_and_queues_the_out_of_hours_alert(
    submit: Callable[..., Report],
) -> None:
    report = submit(in_danger=True)
    case = case_open_for_report(report=report)
    assert case.urgent
    assert (case.due_at - report.created_at).total_seconds() == 3600
    assert DBTaskResult.objects.filter(task_path__endswith="urgent_case_alert", args_kwargs__args=[case.pk]).exists()


def test_the_safeguarding_leads_are_notified_in_the_app_without_details(
    submit: Callable[..., Report], users: dict[str, User]
) -> None:
    case = case_open_for_report(report=submit(in_danger=True, account="He said he will hurt me"))
    notified = set(Notification.objects.values_list("user__email", flat=True))
    assert notified == {"dsl@hill.test", "deputy_dsl@hill.test"}
    message = Notification.objects.first().message
    assert message.startswith(f"Urgent: new case {case.number}, the reporter says someone may be in danger now, due by ")
    assert "hurt" not in message, "what the report says stays on the case page"


def test_the_people_a_target_names_become_alleged_perpetrators_and_the_reporter_the_target(
    submit: Callable[..., Report],
) -> None:
    case = case_open_for_report(report=submit(people_involved="@mean_account_123 and Ben", **NAMED))
    roles = {(p.role, p.identifier or p.description) for p in case.parties.all()}
    assert roles == {(PartyRole.TARGET, "ada@pupils.hill.test"), (PartyRole.ALLEGED_PERPETRATOR, "@mean_account_123")}
    assert case.parties.get(role=PartyRole.TARGET).kind == "pupil"


def test_a_bystanders_names_wait_for_the_dsl_to_say_who_is_who(submit: Callable[..., Report]) -> None:
    case = case_open_for_report(report=submit(reporter_role="bystander", people_involved="@one and @two"))
    assert sorted(case.parties.values_list("role", flat=True)) == ["named", "named", "reporter"]


def test_a_second_report_by_the_same_target_about_the_same_account_joins_the_open_case(
    submit: Callable[..., Report],
) -> None:
    first = case_open_for_report(report=submit(people_involved="@mean_account_123", **NAMED))
    second = case_open_for_report(report=submit(people_involved="@Mean_Account_123 again", **NAMED))
    assert second == first
    assert first.case_reports.count() == 2
    joined = CaseEntry.objects.get(case=first, kind="report")
    assert "course of conduct" in joined.reason and "s.7" in joined.reason
    (course,) = course_of_conduct(case=first)
    assert course.ordinal == 2 and course.prior == 1


def test_a_new_occasion_after_the_case_closed_opens_a_new_case_linked_by_course_of_conduct(
    submit: Callable[..., Report], dsl: User
) -> None:
    first = case_open_for_report(report=submit(people_involved="@mean_account_123", **NAMED))
    case_close(case=first, outcome="resolved", reason="Spoke to both.", follow_up_on=None, open_work_reason="The rest is for the next term.", by=dsl, request=None)
    second = case_open_for_report(report=submit(people_involved="@mean_account_123", **NAMED))
    assert second != first
    (course,) = course_of_conduct(case=second)
    assert course.ordinal == 2
    assert [o.case_id for o in course.occasions] == [first.pk, second.pk]


def test_an_unfounded_earlier_report_is_not_an_occasion(submit: Callable[..., Report], dsl: User) -> None:
    first = case_open_for_report(report=submit(people_involved="@mean_account_123", **NAMED))
    case_close(case=first, outcome="unfounded", reason="Made up.", follow_up_on=None, open_work_reason="The rest is for the next term.", by=dsl, request=None)
    second = case_open_for_report(report=submit(people_involved="@mean_account_123", **NAMED))
    (course,) = course_of_conduct(case=second)
    assert course.ordinal == 1


def test_anonymous_reports_are_never_joined_automatically(submit: Callable[..., Report]) -> None:
    first = case_open_for_report(report=submit(people_involved="@mean_account_123"))
    second = case_open_for_report(report=submit(people_involved="@mean_account_123"))
    assert first != second


def test_another_target_naming_the_same_account_gets_a_case_of_their_own(submit: Callable[..., Report]) -> None:
    first = case_open_for_report(report=submit(people_involved="@mean_account_123", **NAMED))
    other = {**NAMED, "reporter_email": "bea@pupils.hill.test"}
    second = case_open_for_report(report=submit(people_involved="@mean_account_123", **other))
    assert first != second


def test_cases_are_numbered_in_each_organisation(submit: Callable[..., Report], other_org: Organisation) -> None:
    case_open_for_report(report=submit())
    assert case_open_for_report(report=submit(organisation=other_org)).number == 1


def test_the_classifiers_suggestion_is_kept_with_its_model_version_for_a_person_to_confirm(case: Case) -> None:
    from upstander.cases.services import case_record_suggestion

    case_record_suggestion(case=case, model_version="m-1", categories=["insult"], prejudice=[], scores={"insult": 0.8})
    case_record_suggestion(case=case, model_version="m-1", categories=["insult"], prejudice=[], scores={"insult": 0.8})
    case_record_suggestion(case=case, model_version="m-1", categories=["threat"], prejudice=["racist"], scores={})
    case.refresh_from_db()
    assert case.suggested_categories == ["insult", "threat"] and case.suggested_prejudice == ["racist"]
    assert case.suggestion_model == "m-1" and case.category_list == []  # suggested, not confirmed
    assert CaseEntry.objects.filter(case=case, text__startswith="Analysis suggested").count() == 2
