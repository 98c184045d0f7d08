"""Seed 001's follow-through: actions with each person responsible, the follow-up with the target and the
post-incident review, reminded (in-app and in the daily digest) until done; review answers as data."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from upstander.accounts.models import Organisation, User
from upstander.cases import digest, selectors
from upstander.cases.follow_through import (
    case_follow_through_reminders,
    case_follow_up_record,
    case_record_responsible_action,
)
from upstander.cases.models import Case, CaseEntry, CaseParty, Notification, ResponsibleAction
from upstander.cases.services import CaseError, case_close, case_party_add, case_review

pytestmark = pytest.mark.django_db


def _perpetrator(case: Case, dsl: User, name: str) -> CaseParty:
    return case_party_add(case=case, by=dsl, request=None, role="alleged_perpetrator", kind="pupil", description=name)


def _closed(case: Case, dsl: User, *, follow_up_in: int = 0) -> Case:
    case_close(case=case, outcome="sanctions", reason="Detentions; posts removed.", by=dsl, request=None,
               follow_up_on=timezone.localdate() + timedelta(days=follow_up_in),
               open_work_reason="The rest was done by phone and is noted on paper.")  # fmt: skip
    case.refresh_from_db()
    return case


def test_several_actions_per_case_and_per_person_land_on_the_chronology(case: Case, dsl: User) -> None:
    sam, jo = _perpetrator(case, dsl, "Sam"), _perpetrator(case, dsl, "Jo")
    case_record_responsible_action(case=case, party=sam, kind="sanction", policy="the behaviour policy",
                                   detail="Two lunchtime detentions", by=dsl, request=None)  # fmt: skip
    case_record_responsible_action(case=case, party=sam, kind="restorative", by=dsl, request=None)
    case_record_responsible_action(case=case, party=jo, kind="apology", detail="Wrote to Ada", by=dsl, request=None)
    case_record_responsible_action(case=case, party=jo, kind="education", by=dsl, request=None)
    actions = list(selectors.responsible_actions(case=case))
    assert [(a.party.description, a.kind) for a in actions] == [
        ("Sam", "sanction"), ("Sam", "restorative"), ("Jo", "apology"), ("Jo", "education")
    ]  # fmt: skip
    texts = list(CaseEntry.objects.filter(case=case, kind="action").values_list("text", flat=True))
    assert any(t.startswith("Sanction under the behaviour policy for Sam: Two lunchtime detentions") for t in texts)
    assert any(t.startswith("Apology for Jo: Wrote to Ada") for t in texts)
    assert all(a.entry is not None for a in actions)


def test_a_sanction_names_its_policy_and_only_a_person_responsible_on_this_case_gets_actions(
    case: Case, open_case: Callable[..., Case], dsl: User
) -> None:
    sam = _perpetrator(case, dsl, "Sam")
    with pytest.raises(CaseError, match="which policy"):
        case_record_responsible_action(case=case, party=sam, kind="sanction", by=dsl, request=None)
    target = case.parties.get(role="target")
    with pytest.raises(CaseError, match="person responsible"):
        case_record_responsible_action(case=case, party=target, kind="apology", by=dsl, request=None)
    other = open_case(people_involved="")
    stranger = _perpetrator(other, dsl, "Someone else")
    with pytest.raises(CaseError, match="not part of this case"):
        case_record_responsible_action(case=case, party=stranger, kind="apology", by=dsl, request=None)
    with pytest.raises(CaseError, match="future"):
        case_record_responsible_action(case=case, party=sam, kind="apology", by=dsl, request=None,
                                       done_on=timezone.localdate() + timedelta(days=2))  # fmt: skip
    assert not ResponsibleAction.objects.exists()


def test_the_follow_up_and_the_review_are_reminded_every_day_until_done(case: Case, dsl: User) -> None:
    _perpetrator(case, dsl, "Sam")
    _closed(case, dsl, follow_up_in=3)
    organisation_id = case.organisation_id
    # Closed: the review is due at once; the follow-up only from its date.
    made = case_follow_through_reminders(organisation_id=organisation_id)
    messages = set(Notification.objects.filter(user=dsl).values_list("message", flat=True))
    assert made >= 1 and messages == {f"Case {case.number}: the post-incident review is still to do."}
    assert case_follow_through_reminders(organisation_id=organisation_id) == 0  # still unread: not repeated
    Notification.objects.filter(user=dsl).update(read_at=timezone.now())
    assert case_follow_through_reminders(organisation_id=organisation_id) >= 1  # read but not done: again
    Case.objects.filter(pk=case.pk).update(follow_up_on=timezone.localdate())
    case.refresh_from_db()
    case_follow_through_reminders(organisation_id=organisation_id)
    assert Notification.objects.filter(user=dsl, message__contains="follow up with the person targeted").exists()
    case_review(case=case, answers={"target_outcome": "stopped", "policy_change": "no"}, by=dsl, request=None)
    case.refresh_from_db()
    case_follow_up_record(case=case, note="Ada says it has stopped; she feels safe.", by=dsl, request=None)
    Notification.objects.filter(user=dsl).update(read_at=timezone.now())
    assert case_follow_through_reminders(organisation_id=organisation_id) == 0
    assert CaseEntry.objects.filter(case=case, kind="action", text__startswith="Followed up").exists()
    with pytest.raises(CaseError, match="already recorded"):
        case_follow_up_record(case=case, note="again", by=dsl, request=None)


def test_the_follow_up_needs_a_closed_case_and_a_note(case: Case, dsl: User) -> None:
    with pytest.raises(CaseError, match="Close the case first"):
        case_follow_up_record(case=case, note="fine", by=dsl, request=None)
    _closed(case, dsl)
    with pytest.raises(CaseError, match="how the person targeted is"):
        case_follow_up_record(case=case, note="  ", by=dsl, request=None)


def test_the_daily_digest_lists_follow_ups_and_reviews_and_makes_the_in_app_reminders(
    case: Case, dsl: User, org: Organisation
) -> None:
    _closed(case, dsl, follow_up_in=0)
    assert org.pk in selectors.organisations_to_digest()
    call_command("case_digest", stdout=io.StringIO())
    (email,) = mail.outbox
    assert "1 case needs a follow-up with the person targeted." in email.body
    assert "1 closed case needs a post-incident review." in email.body
    assert Notification.objects.filter(user=dsl, case=case).count() == 2
    assert digest.send_overdue_digest(organisation_id=org.pk) == 1  # the email again; reminders not doubled
    assert Notification.objects.filter(user=dsl, case=case).count() == 2


def test_review_answers_are_structured_data_the_insights_work_can_read(case: Case, dsl: User) -> None:
    sam = _perpetrator(case, dsl, "Sam")
    case_record_responsible_action(case=case, party=sam, kind="sanction", policy="behaviour policy", by=dsl,
                                   request=None)  # fmt: skip
    _closed(case, dsl)
    with pytest.raises(CaseError, match="Choose one of the answers"):
        case_review(case=case, answers={"target_outcome": "maybe"}, by=dsl, request=None)
    case_review(case=case, answers={"target_outcome": "reduced", "education_change": "yes",
                                    "education": "Teach group-chat etiquette in Year 8."}, by=dsl, request=None)  # fmt: skip
    (record,) = selectors.review_records(organisation_id=case.organisation_id)
    assert record["case"] == case.number and record["outcome"] == "sanctions"
    assert record["answers"]["version"] == 2
    assert record["answers"]["target_outcome"] == "reduced" and record["answers"]["education_change"] == "yes"
    assert record["answers"]["education"] == "Teach group-chat etiquette in Year 8."
    assert record["actions"] == [{"kind": "sanction", "policy": "behaviour policy"}]
    assert "Sam" not in str(record)
    entry = CaseEntry.objects.get(case=case, kind="review")
    assert entry.detail["review"]["target_outcome"] == "reduced"


def test_the_dsl_records_an_action_and_the_follow_up_on_the_case_page(
    case: Case, dsl: User, login_as: Callable[[User], Client]
) -> None:
    sam = _perpetrator(case, dsl, "Sam")
    client = login_as(dsl)
    url = reverse("cases:responsible_action", args=[case.pk])
    bad = client.post(url, {"party": sam.pk, "kind": "sanction", "policy": ""})
    assert bad.status_code == 200 and b"Say which policy" in bad.content
    response = client.post(url, {"party": sam.pk, "kind": "sanction", "policy": "behaviour policy"})
    assert response.status_code == 302
    _closed(case, dsl)
    response = client.post(reverse("cases:follow_up", args=[case.pk]), {"note": "All fine now."})
    assert response.status_code == 302
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Sanction under behaviour policy" in page and "Followed up with the person targeted" in page


def test_a_party_from_another_case_cannot_be_posted_to_this_case(
    case: Case, open_case: Callable[..., Case], dsl: User, login_as: Callable[[User], Client]
) -> None:
    other = open_case(people_involved="")
    stranger = _perpetrator(other, dsl, "Someone else")
    _perpetrator(case, dsl, "Sam")
    response = login_as(dsl).post(reverse("cases:responsible_action", args=[case.pk]),
                                  {"party": stranger.pk, "kind": "apology"})  # fmt: skip
    assert response.status_code == 200 and b"Select a valid choice" in response.content
    assert not ResponsibleAction.objects.exists()
