from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Organisation, User
from upstander.reports.models import Report, ReportStatus
from upstander.reports.services import ReportInput, report_submit

pytestmark = pytest.mark.django_db

ROLES = ["staff", "dsl", "deputy_dsl", "senior_leader", "org_admin", "authority_lead"]


@pytest.fixture
def report(org: Organisation) -> Report:
    return report_submit(organisation=org, data=ReportInput(reporter_role="target", account="Mean posts")).report


@pytest.fixture
def outsider_report(other_org: Organisation) -> Report:
    return report_submit(organisation=other_org, data=ReportInput(reporter_role="target", account="Elsewhere")).report


@pytest.mark.parametrize("role", ROLES)
def test_only_safeguarding_leads_reach_reports(
    login_as: Callable[[User], Client], users: dict[str, User], report: Report, role: str
) -> None:
    client = login_as(users[role])
    expected = 200 if role in ("dsl", "deputy_dsl") else 403
    assert client.get(reverse("reports:inbox")).status_code == expected
    assert client.get(reverse("reports:staff_detail", args=[report.pk])).status_code == expected
    assert client.post(reverse("reports:staff_status", args=[report.pk]), {"status": "closed"}).status_code == (
        302 if expected == 200 else 403
    )


@pytest.mark.parametrize("role", ["dsl", "deputy_dsl"])
def test_another_organisations_report_is_not_found(
    login_as: Callable[[User], Client], users: dict[str, User], outsider_report: Report, role: str
) -> None:
    client = login_as(users[role])
    assert client.get(reverse("reports:staff_detail", args=[outsider_report.pk])).status_code == 404
    assert (
        client.post(reverse("reports:staff_status", args=[outsider_report.pk]), {"status": "closed"}).status_code == 404
    )
    assert b"Elsewhere" not in client.get(reverse("reports:inbox"), {"status": "all"}).content
    outsider_report.refresh_from_db()
    assert outsider_report.status == ReportStatus.RECEIVED


def test_the_inbox_lists_urgent_reports_first(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation
) -> None:
    report_submit(organisation=org, data=ReportInput(reporter_role="target", account="first"))
    urgent = report_submit(
        organisation=org, data=ReportInput(reporter_role="target", account="second", in_danger=True)
    ).report
    report_submit(organisation=org, data=ReportInput(reporter_role="target", account="third"))
    page = login_as(users["dsl"]).get(reverse("reports:inbox")).context["page"]
    assert page.object_list[0].pk == urgent.pk


def test_a_status_change_is_audited(login_as: Callable[[User], Client], users: dict[str, User], report: Report) -> None:
    from upstander.audit.models import AuditEvent

    login_as(users["dsl"]).post(reverse("reports:staff_status", args=[report.pk]), {"status": "in_progress"})
    report.refresh_from_db()
    assert report.status == "in_progress"
    assert AuditEvent.objects.get(action="changed", object_type="reports.report").detail == {
        "status": ["received", "in_progress"]
    }


def test_a_report_whose_background_work_failed_says_so(
    login_as: Callable[[User], Client], users: dict[str, User], report: Report
) -> None:
    Report.objects.filter(pk=report.pk).update(
        processing="failed", processing_error="OCR timed out", processing_attempts=5
    )
    page = login_as(users["dsl"]).get(reverse("reports:staff_detail", args=[report.pk]))
    assert b"Background checks on this report failed" in page.content
    assert b"Mean posts" in page.content


def test_the_inbox_rejects_post(login_as: Callable[[User], Client], users: dict[str, User]) -> None:
    assert login_as(users["dsl"]).post(reverse("reports:inbox")).status_code == 405
