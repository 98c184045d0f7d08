"""Escalating a case to the local authority: an explicit action with a reason; the authority lead
then reads it, and nothing else of the organisation's."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Organisation, User
from upstander.cases.models import Case, CaseEntry, Notification
from upstander.cases.services import CaseError, case_escalate_to_authority

pytestmark = pytest.mark.django_db


def test_escalating_records_the_reason_and_notifies_the_authority_lead(
    case: Case, dsl: User, users: dict[str, User]
) -> None:
    with pytest.raises(CaseError):
        case_escalate_to_authority(case=case, reason="", by=dsl, request=None)
    case_escalate_to_authority(case=case, reason="Adult at risk: s.42 referral made.", by=dsl, request=None)
    case.refresh_from_db()
    assert case.escalated_authority == case.organisation.authority and case.escalated_at is not None
    assert CaseEntry.objects.get(case=case, kind="authority").reason == "Adult at risk: s.42 referral made."
    note = Notification.objects.get(user=users["authority_lead"])
    assert note.message == f"Hill School escalated case {case.number} to you"
    with pytest.raises(CaseError):
        case_escalate_to_authority(case=case, reason="Again.", by=dsl, request=None)


def test_an_organisation_without_an_authority_cannot_escalate(
    open_case: Callable[..., Case], dsl: User, org: Organisation
) -> None:
    Organisation.objects.filter(pk=org.pk).update(authority=None)
    with pytest.raises(CaseError):
        case_escalate_to_authority(case=open_case(), reason="Why not.", by=dsl, request=None)


def test_the_authority_lead_sees_escalated_cases_of_every_organisation_under_it_and_nothing_else(
    login_as: Callable[[User], Client],
    users: dict[str, User],
    open_case: Callable[..., Case],
    other_org: Organisation,
    make_user: Callable[..., User],
    dsl: User,
) -> None:
    escalated = open_case(account="Escalated one")
    open_case(account="Kept in school")
    elsewhere = open_case(organisation=other_org, account="From the college")
    case_escalate_to_authority(case=escalated, reason="Child at risk.", by=dsl, request=None)
    college_dsl = make_user("dsl@vale.test", role="dsl", organisation=other_org)
    case_escalate_to_authority(case=elsewhere, reason="Child at risk.", by=college_dsl, request=None)
    client = login_as(users["authority_lead"])
    queue = client.get(reverse("cases:queue"), {"status": "all"})
    assert [c.pk for c in queue.context["page"]] == sorted([c.pk for c in queue.context["page"]], key=lambda pk: pk)
    assert {c.pk for c in queue.context["page"]} == {escalated.pk, elsewhere.pk}
    assert b"Vale College" in queue.content and b"Hill School" in queue.content
    page = client.get(reverse("cases:detail", args=[escalated.pk])).content.decode()
    assert "Escalated one" in page and "Triage this case" not in page and "Add to the chronology" not in page


def test_the_dsl_escalates_on_the_page(login_as: Callable[[User], Client], users: dict[str, User], case: Case) -> None:
    client = login_as(users["dsl"])
    detail = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Escalate to the local authority" in detail
    response = client.post(reverse("cases:escalate", args=[case.pk]), {"reason": "Local authority referral made."})
    assert response.status_code == 302
    assert (
        "Escalate to the local authority</a>"
        not in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    )
