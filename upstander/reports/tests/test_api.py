from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Organisation, User
from upstander.audit.models import AuditEvent
from upstander.core.api import api_key_create
from upstander.reports.models import Report, ReportSource
from upstander.reports.receipts import check_passphrase, normalise_reference

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports"
GOOD = {
    "organisation": "hill",
    "account": "Someone made a fake account with my photos and is messaging my friends.",
    "reporter_role": "target",
    "anonymous": True,
    "channel": "social_media",
    "platform": "instagram",
    "happened_at": "2026-11-20T16:30:00Z",
    "people": ["@fake_me_99", "Jordan in 9B"],
    "in_danger": False,
}


def post(client: Client, body: Any, **headers: str) -> Any:
    return client.post(URL, data=json.dumps(body), content_type="application/json", headers=headers)


def test_it_stores_a_report_and_answers_201_with_a_receipt(client: Client, org: Organisation) -> None:
    response = post(client, GOOD)
    assert response.status_code == 201
    body = response.json()
    report = Report.objects.get()
    assert normalise_reference(body["reference"]) == report.reference
    assert check_passphrase(body["passphrase"], report.passphrase_hash)
    assert body["status_url"].endswith(reverse("reports:status"))
    assert report.source == ReportSource.API
    assert report.people_involved == "@fake_me_99\nJordan in 9B"
    assert report.platform == "instagram"
    assert report.happened_at is not None and report.happened_at.isoformat().startswith("2026-11-20T16:30")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("organisation", "nowhere", "no organisation has the slug"),
        ("account", "", "is required"),
        ("account", 42, "must be a string"),
        ("account", "x" * 20001, "at most 20,000"),
        ("reporter_role", "alien", "must be one of target, bystander, parent, staff"),
        ("anonymous", "yes", "must be true or false"),
        ("channel", "pigeon", "must be one of"),
        ("platform", "myspace", "must be one of"),
        ("happened_at", "last tuesday", "ISO 8601"),
        ("happened_at", "2999-01-01", "cannot be in the future"),
        ("people", {"a": 1}, "a string or a list of strings"),
        ("in_danger", "no", "must be true or false"),
        ("colour", "blue", "is not a field of a report"),
    ],
)
def test_bad_input_answers_400_naming_the_field(
    client: Client, org: Organisation, field: str, value: Any, message: str
) -> None:
    response = post(client, {**GOOD, field: value})
    assert response.status_code == 400
    assert message in response.json()["errors"][field]
    assert not Report.objects.exists()


def test_every_bad_field_is_named_at_once(client: Client, org: Organisation) -> None:
    response = post(client, {"organisation": "hill", "reporter_role": "x"})
    assert set(response.json()["errors"]) == {"account", "reporter_role"}


def test_a_body_that_is_not_json_is_refused_with_a_reason(client: Client, org: Organisation) -> None:
    assert client.post(URL, data="account=hi", content_type="application/x-www-form-urlencoded").status_code == 415
    response = client.post(URL, data="{nope", content_type="application/json")
    assert response.status_code == 400 and "not valid JSON" in response.json()["error"]
    assert client.post(URL, data="[1]", content_type="application/json").status_code == 400


def test_a_retry_with_the_same_idempotency_key_returns_the_first_result(client: Client, org: Organisation) -> None:
    first = post(client, GOOD, **{"Idempotency-Key": "abc-123"})
    second = post(client, GOOD, **{"Idempotency-Key": "abc-123"})
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second["Idempotent-Replayed"] == "true"
    assert Report.objects.count() == 1
    report = Report.objects.get()
    assert check_passphrase(second.json()["passphrase"], report.passphrase_hash)
    # The passphrase is not stored anywhere in plain text.
    from upstander.reports.models import IdempotentRequest

    stored = IdempotentRequest.objects.get()
    assert "passphrase" not in stored.response_body
    assert stored.key != "abc-123"


def test_two_requests_racing_with_one_idempotency_key_make_one_report(
    client: Client, org: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second request checks for the key before the first has stored its answer; its own
    insert then fails, its report is rolled back, and it answers with the first request's result."""
    from upstander.reports import api

    first = post(client, GOOD, **{"Idempotency-Key": "race"})
    from upstander.reports.models import IdempotentRequest

    stored = IdempotentRequest.objects.get()
    real_filter = IdempotentRequest.objects.filter
    # The racing request's look-up ran before the first request committed: it finds nothing.
    monkeypatch.setattr(api.IdempotentRequest.objects, "filter", lambda **kw: real_filter(pk=-1))
    submitted: list[str] = []
    real_submit = api.services.report_submit

    def submit(**kwargs: Any) -> Any:
        receipt = real_submit(**kwargs)
        submitted.append(receipt.reference)
        return receipt

    monkeypatch.setattr(api.services, "report_submit", submit)
    second = post(client, GOOD, **{"Idempotency-Key": "race"})
    assert second.status_code == 201
    assert second["Idempotent-Replayed"] == "true"
    assert second.json() == first.json()
    assert Report.objects.count() == 1
    assert IdempotentRequest.objects.get() == stored
    assert len(submitted) == 1  # the second request did write a report ...
    assert not Report.objects.filter(reference=submitted[0]).exists()  # ... and it was rolled back


def test_the_same_idempotency_key_with_another_body_is_refused(client: Client, org: Organisation) -> None:
    post(client, GOOD, **{"Idempotency-Key": "k1"})
    response = post(client, {**GOOD, "account": "something else"}, **{"Idempotency-Key": "k1"})
    assert response.status_code == 422
    assert Report.objects.count() == 1


def test_different_idempotency_keys_make_different_reports(client: Client, org: Organisation) -> None:
    post(client, GOOD, **{"Idempotency-Key": "k1"})
    post(client, GOOD, **{"Idempotency-Key": "k2"})
    assert Report.objects.count() == 2


def test_an_anonymous_api_report_keeps_no_ip_address(client: Client, org: Organisation) -> None:
    post(client, GOOD, REMOTE_ADDR="203.0.113.7")
    report = Report.objects.get()
    assert report.submitted_ip is None
    assert AuditEvent.objects.get(object_type="reports.report").ip_address is None


def test_a_key_with_reports_write_reports_for_its_own_organisation(
    client: Client, org: Organisation, other_org: Organisation, users: dict[str, User]
) -> None:
    _, secret = api_key_create(organisation=org, name="app", scopes=["reports:write"], created_by=users["org_admin"])
    body = {k: v for k, v in GOOD.items() if k != "organisation"}
    assert post(client, body, Authorization=f"Bearer {secret}").status_code == 201
    refused = post(client, {**body, "organisation": "vale"}, Authorization=f"Bearer {secret}")
    assert refused.status_code == 400
    assert "own organisation" in refused.json()["errors"]["organisation"]


def test_a_wrong_or_unscoped_key_is_refused(client: Client, org: Organisation) -> None:
    _, read_only = api_key_create(organisation=org, name="dash", scopes=["reports:read"], created_by=None)
    assert post(client, GOOD, Authorization="Bearer up_nope_nope").status_code == 401
    assert post(client, GOOD, Authorization="Basic abc").status_code == 401
    assert post(client, GOOD, Authorization=f"Bearer {read_only}").status_code == 403
    assert not Report.objects.exists()


def test_a_read_key_sees_the_status_of_its_own_organisations_reports_only(
    client: Client, org: Organisation, other_org: Organisation
) -> None:
    _, secret = api_key_create(organisation=org, name="dash", scopes=["reports:read"], created_by=None)
    mine = post(client, GOOD).json()["reference"]
    theirs = post(client, {**GOOD, "organisation": "vale"}).json()["reference"]
    auth = {"Authorization": f"Bearer {secret}"}
    answer = client.get(f"{URL}/{mine}", headers=auth)
    assert answer.status_code == 200 and answer.json()["status"] == "received"
    assert client.get(f"{URL}/{theirs}", headers=auth).status_code == 404
    assert client.get(f"{URL}/{mine}").status_code == 401


def test_the_openapi_document_describes_every_field_the_api_accepts(client: Client) -> None:
    from upstander.reports.api import FIELDS

    doc = client.get("/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    schema = doc["components"]["schemas"]["ReportIn"]
    assert set(schema["properties"]) == FIELDS
    assert "Idempotency-Key" in json.dumps(doc["paths"]["/reports"]["post"]["parameters"])


def test_wrong_methods_are_refused(client: Client) -> None:
    assert client.get(URL).status_code == 405
    assert client.post("/api/v1/openapi.json").status_code == 405
