"""The case page builds the facts, shows the proposed duties, and records the DSL's decisions and referrals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from upstander import escalation
from upstander.accounts.models import Organisation, User
from upstander.cases import duties
from upstander.cases import facts as case_facts_module
from upstander.cases.models import Case, CaseEntry, DutyDecision, Referral
from upstander.cases.services import CaseError, case_decide_duty, case_party_add, case_referral_update
from upstander.people.models import Person

pytestmark = pytest.mark.django_db


def test_every_duty_the_rules_can_propose_has_a_title_and_agencies_are_real_duties() -> None:
    assert set(duties.TITLES) == set(escalation.DUTY_CODES)
    assert set(duties.AGENCIES) <= set(escalation.DUTY_CODES)


def test_an_untriaged_urgent_case_proposes_999(open_case: Callable[..., Case]) -> None:
    case = open_case(in_danger=True)
    (facts,) = case_facts_module.case_facts(case=case)
    assert facts.danger_now and facts.id == case.number
    assert case_facts_module.case_proposals(case=case).duties[0].code == "call_999"


def test_the_facts_come_from_the_triage_and_the_people_involved(
    open_case: Callable[..., Case], triage: Callable[..., Case], dsl: User, org: Organisation
) -> None:
    case = triage(
        open_case(),
        risk="high",
        categories=["threat", "impersonation"],
        prejudice=["racist"],
        known_facts=["target_wants_police"],
        platform="text_message",
    )
    pupil = Person.objects.create(organisation=org, first_name="Ada", kind="pupil", date_of_birth=date(2012, 3, 1))
    case_party_add(case=case, by=dsl, request=None, role="target", kind="pupil", person=pupil)
    case_party_add(
        case=case, by=dsl, request=None, role="alleged_perpetrator", kind="parent", age=41, description="Her father"
    )
    # Two targets (the anonymous reporter and Ada) and one alleged perpetrator: a set of facts per pair.
    facts = case_facts_module.case_facts(case=case)
    assert len(facts) == 2
    (fact,) = [f for f in facts if f.target.age is not None]
    assert not fact.danger_now
    assert fact.categories == {"threat", "impersonation"} and fact.prejudice == {"racist"}
    assert fact.target.is_child and fact.target.age is not None and fact.perpetrator.age == 41
    assert fact.impersonation and fact.calls_or_texts and fact.target_wants_police and not fact.grooming


def test_the_union_over_pairs_keeps_a_staff_perpetrators_lado_duty(
    open_case: Callable[..., Case], triage: Callable[..., Case], dsl: User
) -> None:
    case = triage(open_case(), categories=["insult"])
    case_party_add(case=case, by=dsl, request=None, role="alleged_perpetrator", kind="staff", description="Mr B")
    assert "lado" in [d.code for d in case_facts_module.case_proposals(case=case).duties]


def test_the_count_of_earlier_occasions_reaches_the_rules(
    open_case: Callable[..., Case], triage: Callable[..., Case], dsl: User
) -> None:
    named = {"anonymous": False, "reporter_name": "Ada", "reporter_email": "ada@pupils.hill.test"}
    case = open_case(people_involved="@mean_account_123", **named)
    open_case(people_involved="@mean_account_123", **named)  # joins the same case
    triage(case, categories=["harassment"])
    facts = case_facts_module.case_facts(case=case)
    assert [f.prior_incidents_same_pair for f in facts] == [1]
    police = next(d for d in case_facts_module.case_proposals(case=case).duties if d.code == "police_101")
    assert "2" in police.duty.reason  # "this is occasion 2 ..." from the rules' {occasions}


def test_accepting_a_duty_records_the_proposal_its_rules_version_and_opens_a_referral(
    open_case: Callable[..., Case], dsl: User
) -> None:
    case = open_case(in_danger=True)
    decision = case_decide_duty(
        case=case, duty="call_999", accepted=True, reason="Pupil at risk.", by=dsl, request=None
    )
    assert decision.proposed and decision.rules_version == escalation.RULES_VERSION
    assert decision.proposal_reason.startswith("Call 999") and decision.rules
    assert decision.facts["danger_now"] is True
    referral = Referral.objects.get(decision=decision)
    assert referral.agency == "Police (999)" and referral.case == case
    entry = CaseEntry.objects.get(case=case, kind="escalation")
    assert entry.reason == "Pupil at risk." and escalation.RULES_VERSION in entry.text
    proposals = case_facts_module.case_proposals(case=case)
    assert proposals.duties[0].decision == decision and not any(d.code == "call_999" for d in proposals.undecided)


def test_declining_needs_a_reason_and_makes_no_referral(open_case: Callable[..., Case], dsl: User) -> None:
    case = open_case(in_danger=True)
    with pytest.raises(CaseError):
        case_decide_duty(case=case, duty="call_999", accepted=False, reason=" ", by=dsl, request=None)
    case_decide_duty(case=case, duty="call_999", accepted=False, reason="Spoke to the pupil: safe at home.", by=dsl,
                     request=None)  # fmt: skip
    assert not Referral.objects.exists()


def test_a_duty_the_rules_did_not_propose_can_still_be_decided(open_case: Callable[..., Case], dsl: User) -> None:
    case = open_case()
    decision = case_decide_duty(case=case, duty="prevent", accepted=True, reason="Known concern.", by=dsl, request=None)
    assert not decision.proposed and decision.facts["id"] == case.number
    assert decision in case_facts_module.case_proposals(case=case).other_decisions


def test_a_referral_is_tracked_on_the_chronology(open_case: Callable[..., Case], dsl: User) -> None:
    case = open_case(in_danger=True)
    decision = case_decide_duty(case=case, duty="police_101", accepted=True, reason="Threat.", by=dsl, request=None)
    referral = decision.referral
    case_referral_update(
        referral=referral, by=dsl, request=None, reference_number="WMP-1234", made_on=date(2026, 11, 20),
        follow_up_on=date(2026, 11, 27), outcome="",
    )  # fmt: skip
    entry = CaseEntry.objects.filter(case=case, kind="referral").get()
    assert "WMP-1234" in entry.text and "20 November 2026" in entry.text


def test_the_dsl_decides_on_the_page_and_sees_the_reason_and_references(
    login_as: Callable[[User], Client], users: dict[str, User], open_case: Callable[..., Case]
) -> None:
    case = open_case(in_danger=True)
    client = login_as(users["dsl"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Call 999" in page and escalation.RULES_VERSION in page
    form = client.get(reverse("cases:duty", args=[case.pk, "call_999"])).content.decode()
    assert "Legal basis and guidance" in form or "Proposed by the escalation rules" in form
    refused = client.post(reverse("cases:duty", args=[case.pk, "call_999"]), {"decision": "accept", "reason": ""})
    assert refused.status_code == 200 and b"Say why" in refused.content
    response = client.post(reverse("cases:duty", args=[case.pk, "call_999"]), {"decision": "accept", "reason": "Yes"})
    assert response.status_code == 302
    assert DutyDecision.objects.get(case=case).accepted
    referral = Referral.objects.get(case=case)
    url = reverse("cases:referral", args=[case.pk, referral.pk])
    client.post(url, {"reference_number": "CAD 0412", "made_on": "2026-11-20", "follow_up_on": "", "outcome": ""})
    referral.refresh_from_db()
    assert referral.reference_number == "CAD 0412" and referral.made_on == date(2026, 11, 20)


@pytest.mark.parametrize(
    ("kind", "setting"),
    [("primary_school", "school"), ("secondary_school", "school"), ("college", "college"),
     ("adult_learning", "adult_learning"), ("youth_service", "youth_service"), ("other", "other")],
)  # fmt: skip
def test_the_case_takes_its_setting_from_its_organisations_kind(
    open_case: Callable[..., Case], org: Organisation, kind: str, setting: str
) -> None:
    Organisation.objects.filter(pk=org.pk).update(kind=kind)
    case = open_case()
    assert {f.setting for f in case_facts_module.case_facts(case=case)} == {setting}
    assert set(case_facts_module.SETTING_FOR_KIND) == set(Organisation.Kind.values)


def test_the_dsl_sets_unsuitability_and_a_declined_platform_and_the_rules_read_them(
    open_case: Callable[..., Case], triage: Callable[..., Case], dsl: User
) -> None:
    case = triage(
        open_case(), categories=["insult"], known_facts=["unsuitable_to_work_with_children", "platform_declined"]
    )
    case_party_add(case=case, by=dsl, request=None, role="alleged_perpetrator", kind="staff", description="Mr B")
    case_party_add(case=case, by=dsl, request=None, role="target", kind="parent", description="A parent")
    facts = case_facts_module.case_facts(case=case)
    assert all(f.unsuitable_to_work_with_children and f.platform_declined for f in facts)
    codes = [d.code for d in case_facts_module.case_proposals(case=case).duties]
    assert "lado" in codes and "report_harmful_content" in codes and "report_to_platform" not in codes
    for name in ("unsuitable_to_work_with_children", "platform_declined"):
        assert name in case_facts_module.KNOWN_FACTS


def test_an_adult_learning_provider_never_proposes_the_lado_or_parents_for_an_adult_learner(
    open_case: Callable[..., Case], triage: Callable[..., Case], dsl: User, org: Organisation
) -> None:
    Organisation.objects.filter(pk=org.pk).update(kind="adult_learning")
    case = triage(open_case(), categories=["insult", "harassment"])
    case.parties.all().delete()
    case_party_add(case=case, by=dsl, request=None, role="target", kind="service_user", age=34, description="Learner")
    case_party_add(case=case, by=dsl, request=None, role="alleged_perpetrator", kind="staff", description="A tutor")
    codes = [d.code for d in case_facts_module.case_proposals(case=case).duties]
    assert "employer_procedures" in codes
    assert not {"lado", "inform_parents", "professionals_helpline"} & set(codes)
