from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from upstander.accounts.models import Membership, Organisation, User
from upstander.demo.data import DEMO_USERS, demo_totp_code
from upstander.people.models import Person

pytestmark = pytest.mark.django_db


def test_healthz_reports_the_database_and_the_task_queue(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in ("status", "database", "tasks")} == {
        "status": "ok",
        "database": "ok",
        "tasks": "ok",
    }


def test_healthz_fails_when_tasks_wait_too_long(client: Client) -> None:
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.create(
        task_path="upstander.x",
        args_kwargs={"args": [], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        priority=0,
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - timedelta(hours=1))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "is the worker running" in response.json()["tasks"]


def test_stats_counts_what_is_stored(org: Organisation) -> None:
    Person.objects.create(organisation=org, first_name="A")
    out = StringIO()
    call_command("stats", "--json", stdout=out)
    counts = json.loads(out.getvalue())
    assert counts["organisations"] == 1
    assert counts["people"] == 1
    assert set(counts) == {
        "organisations",
        "users",
        "people",
        "reports",
        "cases",
        "evidence_items",
        "tasks_ready",
        "reports_awaiting_checks",
        "reports_checks_failed",
        "tasks_stranded",
        "reports_stranded",
    }


def test_stats_counts_the_background_backlog(org: Organisation) -> None:
    from upstander.reports.models import ProcessingState, Report
    from upstander.reports.services import ReportInput, report_submit

    report_submit(organisation=org, data=ReportInput(reporter_role="target", account="They keep messaging me."))
    failed = report_submit(organisation=org, data=ReportInput(reporter_role="target", account="And again.")).report
    Report.objects.filter(pk=failed.pk).update(processing=ProcessingState.FAILED)
    out = StringIO()
    call_command("stats", "--json", stdout=out)
    counts = json.loads(out.getvalue())
    assert counts["reports"] == 2
    assert counts["tasks_ready"] == 2  # one processing task per report, not yet run
    assert counts["reports_awaiting_checks"] == 1
    assert counts["reports_checks_failed"] == 1


def test_demo_is_idempotent_and_covers_every_role() -> None:
    call_command("demo", stdout=StringIO())
    counts = (User.objects.count(), Person.objects.count(), Membership.objects.count(), Organisation.objects.count())
    call_command("demo", stdout=StringIO())
    assert (
        User.objects.count(),
        Person.objects.count(),
        Membership.objects.count(),
        Organisation.objects.count(),
    ) == counts
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {"staff", "dsl", "deputy_dsl", "senior_leader", "org_admin", "authority_lead"}
    assert Person.objects.count() >= 24
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds == {"secondary_school", "adult_learning"}


def test_demo_prints_two_factor_codes_for_demo_accounts_only(users: dict[str, User]) -> None:
    call_command("demo", stdout=StringIO())
    dsl = next(u.email for u in DEMO_USERS if u.two_factor)
    assert len(demo_totp_code(dsl)) == 6
    with pytest.raises(LookupError):
        demo_totp_code("dsl@hill.test")


def test_the_welcome_page_has_a_skip_link_and_landmarks(client: Client) -> None:
    html = client.get("/").content.decode()
    assert '<a href="#main" class="skip-link">' in html
    assert '<main id="main"' in html and "<header" in html and "<footer" in html


def test_pages_carry_security_headers(client: Client) -> None:
    response = client.get("/")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_signed_in_pages_are_not_cached(login_as: Callable[[User], Client], users: dict[str, User]) -> None:
    assert login_as(users["staff"]).get("/")["Cache-Control"] == "no-store"


def test_the_home_page_shows_only_the_links_a_role_may_use(
    login_as: Callable[[User], Client], users: dict[str, User]
) -> None:
    staff_page = login_as(users["staff"]).get(reverse("core:home")).content.decode()
    assert reverse("people:list") not in staff_page
    assert reverse("audit:list") not in staff_page
    assert f'href="{reverse("cases:queue")}"' not in staff_page
    assert f'href="{reverse("reports:inbox")}"' not in staff_page
    assert f'href="{reverse("reports:record")}"' in staff_page


def test_the_home_page_tells_a_safeguarding_lead_what_is_waiting(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation
) -> None:
    from upstander.reports.services import ReportInput, report_submit
    from upstander.testing import run_tasks

    report_submit(organisation=org, data=ReportInput(reporter_role="target", account="Mean posts", in_danger=True))
    report_submit(organisation=org, data=ReportInput(reporter_role="target", account="More mean posts"))
    run_tasks()
    page = " ".join(login_as(users["dsl"]).get(reverse("core:home")).content.decode().split())
    assert f'href="{reverse("cases:queue")}"' in page and f'href="{reverse("reports:inbox")}"' in page
    assert "2 open, <strong>1 urgent</strong>" in page
    assert "<strong>2 not yet looked at.</strong>" in page


def test_static_files_are_served_without_collectstatic(client: Client) -> None:
    response = client.get("/static/upstander/upstander.css")
    assert response.status_code == 200
