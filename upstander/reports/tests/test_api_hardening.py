"""Input that used to make the public API answer 500 (issue 10, item 8), a header-injection string
as the reporter's email (item 10), and the OpenAPI document agreeing with what the API does."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from upstander.accounts.models import Organisation
from upstander.core.api import MAX_JSON_DEPTH
from upstander.reports import api as reports_api
from upstander.reports.models import Report

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports"
GOOD = {
    "organisation": "hill",
    "account": "They keep posting my photos with nasty comments.",
    "reporter_role": "target",
}
INJECTION = "victim@example.com\r\nBcc: everyone@example.com"


def post_raw(client: Client, body: str | bytes, **headers: str) -> Any:
    return client.post(URL, data=body, content_type="application/json", headers=headers)


def post(client: Client, body: Any, **headers: str) -> Any:
    return post_raw(client, json.dumps(body), **headers)


@pytest.mark.parametrize(
    "value",
    [
        "2026-02-30",  # no such day
        "2026-01-01T25:00:00",  # no such hour
        "2026-01-01T10:00:00+99:00",  # no such offset
        "0001-01-01T00:00:00+05:00",  # before the calendar starts, once in UTC
        "0001-01-01",
        "9999-12-31T23:59:59-05:00",  # after it ends
        "1899-12-31",
    ],
)
def test_an_impossible_happened_at_gets_400_naming_the_field(client: Client, org: Organisation, value: str) -> None:
    response = post(client, {**GOOD, "happened_at": value})
    assert response.status_code == 400, response.content
    assert set(response.json()["errors"]) == {"happened_at"}
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "field", ["organisation", "account", "reporter_role", "reporter_kind", "reporter_name", "reporter_email", "channel",
              "platform", "happened_at", "people"],
)  # fmt: skip
def test_a_lone_surrogate_in_any_string_field_gets_400_naming_it(client: Client, org: Organisation, field: str) -> None:
    body = json.dumps({**GOOD, "anonymous": False, field: "bad \ud800 text"})
    assert "\\ud800" in body  # sent as JSON sends it: an escape
    response = post_raw(client, body)
    assert response.status_code == 400, response.content
    assert set(response.json()["errors"]) == {field}
    assert not Report.objects.exists()


def test_a_lone_surrogate_in_a_list_or_a_nul_gets_400_naming_the_field(client: Client, org: Organisation) -> None:
    response = post(client, {**GOOD, "people": ["Sam", "\udfff"]})
    assert (response.status_code, set(response.json()["errors"])) == (400, {"people"})
    response = post(client, {**GOOD, "account": "nul \x00 here"})
    assert (response.status_code, set(response.json()["errors"])) == (400, {"account"})


def test_json_nested_50000_deep_gets_400_naming_the_field(client: Client, org: Organisation) -> None:
    deep = "[" * 50_000 + "]" * 50_000
    response = post_raw(client, json.dumps(GOOD)[:-1] + f', "people": {deep}}}')
    assert response.status_code == 400
    assert response.json()["errors"] == {"people": f"is nested more than {MAX_JSON_DEPTH} levels deep."}
    response = post_raw(client, deep)
    assert (response.status_code, set(response.json()["errors"])) == (400, {"body"})
    # Brackets inside strings are text, not nesting.
    response = post(client, {**GOOD, "account": '[[[[[[[[[[[[ {{{{{{{{{{{ " [[[[[[[[[['})
    assert response.status_code == 201


def test_bad_bodies_are_answered_400_before_the_rate_limit_and_do_not_use_it_up(
    client: Client, org: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reports_api, "ANONYMOUS_API_REPORTS_PER_ADDRESS_PER_HOUR", 1)
    for bad in ({**GOOD, "happened_at": "2026-02-30"}, {**GOOD, "account": "\ud800"}):
        for _ in range(3):
            assert post(client, bad).status_code == 400
    deep = "[" * 50_000 + "]" * 50_000
    assert post_raw(client, deep).status_code == 400
    assert post(client, GOOD).status_code == 201  # the one allowed report was not used up by the bad ones
    assert post(client, GOOD).status_code == 429
    assert post(client, {**GOOD, "happened_at": "2026-01-01T25:00:00"}).status_code == 400  # still told what is wrong


def test_a_header_injection_in_reporter_email_is_refused_by_the_api(client: Client, org: Organisation) -> None:
    for value in (INJECTION, "victim@example.com\nBcc: x@example.com", "a@b.com, c@d.com", "not an address"):
        response = post(client, {**GOOD, "anonymous": False, "reporter_email": value})
        assert response.status_code == 400, value
        assert set(response.json()["errors"]) == {"reporter_email"}
    assert not Report.objects.exists()


def test_the_openapi_document_says_what_the_api_does(client: Client, org: Organisation) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    post_op = doc["paths"]["/reports"]["post"]
    fields = doc["components"]["schemas"]["ReportIn"]["properties"]
    # An empty (or blank) account is refused, as the schema says.
    assert fields["account"]["minLength"] == 1 and fields["account"]["pattern"] == "\\S"
    assert post(client, {**GOOD, "account": ""}).status_code == 400
    assert post(client, {**GOOD, "account": "   "}).status_code == 400
    # An empty reporter_email is allowed, as the schema says.
    assert {"type": "string", "maxLength": 0} in fields["reporter_email"]["anyOf"]
    assert post(client, {**GOOD, "anonymous": False, "reporter_email": ""}).status_code == 201
    # A reused Idempotency-Key with another body: 422, documented.
    assert "422" in post_op["responses"]
    assert post(client, GOOD, **{"Idempotency-Key": "k-1"}).status_code == 201
    assert post(client, {**GOOD, "account": "Something else."}, **{"Idempotency-Key": "k-1"}).status_code == 422
    # Every status the API can give is documented.
    for status in ("201", "400", "401", "403", "413", "415", "422", "429"):
        assert status in post_op["responses"], status
    assert post_raw(client, "x" * (300 * 1024)).status_code == 413
