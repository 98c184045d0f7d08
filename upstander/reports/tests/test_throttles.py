"""Issue 10, hole 6 (reporting side): limits a made-up name cannot dodge, and that a person who saw
a receipt number cannot turn against the reporter."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Organisation
from upstander.core.models import RateLimit
from upstander.reports import api, views_public
from upstander.reports.models import Report
from upstander.reports.tests.helpers import fill_in_report

pytestmark = pytest.mark.django_db
NAMED = {"you": {"anonymous": "yes", "reporter_name": "Any Name", "reporter_email": ""}}


def test_a_named_report_on_the_form_cannot_skip_the_limit(
    client: Client, org: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views_public, "REPORTS_PER_ADDRESS_PER_HOUR", 2)
    statuses = []
    for n in range(3):
        fill_in_report(client, "hill", you={"anonymous": "yes", "reporter_name": f"Name {n}", "reporter_email": ""})
        statuses.append(client.post(reverse("reports:check", args=["hill"])).status_code)
    assert statuses == [302, 302, 429]
    assert Report.objects.count() == 2


def test_named_and_anonymous_reports_share_one_count(
    client: Client, org: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views_public, "REPORTS_PER_ADDRESS_PER_HOUR", 1)
    fill_in_report(client, "hill")
    assert client.post(reverse("reports:check", args=["hill"])).status_code == 302
    fill_in_report(client, "hill", **NAMED)
    assert client.post(reverse("reports:check", args=["hill"])).status_code == 429


API_REPORT = {
    "organisation": "hill",
    "account": "Someone keeps posting about me.",
    "reporter_role": "target",
    "channel": "social_media",
}


def _api(client: Client, **fields: Any) -> int:
    body = json.dumps({**API_REPORT, **fields})
    return int(client.post("/api/v1/reports", data=body, content_type="application/json").status_code)


def test_a_named_report_on_the_api_cannot_skip_the_limit(
    client: Client, org: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api, "ANONYMOUS_API_REPORTS_PER_ADDRESS_PER_HOUR", 3)
    statuses = [_api(client, anonymous=False, reporter_name=f"Made Up {n}") for n in range(4)]
    assert statuses == [201, 201, 201, 429]
    assert _api(client, anonymous=True) == 429
    assert Report.objects.count() == 3


def test_the_report_limit_stores_no_address(client: Client, org: Organisation) -> None:
    _api(Client(REMOTE_ADDR="192.0.2.77"), anonymous=False, reporter_name="Someone")
    fill_in_report(client, "hill", **NAMED)
    client.post(reverse("reports:check", args=["hill"]))
    for row in RateLimit.objects.all():
        assert "192.0.2.77" not in row.key and "127.0.0.1" not in row.key
        assert len(row.key) == 64


def _report_and_receipt(org: Organisation) -> tuple[Report, dict[str, str]]:
    reporter = Client(REMOTE_ADDR="192.0.2.10")
    fill_in_report(reporter, "hill")
    reporter.post(reverse("reports:check", args=["hill"]))
    receipt = reporter.get(reverse("reports:sent", args=["hill"])).context["receipt"]
    return Report.objects.get(), receipt


def _lookup(client: Client, reference: str, passphrase: str) -> int:
    return int(client.post(reverse("reports:status"), {"reference": reference, "passphrase": passphrase}).status_code)


def test_ten_wrong_passphrases_do_not_lock_the_reporter_out(org: Organisation) -> None:
    report, receipt = _report_and_receipt(org)
    for n in range(12):  # from many addresses, as the red team did
        assert _lookup(Client(REMOTE_ADDR=f"198.51.100.{n}"), report.reference, "wrong words here") == 200
    assert _lookup(Client(REMOTE_ADDR="192.0.2.10"), receipt["reference"], receipt["passphrase"]) == 302


def test_one_address_guessing_one_reference_backs_off(org: Organisation) -> None:
    report, receipt = _report_and_receipt(org)
    guesser = Client(REMOTE_ADDR="203.0.113.5")
    statuses = [_lookup(guesser, report.reference, "wrong words") for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    # Even the right passphrase is refused from that address while it waits...
    assert _lookup(guesser, receipt["reference"], receipt["passphrase"]) == 429
    # ...but the reporter, anywhere else, gets in.
    assert _lookup(Client(REMOTE_ADDR="192.0.2.10"), receipt["reference"], receipt["passphrase"]) == 302


def test_a_right_passphrase_clears_the_count_that_links_address_and_reference(org: Organisation) -> None:
    report, receipt = _report_and_receipt(org)
    reporter = Client(REMOTE_ADDR="192.0.2.10")
    _lookup(reporter, report.reference, "a typo")
    pair_keys = views_public._lookup_keys("192.0.2.10", report.reference)
    assert RateLimit.objects.filter(key__in=pair_keys).exists()
    assert _lookup(reporter, receipt["reference"], receipt["passphrase"]) == 302
    assert not RateLimit.objects.filter(key__in=pair_keys).exists()
