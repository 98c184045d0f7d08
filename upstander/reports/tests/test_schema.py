"""The one report schema (issue 11): every route builds a report through it, and the API's OpenAPI
document is what the schema generates, with every documented field accepted by the API."""

from __future__ import annotations

import ast
import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from upstander.accounts.models import Organisation
from upstander.reports import api, schema
from upstander.reports.forms import StaffRecordForm, WhenForm
from upstander.reports.models import Report
from upstander.reports.tests.helpers import fill_in_report

URL = "/api/v1/reports"
GOOD = {"organisation": "hill", "account": "They keep posting my photos with nasty comments.", "reporter_role": "target"}


def post(client: Client, body: Any) -> Any:
    return client.post(URL, data=json.dumps(body), content_type="application/json")


# --- the document is generated, and says what the API does -----------------------------------------


@pytest.mark.django_db
def test_the_served_openapi_document_is_what_the_schema_generates(client: Client) -> None:
    served = client.get("/api/v1/openapi.json").json()
    assert served == json.loads(json.dumps(api.document()))
    generated = schema.ReportIn.model_json_schema(ref_template="#/components/schemas/{model}")
    assert served["components"]["schemas"]["ReportIn"] == generated
    assert set(generated["properties"]) == api.FIELDS == set(schema.ReportIn.model_fields)


def test_every_documented_operation_is_served_by_its_view() -> None:
    document = api.document()
    for route in api.ROUTES:
        operation = document["paths"]["/" + route.path][route.method]
        assert operation["responses"][str(route.ok[0])]
        match = resolve("/api/v1/" + route.path.replace("{reference}", "ABCD-2345"))
        assert match.func is route.view and match.url_name == route.name
    assert set(document["paths"]) == {"/" + route.path for route in api.ROUTES}


def test_the_fuzzers_tricky_inputs_go_into_every_field() -> None:
    hooks = Path(__file__).resolve().parents[3] / "bench" / "api_fuzz_hooks.py"
    tree = ast.parse(hooks.read_text())
    fields = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "FIELDS" for t in node.targets)
    )
    assert set(fields) == api.FIELDS


def _valid(name: str, prop: dict[str, Any]) -> Any:
    """A value the document says the field takes (its first alternative that is not empty or null)."""
    if "anyOf" in prop:
        wanted = [p for p in prop["anyOf"] if p.get("type") != "null" and p.get("maxLength") != 0]
        return _valid(name, wanted[0])
    if "enum" in prop:
        return prop["enum"][-1]
    if prop.get("type") == "boolean":
        return not prop.get("default", False)
    if prop.get("type") == "array":
        return [_valid(name, prop["items"])]
    if prop.get("format") == "date-time":
        return (timezone.now() - timedelta(days=2)).replace(microsecond=0).isoformat()
    if prop.get("format") == "email":
        return "someone@example.com"
    assert prop.get("type") == "string", (name, prop)
    return {"organisation": "hill", "account": "A documented field, accepted."}.get(name, "Sam in 9B")


@pytest.mark.django_db
def test_every_documented_field_is_accepted_by_the_api(client: Client, org: Organisation) -> None:
    properties = api.document()["components"]["schemas"]["ReportIn"]["properties"]
    for name, prop in properties.items():
        value = _valid(name, prop)
        body = {**GOOD, "anonymous": False, name: value}
        response = post(client, body)
        assert response.status_code == 201, (name, value, response.content)
    assert Report.objects.count() == len(properties)
    stored = list(Report.objects.all())
    assert any(r.concerns == ["self_harm"] for r in stored) and any(r.happened_when == "Sam in 9B" for r in stored)


# --- the rules, once ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [date(2026, 11, 20), "2026-11-20"])
def test_a_date_with_no_time_means_midday_local_time(value: Any) -> None:
    report = schema.ReportData.model_validate({"account": "x", "reporter_role": "target", "happened_at": value})
    stored = report.to_input().happened_at
    assert stored is not None and timezone.localtime(stored).time() == time(12, 0)
    assert timezone.localtime(stored).date() == date(2026, 11, 20)


def test_today_is_not_the_future_even_before_midday() -> None:
    assert schema.field_errors({"happened_at": timezone.localdate()}) == {}
    assert schema.field_errors({"happened_at": timezone.localdate() + timedelta(days=1)})["happened_at"].code == (
        "when_future"
    )


def test_an_anonymous_report_keeps_no_name_or_address() -> None:
    report = schema.ReportData.model_validate(
        {"account": "x", "reporter_role": "bystander", "reporter_name": "Sam", "reporter_email": "sam@example.com"}
    )
    assert report.anonymous and (report.to_input().reporter_name, report.to_input().reporter_email) == ("", "")


def test_errors_name_each_field_with_what_to_fix() -> None:
    found, errors = schema.validate(
        schema.ReportData, {"account": " ", "reporter_role": "alien", "people": {"a": 1}, "colour": "blue"}
    )
    assert found is None
    assert {k: v.message for k, v in errors.items()} == {
        "account": "is required.",
        "reporter_role": "must be one of target, bystander, parent, staff, unknown.",
        "people": "must be a string or a list of strings (names or usernames).",
        "colour": "is not a field of a report.",
    }


def test_the_forms_take_the_schemas_rules_in_their_own_words() -> None:
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    form = WhenForm({"happened_when": "earlier", "happened_on": tomorrow})
    assert not form.is_valid()
    assert form.errors["happened_on"] == ["The date cannot be in the future."]
    staff = StaffRecordForm(
        {"in_danger": "no", "reporter_role": "staff", "account": "\x00", "happened_on": tomorrow, "channel": "gaming"}
    )
    assert not staff.is_valid()
    assert set(staff.errors) == {"account", "happened_on"}


@pytest.mark.django_db
def test_the_web_form_and_the_api_store_the_same_report(client: Client, org: Organisation) -> None:
    day = (timezone.localdate() - timedelta(days=3)).isoformat()
    fill_in_report(client, "hill", when={"happened_when": "earlier", "happened_on": day})
    client.post(reverse("reports:check", args=["hill"]))
    body = {
        **GOOD,
        "account": "Someone in my class keeps posting mean comments about me on my pictures.",
        "reporter_kind": "pupil",
        "channel": "social_media",
        "platform": "instagram",
        "happened_at": day,
        "happened_when": "Longer ago",
        "people": "@mean_account_123",
    }
    assert post(client, body).status_code == 201
    web, by_api = Report.objects.order_by("created_at", "pk")
    fields = ["reporter_role", "reporter_kind", "account", "channel", "platform", "happened_at", "happened_when",
              "people_involved", "anonymous", "in_danger", "reporter_name", "reporter_email"]  # fmt: skip
    assert {f: getattr(web, f) for f in fields} == {f: getattr(by_api, f) for f in fields}
    assert web.happened_at == timezone.make_aware(datetime.combine(date.fromisoformat(day), time(12, 0)))


@pytest.mark.django_db
def test_a_draft_the_schema_refuses_is_asked_again_not_a_500(client: Client, org: Organisation) -> None:
    fill_in_report(client, "hill")
    session = client.session
    draft = session["report-draft:hill"]
    draft["where"]["platform"] = "myspace"  # kept from before the directory dropped it
    session["report-draft:hill"] = draft
    session.save()
    response = client.get(reverse("reports:check", args=["hill"]))
    assert response.status_code == 302 and response["Location"].endswith("/where/")
    assert not Report.objects.exists()
