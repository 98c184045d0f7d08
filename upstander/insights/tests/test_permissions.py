"""Every insights view for every role, signed out, and for members of another organisation or authority."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from upstander.accounts.models import Authority, Organisation, Role, User
from upstander.cases.models import Case
from upstander.insights import permissions
from upstander.people.models import Person

URLS = {
    "dashboard": "/insights/",
    "log": "/insights/log/",
    "export_csv": "/insights/log/export/?format=csv",
    "export_xlsx": "/insights/log/export/?format=xlsx",
    "area": "/insights/area/",
    "report": "/insights/report.pdf",
}
OK, DENIED, TO_AREA = 200, 403, 302
EXPECTED = {
    Role.DSL: {"dashboard": OK, "log": OK, "export_csv": OK, "export_xlsx": OK, "area": DENIED, "report": OK},
    Role.DEPUTY_DSL: {"dashboard": OK, "log": OK, "export_csv": OK, "export_xlsx": OK, "area": DENIED, "report": OK},
    Role.SENIOR_LEADER: {
        "dashboard": OK,
        "log": DENIED,
        "export_csv": DENIED,
        "export_xlsx": DENIED,
        "area": DENIED,
        "report": OK,
    },
    Role.STAFF: dict.fromkeys(URLS, DENIED),
    Role.ORG_ADMIN: dict.fromkeys(URLS, DENIED),
    Role.AUTHORITY_LEAD: {
        "dashboard": TO_AREA,
        "log": DENIED,
        "export_csv": DENIED,
        "export_xlsx": DENIED,
        "area": OK,
        "report": OK,
    },
}


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("view", list(URLS))
def test_each_role_reaches_only_the_insights_it_is_allowed(
    role: str, view: str, users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    response = login_as(users[role]).get(URLS[view])
    assert response.status_code == EXPECTED[role][view]


@pytest.mark.parametrize("view", list(URLS))
def test_signed_out_visitors_are_sent_to_sign_in(view: str, client: Client, db: None) -> None:
    response = client.get(URLS[view])
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("view", ["dashboard", "log", "export_csv", "report"])
def test_another_organisations_dsl_sees_none_of_this_organisations_cases(
    view: str,
    make_case: Callable[..., Case],
    pupil: Person,
    other_org: Organisation,
    make_user: Callable[..., User],
    login_as: Callable[[User], Client],
) -> None:
    case = make_case(categories=["insult"], target=pupil, summary="HILL ONLY CASE")
    outsider = make_user("dsl@vale.test", role=Role.DSL, organisation=other_org)
    response = login_as(outsider).get(URLS[view])
    assert response.status_code == 200
    body = response.content
    assert b"HILL ONLY CASE" not in body and b"Zephyrine" not in body
    assert f"/cases/{case.pk}/".encode() not in body
    if view == "dashboard":
        assert response.context["figures"].headline["opened"] == 0
    if view == "export_csv":
        assert body.decode("utf-8-sig").count("\ncase,") == 0
    if view == "log":
        assert response.context["page"].paginator.count == 0


def test_an_authority_lead_sees_only_their_own_authoritys_organisations(
    make_case: Callable[..., Case],
    org: Organisation,
    make_user: Callable[..., User],
    login_as: Callable[[User], Client],
) -> None:
    elsewhere = Authority.objects.create(name="Elsewhere Council", slug="elsewhere")
    far = Organisation.objects.create(name="Far Away School", slug="far", authority=elsewhere)
    for _ in range(7):
        make_case(organisation=far, categories=["insult"])
    lead = make_user("lead@elsewhere.test", role=Role.AUTHORITY_LEAD, authority=elsewhere)
    other_lead = make_user("lead@testshire.test", role=Role.AUTHORITY_LEAD, authority=org.authority)
    html = login_as(other_lead).get(URLS["area"]).content.decode()
    assert "Far Away School" not in html and "Hill School" in html
    html = login_as(lead).get(URLS["area"]).content.decode()
    assert "Far Away School" in html and "Hill School" not in html


def test_the_permission_functions_agree_with_the_table() -> None:
    from upstander.accounts.actor import Actor, Context

    for role, expected in EXPECTED.items():
        kind = "authority" if role == Role.AUTHORITY_LEAD else "org"
        actor = Actor(user_id=1, context=Context(kind, 1, "X", frozenset({role})))
        assert permissions.can_view_log(actor) == (expected["log"] == OK)
        assert permissions.can_export_log(actor) == (expected["export_csv"] == OK)
        assert permissions.can_view_area(actor) == (expected["area"] == OK)
