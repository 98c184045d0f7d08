"""Removal requests: open, send, reference, reply, check, outcome, escalate; the chronology records each."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from upstander.accounts.models import User
from upstander.cases.facts import case_facts
from upstander.cases.models import Case, CaseEntry, DutyDecision, Referral
from upstander.cases.open_work import case_open_work
from upstander.cases.services import case_decide_duty
from upstander.evidence.models import EvidenceItem
from upstander.takedown import services
from upstander.takedown.models import RemovalRequest, Route, Status

pytestmark = pytest.mark.django_db


def _open(case: Case, by: User, item: EvidenceItem, **kw: object) -> RemovalRequest:
    kw.setdefault("route", Route.PLATFORM)
    return services.takedown_open(case=case, by=by, request=None, evidence_item=item, **kw)  # type: ignore[arg-type]


def test_a_platform_draft_names_the_url_username_content_and_the_exact_term(
    triaged: Case, dsl: User, add_evidence: Callable[..., EvidenceItem]
) -> None:
    item = add_evidence(triaged)
    removal = _open(triaged, dsl, item, content="A post calling her disgusting", harm="harassment")
    assert removal.platform == "instagram"
    assert "https://www.instagram.com/p/abc123/" in removal.draft
    assert "mean_account_99" in removal.draft
    assert "A post calling her disgusting" in removal.draft
    assert "Meta Community Standards, section 'Bullying and Harassment'" in removal.draft
    assert f"evidence item {item.pk}" in removal.draft


def test_a_term_not_confirmed_says_so_instead_of_guessing(triaged: Case, dsl: User) -> None:
    removal = services.takedown_open(case=triaged, by=dsl, request=None, route=Route.PLATFORM, platform="roblox",
                                     url="https://www.roblox.com/users/1", content="Insults", harm="insult")  # fmt: skip
    assert "section not confirmed: check before sending" in removal.draft


def test_sending_starts_the_clock_and_puts_the_text_on_the_chronology(
    triaged: Case, dsl: User, add_evidence: Callable[..., EvidenceItem]
) -> None:
    removal = _open(triaged, dsl, add_evidence(triaged))
    services.takedown_mark_sent(removal=removal, by=dsl, request=None, text="Exactly what I sent")
    removal.refresh_from_db()
    assert removal.status == Status.SENT
    assert removal.due_at == removal.requested_at + timedelta(hours=48)  # no usual time confirmed: 48 hours
    entry = CaseEntry.objects.filter(case=triaged, detail__removal_request=removal.pk).last()
    assert entry is not None and "Exactly what I sent" in entry.text


def test_the_platform_usual_time_sets_the_due_time(
    triaged: Case, dsl: User, add_evidence: Callable[..., EvidenceItem]
) -> None:
    from upstander.takedown.models import PlatformProfile

    PlatformProfile.objects.filter(slug="instagram").update(response_hours=24)
    removal = _open(triaged, dsl, add_evidence(triaged))
    services.takedown_mark_sent(removal=removal, by=dsl, request=None)
    removal.refresh_from_db()
    assert removal.due_at == removal.requested_at + timedelta(hours=24)


def test_refusal_needs_the_platforms_reason_and_makes_rhc_the_next_step_at_once(
    triaged: Case, dsl: User, add_evidence: Callable[..., EvidenceItem]
) -> None:
    removal = _open(triaged, dsl, add_evidence(triaged))
    services.takedown_mark_sent(removal=removal, by=dsl, request=None)
    with pytest.raises(services.TakedownError, match="reason"):
        services.takedown_record_outcome(removal=removal, status=Status.REFUSED, reason=" ", by=dsl, request=None)
    services.takedown_record_reply(
        removal=removal, text="We reviewed it and it does not go against our Community Standards.", by=dsl, request=None
    )
    services.takedown_record_outcome(
        removal=removal, status=Status.REFUSED, reason="Does not go against our standards", by=dsl, request=None
    )
    assert services.next_step(removal) == Route.RHC
    rhc = services.takedown_escalate(removal=removal, by=dsl, request=None)
    assert rhc.route == Route.RHC and rhc.escalated_from == removal
    assert "We reviewed it and it does not go against our Community Standards." in rhc.draft  # the reply is in the pack
    services.takedown_mark_sent(removal=rhc, by=dsl, request=None)
    rhc.refresh_from_db()
    assert rhc.due_at == rhc.requested_at + timedelta(days=7)


def test_no_answer_opens_the_helpline_after_48_hours_and_rhc_after_a_week(
    triaged: Case, dsl: User, add_evidence: Callable[..., EvidenceItem]
) -> None:
    removal = _open(triaged, dsl, add_evidence(triaged))
    now = timezone.now()
    services.takedown_mark_sent(removal=removal, by=dsl, request=None, sent_at=now - timedelta(hours=47))
    assert services.next_step(removal) == ""
    assert services.next_step(removal, now=now + timedelta(hours=2)) == Route.HELPLINE
    assert services.next_step(removal, now=now + timedelta(days=8)) == Route.RHC
    with pytest.raises(services.TakedownError):
        services.takedown_escalate(removal=removal, by=dsl, request=None)


def test_stalled_request_escalates_to_the_helpline_with_its_history(
    triaged: Case, dsl: User, add_evidence: Callable[..., EvidenceItem]
) -> None:
    removal = _open(triaged, dsl, add_evidence(triaged))
    services.takedown_mark_sent(removal=removal, by=dsl, request=None, sent_at=timezone.now() - timedelta(hours=60))
    services.takedown_record_reference(removal=removal, reference="IG-4471", by=dsl, request=None)
    services.takedown_record_check(removal=removal, still_live=True, note="", by=dsl, request=None)
    helpline = services.takedown_escalate(removal=removal, by=dsl, request=None)
    removal.refresh_from_db()
    assert removal.status == Status.NO_RESPONSE
    assert helpline.route == Route.HELPLINE
    assert "IG-4471" in helpline.draft and "Still live" in helpline.draft


def test_a_closed_request_takes_no_second_outcome(
    triaged: Case, dsl: User, add_evidence: Callable[..., EvidenceItem]
) -> None:
    removal = _open(triaged, dsl, add_evidence(triaged))
    services.takedown_mark_sent(removal=removal, by=dsl, request=None)
    services.takedown_record_outcome(removal=removal, status=Status.REMOVED, reason="", by=dsl, request=None)
    with pytest.raises(services.TakedownError, match="closed"):
        services.takedown_record_outcome(removal=removal, status=Status.REFUSED, reason="x", by=dsl, request=None)


def test_the_history_names_each_outcome(
    triaged: Case, dsl: User, add_evidence: Callable[..., EvidenceItem], login_as: Callable[[User], Client]
) -> None:
    removal = _open(triaged, dsl, add_evidence(triaged))
    services.takedown_mark_sent(removal=removal, by=dsl, request=None)
    services.takedown_record_outcome(removal=removal, status=Status.REFUSED, reason="Not against rules", by=dsl,
                                     request=None)  # fmt: skip
    page = login_as(dsl).get(reverse("takedown:request", args=[triaged.pk, removal.pk])).content.decode()
    assert "Outcome: <strong>refused</strong>: Not against rules" in page


def test_accepting_a_takedown_duty_opens_its_request_not_a_generic_referral(
    triaged: Case, dsl: User, add_evidence: Callable[..., EvidenceItem]
) -> None:
    add_evidence(triaged)
    decision = case_decide_duty(
        case=triaged, duty="report_to_platform", accepted=True, reason="Quickest route", by=dsl, request=None
    )
    assert not Referral.objects.filter(decision=decision).exists()
    removal = RemovalRequest.objects.get(decision=decision)
    assert removal.route == Route.PLATFORM and removal.status == Status.DRAFT
    for duty, route in (("ask_poster_to_remove", Route.POSTER), ("mobile_network", Route.MOBILE),
                        ("professionals_helpline", Route.HELPLINE), ("report_harmful_content", Route.RHC)):  # fmt: skip
        d = case_decide_duty(case=triaged, duty=duty, accepted=True, reason="Agreed", by=dsl, request=None)
        assert RemovalRequest.objects.get(decision=d).route == route
        assert not Referral.objects.filter(decision=d).exists()
    other = case_decide_duty(case=triaged, duty="police_101", accepted=True, reason="Threats", by=dsl, request=None)
    assert Referral.objects.filter(decision=other).exists()


def test_the_rules_take_platform_facts_from_the_requests(
    triaged: Case, dsl: User, add_evidence: Callable[..., EvidenceItem]
) -> None:
    assert case_facts(case=triaged)[0].platform_declined is False
    assert case_facts(case=triaged)[0].platform_reported_days_ago is None
    removal = _open(triaged, dsl, add_evidence(triaged))
    services.takedown_mark_sent(removal=removal, by=dsl, request=None, sent_at=timezone.now() - timedelta(days=9))
    facts = case_facts(case=triaged)[0]
    assert facts.platform_reported_days_ago == 9 and facts.platform_declined is False
    services.takedown_record_outcome(removal=removal, status=Status.REFUSED, reason="No breach", by=dsl, request=None)
    assert case_facts(case=triaged)[0].platform_declined is True
    poster = services.takedown_open(
        case=triaged, by=dsl, request=None, route=Route.POSTER, content="the post", poster_kind="pupil"
    )
    services.takedown_mark_sent(removal=poster, by=dsl, request=None)
    assert case_facts(case=triaged)[0].poster_known_and_refused_removal is False
    services.takedown_record_outcome(removal=poster, status=Status.REFUSED, reason="Said no", by=dsl, request=None)
    assert case_facts(case=triaged)[0].poster_known_and_refused_removal is True


def test_open_requests_are_listed_as_open_work_on_closing(
    triaged: Case, dsl: User, add_evidence: Callable[..., EvidenceItem]
) -> None:
    removal = _open(triaged, dsl, add_evidence(triaged))
    assert any("removal request (Report to the platform) not sent" in w.text for w in case_open_work(case=triaged))
    services.takedown_mark_sent(removal=removal, by=dsl, request=None)
    services.takedown_record_outcome(removal=removal, status=Status.REMOVED, reason="", by=dsl, request=None)
    assert not any("removal request" in w.text for w in case_open_work(case=triaged))


def test_request_events_are_append_only(triaged: Case, dsl: User, add_evidence: Callable[..., EvidenceItem]) -> None:
    removal = _open(triaged, dsl, add_evidence(triaged))
    event = services.takedown_record_check(removal=removal, still_live=True, note="", by=dsl, request=None)
    event.text = "changed"
    with pytest.raises(ValueError, match="append-only"):
        event.save()


def test_decision_is_kept_with_the_duty(triaged: Case, dsl: User) -> None:
    case_decide_duty(case=triaged, duty="report_to_platform", accepted=True, reason="Quick", by=dsl, request=None)
    assert DutyDecision.objects.filter(case=triaged, duty="report_to_platform").count() == 1


def test_a_platform_with_no_profile_row_still_drafts_from_the_seed_data(triaged: Case, dsl: User) -> None:
    from upstander.takedown.models import PlatformProfile

    PlatformProfile.objects.filter(slug="youtube").delete()
    removal = services.takedown_open(case=triaged, by=dsl, request=None, route=Route.PLATFORM, platform="youtube",
                                     url="https://youtu.be/x", harm="harassment")  # fmt: skip
    assert "YouTube Community Guidelines, section 'Harassment and cyberbullying'" in removal.draft
