"""A sealed or erased item's text leaves the classifier's copies too: the triage page shows the words
that triggered a label, and for a sealed nude image those words must not be readable by anyone."""

from __future__ import annotations

import pytest

from upstander.accounts.models import Organisation, User
from upstander.evidence.adding import evidence_add_text
from upstander.evidence.erasure import evidence_erase
from upstander.evidence.models import EvidenceItem
from upstander.evidence.sealing import evidence_seal, evidence_unseal
from upstander.reports.models import TextAnalysis
from upstander.reports.services import ReportInput, report_submit
from upstander.reports.tests.helpers import run_tasks

pytestmark = pytest.mark.django_db

PASTED = "I will kill you after school, you idiot"


def _report_with_pasted_text(org: Organisation) -> tuple[int, int]:
    report = report_submit(organisation=org, data=ReportInput(reporter_role="target", account="Look at this")).report
    item = evidence_add_text(report=report, text=PASTED, kind="message", added_by_label="test")
    run_tasks()
    assert TextAnalysis.objects.filter(report=report, source=f"evidence:{item.pk}", text=PASTED).exists()
    return report.pk, item.pk


def test_sealing_deletes_the_analysis_of_the_items_text_and_unsealing_makes_it_again(
    org: Organisation, users: dict[str, User]
) -> None:
    report_id, item_id = _report_with_pasted_text(org)
    item = EvidenceItem.objects.get(pk=item_id)
    evidence_seal(item=item, by=users["dsl"], reason="it may be a sexual message")
    assert not TextAnalysis.objects.filter(source=f"evidence:{item_id}").exists()
    assert TextAnalysis.objects.filter(report_id=report_id, source="account").exists()  # the account's stays
    evidence_unseal(item=item, by=users["dsl"], reason="checked: it is not")
    run_tasks()
    assert TextAnalysis.objects.filter(report_id=report_id, source=f"evidence:{item_id}").exists()


def test_erasing_an_item_deletes_the_analysis_of_its_text(org: Organisation, users: dict[str, User]) -> None:
    _, item_id = _report_with_pasted_text(org)
    evidence_erase(item=EvidenceItem.objects.get(pk=item_id), reason="records review", by=users["dsl"], by_label="dsl")
    assert not TextAnalysis.objects.filter(source=f"evidence:{item_id}").exists()


def test_sealing_one_pasted_message_leaves_the_same_words_in_another_report_analysed(
    org: Organisation, users: dict[str, User]
) -> None:
    _, sealed_id = _report_with_pasted_text(org)
    other_report, other_id = _report_with_pasted_text(org)  # the same bytes, in a second report
    evidence_seal(item=EvidenceItem.objects.get(pk=sealed_id), by=users["dsl"], reason="it may be a sexual message")
    assert not TextAnalysis.objects.filter(source=f"evidence:{sealed_id}").exists()
    # A pasted message's text is the item itself, still readable in the other report: its analysis stays.
    assert TextAnalysis.objects.filter(report_id=other_report, source=f"evidence:{other_id}").exists()
