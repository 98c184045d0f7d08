"""The one place that turns a case into the escalation rules' facts, and the rules' proposals into
duties a person decides on.

When is 999 suggested? When the rules (`upstander/escalation/rules.py`, the `call_999` rule, over
`escalation.Facts.danger_now` and the threat facts) say so for these facts. `danger_now` comes from
the case: its risk set to urgent at triage, or (risk not yet assessed) the case being urgent, which a
report makes when its reporter said someone is in danger now (`reports.Report.in_danger`). Analysis
never sets it by itself: words that may mean a risk to life only *suggest* urgency (`cases.urgency`),
until a person confirms it. `threat_of_death_or_serious_harm` and the other facts in KNOWN_FACTS are
ticked by a person at triage. Read `escalation/rules.py` for each rule's reason and legal basis, and
`escalation/facts.py` for every fact's meaning.

Facts from removal requests (platform refused, when it was reported, whether the poster refused)
come from the takedown app through `cases.hooks.register_removal_facts`, so this module never imports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from upstander import escalation
from upstander.cases import duties, hooks
from upstander.cases.models import Case, CaseParty, DutyDecision, PartyRole, Risk
from upstander.cases.selectors import course_of_conduct
from upstander.reports.models import Platform

KNOWN_FACTS: dict[str, str] = {
    "threat_of_death_or_serious_harm": "Someone is threatened with death or serious harm",
    "encourages_self_harm": "It encourages or assists serious self-harm",
    "sexual_image_of_under_18": "A nude or sexual image of someone under 18 is involved",
    "image_shared_by_adult_or_coerced": "An adult shared or asked for the image, or someone was pressured",
    "grooming": "It looks like grooming",
    "extremist_content": "It contains extremist material",
    "account_hacked": "Someone's account was broken into",
    "impersonation": "Someone is being impersonated (a fake account)",
    "calls_or_texts": "It is happening by phone calls or text messages",
    "target_wants_police": "The person targeted wants to report it to the police",
    # Facts only the DSL can judge (issue 12).
    "unsuitable_to_work_with_children": (
        "Someone who works with children behaved in a way that suggests they may not be suitable to work with "
        "children (KCSIE Part 4; conduct outside work counts)"
    ),
    "platform_declined": "The platform replied that nothing breaks its rules",
    "capacity_to_consent_concern": "A young person in an image may lack capacity to consent (e.g. special needs)",
    "image_shows_sexual_acts": "The image shows sexual acts",
    "image_acts_extreme_or_unusual": "The acts shown are extreme, violent or unusual for the young person's age",
}

# The organisation's kind, as the escalation rules' `setting` fact (escalation.facts.SETTINGS).
SETTING_FOR_KIND: dict[str, str] = {
    "primary_school": "school",
    "secondary_school": "school",
    "college": "college",
    "adult_learning": "adult_learning",
    "youth_service": "youth_service",
    "other": "other",
}


def setting_for(*, kind: str) -> str:
    """The escalation `setting` for an organisation kind; a kind added later reads as `other`."""
    return SETTING_FOR_KIND.get(kind, "other")


def _age(born: date | None) -> int | None:
    if born is None:
        return None
    today = timezone.localdate()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def facts_person(party: CaseParty | None) -> escalation.Person:
    if party is None:
        return escalation.Person()
    person = party.person
    kind = person.kind if person is not None else party.kind
    age = party.age if party.age is not None else _age(person.date_of_birth if person else None)
    at_risk = party.adult_at_risk or bool(person and person.adult_at_risk)
    return escalation.Person(kind=kind, age=age, adult_at_risk=at_risk)


def _facts_for(case: Case, target: CaseParty | None, perpetrator: CaseParty | None, prior: int) -> escalation.Facts:
    known = case.known_facts or {}
    categories = frozenset(c for c in case.category_list if c in escalation.facts.BEHAVIOURS)
    # Takedown facts come from the removal requests; the case's hand-set fields only where none exists.
    requested = hooks.removal_facts(case_id=case.pk)
    reported_on = requested.platform_reported_on or case.platform_reported_on
    reported_days = (timezone.localdate() - reported_on).days if reported_on else None
    refused = requested.poster_refused if requested.poster_refused is not None else case.poster_refused_removal
    return escalation.Facts(
        id=case.number,
        danger_now=case.risk == Risk.URGENT or (case.risk == Risk.NOT_ASSESSED and case.urgent),
        categories=categories,
        prejudice=frozenset(p for p in case.prejudice_list if p in escalation.facts.PREJUDICE_STRANDS),
        target=facts_person(target),
        perpetrator=facts_person(perpetrator),
        prior_incidents_same_pair=prior,
        sexual_image_of_under_18=bool(known.get("sexual_image_of_under_18")),
        image_shared_by_adult_or_coerced=bool(known.get("image_shared_by_adult_or_coerced")),
        threat_of_death_or_serious_harm=bool(known.get("threat_of_death_or_serious_harm")),
        encourages_self_harm=bool(known.get("encourages_self_harm")),
        account_hacked=bool(known.get("account_hacked")),
        impersonation=bool(known.get("impersonation")) or "impersonation" in categories,
        extremist_content=bool(known.get("extremist_content")),
        grooming=bool(known.get("grooming")),
        calls_or_texts=bool(known.get("calls_or_texts")) or case.platform == Platform.TEXT_MESSAGE,
        target_wants_police=bool(known.get("target_wants_police")),
        unsuitable_to_work_with_children=bool(known.get("unsuitable_to_work_with_children")),
        platform_declined=requested.platform_declined or bool(known.get("platform_declined")),
        capacity_to_consent_concern=bool(known.get("capacity_to_consent_concern")),
        image_shows_sexual_acts=bool(known.get("image_shows_sexual_acts")),
        image_acts_extreme_or_unusual=bool(known.get("image_acts_extreme_or_unusual")),
        setting=setting_for(kind=case.organisation.kind),
        platform=case.platform or None,
        platform_reported_days_ago=max(0, reported_days) if reported_days is not None else None,
        poster_known_and_refused_removal=refused,
    )


def facts_as_dict(facts: escalation.Facts) -> dict[str, Any]:
    """The facts as JSON, in `escalation.parse_facts`'s shape, to record with each decision."""
    out: dict[str, Any] = {}
    for name in escalation.facts.FACT_FIELDS:
        value = getattr(facts, name)
        if isinstance(value, frozenset):
            value = sorted(value)
        elif isinstance(value, escalation.Person):
            value = {"kind": value.kind, "age": value.age, "adult_at_risk": value.adult_at_risk}
        out[name] = value
    return out


def case_facts(*, case: Case) -> list[escalation.Facts]:
    """The facts for each (target, alleged perpetrator) pair; one set with 'unknown' where nobody is named.
    Each pair's count of earlier occasions comes from `course_of_conduct`."""
    parties = list(case.parties.select_related("person"))
    case.organisation  # noqa: B018 (loaded once for every pair's setting)
    targets: list[CaseParty | None] = [p for p in parties if p.role == PartyRole.TARGET] or [None]
    perpetrators: list[CaseParty | None] = [p for p in parties if p.role == PartyRole.ALLEGED_PERPETRATOR] or [None]
    prior = {(c.target.pk, c.perpetrator.pk): c.prior for c in course_of_conduct(case=case)}
    return [_facts_for(case, t, p, prior.get((t.pk, p.pk), 0) if t and p else 0) for t in targets for p in perpetrators]


@dataclass
class ProposedDuty:
    duty: escalation.Duty
    facts: dict[str, Any]
    decision: DutyDecision | None = None

    @property
    def code(self) -> str:
        return self.duty.duty

    @property
    def title(self) -> str:
        return duties.duty_title(self.duty.duty)

    @property
    def agency(self) -> str:
        return duties.AGENCIES.get(self.duty.duty, "")


@dataclass
class Proposals:
    rules_version: str
    duties: list[ProposedDuty]
    # Decisions in force on duties the rules no longer propose (or never did): kept in view.
    other_decisions: list[DutyDecision]

    @property
    def undecided(self) -> list[ProposedDuty]:
        return [d for d in self.duties if d.decision is None]


def latest_decisions(*, case: Case) -> dict[str, DutyDecision]:
    latest: dict[str, DutyDecision] = {}
    for decision in DutyDecision.objects.filter(case=case).select_related("decided_by").order_by("decided_at", "pk"):
        latest[decision.duty] = decision
    return latest


def case_proposals(*, case: Case) -> Proposals:
    """What the escalation rules propose for the case now (the union over its pairs of people, the most
    pressing form of each duty kept), with the decision in force on each."""
    merged: dict[str, ProposedDuty] = {}
    version = escalation.RULES_VERSION
    for facts in case_facts(case=case):
        recommendation = escalation.recommend(facts=facts)
        version = recommendation.rules_version
        for duty in recommendation.duties:
            known = merged.get(duty.duty)
            if known is None or duty.priority < known.duty.priority:
                merged[duty.duty] = ProposedDuty(duty=duty, facts=facts_as_dict(facts))
    decisions = latest_decisions(case=case)
    proposed = sorted(merged.values(), key=lambda d: (d.duty.priority, escalation.DUTY_CODES.index(d.code)))
    for item in proposed:
        item.decision = decisions.pop(item.code, None)
    return Proposals(rules_version=version, duties=proposed, other_decisions=list(decisions.values()))


def proposed_duty(*, case: Case, code: str) -> ProposedDuty | None:
    return next((d for d in case_proposals(case=case).duties if d.code == code), None)
