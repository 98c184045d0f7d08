"""The organisation administrator edits its routes in the app: validated, audited, and refused to
every other role and to other organisations' administrators."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from upstander.accounts.actor import Actor, Context
from upstander.accounts.models import Organisation, Role, User
from upstander.audit.models import AuditEvent
from upstander.routes.models import LocalContact, OrganisationHelpline, OrganisationRoutes
from upstander.routes.permissions import can_edit_routes

pytestmark = pytest.mark.django_db
URL = "/o/hill/routes/"
KINDS = LocalContact.Kind.values


def _form(**changes: str | list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "leads-dsl_name": "Ms Ada Byron",
        "leads-dsl_title": "Designated safeguarding lead",
        "leads-dsl_email": "dsl@hill.test",
        "leads-dsl_phone": "01632 960 123",
        "leads-dsl_where": "",
        "leads-deputy_name": "",
        "leads-deputy_title": "Deputy safeguarding lead",
        "leads-deputy_email": "",
        "leads-deputy_phone": "",
        "leads-deputy_where": "",
        "hours-watched_days": ["1", "2", "3", "4", "5"],
        "hours-watched_from": "08:00",
        "hours-watched_until": "16:30",
        "hours-hours_note": "Term time only.",
        "hours-out_of_hours": "Call the out-of-hours team on 01632 960 199.",
        "partners-partner_links": ["thinkuknow", "get-safe-online"],
        "helplines-TOTAL_FORMS": "1",
        "helplines-INITIAL_FORMS": "0",
        "helplines-MIN_NUM_FORMS": "0",
        "helplines-MAX_NUM_FORMS": "10",
        "helplines-0-name": "Hill Youth Line",
        "helplines-0-phone": "01632 960 002",
        "helplines-0-website": "",
        "helplines-0-who_for": "Young people in Hill",
    }
    for kind in KINDS:
        for field in ("name", "phone", "out_of_hours_phone", "email", "website", "notes"):
            data[f"{kind}-{field}"] = ""
    data["lado-name"] = "Testshire LADO"
    data["lado-phone"] = "01632 960 300"
    data["lado-website"] = "https://lado.testshire.example/"
    data.update(changes)
    return data


def test_an_org_admin_saves_the_routes_and_they_are_shown(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation
) -> None:
    client = login_as(users["org_admin"])
    assert client.get(URL).status_code == 200
    response = client.post(URL, _form())
    assert response.status_code == 302, response.content.decode()[:2000]
    routes = OrganisationRoutes.objects.get(organisation=org)
    assert routes.dsl_name == "Ms Ada Byron" and routes.watched_days == [1, 2, 3, 4, 5]
    assert routes.partner_links == ["thinkuknow", "get-safe-online"]
    assert LocalContact.objects.get(organisation=org, kind="lado").phone == "01632 960 300"
    assert not LocalContact.objects.filter(organisation=org, kind="prevent").exists()  # left empty
    assert OrganisationHelpline.objects.get(organisation=org).name == "Hill Youth Line"
    html = Client().get("/o/hill/").content.decode()
    assert "Ms Ada Byron" in html and "Testshire LADO" in html and "Hill Youth Line" in html


def test_a_change_is_audited_with_what_it_was_and_what_it_became(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation
) -> None:
    client = login_as(users["org_admin"])
    client.post(URL, _form())
    client.post(URL, _form(**{"leads-dsl_name": "Dr Grace Hopper"}))
    event = AuditEvent.objects.filter(object_type="routes.organisationroutes").order_by("-seq").first()
    assert event is not None and event.action == "changed" and event.actor_id == users["org_admin"].pk
    assert event.organisation_id == org.pk
    assert event.detail["before"]["routes"]["dsl_name"] == "Ms Ada Byron"
    assert event.detail["after"]["routes"]["dsl_name"] == "Dr Grace Hopper"


def test_saving_nothing_new_adds_no_audit_event(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation
) -> None:
    client = login_as(users["org_admin"])
    client.post(URL, _form())
    count = AuditEvent.objects.filter(object_type="routes.organisationroutes").count()
    client.post(URL, {**_form(), "helplines-INITIAL_FORMS": "0"})
    # The helpline is re-created with the same values: the snapshot is equal, so nothing is recorded.
    assert AuditEvent.objects.filter(object_type="routes.organisationroutes").count() == count


@pytest.mark.parametrize("role", [r for r in Role.values if r not in (Role.ORG_ADMIN, Role.AUTHORITY_LEAD)])
def test_other_roles_of_the_organisation_are_refused(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation, role: str
) -> None:
    client = login_as(users[role])
    assert client.get(URL).status_code == 403
    assert client.post(URL, _form()).status_code == 403
    assert not OrganisationRoutes.objects.exists()


def test_an_authority_lead_is_refused(login_as: Callable[[User], Client], users: dict[str, User]) -> None:
    client = login_as(users["authority_lead"])
    assert client.post(URL, _form()).status_code == 404
    assert not OrganisationRoutes.objects.exists()


def test_another_organisation_s_admin_cannot_change_these_routes(
    login_as: Callable[[User], Client], make_user: Callable[..., User], other_org: Organisation, org: Organisation
) -> None:
    outsider = make_user("admin@vale.test", role="org_admin", organisation=other_org)
    client = login_as(outsider)
    assert client.get(URL).status_code == 404
    assert client.post(URL, _form()).status_code == 404
    assert not OrganisationRoutes.objects.filter(organisation=org).exists()
    assert client.get("/o/vale/routes/").status_code == 200  # their own organisation's page works


def test_signing_in_is_required(client: Client, org: Organisation) -> None:
    response = client.post(URL, _form())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not OrganisationRoutes.objects.exists()


def test_the_permission_is_the_organisation_s_admin_working_in_it() -> None:
    def actor(roles: set[str], org: int) -> Actor:
        return Actor(user_id=1, context=Context(kind="org", id=org, name="x", roles=frozenset(roles)))

    assert can_edit_routes(actor({"org_admin"}, 1), 1)
    assert not can_edit_routes(actor({"org_admin"}, 2), 1)
    assert not can_edit_routes(actor({"dsl", "deputy_dsl", "senior_leader", "staff"}, 1), 1)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"leads-dsl_phone": "call me"}, "Enter the phone number with digits and spaces only"),
        ({"leads-dsl_email": "not-an-address"}, "Enter a valid email address"),
        (
            {"leads-deputy_name": "Mr Alan Turing"},
            "Say how to reach the deputy: an email address, a phone number or where to find them.",
        ),
        ({"hours-watched_until": ""}, "Give the days and both times, or leave all three empty"),
        ({"hours-watched_days": []}, "Give the days and both times, or leave all three empty"),
        ({"hours-watched_until": "07:00"}, "must be later than the time they start"),
        ({"hours-out_of_hours": ""}, "Say what people should do outside these hours"),
        ({"lado-website": "http://lado.testshire.example/"}, "starts with https://"),
        ({"lado-name": ""}, "Name the team or person these details are for."),
        ({"helplines-0-phone": ""}, "Give a phone number or a website"),
        ({"partners-partner_links": ["not-a-partner"]}, "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_with_what_to_fix_and_nothing_is_saved(
    login_as: Callable[[User], Client], users: dict[str, User], changes: dict[str, Any], message: str
) -> None:
    client = login_as(users["org_admin"])
    response = client.post(URL, _form(**changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and message.replace("'", "&#x27;") in html
    assert 'value="Ms Ada Byron"' in html  # what was typed is kept
    assert not OrganisationRoutes.objects.exists()


def test_an_adult_only_provider_is_not_asked_for_a_lado_and_cannot_post_one(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation
) -> None:
    org.kind = Organisation.Kind.ADULT_LEARNING
    org.save()
    client = login_as(users["org_admin"])
    assert "lado-name" not in client.get(URL).content.decode()
    assert client.post(URL, _form()).status_code == 302
    assert not LocalContact.objects.filter(organisation=org, kind="lado").exists()


def test_removing_a_helpline_deletes_it(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation
) -> None:
    client = login_as(users["org_admin"])
    client.post(URL, _form())
    helpline = OrganisationHelpline.objects.get(organisation=org)
    data = _form(
        **{
            "helplines-INITIAL_FORMS": "1",
            "helplines-0-id": str(helpline.pk),
            "helplines-0-DELETE": "on",
        }
    )
    assert client.post(URL, data).status_code == 302
    assert not OrganisationHelpline.objects.filter(organisation=org).exists()


@pytest.mark.parametrize("method", ["put", "delete"])
def test_the_edit_page_refuses_other_methods(
    login_as: Callable[[User], Client], users: dict[str, User], method: str
) -> None:
    assert getattr(login_as(users["org_admin"]), method)(URL).status_code == 405


def test_an_admin_cannot_change_another_organisation_s_helpline_by_its_id(
    login_as: Callable[[User], Client], users: dict[str, User], other_org: Organisation
) -> None:
    theirs = OrganisationHelpline.objects.create(organisation=other_org, name="Vale Line", phone="01632 960 900")
    data = _form(**{"helplines-INITIAL_FORMS": "1", "helplines-0-id": str(theirs.pk), "helplines-0-name": "Hijacked"})
    login_as(users["org_admin"]).post(URL, data)
    theirs.refresh_from_db()
    assert theirs.name == "Vale Line" and theirs.organisation_id == other_org.pk
