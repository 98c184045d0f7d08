from __future__ import annotations

import sys
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from upstander.accounts.models import Organisation
from upstander.intake.email import IntakeError, ingest
from upstander.reports.models import Report, ReportSource

pytestmark = pytest.mark.django_db
EML = Path(__file__).parent / "data" / "report_with_screenshot.eml"


@pytest.fixture
def reporting_org(org: Organisation) -> Organisation:
    org.reporting_email = "report@hill.test"
    org.save()
    return org


def test_an_email_with_a_screenshot_becomes_a_report_with_evidence(reporting_org: Organisation) -> None:
    result = ingest(EML.read_bytes())
    report = Report.objects.get()
    assert report.organisation == reporting_org
    assert report.source == ReportSource.EMAIL
    assert "nasty comments on his Instagram posts" in report.account
    assert report.account.startswith("Subject: My son is being bullied on Instagram")
    assert (report.anonymous, report.reporter_email, report.reporter_name) == (
        False,
        "jo.parent@example.net",
        "Jo Parent",
    )
    assert result.attachments == 1
    from upstander.evidence.models import EvidenceItem

    items = EvidenceItem.objects.filter(report=report)
    assert items.count() == 2  # the screenshot and the original .eml
    assert result.acknowledged
    ack = mail.outbox[-1]
    assert ack.to == ["jo.parent@example.net"]
    assert result.receipt.passphrase in ack.body


def test_the_command_reads_the_message_on_standard_input(
    reporting_org: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Stdin:
        buffer = BytesIO(EML.read_bytes())

    monkeypatch.setattr(sys, "stdin", Stdin)
    out = StringIO()
    call_command("ingest_email", stdout=out)
    assert "1 attachment(s) kept" in out.getvalue()
    assert Report.objects.count() == 1


def test_a_message_to_no_known_address_is_refused_and_stores_nothing(org: Organisation) -> None:
    with pytest.raises(IntakeError, match="No organisation's reporting address"):
        ingest(EML.read_bytes())
    assert not Report.objects.exists()


def test_the_organisation_can_be_given_when_no_address_matches(org: Organisation) -> None:
    ingest(EML.read_bytes(), fallback_slug="hill")
    assert Report.objects.get().organisation == org


def test_an_auto_reply_gets_no_acknowledgement(reporting_org: Organisation) -> None:
    raw = b"Auto-Submitted: auto-replied\r\n" + EML.read_bytes()
    result = ingest(raw)
    assert not result.acknowledged
    assert not [m for m in mail.outbox if "We have your report" in m.subject]


def test_garbage_is_refused_with_a_reason() -> None:
    with pytest.raises(IntakeError):
        ingest(b"")


def test_the_command_fails_with_the_reason_when_no_address_matches(
    org: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Stdin:
        buffer = BytesIO(EML.read_bytes())

    monkeypatch.setattr(sys, "stdin", Stdin)
    with pytest.raises(CommandError, match="pass --organisation"):
        call_command("ingest_email")
    assert not Report.objects.exists()
