"""Every route that takes a contact address acknowledges the report: the reference, never the passphrase
(email intake replies to the sender's own route and is tested in test_email_intake)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Organisation, User
from upstander.reports.models import Report
from upstander.reports.receipts import format_reference
from upstander.reports.services import ReportInput, report_submit
from upstander.reports.tests.helpers import fill_in_report

pytestmark = pytest.mark.django_db


def test_the_web_form_acknowledges_a_named_report_with_the_reference_only(
    client: Client, org: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    fill_in_report(
        client, "hill", you={"anonymous": "yes", "reporter_name": "Sam Parent", "reporter_email": "sam@x.test"}
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(reverse("reports:check", args=["hill"]))
    assert len(callbacks) == 1, "sent once the report is committed"
    report = Report.objects.get()
    [ack] = mail.outbox
    assert ack.to == ["sam@x.test"]
    assert format_reference(report.reference) in ack.subject and format_reference(report.reference) in ack.body
    assert "never send the passphrase" in ack.body
    # The passphrase the reporter is shown on screen is nowhere in the email.
    passphrase = client.session["report-receipt"]["passphrase"]
    assert passphrase in client.get(reverse("reports:sent", args=["hill"])).content.decode()
    assert passphrase not in ack.body and passphrase not in ack.subject
    assert report.account not in ack.body, "never the report's words"


def test_the_form_says_what_the_note_holds(client: Client, org: Organisation) -> None:
    fill_in_report(client, "hill", you={"anonymous": "no"})
    page = client.get(reverse("reports:step", args=["hill", "you"])).content.decode()
    assert "We will email you a note to say we got your report, with its reference (never the passphrase)" in page


def test_an_anonymous_report_sends_nothing(
    client: Client, org: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    fill_in_report(client, "hill")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:check", args=["hill"]))
    assert Report.objects.get().anonymous
    assert mail.outbox == []


def test_the_api_acknowledges_a_reporter_email(
    client: Client, org: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    body = {
        "organisation": "hill",
        "account": "Someone made a fake account with my photos.",
        "reporter_role": "parent",
        "anonymous": False,
        "reporter_name": "Pat Parent",
        "reporter_email": "pat@x.test",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/reports", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    receipt = response.json()
    [ack] = mail.outbox
    assert ack.to == ["pat@x.test"]
    assert receipt["reference"] in ack.body
    assert receipt["passphrase"] not in ack.body


def test_staff_recording_what_happened_to_them_get_the_acknowledgement(
    login_as: Callable[[User], Client], users: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    from upstander.reports.tests.test_staff_record import record

    client = login_as(users["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        response = record(client, reporter_role="self", reporter_name="", account="A parent posted lies about me.")
    assert response.status_code == 302
    [ack] = mail.outbox
    assert ack.to == [users["staff"].email]
    assert format_reference(Report.objects.get().reference) in ack.body


def test_a_report_that_is_rolled_back_sends_nothing(org: Organisation, django_capture_on_commit_callbacks: Any) -> None:
    data = ReportInput(reporter_role="parent", account="x", anonymous=False, reporter_name="P", reporter_email="p@x.test")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                report_submit(organisation=org, data=data)
                raise RuntimeError("the request failed after the report was stored")
        except RuntimeError:
            pass
    assert callbacks == [] and mail.outbox == []
    assert not Report.objects.exists()


def test_a_mail_server_that_is_down_does_not_lose_the_report(
    org: Organisation, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from upstander.reports import acknowledgements

    def broken(**_: Any) -> int:
        raise OSError("connection refused")

    monkeypatch.setattr(acknowledgements, "send_acknowledgement", broken)
    data = ReportInput(reporter_role="parent", account="x", anonymous=False, reporter_name="P", reporter_email="p@x.test")
    with django_capture_on_commit_callbacks(execute=True):
        receipt = report_submit(organisation=org, data=data)
    assert Report.objects.filter(pk=receipt.report.pk).exists()
