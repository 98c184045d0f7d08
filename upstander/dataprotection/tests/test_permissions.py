"""Every data-protection page x every role, and another organisation's case or person (404), plus the
attacks each page must refuse."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Organisation, Role, User
from upstander.audit.models import AuditAction, AuditEvent
from upstander.cases.models import Case
from upstander.dataprotection import permissions, services
from upstander.dataprotection.models import LegalHold, PersonErasure, RetentionDecision
from upstander.people.models import Person
from upstander.reports.models import Report

pytestmark = pytest.mark.django_db

# (name, method, what the URL needs, data). "case", "decision" and "person" are filled in by _url.
VIEWS = [
    ("records", "get", "", {}),
    ("case", "get", "case", {}),
    ("hold_set", "post", "case", {"hold-reason": "Police investigation"}),
    ("hold_lift", "post", "case", {"lift-reason": "Closed"}),
    (
        "decide",
        "post",
        "case",
        {"decide-kind": "keep", "decide-reason": "Sibling case", "decide-keep_until": "2099-01-01"},
    ),
    ("decide", "post", "case", {"decide-kind": "delete", "decide-reason": "Past retention"}),
    ("carry_out", "get", "decision", {}),
    ("carry_out", "post", "decision", {"confirm_number": "NUMBER"}),
    ("withdraw", "post", "decision", {"withdraw-reason": "Mistake"}),
    ("access", "get", "person", {}),
    ("access", "post", "person", {}),
    ("erase", "get", "person", {}),
    ("erase", "post", "person", {"reason": "Request after review", "confirm_name": "Sam Patel"}),
]
LEADS = {"records:get", "case:get", "hold_set:post", "decide:post:keep"}


def _key(name: str, method: str, data: dict[str, str]) -> str:
    kind = data.get("decide-kind")
    return f"{name}:{method}" + (f":{kind}" if kind == "keep" else "")


EXPECTED: dict[Role, Callable[[str], object]] = {
    Role.DSL: lambda key: "ok",
    Role.DEPUTY_DSL: lambda key: "ok" if key in LEADS else 403,
    Role.SENIOR_LEADER: lambda key: 403,
    Role.STAFF: lambda key: 403,
    Role.ORG_ADMIN: lambda key: 403,
    Role.AUTHORITY_LEAD: lambda key: 403,
}


@pytest.fixture
def decision(closed_case: Case, dsl: User) -> RetentionDecision:
    return services.retention_decide(case=closed_case, kind="anonymise", reason="Learning", by=dsl)


def _url(name: str, needs: str, case: Case, decision: RetentionDecision, person: Person) -> str:
    args: list[int] = {"": [], "case": [case.pk], "decision": [case.pk, decision.pk], "person": [person.pk]}[needs]
    return reverse(f"dataprotection:{name}", args=args)


def _data(data: dict[str, str], case: Case) -> dict[str, str]:
    return {k: str(case.number) if v == "NUMBER" else v for k, v in data.items()}


def _kind(status: int) -> object:
    return "ok" if status < 400 else status


def _each_view_rolled_back(
    client: Client, case: Case, decision: RetentionDecision, person: Person, dsl: User
) -> Iterator[tuple[str, str, str, dict[str, str], Any]]:
    """(name, method, data, response) for every view, each request in a transaction rolled back after it,
    so every view meets the same starting state (one fixture for the whole table keeps the suite fast)."""
    for name, method, needs, data in VIEWS:
        with transaction.atomic():
            if name == "hold_lift":
                LegalHold.objects.create(organisation=case.organisation, case=case, reason="x", set_by=dsl)
            if name in ("erase", "decide"):
                RetentionDecision.objects.filter(pk=decision.pk).update(state="withdrawn")
            response = getattr(client, method)(_url(name, needs, case, decision, person), _data(data, case))
            yield name, method, needs, data, response
            transaction.set_rollback(True)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_gets_what_the_matrix_says(
    users: dict[str, User], login_as: Callable[[User], Client], closed_case: Case, decision: RetentionDecision,
    pupils: dict[str, Person], role: Role,
) -> None:  # fmt: skip
    client = login_as(users[role.value])
    got = {}
    for name, method, _, data, response in _each_view_rolled_back(client, closed_case, decision, pupils["sam"],
                                                                  users["dsl"]):  # fmt: skip
        got[_key(name, method, data)] = (_kind(response.status_code), EXPECTED[role](_key(name, method, data)))
    assert {key: seen for key, (seen, _) in got.items()} == {key: want for key, (_, want) in got.items()}, role
    assert len(got) == len(VIEWS)


def test_another_organisations_dsl_gets_404_and_changes_nothing(
    make_user: Callable[..., User], other_org: Organisation, login_as: Callable[[User], Client], closed_case: Case,
    decision: RetentionDecision, pupils: dict[str, Person], users: dict[str, User],
) -> None:  # fmt: skip
    outsider = make_user("dsl@vale.test", role=Role.DSL, organisation=other_org)
    client = login_as(outsider)
    for name, method, needs, _, response in _each_view_rolled_back(client, closed_case, decision, pupils["sam"],
                                                                   users["dsl"]):  # fmt: skip
        if needs:
            assert response.status_code == 404, (name, method)
        else:  # their own (empty) records-review list
            assert response.status_code == 200 and f"Case {closed_case.number}" not in response.content.decode()
    # Outside the rolled-back blocks, a real attempt at each change: nothing changes.
    for name, method, needs, data in VIEWS:
        if method == "post":
            response = client.post(_url(name, needs, closed_case, decision, pupils["sam"]), _data(data, closed_case))
            assert response.status_code == 404, name
    assert not LegalHold.objects.exists() and not PersonErasure.objects.exists()
    assert RetentionDecision.objects.get(pk=decision.pk).state == "recorded"
    assert Person.objects.get(pk=pupils["sam"].pk).first_name == "Sam"
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORTED).exists()


def test_anonymous_visitors_are_sent_to_sign_in(
    client: Client, closed_case: Case, decision: RetentionDecision, pupils: dict[str, Person]
) -> None:
    for name, method, needs, data in VIEWS:
        response = getattr(client, method)(_url(name, needs, closed_case, decision, pupils["sam"]), data)
        assert response.status_code == 302 and "login" in response["Location"], name


def test_every_page_view_and_export_is_audited(
    users: dict[str, User], login_as: Callable[[User], Client], closed_case: Case, decision: RetentionDecision,
    pupils: dict[str, Person],
) -> None:  # fmt: skip
    client = login_as(users["dsl"])
    before = AuditEvent.objects.count()
    for name, method, needs, _ in VIEWS:
        if method == "get":
            assert client.get(_url(name, needs, closed_case, decision, pupils["sam"])).status_code == 200, name
    assert AuditEvent.objects.count() - before == len([v for v in VIEWS if v[1] == "get"])
    response = client.post(_url("access", "person", closed_case, decision, pupils["sam"]))
    assert response["Content-Type"] == "application/zip"
    assert AuditEvent.objects.filter(action=AuditAction.EXPORTED, actor_id=users["dsl"].pk).count() == 1


def test_erasure_is_refused_under_a_legal_hold_even_by_the_dsl(
    users: dict[str, User], login_as: Callable[[User], Client], closed_case: Case, pupils: dict[str, Person]
) -> None:
    client = login_as(users["dsl"])
    services.hold_set(case=closed_case, reason="Claim", by=users["dsl"])
    url = reverse("dataprotection:erase", args=[pupils["sam"].pk])
    page = client.get(url).content.decode()
    assert "under a legal hold" in page and "Erase this person&#x27;s record" not in page
    response = client.post(url, {"reason": "Asked", "confirm_name": "Sam Patel"})
    assert response.status_code == 400 and "under a legal hold" in response.content.decode()
    assert Person.objects.get(pk=pupils["sam"].pk).first_name == "Sam"


def test_a_deputy_cannot_delete_lift_a_hold_export_or_erase(
    users: dict[str, User], login_as: Callable[[User], Client], closed_case: Case, pupils: dict[str, Person]
) -> None:
    client = login_as(users["deputy_dsl"])
    case_url = reverse("dataprotection:decide", args=[closed_case.pk])
    assert client.post(case_url, {"decide-kind": "delete", "decide-reason": "x"}).status_code == 403
    assert not RetentionDecision.objects.exists()
    assert (
        client.post(reverse("dataprotection:hold_set", args=[closed_case.pk]), {"hold-reason": "Claim"}).status_code
        == 302
    )
    assert (
        client.post(reverse("dataprotection:hold_lift", args=[closed_case.pk]), {"lift-reason": "x"}).status_code == 403
    )
    assert LegalHold.objects.get(case=closed_case).is_active
    assert client.post(reverse("dataprotection:access", args=[pupils["sam"].pk])).status_code == 403


def test_an_authority_lead_cannot_reach_a_case_escalated_to_them(
    users: dict[str, User], login_as: Callable[[User], Client], closed_case: Case
) -> None:
    from upstander.cases.models import Case as CaseModel

    CaseModel.objects.filter(pk=closed_case.pk).update(escalated_authority=closed_case.organisation.authority)
    client = login_as(users["authority_lead"])
    assert client.get(reverse("dataprotection:case", args=[closed_case.pk])).status_code == 403
    assert (
        client.post(reverse("dataprotection:hold_set", args=[closed_case.pk]), {"hold-reason": "x"}).status_code == 403
    )


def test_nothing_is_carried_out_without_the_confirmation(
    users: dict[str, User], login_as: Callable[[User], Client], closed_case: Case, decision: RetentionDecision
) -> None:
    client = login_as(users["dsl"])
    url = reverse("dataprotection:carry_out", args=[closed_case.pk, decision.pk])
    assert client.post(url, {"confirm_number": closed_case.number + 5}).status_code == 400
    assert Report.objects.get(case_link__case=closed_case).account.startswith("Jordan Blake")
    assert client.post(url, {"confirm_number": closed_case.number}).status_code == 302
    assert "Jordan" not in Report.objects.get(case_link__case=closed_case).account


def test_the_case_page_shows_a_legal_hold_clearly(
    users: dict[str, User], login_as: Callable[[User], Client], closed_case: Case
) -> None:
    services.hold_set(case=closed_case, reason="Police investigation under way.", by=users["dsl"])
    page = login_as(users["dsl"]).get(reverse("cases:detail", args=[closed_case.pk])).content.decode()
    assert "Legal hold" in page and "Police investigation under way." in page


def test_the_permission_functions_read_as_documented() -> None:
    from upstander.accounts.actor import Actor, Context

    def actor(role: str, org: int = 1) -> Actor:
        return Actor(user_id=1, context=Context("org", org, "Hill", frozenset({role})))

    case = type("C", (), {"organisation_id": 1})()
    assert permissions.can_set_hold(actor("deputy_dsl"), case) and not permissions.can_lift_hold(
        actor("deputy_dsl"), case
    )
    assert permissions.can_decide(actor("deputy_dsl"), case, kind="keep")
    assert not permissions.can_decide(actor("deputy_dsl"), case, kind="anonymise")
    assert not permissions.can_decide(actor("dsl", org=2), case, kind="keep")
    assert not permissions.can_export_subject_access(actor("senior_leader"), case)
