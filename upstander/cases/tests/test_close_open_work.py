"""Closing with work undone (issue 13, item 2): closing lists what is open and needs a reason to close
anyway, recorded on the chronology; a case with nothing open closes as before."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import User
from upstander.cases.models import Case, CaseEntry, PlaybookItem
from upstander.cases.open_work import case_open_work
from upstander.cases.services import CaseError, case_close, case_decide_duty
from upstander.cases.urgency import case_suggest_urgent
from upstander.reports.services import report_message_from_reporter, report_message_from_staff

pytestmark = pytest.mark.django_db


def _finish_everything(case: Case, dsl: User) -> None:
    from upstander.cases.facts import case_proposals

    for proposed in case_proposals(case=case).undecided:
        case_decide_duty(case=case, duty=proposed.code, accepted=False, reason="Not needed here.", by=dsl, request=None)
    for item in PlaybookItem.objects.filter(case=case, done_at__isnull=True):
        from upstander.cases.services import case_playbook_item_complete

        case_playbook_item_complete(item=item, by=dsl, request=None)


def test_closing_lists_each_kind_of_open_work_and_needs_a_reason(
    case: Case, triage: Callable[..., Case], dsl: User
) -> None:
    triage(case)  # the pupil-on-pupil playbook: twelve steps, and duties proposed
    report = case.case_reports.get().report
    report_message_from_reporter(report=report, body="It happened again today.")
    case_suggest_urgent(case_id=case.pk, sources=["Pasted message (evidence 2)"], flags=["threat"])
    case.refresh_from_db()
    open_work = [w.text for w in case_open_work(case=case)]
    assert any(text.startswith("escalation not decided:") for text in open_work)
    assert any("playbook steps not done" in text for text in open_work)
    assert f"the last message from the reporter of {report.reference} is not answered" in open_work
    assert any("suggestion that this case may be urgent" in text for text in open_work)
    with pytest.raises(CaseError, match="still has work open"):
        case_close(case=case, outcome="resolved", reason="Stopped.", follow_up_on=None, by=dsl, request=None)
    case.refresh_from_db()
    assert case.status != "closed"
    case_close(case=case, outcome="resolved", reason="Stopped.", follow_up_on=None, by=dsl, request=None,
               open_work_reason="The pupil has left the school.")  # fmt: skip
    case.refresh_from_db()
    assert case.status == "closed"
    entry = CaseEntry.objects.get(case=case, kind="decision", text__startswith="Closed with work still open")
    assert entry.reason == "The pupil has left the school." and entry.author == dsl
    assert entry.detail["open_work"] == open_work


def test_an_answered_message_and_a_referral_with_an_outcome_are_not_open(
    case: Case, triage: Callable[..., Case], dsl: User
) -> None:
    from upstander.cases.services import case_referral_update

    triage(case, known_facts=["threat_of_death_or_serious_harm"])
    report = case.case_reports.get().report
    report_message_from_reporter(report=report, body="Please help.")
    report_message_from_staff(report=report, author=dsl, body="We will talk today.", request=None)
    from upstander.cases.facts import case_proposals

    proposals = case_proposals(case=case)
    police = next(p for p in proposals.duties if p.agency)
    case_decide_duty(case=case, duty=police.code, accepted=True, reason="Threat to life.", by=dsl, request=None)
    assert any(w.text.startswith(f"referral to {police.agency}") for w in case_open_work(case=case))
    referral = case.referrals.get()
    case_referral_update(referral=referral, by=dsl, request=None, reference_number="CR-1", made_on=None,
                         follow_up_on=None, outcome="Officer visited.")  # fmt: skip
    texts = [w.text for w in case_open_work(case=case)]
    assert not any(t.startswith("referral to") for t in texts)
    assert not any("last message from the reporter" in t for t in texts)


def test_closing_with_nothing_open_works_as_before(case: Case, triage: Callable[..., Case], dsl: User) -> None:
    triage(case)
    _finish_everything(case, dsl)
    assert case_open_work(case=case) == []
    case_close(case=case, outcome="resolved", reason="Stopped.", follow_up_on=None, by=dsl, request=None)
    case.refresh_from_db()
    assert case.status == "closed"
    assert not CaseEntry.objects.filter(case=case, text__startswith="Closed with work still open").exists()


def test_the_close_page_lists_what_is_open_and_asks_why(
    login_as: Callable[[User], Client], users: dict[str, User], case: Case, triage: Callable[..., Case]
) -> None:
    triage(case)
    client = login_as(users["dsl"])
    url = reverse("cases:close", args=[case.pk])
    page = client.get(url).content.decode()
    assert "This case still has work open" in page and "playbook steps not done" in page
    assert "Close the case anyway" in page
    data = {"outcome": "resolved", "reason": "Stopped.", "follow_up_on": "2030-01-01"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Say why you are closing the case with work still open, or finish it first." in response.content.decode()
    case.refresh_from_db()
    assert case.status != "closed"
    assert client.post(url, {**data, "open_work_reason": "Handed to the new DSL."}).status_code == 302
    case.refresh_from_db()
    assert case.status == "closed"
    detail = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Closed with work still open" in detail and "Handed to the new DSL." in detail


def test_the_close_page_with_nothing_open_asks_no_more_than_before(
    login_as: Callable[[User], Client], users: dict[str, User], case: Case, triage: Callable[..., Case], dsl: User
) -> None:
    triage(case)
    _finish_everything(case, dsl)
    client = login_as(users["dsl"])
    url = reverse("cases:close", args=[case.pk])
    page = client.get(url).content.decode()
    assert "still has work open" not in page and "open_work_reason" not in page
    assert client.post(url, {"outcome": "resolved", "reason": "Stopped.", "follow_up_on": "2030-01-01"}).status_code == 302
