"""The permission matrix over every case view and role; another organisation's case; wrong methods."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Authority, Organisation, User
from upstander.audit.models import AuditEvent
from upstander.cases.models import Case, CaseEntry, CaseParty, PlaybookItem, Referral
from upstander.cases.services import case_decide_duty, case_escalate_to_authority, case_open_for_report
from upstander.reports.models import Report

pytestmark = pytest.mark.django_db

ROLES = ["staff", "dsl", "deputy_dsl", "senior_leader", "org_admin", "authority_lead"]
LEADS = {"dsl", "deputy_dsl"}
READERS = LEADS | {"senior_leader"}


@dataclass
class World:
    case: Case
    entry: CaseEntry
    party: CaseParty
    referral: Referral
    dsl_item: PlaybookItem
    senior_item: PlaybookItem


@pytest.fixture
def world(case: Case, triage: Callable[..., Case], dsl: User) -> World:
    triage(case, playbook="staff_targeted")
    decision = case_decide_duty(
        case=case, duty="police_101", accepted=True, reason="Yes.", by=dsl, request=None
    )
    return World(
        case=case,
        entry=CaseEntry.objects.filter(case=case).first(),
        party=case.parties.first(),
        referral=decision.referral,
        dsl_item=PlaybookItem.objects.get(case=case, code="keep_evidence"),
        senior_item=PlaybookItem.objects.get(case=case, code="meeting_with_adult"),
    )


def case_pages(w: World) -> dict[str, tuple[str, set[str]]]:
    """Every page that shows or changes one case: its URL and the roles that reach it (GET)."""
    c = w.case.pk
    return {
        "detail": (reverse("cases:detail", args=[c]), READERS),
        "entry": (reverse("cases:entry", args=[c]), READERS),
        "correct": (reverse("cases:correct", args=[c, w.entry.pk]), READERS),
        "triage": (reverse("cases:triage", args=[c]), LEADS),
        "status": (reverse("cases:status", args=[c]), LEADS),
        "party_add": (reverse("cases:party_add", args=[c]), LEADS),
        "party_change": (reverse("cases:party_change", args=[c, w.party.pk]), LEADS),
        "party_remove": (reverse("cases:party_remove", args=[c, w.party.pk]), LEADS),
        "duty": (reverse("cases:duty", args=[c, "call_999"]), LEADS),
        "referral": (reverse("cases:referral", args=[c, w.referral.pk]), LEADS),
        "escalate": (reverse("cases:escalate", args=[c]), LEADS),
        "close": (reverse("cases:close", args=[c]), LEADS),
        "review": (reverse("cases:review", args=[c]), LEADS),
        "responsible_action": (reverse("cases:responsible_action", args=[c]), LEADS),
        "follow_up": (reverse("cases:follow_up", args=[c]), LEADS),
        "reopen": (reverse("cases:reopen", args=[c]), LEADS),
        "merge": (reverse("cases:merge", args=[c]), LEADS),
        "split": (reverse("cases:split", args=[c]), LEADS),
    }


def expected(role: str, allowed: set[str]) -> int:
    if role in allowed:
        return 200
    if role == "authority_lead" and allowed == READERS:
        # An authority lead may look at cases, but this one was not escalated: it does not exist for them.
        return 404
    return 403


@pytest.mark.parametrize("role", ROLES)
def test_every_case_page_answers_each_role_as_the_permissions_say(
    login_as: Callable[[User], Client], users: dict[str, User], world: World, role: str
) -> None:
    client = login_as(users[role])
    for name, (url, allowed) in case_pages(world).items():
        assert client.get(url).status_code == expected(role, allowed), (name, role)


@pytest.mark.parametrize("role", ROLES)
def test_the_queue_notifications_and_settings_answer_each_role(
    login_as: Callable[[User], Client], users: dict[str, User], world: World, role: str
) -> None:
    client = login_as(users[role])
    viewers = READERS | {"authority_lead"}
    assert client.get(reverse("cases:queue")).status_code == (200 if role in viewers else 403)
    # Notifications: every member of the organisation (staff kept informed about a case get them too).
    assert client.get(reverse("cases:notifications")).status_code == 200
    assert client.post(reverse("cases:notifications_read")).status_code == 302
    assert client.get(reverse("cases:settings")).status_code == (200 if role in LEADS else 403)


@pytest.mark.parametrize("role", ROLES)
def test_playbook_steps_are_ticked_by_the_leads_and_senior_leaders_only_where_seed_002_says(
    login_as: Callable[[User], Client], users: dict[str, User], world: World, role: str
) -> None:
    client = login_as(users[role])
    for item, allowed in ((world.dsl_item, LEADS), (world.senior_item, READERS)):
        url = reverse("cases:playbook_item", args=[world.case.pk, item.pk])
        status = client.post(url, {"action": "done"}).status_code
        if role in allowed:
            assert status == 302
        else:
            assert status == (404 if role == "authority_lead" else 403), (item.code, role)
    done = set(PlaybookItem.objects.filter(done_at__isnull=False).values_list("code", flat=True))
    if role in LEADS:
        assert done == {"keep_evidence", "meeting_with_adult"}
    elif role == "senior_leader":
        assert done == {"meeting_with_adult"}
    else:
        assert done == set()


def test_the_authority_lead_reads_an_escalated_case_but_changes_nothing(
    login_as: Callable[[User], Client], users: dict[str, User], world: World, dsl: User
) -> None:
    case_escalate_to_authority(case=world.case, reason="Child at risk.", by=dsl, request=None)
    client = login_as(users["authority_lead"])
    for name, (url, _) in case_pages(world).items():
        want = 200 if name == "detail" else 403
        if name in ("entry", "correct"):
            want = 403  # they can see the case, but the chronology is the organisation's to write
        assert client.get(url).status_code == want, name
    assert world.case.summary.encode() in client.get(reverse("cases:queue")).content


@pytest.fixture
def outsider_case(submit: Callable[..., Report], other_org: Organisation) -> Case:
    return case_open_for_report(report=submit(organisation=other_org, account="Elsewhere entirely"))


@pytest.mark.parametrize("role", ["dsl", "deputy_dsl", "senior_leader"])
def test_another_organisations_case_is_not_found_on_any_page(
    login_as: Callable[[User], Client], users: dict[str, User], world: World, outsider_case: Case, role: str
) -> None:
    client = login_as(users[role])
    outsider = World(
        case=outsider_case,
        entry=CaseEntry.objects.filter(case=outsider_case).first(),
        party=outsider_case.parties.first(),
        referral=world.referral,
        dsl_item=world.dsl_item,
        senior_item=world.senior_item,
    )
    for name, (url, allowed) in case_pages(outsider).items():
        assert client.get(url).status_code == (404 if role in allowed else 403), name
    assert b"Elsewhere" not in client.get(reverse("cases:queue"), {"status": "all"}).content


def test_an_authority_lead_of_another_authority_finds_nothing(
    login_as: Callable[[User], Client], make_user: Callable[..., User], world: World, dsl: User
) -> None:
    case_escalate_to_authority(case=world.case, reason="Child at risk.", by=dsl, request=None)
    elsewhere = Authority.objects.create(name="Elsewhere Council", slug="elsewhere")
    client = login_as(make_user("lead@elsewhere.test", role="authority_lead", authority=elsewhere))
    assert client.get(reverse("cases:detail", args=[world.case.pk])).status_code == 404
    assert world.case.summary.encode() not in client.get(reverse("cases:queue")).content


def test_another_cases_entry_party_item_or_referral_is_not_found_through_this_case(
    login_as: Callable[[User], Client], users: dict[str, User], world: World, open_case: Callable[..., Case]
) -> None:
    other = open_case()
    client = login_as(users["dsl"])
    assert client.get(reverse("cases:correct", args=[other.pk, world.entry.pk])).status_code == 404
    assert client.get(reverse("cases:party_change", args=[other.pk, world.party.pk])).status_code == 404
    assert client.get(reverse("cases:referral", args=[other.pk, world.referral.pk])).status_code == 404
    url = reverse("cases:playbook_item", args=[other.pk, world.dsl_item.pk])
    assert client.post(url, {"action": "done"}).status_code == 404
    assert client.get(reverse("cases:duty", args=[world.case.pk, "not_a_duty"])).status_code == 404


def test_wrong_methods_are_refused(login_as: Callable[[User], Client], users: dict[str, User], world: World) -> None:
    client = login_as(users["dsl"])
    for name, (url, _) in case_pages(world).items():
        method = client.post if name == "detail" else client.put
        assert method(url).status_code == 405, name
    assert client.post(reverse("cases:queue")).status_code == 405
    assert client.post(reverse("cases:notifications")).status_code == 405
    assert client.get(reverse("cases:notifications_read")).status_code == 405
    assert client.delete(reverse("cases:settings")).status_code == 405
    assert client.get(reverse("cases:playbook_item", args=[world.case.pk, world.dsl_item.pk])).status_code == 405


def test_signed_out_visitors_are_sent_to_sign_in(client: Client, world: World) -> None:
    response = client.get(reverse("cases:detail", args=[world.case.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_every_view_of_a_case_is_audited(
    login_as: Callable[[User], Client], users: dict[str, User], world: World
) -> None:
    client = login_as(users["senior_leader"])
    client.get(reverse("cases:detail", args=[world.case.pk]))
    client.get(reverse("cases:entry", args=[world.case.pk]))
    client.get(reverse("cases:queue"))
    views = AuditEvent.objects.filter(action="viewed", actor_label="senior_leader@hill.test")
    assert [e.detail["page"] for e in views] == ["case", "entry", "queue"]
    assert views[2].detail["cases"] == [world.case.pk]
    assert {e.object_id for e in views[:2]} == {str(world.case.pk)}
