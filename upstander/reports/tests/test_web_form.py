from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Organisation, User
from upstander.audit.models import AuditEvent
from upstander.reports.models import Report, ReportMessage
from upstander.reports.receipts import check_passphrase, format_reference
from upstander.reports.tests.helpers import fill_in_report, run_tasks

pytestmark = pytest.mark.django_db


def test_a_pupil_reports_anonymously_and_gets_a_receipt_once(client: Client, org: Organisation) -> None:
    fill_in_report(client, "hill")
    check = client.get(reverse("reports:check", args=["hill"]))
    assert b"keeps posting mean comments" in check.content
    response = client.post(reverse("reports:check", args=["hill"]))
    assert response["Location"] == reverse("reports:sent", args=["hill"])
    report = Report.objects.get()
    receipt = client.get(response["Location"])
    passphrase = receipt.context["receipt"]["passphrase"]
    assert format_reference(report.reference).encode() in receipt.content
    assert passphrase.encode() in receipt.content
    assert check_passphrase(passphrase, report.passphrase_hash)
    assert passphrase not in report.passphrase_hash
    # Shown once only.
    again = client.get(reverse("reports:sent", args=["hill"]))
    assert passphrase.encode() not in again.content


def test_an_anonymous_report_keeps_no_identifying_data(client: Client, org: Organisation) -> None:
    fill_in_report(client, "hill", you={"anonymous": "no", "reporter_name": "Sneaky", "reporter_email": "me@x.test"})
    client.post(reverse("reports:check", args=["hill"]), REMOTE_ADDR="203.0.113.9")
    report = Report.objects.get()
    assert report.anonymous
    assert (report.reporter_name, report.reporter_email, report.submitted_ip) == ("", "", None)
    event = AuditEvent.objects.get(action="created", object_type="reports.report")
    assert event.ip_address is None
    assert event.actor_label == "anonymous reporter"
    from upstander.core.models import RateLimit

    assert all("203.0.113.9" not in row.key for row in RateLimit.objects.all())


def test_a_named_report_keeps_the_name_and_email(client: Client, org: Organisation) -> None:
    fill_in_report(
        client, "hill", you={"anonymous": "yes", "reporter_name": "Sam Pupil", "reporter_email": "sam@x.test"}
    )
    client.post(reverse("reports:check", args=["hill"]))
    report = Report.objects.get()
    assert (report.anonymous, report.reporter_name, report.reporter_email) == (False, "Sam Pupil", "sam@x.test")


def test_saying_someone_is_in_danger_shows_999_first_and_marks_the_report_urgent(
    client: Client, org: Organisation, users: dict[str, User]
) -> None:
    response = client.post(reverse("reports:step", args=["hill", "danger"]), {"in_danger": "yes"})
    assert response["Location"] == reverse("reports:danger_now", args=["hill"])
    page = client.get(response["Location"])
    assert b"call 999 now" in page.content
    fill_in_report(client, "hill", danger={"in_danger": "yes"})
    client.post(reverse("reports:check", args=["hill"]))
    report = Report.objects.get()
    assert report.urgent
    run_tasks()
    alert = next(m for m in mail.outbox if "URGENT" in m.subject)
    assert set(alert.to) == {"dsl@hill.test", "deputy_dsl@hill.test"}
    assert "keeps posting" not in alert.body  # a link, never the details
    assert reverse("reports:staff_detail", args=[report.pk]) in alert.body


def test_each_step_says_what_to_fix(client: Client, org: Organisation) -> None:
    response = client.post(reverse("reports:step", args=["hill", "danger"]), {})
    assert b"Choose yes if anyone is in danger" in response.content
    client.post(reverse("reports:step", args=["hill", "danger"]), {"in_danger": "no"})
    client.post(reverse("reports:step", args=["hill", "who"]), {"reporter_role": "target"})
    long = client.post(reverse("reports:step", args=["hill", "what"]), {"account": "x" * 20001})
    assert b"keep it under 20,000 characters" in long.content


def test_skipping_ahead_goes_back_to_the_first_unanswered_question(client: Client, org: Organisation) -> None:
    response = client.get(reverse("reports:step", args=["hill", "when"]))
    assert response["Location"] == reverse("reports:step", args=["hill", "danger"])
    assert client.get(reverse("reports:check", args=["hill"]))["Location"] == reverse(
        "reports:step", args=["hill", "danger"]
    )


def test_an_unknown_organisation_or_step_is_not_found(client: Client, org: Organisation) -> None:
    assert client.get(reverse("reports:start", args=["nowhere"])).status_code == 404
    assert client.get(reverse("reports:step", args=["hill", "nonsense"])).status_code == 404


def test_anonymous_reports_are_limited_per_address(client: Client, org: Organisation, settings: object) -> None:
    from upstander.reports import views_public

    limit = views_public.REPORTS_PER_ADDRESS_PER_HOUR
    views_public.REPORTS_PER_ADDRESS_PER_HOUR = 1
    try:
        fill_in_report(client, "hill")
        client.post(reverse("reports:check", args=["hill"]))
        fill_in_report(client, "hill")
        refused = client.post(reverse("reports:check", args=["hill"]))
    finally:
        views_public.REPORTS_PER_ADDRESS_PER_HOUR = limit
    assert refused.status_code == 429
    assert b"try again in an hour" in refused.content
    assert Report.objects.count() == 1


def test_the_reporter_follows_up_and_reads_the_dsls_reply(
    client: Client, org: Organisation, users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    fill_in_report(client, "hill")
    client.post(reverse("reports:check", args=["hill"]))
    receipt = client.get(reverse("reports:sent", args=["hill"])).context["receipt"]
    report = Report.objects.get()

    dsl = Client()
    dsl.force_login(users["dsl"])
    session = dsl.session
    session["upstander_2fa_ok"] = True
    session.save()
    page = dsl.get(reverse("reports:staff_detail", args=[report.pk]))
    assert b"keeps posting mean comments" in page.content
    assert AuditEvent.objects.filter(action="viewed", object_type="reports.report", actor_id=users["dsl"].pk).exists()
    dsl.post(
        reverse("reports:staff_detail", args=[report.pk]),
        {"body": "Thank you. Can you send a screenshot?", "wait_for_reply": "1"},
    )

    reporter = Client()
    lookup = reporter.post(
        reverse("reports:status"),
        {"reference": receipt["reference"].lower(), "passphrase": receipt["passphrase"].replace("-", " ")},
    )
    assert lookup.status_code == 302
    status = reporter.get(lookup["Location"])
    assert b"Can you send a screenshot?" in status.content
    assert b"Waiting for you" in status.content or b"has asked you something" in status.content
    reporter.post(lookup["Location"], {"body": "I will add it now."})
    assert ReportMessage.objects.filter(author_kind="reporter", body="I will add it now.").exists()


def test_a_wrong_passphrase_shows_nothing(client: Client, org: Organisation) -> None:
    fill_in_report(client, "hill")
    client.post(reverse("reports:check", args=["hill"]))
    report = Report.objects.get()
    response = client.post(reverse("reports:status"), {"reference": report.reference, "passphrase": "wrong words"})
    assert response.status_code == 200
    assert b"do not match" in response.content
    assert client.get(reverse("reports:status_detail", args=[report.reference])).status_code == 404


def test_guessing_one_reference_from_one_address_is_throttled(org: Organisation) -> None:
    fill = Client()
    fill_in_report(fill, "hill")
    fill.post(reverse("reports:check", args=["hill"]))
    report = Report.objects.get()
    guesser = Client(REMOTE_ADDR="198.51.100.1")
    statuses = [
        guesser.post(reverse("reports:status"), {"reference": report.reference, "passphrase": "a b c"}).status_code
        for _ in range(7)
    ]
    assert statuses[:5] == [200] * 5
    assert statuses[5:] == [429, 429]


def test_guessing_is_throttled_per_address(client: Client, org: Organisation) -> None:
    statuses = [
        client.post(reverse("reports:status"), {"reference": f"REF{n:05d}", "passphrase": "a b c"}).status_code
        for n in range(22)
    ]
    assert statuses[:20] == [200] * 20
    assert statuses[20:] == [429, 429]


def test_the_chooser_offers_a_search_when_there_are_many_places_to_report_to(client: Client, org: Organisation) -> None:
    url = reverse("reports:choose")
    assert 'type="search"' not in client.get(url).content.decode()  # one school: a plain list
    Organisation.objects.bulk_create(
        [Organisation(slug=f"primary-{n}", name=f"Riverside Primary {n}", authority=org.authority) for n in range(12)]
    )
    page = client.get(url).content.decode()
    assert 'type="search"' in page and "Riverside Primary 11" in page and org.name in page
    page = client.get(url, {"q": "primary 11"}).content.decode()
    assert "Riverside Primary 11" in page and "Riverside Primary 10" not in page and org.name not in page
    assert "Nothing matches “no such school”" in client.get(url, {"q": "no such school"}).content.decode()
