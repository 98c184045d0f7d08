"""Notifications that say something (issue 13, item 11): what and how urgent, in the app; in email,
how urgent and when due, but never names, categories or the report's words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from upstander.accounts.models import User
from upstander.cases import notices
from upstander.cases.models import Notification
from upstander.reports.models import Report
from upstander.reports.tests.helpers import run_tasks


def test_a_notification_says_what_how_urgent_and_when_due() -> None:
    morning = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    two_pm = morning.replace(hour=14)
    tomorrow = two_pm + timedelta(days=1)
    assert (
        notices.new_case(number=16, urgent=True, reporter_danger=False, categories=["self_harm", "insult"], due=tomorrow)
        == "Urgent: new case 16 about possible self-harm and insults, due by 14:00 tomorrow"
    )
    assert notices.due_words(two_pm, now=morning) == "due by 14:00"
    later = two_pm + timedelta(days=3)
    assert notices.due_words(later, now=morning) == f"due by 14:00 on {later:%A} {later.day} {later:%B}"
    assert notices.about([]) == "" and notices.about(["trolling"]) == "possible trolling"
    now = timezone.now()
    assert notices.due_words(now - timedelta(minutes=5), now=now).startswith("overdue since ")


@pytest.mark.django_db
def test_the_new_report_email_says_how_urgent_and_when_due_without_details(
    submit: Callable[..., Report], users: dict[str, User]
) -> None:
    submit(account="Jay said he will hurt Sam Patel", people_involved="@jay_k_2011")
    submit(account="Sam is in danger now", in_danger=True)
    run_tasks()
    ordinary, urgent = sorted((m for m in mail.outbox if "new report" in m.subject.lower()), key=lambda m: m.subject)
    assert urgent.subject.startswith("URGENT: new report") and "someone may be in danger now" in urgent.subject
    assert "due by" in ordinary.subject and "due by" in ordinary.body and "due by" in urgent.body
    for email in (ordinary, urgent):
        for detail in ("Jay", "Sam", "Patel", "hurt", "jay_k_2011"):
            assert detail not in email.body and detail not in email.subject


@pytest.mark.django_db
def test_in_app_a_suggested_urgent_case_names_what_analysis_found(
    submit: Callable[..., Report], users: dict[str, User]
) -> None:
    submit(account="I want to kill myself tonight", reporter_role="bystander")
    run_tasks()
    messages = list(Notification.objects.filter(user=users["dsl"]).values_list("message", flat=True))
    assert len(messages) == 1 and messages[0].startswith("Possibly urgent: case 1, possible self-harm"), messages
    assert not any("kill" in m for m in messages)


@pytest.mark.django_db
def test_a_new_case_notification_says_what_the_report_seems_to_be_about(
    submit: Callable[..., Report], users: dict[str, User]
) -> None:
    submit(account="He keeps posting that I am a fat loser and a stupid idiot")
    run_tasks()
    first = Notification.objects.filter(user=users["dsl"]).order_by("pk").first()
    assert first is not None and first.message.startswith("New case 1 about possible insults, due by "), first.message
