"""The reporter's side, attacked (issue 10): pages with a passphrase cached (item 9); a
header-injection string as the reporter's email on the form and the email route (item 10); and
whether a receipt lookup's timing could tell real references from unknown ones (item 10)."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Organisation
from upstander.intake.email import ingest
from upstander.reports import receipts, selectors, services
from upstander.reports.models import Report
from upstander.reports.tests.helpers import ANSWERS, fill_in_report

pytestmark = pytest.mark.django_db
INJECTION = "victim@example.com\r\nBcc: everyone@example.com"


def _no_store(response: Any) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_no_reporter_page_may_be_cached(client: Client, org: Organisation) -> None:
    pages = [reverse("reports:choose"), reverse("reports:start", args=["hill"])]
    for step in ANSWERS:
        pages.append(reverse("reports:step", args=["hill", step]))
    pages.append(reverse("reports:danger_now", args=["hill"]))
    fill_in_report(client, "hill")
    pages.append(reverse("reports:check", args=["hill"]))
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url
    # Each step's answer, too (the redirect after it).
    assert _no_store(client.post(reverse("reports:step", args=["hill", "danger"]), {"in_danger": "no"}))
    sent = client.post(reverse("reports:check", args=["hill"]))
    assert _no_store(sent)
    receipt = client.get(sent["Location"])
    passphrase = receipt.context["receipt"]["passphrase"]
    assert passphrase.encode() in receipt.content and _no_store(receipt)
    assert _no_store(client.get(reverse("reports:sent", args=["hill"])))  # "shown once" page
    lookup = client.get(reverse("reports:status"))
    assert _no_store(lookup)
    found = client.post(
        reverse("reports:status"), {"reference": receipt.context["receipt"]["reference"], "passphrase": passphrase}
    )
    assert found.status_code == 302 and _no_store(found)
    assert _no_store(client.get(found["Location"]))


def test_the_api_receipt_with_its_passphrase_may_not_be_cached(client: Client, org: Organisation) -> None:
    body = {"organisation": "hill", "account": "Mean comments on my photos.", "reporter_role": "target"}
    response = client.post("/api/v1/reports", json.dumps(body), content_type="application/json")
    assert response.status_code == 201 and "passphrase" in response.json()
    assert _no_store(response)


def test_a_header_injection_in_the_forms_email_is_refused(client: Client, org: Organisation) -> None:
    fill_in_report(client, "hill", you={"anonymous": "no"})
    response = client.post(
        reverse("reports:step", args=["hill", "you"]),
        {"anonymous": "yes", "reporter_name": "Sam", "reporter_email": INJECTION},
    )
    assert response.status_code == 200
    assert b"email address like name@example.com" in response.content
    client.post(reverse("reports:check", args=["hill"]))
    assert not Report.objects.filter(reporter_email__contains="Bcc").exists()


def test_the_reporter_email_check_refuses_line_breaks_and_lists() -> None:
    assert services.reporter_email_problem("sam@example.com") == ""
    for bad in (INJECTION, "sam@example.com\n", "sam@example.com\x00", "a@b.com, c@d.com", "x" * 250 + "@b.com"):
        assert services.reporter_email_problem(bad), bad


@pytest.fixture
def reporting_org(org: Organisation) -> Organisation:
    org.reporting_email = "report@hill.test"
    org.save()
    return org


def test_an_emailed_report_whose_sender_hides_a_header_injection_is_kept_and_not_answered(
    reporting_org: Organisation,
) -> None:
    encoded = base64.b64encode(INJECTION.encode()).decode()
    raw = (
        f"From: =?utf-8?b?{encoded}?=\r\nTo: report@hill.test\r\nSubject: help\r\n"
        "Message-ID: <inject@example.com>\r\n\r\nThey keep posting my photos.\r\n"
    ).encode()
    result = ingest(raw)
    report = Report.objects.get()
    assert "They keep posting my photos." in report.account  # nothing lost
    assert report.reporter_email == ""
    assert not result.acknowledged
    assert not mail.outbox or all("everyone@example.com" not in m.recipients() for m in mail.outbox)


def test_an_unknown_reference_costs_the_same_work_as_a_real_one(
    org: Organisation, monkeypatch: pytest.MonkeyPatch, django_assert_num_queries: Any
) -> None:
    """The code paths are equal: one query, then one passphrase verification against a stored
    hash, and no hash made on either (so timing cannot tell which references exist)."""
    receipt = services.report_submit(
        organisation=org, data=services.ReportInput(reporter_role="target", account="Mean comments.")
    )
    receipts.unknown_reference_hash()  # made once per process, like the real hashes made once per report
    calls: list[str] = []
    hasher = receipts.PASSPHRASE_HASHER
    real_verify, real_encode = hasher.verify, hasher.encode
    monkeypatch.setattr(hasher, "verify", lambda *a: calls.append("verify") or real_verify(*a))
    monkeypatch.setattr(hasher, "encode", lambda *a: calls.append("encode") or real_encode(*a))

    def work(reference: str, passphrase: str) -> tuple[list[str], Report | None]:
        calls.clear()
        with django_assert_num_queries(1):
            found = selectors.report_by_receipt(reference=reference, passphrase=passphrase)
        return list(calls), found

    real_wrong = work(receipt.reference, "wrong-words-here-and-there-too")
    unknown = work("ZZZZ9999", "wrong-words-here-and-there-too")
    real_right = work(receipt.reference, receipt.passphrase)
    assert real_wrong == (["verify"], None)
    assert unknown == (["verify"], None)
    assert real_right == (["verify"], receipt.report)
    # Both hashes were made with the same settings, so each verification does the same work.
    assert receipts.unknown_reference_hash().split("$")[:4] == receipt.report.passphrase_hash.split("$")[:4]
