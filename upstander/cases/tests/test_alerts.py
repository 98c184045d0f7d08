"""Out-of-hours alerts for urgent cases, the daily digest of overdue cases, and in-app notifications.
Emails carry a link, never the details."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from upstander.accounts.auth import actor_of
from upstander.accounts.models import Organisation, User
from upstander.cases import alerts, digest, tasks
from upstander.cases.models import Case, CaseSettings, Notification
from upstander.cases.services import case_decide_duty

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
SATURDAY_NIGHT = datetime(2026, 11, 21, 23, 0, tzinfo=LONDON)
WEDNESDAY_MORNING = datetime(2026, 11, 18, 10, 0, tzinfo=LONDON)


@pytest.fixture
def out_of_hours(org: Organisation) -> CaseSettings:
    return CaseSettings.objects.create(organisation=org, out_of_hours_email="on-call@hill.test")


def test_an_urgent_case_out_of_hours_emails_the_out_of_hours_contact_a_link_only(
    open_case: Callable[..., Case], out_of_hours: CaseSettings
) -> None:
    case = open_case(in_danger=True, account="He said he would stab me tonight at the park")
    assert alerts.alert_out_of_hours(case=case, now=SATURDAY_NIGHT) == 1
    (email,) = mail.outbox
    assert email.to == ["on-call@hill.test"] and email.subject.startswith("URGENT: case 1")
    assert reverse("cases:detail", args=[case]) in email.body
    assert "stab" not in email.body and "park" not in email.body


def test_no_out_of_hours_email_in_the_working_day_or_without_a_contact(
    open_case: Callable[..., Case], out_of_hours: CaseSettings
) -> None:
    case = open_case(in_danger=True)
    assert alerts.alert_out_of_hours(case=case, now=WEDNESDAY_MORNING) == 0
    CaseSettings.objects.filter(pk=out_of_hours.pk).update(out_of_hours_email="")
    assert alerts.alert_out_of_hours(case=case, now=SATURDAY_NIGHT) == 0
    assert alerts.alert_out_of_hours(case=open_case(), now=SATURDAY_NIGHT) == 0
    assert mail.outbox == []


def test_the_task_takes_an_id_and_calls_the_alert(
    open_case: Callable[..., Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    case = open_case(in_danger=True)
    seen: list[int] = []
    monkeypatch.setattr(alerts, "alert_out_of_hours", lambda *, case: seen.append(case.pk) or 0)
    tasks.urgent_case_alert.call(case.pk)
    tasks.urgent_case_alert.call(999_999)  # a case gone meanwhile: nothing to do
    assert seen == [case.pk]


def test_the_daily_digest_counts_overdue_cases_and_links_to_them(
    open_case: Callable[..., Case], users: dict[str, User], other_org: Organisation, dsl: User
) -> None:
    late = open_case(account="Private details here")
    open_case()
    Case.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(hours=2))
    decision = case_decide_duty(case=late, duty="police_101", accepted=True, reason="Threat.", by=dsl, request=None)
    decision.referral.follow_up_on = timezone.localdate()
    decision.referral.save()
    out = StringIO()
    call_command("case_digest", stdout=out)
    assert "Sent 1 digest." in out.getvalue()
    (email,) = mail.outbox
    assert sorted(email.to) == ["deputy_dsl@hill.test", "dsl@hill.test"]
    assert "1 case is overdue" in email.body and "1 referral needs following up" in email.body
    assert "?overdue=1" in email.body and "Private" not in email.body


def test_the_digest_can_be_queued_for_the_worker(open_case: Callable[..., Case], users: dict[str, User]) -> None:
    late = open_case()
    Case.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(hours=2))
    out = StringIO()
    call_command("case_digest", "--queue", stdout=out)
    assert "Queued 1 digest." in out.getvalue()
    job = DBTaskResult.objects.get(task_path__endswith="overdue_digest")
    assert job.args_kwargs["args"] == [late.organisation_id]
    digest.overdue_digest.call(late.organisation_id)
    assert len(mail.outbox) == 1


def test_nothing_overdue_sends_nothing(open_case: Callable[..., Case], users: dict[str, User]) -> None:
    open_case()
    call_command("case_digest", stdout=StringIO())
    assert mail.outbox == []


def test_notifications_are_counted_listed_and_marked_read(
    login_as: Callable[[User], Client], users: dict[str, User], open_case: Callable[..., Case]
) -> None:
    open_case(in_danger=True)
    open_case()
    client = login_as(users["dsl"])
    queue = client.get(reverse("cases:queue")).content.decode()
    assert '2<span class="visually-hidden"> unread</span>' in queue
    page = client.get(reverse("cases:notifications")).content.decode()
    # They say what and how urgent: the reporter's words about danger and when each is due.
    assert "Urgent: new case 1, the reporter says someone may be in danger now, due by " in page
    assert "New case 2, due by " in page
    client.post(reverse("cases:notifications_read"))
    assert not Notification.objects.filter(user=users["dsl"], read_at__isnull=True).exists()
    assert Notification.objects.filter(user=users["deputy_dsl"], read_at__isnull=True).count() == 2


def test_the_header_tag_counts_each_persons_own_notifications(
    login_as: Callable[[User], Client], users: dict[str, User], open_case: Callable[..., Case]
) -> None:
    case = open_case()
    template = Template("{% load cases_tags %}{% unread_case_notifications as n %}[{{ n }}]")
    for role, count in (("dsl", 1), ("staff", 0)):
        request = login_as(users[role]).get(reverse("core:home")).wsgi_request
        assert actor_of(request) is not None
        assert template.render(Context({"request": request})) == f"[{count}]"
    # A member of staff kept informed about a case is told of it in the header too.
    from upstander.cases.informed import case_watcher_add

    case_watcher_add(case=case, user=users["staff"], why="form tutor", by=users["dsl"], request=None)
    request = login_as(users["staff"]).get(reverse("core:home")).wsgi_request
    assert template.render(Context({"request": request})) == "[1]"
    assert template.render(Context({"request": RequestFactory().get("/")})) == "[0]"


def test_a_case_analysis_suggests_may_be_urgent_alerts_the_out_of_hours_contact_too(
    open_case: Callable[..., Case], out_of_hours: CaseSettings
) -> None:
    from upstander.cases.urgency import case_suggest_urgent

    case = open_case(account="see the screenshot")
    assert alerts.alert_out_of_hours(case=case, now=SATURDAY_NIGHT) == 0, "nothing urgent yet"
    case_suggest_urgent(case_id=case.pk, sources=["Text read from a screenshot (evidence 1)"], flags=["self_harm"])
    assert DBTaskResult.objects.filter(task_path__endswith="urgent_case_alert").exists(), "queued with the suggestion"
    case.refresh_from_db()
    assert alerts.alert_out_of_hours(case=case, now=SATURDAY_NIGHT) == 1
    (email,) = mail.outbox
    assert email.to == ["on-call@hill.test"] and email.subject == f"URGENT? Case {case.number} at Hill School may be urgent"
    assert "confirm or dismiss" in email.body and "screenshot" not in email.body and "self-harm" not in email.body
    assert alerts.alert_out_of_hours(case=case, now=WEDNESDAY_MORNING) == 0, "in the working day the DSL has it"
