"""A possible-urgent signal from analysis reaches the report, the case and the queue, marked as a
suggestion and due as urgent, until a person confirms or dismisses it with a reason.

The fault reproduced (issue 13, item 1): OCR of a screenshot added after the report found "kill
yourself"; the DSL was emailed, but the inbox and the queue showed the case as not urgent, due the
next working day."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from upstander.accounts.models import Organisation, User
from upstander.cases.models import Case, CaseEntry, Notification
from upstander.cases.services import CaseError
from upstander.cases.urgency import case_decide_urgency, case_suggest_urgent
from upstander.reports.models import Report
from upstander.reports.tests.helpers import run_tasks

pytestmark = pytest.mark.django_db


def _screenshot(words: str) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (900, 200), "white")
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 40)
    ImageDraw.Draw(image).text((20, 60), words, fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _case_of(report: Report) -> Case:
    return Case.objects.get(case_reports__report=report)


def test_ocr_text_arriving_after_the_report_makes_the_case_suggested_urgent_on_every_page(
    submit: Callable[..., Report], login_as: Callable[[User], Client], users: dict[str, User]
) -> None:
    from upstander.evidence.adding import evidence_add_file
    from upstander.evidence.vault.ocr import ocr_available

    if not ocr_available():
        pytest.skip("tesseract-ocr is missing (bin/test installs it)")
    report = submit(account="see the screenshot")
    earlier = submit(account="Someone keeps posting mean comments under my photos.")  # newer, in fact
    run_tasks()
    # The other case is overdue: by due time and by age of report it would come first, were it not for urgency.
    Case.objects.filter(case_reports__report=earlier).update(due_at=timezone.now() - timedelta(hours=1))
    case = _case_of(report)
    assert not case.urgent and not case.urgent_suggested
    assert case.due_at is not None and case.due_at > timezone.now() + timedelta(hours=2), "due the next working day"
    mail.outbox.clear()

    evidence_add_file(report=report, data=_screenshot("kill yourself"), filename="shot.png", added_by_label="test")
    run_tasks()  # reads the screenshot's text
    run_tasks()  # analyses it
    # The DSL is emailed, as before, with no details ...
    [alert] = [m for m in mail.outbox if m.subject.startswith("URGENT?")]
    assert "kill" not in alert.body
    # ... and now the case says so too: suggested, due as urgent, with the chronology saying why.
    case.refresh_from_db()
    assert case.urgent_suggested and not case.urgent, "a suggestion: people decide"
    assert case.due_at <= timezone.now() + timedelta(minutes=60)
    assert any("screenshot" in source for source in case.urgent_suggestion["sources"])
    entry = CaseEntry.objects.get(case=case, kind="urgency")
    assert "Possibly urgent, suggested by analysis: possible self-harm" in entry.text
    message = Notification.objects.filter(user=users["dsl"], case=case).latest("created_at").message
    assert message.startswith(f"Possibly urgent: case {case.number}, possible self-harm and insults in text read from a ")
    assert "screenshot" in message and ". Confirm or dismiss it, due by " in message
    # The new text's labels reach the case's suggestion too.
    assert "self_harm" in case.suggested_categories

    client = login_as(users["dsl"])
    queue = client.get(reverse("cases:queue")).content.decode()
    assert "Urgent? Suggested" in queue
    first_row = queue.index(f"Case {case.number}</a>")
    assert first_row < queue.index(f"Case {_case_of(earlier).number}</a>"), "listed at the top"
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Possibly urgent: suggested by analysis" in page and "Confirm or dismiss" in page
    inbox = client.get(reverse("reports:inbox")).content.decode()
    assert "Urgent? Suggested" in inbox
    assert inbox.index(report.reference) < inbox.index(earlier.reference), "at the top of the inbox"
    detail = client.get(reverse("reports:staff_detail", args=[report.pk])).content.decode()
    assert "Possibly urgent: suggested by analysis" in detail


def test_a_suggestion_from_the_report_itself_reaches_the_case_when_it_opens(
    submit: Callable[..., Report], users: dict[str, User]
) -> None:
    report = submit(account="I want to kill myself tonight", reporter_role="bystander")
    run_tasks()
    case = _case_of(report)
    assert case.urgent_suggested
    assert case.due_at <= timezone.now() + timedelta(minutes=60)


def test_confirming_makes_the_case_urgent_with_the_reason_on_the_chronology(
    case: Case, dsl: User, triage: Callable[..., Case]
) -> None:
    triage(case, risk="medium")
    assert case_suggest_urgent(case_id=case.pk, sources=["Pasted message (evidence 3)"], flags=["self_harm"])
    case.refresh_from_db()
    due = case.due_at
    with pytest.raises(CaseError, match="Say why"):
        case_decide_urgency(case=case, confirm=True, reason=" ", by=dsl, request=None)
    case_decide_urgency(case=case, confirm=True, reason="Spoke to the pupil: at risk tonight.", by=dsl, request=None)
    case.refresh_from_db()
    assert case.urgent and not case.urgent_suggested and case.risk == "urgent"
    assert case.due_at == due, "still due as an urgent case"
    entry = CaseEntry.objects.filter(case=case, kind="urgency").last()
    assert entry is not None and entry.reason == "Spoke to the pupil: at risk tonight." and entry.author == dsl
    with pytest.raises(CaseError, match="no suggestion"):
        case_decide_urgency(case=case, confirm=False, reason="x", by=dsl, request=None)


def test_dismissing_restores_the_due_time_and_the_same_text_does_not_suggest_again(case: Case, dsl: User) -> None:
    before = case.due_at
    case_suggest_urgent(case_id=case.pk, sources=["What the reporter wrote"], flags=["threat"])
    case.refresh_from_db()
    assert case.due_at < before
    case_decide_urgency(case=case, confirm=False, reason="Song lyrics quoted, no threat.", by=dsl, request=None)
    case.refresh_from_db()
    assert not case.urgent and not case.urgent_suggested and case.due_at == before
    assert CaseEntry.objects.filter(case=case, kind="urgency").last().reason == "Song lyrics quoted, no threat."
    assert case_suggest_urgent(case_id=case.pk, sources=["What the reporter wrote"], flags=["threat"]) is None
    # A new text (a screenshot added later) is suggested afresh.
    assert case_suggest_urgent(case_id=case.pk, sources=["Text read from a screenshot (evidence 9)"], flags=[])


def test_nothing_is_suggested_on_a_case_already_urgent_or_closed(open_case: Callable[..., Case]) -> None:
    urgent = open_case(in_danger=True)
    assert case_suggest_urgent(case_id=urgent.pk, sources=["What the reporter wrote"], flags=[]) is None
    closed = open_case()
    Case.objects.filter(pk=closed.pk).update(status="closed")
    assert case_suggest_urgent(case_id=closed.pk, sources=["What the reporter wrote"], flags=[]) is None


def test_a_second_urgent_text_adds_to_the_suggestion_without_a_second_alert(case: Case) -> None:
    case_suggest_urgent(case_id=case.pk, sources=["A"], flags=["threat"])
    count = Notification.objects.count()
    assert case_suggest_urgent(case_id=case.pk, sources=["B"], flags=["self_harm"]) is None
    case.refresh_from_db()
    assert case.urgent_suggestion["sources"] == ["A", "B"]
    assert Notification.objects.count() == count


def test_triage_decides_a_waiting_suggestion(
    case: Case, triage: Callable[..., Case], login_as: Callable[[User], Client], users: dict[str, User]
) -> None:
    case_suggest_urgent(case_id=case.pk, sources=["A"], flags=["threat"])
    page = login_as(users["dsl"]).get(reverse("cases:triage", args=[case.pk])).content.decode()
    assert "The risk you choose here confirms the suggestion (urgent) or dismisses it" in page
    case.refresh_from_db()
    triage(case, risk="low")
    case.refresh_from_db()
    assert not case.urgent_suggested and not case.urgent
    assert "suggestion of urgency dismissed at triage" in CaseEntry.objects.filter(case=case, kind="triage").last().text


def test_the_decision_page_records_confirm_or_dismiss(
    login_as: Callable[[User], Client], users: dict[str, User], case: Case
) -> None:
    case_suggest_urgent(case_id=case.pk, sources=["Pasted message (evidence 1)"], flags=["self_harm"])
    client = login_as(users["deputy_dsl"])
    url = reverse("cases:urgency", args=[case.pk])
    assert "Pasted message (evidence 1)" in client.get(url).content.decode()
    response = client.post(url, {"decision": "dismiss", "reason": ""})
    assert response.status_code == 200 and "Say why: the reason is recorded on the chronology." in response.content.decode()
    assert client.post(url, {"decision": "dismiss", "reason": "A quote from a film."}).status_code == 302
    case.refresh_from_db()
    assert not case.urgent_suggested
    assert "Possibly urgent: suggested by analysis" not in client.get(reverse("cases:detail", args=[case.pk])).content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("dsl", 200), ("deputy_dsl", 200), ("senior_leader", 403), ("staff", 403), ("org_admin", 403), ("authority_lead", 403)],
)
def test_only_the_safeguarding_leads_decide_urgency(
    login_as: Callable[[User], Client], users: dict[str, User], case: Case, role: str, status: int
) -> None:
    case_suggest_urgent(case_id=case.pk, sources=["A"], flags=[])
    client = login_as(users[role])
    assert client.get(reverse("cases:urgency", args=[case.pk])).status_code == status
    client.post(reverse("cases:urgency", args=[case.pk]), {"decision": "dismiss", "reason": "Not urgent at all."})
    case.refresh_from_db()
    assert case.urgent_suggested is (status != 200)


def test_another_organisations_dsl_cannot_decide(
    login_as: Callable[[User], Client], make_user: Callable[..., User], other_org: Organisation, case: Case
) -> None:
    case_suggest_urgent(case_id=case.pk, sources=["A"], flags=[])
    client = login_as(make_user("dsl@vale.test", role="dsl", organisation=other_org))
    assert client.get(reverse("cases:urgency", args=[case.pk])).status_code == 404
    assert client.post(reverse("cases:urgency", args=[case.pk]), {"decision": "dismiss", "reason": "x"}).status_code == 404
    case.refresh_from_db()
    assert case.urgent_suggested


def test_a_message_pasted_after_the_report_is_analysed_and_reaches_the_case(
    submit: Callable[..., Report], users: dict[str, User]
) -> None:
    from upstander.evidence.adding import evidence_add_text

    report = submit(account="Look at what they sent me, I pasted it.")
    run_tasks()
    evidence_add_text(report=report, text="nobody would care if you killed yourself, just do it", kind="message",
                      added_by_label="the reporter")  # fmt: skip
    run_tasks()
    case = _case_of(report)
    assert case.urgent_suggested and case.urgent_suggestion["sources"] == [
        f"Pasted message (evidence {report.evidence_items.get().pk})"
    ]


def test_a_merge_keeps_a_suggestion_waiting_for_a_person(open_case: Callable[..., Case], dsl: User) -> None:
    from upstander.cases.services import case_merge

    keep, other = open_case(), open_case()
    case_suggest_urgent(case_id=other.pk, sources=["A"], flags=["self_harm"])
    other.refresh_from_db()
    case_merge(case=keep, other=other, reason="Same pupils.", by=dsl, request=None)
    keep.refresh_from_db()
    other.refresh_from_db()
    assert keep.urgent_suggested and keep.urgent_suggestion["sources"] == ["A"]
    assert keep.due_at is not None and keep.due_at <= timezone.now() + timedelta(minutes=60), "due as urgent"
    assert not other.urgent_suggested
