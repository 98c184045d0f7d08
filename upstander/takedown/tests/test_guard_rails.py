"""Attack tests: no platform or poster request (nor network, helpline, Report Harmful Content) can be
made for a case with an under-18's sexual image, grooming or an adult's sexual contact, by ANY route:
the service, accepting a duty, escalating an older request, sending an older draft, or a forged POST
to any view. The page says why; suspected illegal material shows 'police first'."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import User
from upstander.cases.models import Case, DutyDecision, Referral
from upstander.cases.services import CaseError, case_decide_duty, case_party_add
from upstander.takedown import services
from upstander.takedown.models import DUTY_ROUTES, RemovalRequest, Route, Status

pytestmark = pytest.mark.django_db
BLOCKED = [Route.PLATFORM, Route.POSTER, Route.MOBILE, Route.HELPLINE, Route.RHC]


@pytest.fixture(params=["sexual_image_of_under_18", "grooming", "adult_sexual_contact"])
def blocked_case(request: pytest.FixtureRequest, case: Case, triage: Callable[..., Case], dsl: User) -> Case:
    if request.param == "adult_sexual_contact":
        triaged = triage(case, categories=["sexual"], playbook="adult_perpetrator" if False else "pupil_on_pupil")
        case_party_add(case=triaged, by=dsl, request=None, role="alleged_perpetrator", kind="external_adult",
                       description="A man online", age=34)  # fmt: skip
        return triaged
    return triage(case, categories=["sexual"], known_facts=[request.param])


@pytest.mark.parametrize("route", BLOCKED)
def test_the_service_refuses_every_blocked_route(blocked_case: Case, dsl: User, route: str) -> None:
    with pytest.raises(services.TakedownError, match="police, CEOP and"):
        services.takedown_open(case=blocked_case, route=route, by=dsl, request=None, url="https://x.com/a/1",
                               platform="x", content="it")  # fmt: skip
    assert not RemovalRequest.objects.filter(case=blocked_case).exists()


def test_a_police_request_may_still_be_recorded(blocked_case: Case, dsl: User) -> None:
    removal = services.takedown_open(
        case=blocked_case, route=Route.POLICE, by=dsl, request=None, content="reported on 101"
    )
    assert removal.route == Route.POLICE


@pytest.mark.parametrize("duty", sorted(DUTY_ROUTES))
def test_accepting_a_takedown_duty_is_refused_and_nothing_is_written(blocked_case: Case, dsl: User, duty: str) -> None:
    with pytest.raises(CaseError, match="Report Remove"):
        case_decide_duty(case=blocked_case, duty=duty, accepted=True, reason="try", by=dsl, request=None)
    assert not DutyDecision.objects.filter(case=blocked_case, duty=duty).exists()
    assert not Referral.objects.filter(case=blocked_case).exists()
    assert not RemovalRequest.objects.filter(case=blocked_case).exists()


def test_declining_a_takedown_duty_is_still_recorded(blocked_case: Case, dsl: User) -> None:
    case_decide_duty(
        case=blocked_case, duty="report_to_platform", accepted=False, reason="CEOP leads", by=dsl, request=None
    )
    assert DutyDecision.objects.filter(case=blocked_case, accepted=False).exists()


def test_a_draft_made_before_the_facts_changed_cannot_be_sent_or_escalated(
    case: Case, triage: Callable[..., Case], dsl: User
) -> None:
    triaged = triage(case)
    removal = services.takedown_open(
        case=triaged, route=Route.PLATFORM, by=dsl, request=None, url="https://x.com/a/1", platform="x"
    )
    sent = services.takedown_open(
        case=triaged, route=Route.PLATFORM, by=dsl, request=None, url="https://x.com/a/2", platform="x"
    )
    services.takedown_mark_sent(removal=sent, by=dsl, request=None)
    services.takedown_record_outcome(removal=sent, status=Status.REFUSED, reason="no breach", by=dsl, request=None)
    triage(triaged, categories=["sexual"], known_facts=["sexual_image_of_under_18"])
    with pytest.raises(services.TakedownError):
        services.takedown_mark_sent(removal=removal, by=dsl, request=None)
    with pytest.raises(services.TakedownError):
        services.takedown_escalate(removal=sent, by=dsl, request=None)
    assert RemovalRequest.objects.filter(case=triaged).count() == 2


def test_a_sealed_evidence_item_is_never_the_content_of_a_request(
    case: Case, triage: Callable[..., Case], dsl: User, add_evidence: Callable[..., object]
) -> None:
    triaged = triage(case)
    item = add_evidence(triaged, sealed=True)
    with pytest.raises(services.TakedownError, match="sealed"):
        services.takedown_open(case=triaged, route=Route.POLICE, by=dsl, request=None, evidence_item=item)  # type: ignore[arg-type]


@pytest.mark.parametrize("route", BLOCKED)
def test_a_forged_post_to_the_open_view_is_refused_and_the_page_says_why(
    blocked_case: Case, dsl: User, login_as: Callable[[User], Client], route: str
) -> None:
    client = login_as(dsl)
    url = reverse("takedown:list", args=[blocked_case.pk])
    response = client.post(
        url, {"route": route, "platform": "x", "url": "https://x.com/a/1", "made_by": "organisation"}
    )
    assert response.status_code == 200
    assert "police, CEOP and" in response.content.decode()
    assert not RemovalRequest.objects.filter(case=blocked_case).exists()
    page = client.get(url).content.decode()
    assert "No platform or poster request" in page and "Report Remove" in page


@pytest.mark.parametrize("duty", sorted(DUTY_ROUTES))
def test_a_forged_post_to_the_duty_view_is_refused(
    blocked_case: Case, dsl: User, login_as: Callable[[User], Client], duty: str
) -> None:
    response = login_as(dsl).post(
        reverse("cases:duty", args=[blocked_case.pk, duty]), {"decision": "accept", "reason": "try"}
    )
    assert response.status_code == 200
    assert "Report Remove" in response.content.decode()
    assert not RemovalRequest.objects.filter(case=blocked_case).exists()


def test_suspected_illegal_material_shows_police_first(
    case: Case, triage: Callable[..., Case], dsl: User, login_as: Callable[[User], Client]
) -> None:
    triaged = triage(case, categories=["threat"], known_facts=["threat_of_death_or_serious_harm"])
    page = login_as(dsl).get(reverse("takedown:list", args=[triaged.pk])).content.decode()
    assert "Police first" in page


def test_the_helpline_is_not_offered_to_adult_only_services(
    dsl: User, make_user: Callable[..., User], authority: object
) -> None:
    from upstander.accounts.models import Organisation
    from upstander.cases.services import case_open_for_report
    from upstander.reports.services import ReportInput, report_submit

    college = Organisation.objects.create(
        name="Adult College", slug="adult", kind=Organisation.Kind.ADULT_LEARNING, authority=authority
    )
    lead = make_user("dsl@adult.test", role="dsl", organisation=college)
    case = case_open_for_report(report=report_submit(organisation=college, data=ReportInput(
        reporter_role="target", account="Abusive posts about me.")).report)  # fmt: skip
    with pytest.raises(services.TakedownError, match="children's workforce"):
        services.takedown_open(case=case, route=Route.HELPLINE, by=lead, request=None, url="https://x.com/a/1")
