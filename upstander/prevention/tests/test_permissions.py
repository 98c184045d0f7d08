"""Every signed-in prevention view, for every role, and with another organisation's objects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Organisation, User
from upstander.prevention import permissions, services
from upstander.prevention.models import Policy, PolicyKind, Survey
from upstander.prevention.tests.test_policies import PDF

pytestmark = pytest.mark.django_db

ROLES = ("staff", "dsl", "deputy_dsl", "senior_leader", "org_admin", "authority_lead")
MEMBERS = {"staff", "dsl", "deputy_dsl", "senior_leader", "org_admin"}
MANAGERS = {"dsl", "deputy_dsl", "senior_leader", "org_admin"}
CASE_REVIEWERS = {"dsl", "deputy_dsl", "senior_leader"}

# (url name, args from the objects, method, who may, what they get)
VIEWS: list[tuple[str, Callable[[dict[str, Any]], list[Any]], str, set[str], int]] = [
    ("prevention:home", lambda o: [], "get", MEMBERS, 200),
    ("prevention:policy", lambda o: [o["policy"].pk], "get", MEMBERS, 200),
    ("prevention:version", lambda o: [o["policy"].pk, 1], "get", MEMBERS, 200),
    ("prevention:version_pdf", lambda o: [o["policy"].pk, 2], "get", MEMBERS, 200),
    ("prevention:my_acknowledgements", lambda o: [], "get", MEMBERS, 200),
    ("prevention:awareness", lambda o: [], "get", MEMBERS, 200),
    ("prevention:surveys", lambda o: [], "get", MEMBERS, 200),
    ("prevention:survey", lambda o: [o["survey"].pk], "get", MEMBERS, 200),
    ("prevention:policy_new", lambda o: [], "get", MANAGERS, 200),
    ("prevention:version_new", lambda o: [o["policy"].pk], "get", MANAGERS, 200),
    ("prevention:send", lambda o: [o["policy"].pk, 1], "get", MANAGERS, 200),
    ("prevention:outstanding", lambda o: [o["policy"].pk, 1], "get", MANAGERS, 200),
    ("prevention:version_approve", lambda o: [o["policy"].pk, 2], "post", MANAGERS, 302),
    ("prevention:review", lambda o: [o["policy"].pk], "post", MANAGERS, 302),
    ("prevention:policy_settings", lambda o: [o["policy"].pk], "post", MANAGERS, 302),
    ("prevention:send_again", lambda o: [o["policy"].pk, 1], "post", MANAGERS, 302),
    ("prevention:remind", lambda o: [o["policy"].pk, 1], "post", MANAGERS, 302),
    ("prevention:training", lambda o: [], "get", MANAGERS, 200),
    ("prevention:training_new", lambda o: [], "get", MANAGERS, 200),
    ("prevention:survey_new", lambda o: [], "get", MANAGERS, 200),
    ("prevention:survey_repeat", lambda o: [o["survey"].pk], "post", MANAGERS, 302),
    ("prevention:review_request", lambda o: [], "get", CASE_REVIEWERS, 200),
]


def _objects(organisation: Organisation, by: User) -> dict[str, Any]:
    policy = services.policy_create(organisation=organisation, kind=PolicyKind.AUP_STAFF, by=by)
    services.version_create(policy=policy, text="", pdf=PDF, pdf_name="p.pdf", change_summary="PDF", by=by)
    from django.utils import timezone

    services.version_approve(version=policy.versions.get(number=1), approved_on=timezone.localdate(), approved_by="G", by=by)
    survey = services.survey_create(
        organisation=organisation, series="s", term="Autumn 2026", group="Year 7", question_keys=["how_often"],
        opens_on=timezone.localdate(), closes_on=timezone.localdate(), expected=10, by=by,
    )
    return {"policy": policy, "survey": survey}


@pytest.fixture
def objects(users: dict[str, User], org: Organisation) -> dict[str, Any]:
    return _objects(org, users["dsl"])


@pytest.fixture
def theirs(make_user: Callable[..., User], other_org: Organisation) -> dict[str, Any]:
    return _objects(other_org, make_user("dsl@vale.test", role="dsl", organisation=other_org))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "args", "method", "allowed", "status"), VIEWS, ids=[v[0] for v in VIEWS])
def test_each_view_answers_each_role(
    role: str, name: str, args: Callable[[dict[str, Any]], list[Any]], method: str, allowed: set[str], status: int,
    objects: dict[str, Any], users: dict[str, User], login_as: Callable[[User], Client],
) -> None:
    client = login_as(users[role])
    response = getattr(client, method)(reverse(name, args=args(objects)))
    if role in allowed:
        assert response.status_code == status, (role, name, response.status_code)
    else:
        assert response.status_code in (403, 404), (role, name, response.status_code)


@pytest.mark.parametrize(("name", "args", "method", "allowed", "status"), [v for v in VIEWS if v[1]({"policy": Policy(pk=1), "survey": Survey(pk=1)})], ids=[v[0] for v in VIEWS if v[1]({"policy": Policy(pk=1), "survey": Survey(pk=1)})])
def test_another_organisation_s_objects_do_not_exist(
    name: str, args: Callable[[dict[str, Any]], list[Any]], method: str, allowed: set[str], status: int,
    objects: dict[str, Any], theirs: dict[str, Any], users: dict[str, User], login_as: Callable[[User], Client],
) -> None:
    response = getattr(login_as(users["dsl"]), method)(reverse(name, args=args(theirs)))
    assert response.status_code == 404, name


@pytest.mark.parametrize(("name", "args", "method", "allowed", "status"), VIEWS, ids=[v[0] for v in VIEWS])
def test_signed_out_visitors_are_sent_to_sign_in(
    name: str, args: Callable[[dict[str, Any]], list[Any]], method: str, allowed: set[str], status: int,
    objects: dict[str, Any], client: Client,
) -> None:
    response = getattr(client, method)(reverse(name, args=args(objects)))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_staff_cannot_record_to_the_training_log_or_set_up_surveys_by_posting(
    users: dict[str, User], login_as: Callable[[User], Client], objects: dict[str, Any]
) -> None:
    client = login_as(users["staff"])
    assert client.post(reverse("prevention:training_new"), {"user": users["staff"].pk, "kind": "prevent", "completed_on": "2026-01-01"}).status_code == 403
    assert client.post(reverse("prevention:survey_new"), {}).status_code == 403
    assert client.post(reverse("prevention:send", args=[objects["policy"].pk, 1]), {"audience": "staff"}).status_code == 403


def test_the_permission_functions_need_an_organisation() -> None:
    from upstander.accounts.actor import Actor, Context

    authority = Actor(user_id=1, context=Context("authority", 1, "Council", frozenset({"authority_lead"})))
    for check in (permissions.can_view_prevention, permissions.can_manage_policies, permissions.can_view_training,
                  permissions.can_manage_surveys, permissions.can_request_policy_review):
        assert not check(authority)


def test_survey_address_is_hidden_from_staff_who_cannot_manage_it(
    users: dict[str, User], login_as: Callable[[User], Client], objects: dict[str, Any]
) -> None:
    survey = objects["survey"]
    assert survey.token not in login_as(users["staff"]).get(reverse("prevention:survey", args=[survey.pk])).content.decode()
    assert survey.token in login_as(users["dsl"]).get(reverse("prevention:survey", args=[survey.pk])).content.decode()
