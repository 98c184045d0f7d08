"""Every takedown view x every role, and another organisation's objects (404, never 403 or 200)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Organisation, Role, User
from upstander.cases.models import Case
from upstander.cases.services import case_open_for_report
from upstander.reports.services import ReportInput, report_submit
from upstander.takedown import services
from upstander.takedown.models import RemovalRequest, Route

pytestmark = pytest.mark.django_db

# (name, method, needs a request id, data)
VIEWS = [
    ("list", "get", False, {}),
    (
        "list",
        "post",
        False,
        {"route": "platform", "platform": "x", "url": "https://x.com/a/9", "made_by": "organisation"},
    ),
    ("pack", "post", False, {"pack-agency": "police"}),
    ("request", "get", True, {}),
    ("sent", "post", True, {"sent-text": "Sent text"}),
    ("reference", "post", True, {"ref-reference": "R-1"}),
    ("reply", "post", True, {"reply-text": "No breach"}),
    ("check", "post", True, {"check-still_live": "yes"}),
    ("outcome", "post", True, {"outcome-status": "withdrawn", "outcome-reason": "Target asked"}),
    ("escalate", "post", True, {}),
]
READ = {"list:get", "request:get"}
# What each role gets: "ok" (2xx/3xx), 403, 404.
EXPECTED = {
    Role.DSL: lambda key: "ok",
    Role.DEPUTY_DSL: lambda key: "ok",
    Role.SENIOR_LEADER: lambda key: "ok" if key in READ else 403,
    Role.STAFF: lambda key: 403,
    Role.ORG_ADMIN: lambda key: 403,
    # The case is not escalated to the authority: it does not exist for its lead (or they lack the role).
    Role.AUTHORITY_LEAD: lambda key: 404 if key in READ or key in {"list:post"} else 403,
}


@pytest.fixture
def removal(triaged: Case, dsl: User) -> RemovalRequest:
    return services.takedown_open(
        case=triaged, route=Route.PLATFORM, by=dsl, request=None, url="https://x.com/a/1", platform="x"
    )


def _url(name: str, case: Case, removal: RemovalRequest, with_id: bool) -> str:
    return reverse(f"takedown:{name}", args=[case.pk, removal.pk] if with_id else [case.pk])


def _kind(status: int) -> object:
    return "ok" if status < 400 else status


@pytest.mark.parametrize(("name", "method", "with_id", "data"), VIEWS)
@pytest.mark.parametrize("role", list(Role))
def test_each_role_gets_what_the_matrix_says(
    users: dict[str, User], login_as: Callable[[User], Client], triaged: Case, removal: RemovalRequest,
    role: Role, name: str, method: str, with_id: bool, data: dict[str, str],
) -> None:  # fmt: skip
    client = login_as(users[role.value])
    response = getattr(client, method)(_url(name, triaged, removal, with_id), data)
    assert _kind(response.status_code) == EXPECTED[role](f"{name}:{method}"), (role, name, method, response.status_code)


@pytest.mark.parametrize(("name", "method", "with_id", "data"), VIEWS)
def test_another_organisations_case_and_request_are_404(
    make_user: Callable[..., User], other_org: Organisation, login_as: Callable[[User], Client], triaged: Case,
    removal: RemovalRequest, name: str, method: str, with_id: bool, data: dict[str, str],
) -> None:  # fmt: skip
    outsider = make_user("dsl@vale.test", role=Role.DSL, organisation=other_org)
    client = login_as(outsider)
    response = getattr(client, method)(_url(name, triaged, removal, with_id), data)
    assert response.status_code == 404
    # Their own case, with our request's id: still 404 (requests are found within the case).
    own = case_open_for_report(report=report_submit(organisation=other_org, data=ReportInput(
        reporter_role="target", account="Mean comments about me online.")).report)  # fmt: skip
    if with_id:
        response = getattr(client, method)(reverse(f"takedown:{name}", args=[own.pk, removal.pk]), data)
        assert response.status_code == 404
    assert RemovalRequest.objects.filter(case=triaged).count() == 1
    removal.refresh_from_db()
    assert removal.status == "draft" and removal.reference == ""


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, triaged: Case, removal: RemovalRequest) -> None:
    for name, method, with_id, data in VIEWS:
        response = getattr(client, method)(_url(name, triaged, removal, with_id), data)
        assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("role", list(Role))
def test_everyone_signed_in_reads_the_platform_directory(
    users: dict[str, User], login_as: Callable[[User], Client], role: Role
) -> None:
    page = login_as(users[role.value]).get(reverse("takedown:directory"))
    assert page.status_code == 200
    assert "Bullying and Harassment" in page.content.decode()


def test_only_the_superuser_edits_the_directory_in_admin(users: dict[str, User], client: Client) -> None:
    from upstander.takedown.admin import PlatformProfileAdmin
    from upstander.takedown.models import PlatformProfile

    model_admin = PlatformProfileAdmin(PlatformProfile, admin_site=None)  # type: ignore[arg-type]
    request = type("R", (), {"user": users["dsl"]})()
    assert not model_admin.has_change_permission(request)
    users["dsl"].is_superuser = True
    assert model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_an_authority_lead_reads_but_cannot_work_a_case_escalated_to_the_authority(
    users: dict[str, User], login_as: Callable[[User], Client], triaged: Case, removal: RemovalRequest, dsl: User
) -> None:
    from upstander.cases.services import case_escalate_to_authority

    case_escalate_to_authority(case=triaged, reason="LA asked to see it", by=dsl, request=None)
    client = login_as(users["authority_lead"])
    assert client.get(_url("request", triaged, removal, True)).status_code == 200
    assert client.post(_url("reference", triaged, removal, True), {"ref-reference": "R"}).status_code == 403
    assert (
        client.post(
            _url("list", triaged, removal, False),
            {"route": "platform", "url": "https://x.com/a/3", "made_by": "organisation"},
        ).status_code
        == 403
    )


def test_every_directory_slug_has_a_profile_with_its_source_and_date() -> None:
    from upstander.platforms import DIRECTORY
    from upstander.takedown.models import PlatformProfile

    profiles = {p.slug: p for p in PlatformProfile.objects.all()}
    assert set(profiles) == {e.slug for e in DIRECTORY}
    assert all(p.checked and p.source for p in profiles.values() if p.slug not in ("online_game", "other"))
