"""Playbooks are versioned data; choosing one puts its steps on the case as a checklist."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import User
from upstander.cases.models import Case, CaseEntry, PlaybookItem
from upstander.cases.playbooks import DSL, PLAYBOOKS, SENIOR_LEADER
from upstander.cases.services import CaseError, case_playbook_item_complete

pytestmark = pytest.mark.django_db

SCENARIOS = {"pupil_on_pupil", "staff_targeted", "adult_service_user", "sexual_images", "hate_incident"}


def test_there_is_a_playbook_for_each_scenario_with_unique_steps_and_a_version() -> None:
    assert set(PLAYBOOKS) == SCENARIOS
    for book in PLAYBOOKS.values():
        codes = [step.code for step in book.steps]
        assert len(codes) == len(set(codes)), book.code
        assert book.version >= 1 and all(step.who in (DSL, SENIOR_LEADER) for step in book.steps)
        assert "policy_review" in codes and "follow_up_target" in codes, book.code


def test_the_seed_procedures_are_in_the_checklists() -> None:
    pupil = {s.code for s in PLAYBOOKS["pupil_on_pupil"].steps}
    assert {"support_target", "advise_block_report_keep", "contact_parents", "identify_responsible",
            "meet_responsible", "sanctions", "restorative_work", "content_removal"} <= pupil  # fmt: skip
    staff = {s.code: s for s in PLAYBOOKS["staff_targeted"].steps}
    assert staff["meeting_with_adult"].who == SENIOR_LEADER and staff["organisational_decision"].who == SENIOR_LEADER
    assert "professionals_helpline" in staff
    assert PLAYBOOKS["sexual_images"].steps[0].code == "do_not_view"


def test_triage_copies_the_playbook_onto_the_case_and_a_change_keeps_the_steps_done(
    case: Case, triage: Callable[..., Case], dsl: User
) -> None:
    triage(case, playbook="pupil_on_pupil")
    assert case.playbook_version == 1
    assert PlaybookItem.objects.filter(case=case).count() == len(PLAYBOOKS["pupil_on_pupil"].steps)
    follow_up = PlaybookItem.objects.get(case=case, code="follow_up_target")
    assert "after 14 days" in follow_up.text  # the organisation's setting, filled in
    done = PlaybookItem.objects.get(case=case, code="sanctions")
    case_playbook_item_complete(item=done, by=dsl, request=None, note="Two detentions.")
    triage(case, playbook="hate_incident", prejudice=["racist"])
    codes = set(PlaybookItem.objects.filter(case=case).values_list("playbook", "code"))
    assert ("pupil_on_pupil", "sanctions") in codes and ("pupil_on_pupil", "meet_responsible") not in codes
    assert ("hate_incident", "police_or_true_vision") in codes


def test_a_step_is_done_once_with_who_and_when_and_not_needed_needs_a_reason(
    case: Case, triage: Callable[..., Case], dsl: User
) -> None:
    triage(case)
    item = PlaybookItem.objects.get(case=case, code="contact_parents")
    with pytest.raises(CaseError):
        case_playbook_item_complete(item=item, by=dsl, request=None, not_needed=True, note="")
    case_playbook_item_complete(item=item, by=dsl, request=None, not_needed=True, note="Pupil is 18.")
    item.refresh_from_db()
    assert item.done_by == dsl and item.done_at is not None and item.not_needed
    with pytest.raises(CaseError):
        case_playbook_item_complete(item=item, by=dsl, request=None)
    entry = CaseEntry.objects.get(case=case, kind="playbook")
    assert entry.text.startswith("Not needed:") and entry.reason == "Pupil is 18."


def test_a_senior_leader_ticks_the_meeting_with_the_adult_on_the_page(
    login_as: Callable[[User], Client], users: dict[str, User], case: Case, triage: Callable[..., Case]
) -> None:
    triage(case, playbook="staff_targeted")
    item = PlaybookItem.objects.get(case=case, code="meeting_with_adult")
    client = login_as(users["senior_leader"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert page.count('class="step-form"') == 4  # support, colleague responsible, meeting, organisational decision
    url = reverse("cases:playbook_item", args=[case.pk, item.pk])
    assert client.post(url, {"action": "done", "note": "Met the parent; post removed."}).status_code == 302
    item.refresh_from_db()
    assert item.done_by == users["senior_leader"] and item.note == "Met the parent; post removed."
    again = client.post(url, {"action": "done"}, follow=True)
    assert b"already done" in again.content
    refused = client.post(
        reverse("cases:playbook_item", args=[case.pk, PlaybookItem.objects.get(case=case, code="support_staff").pk]),
        {"action": "not_needed"},
        follow=True,
    )
    assert b"Say why this step is not needed" in refused.content
