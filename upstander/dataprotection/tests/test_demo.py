"""The demo shows a legal hold, a decision waiting to be carried out, and a pupil whose subject access
export holds nothing about any other pupil."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from upstander.accounts.models import User
from upstander.cases.models import Case, CaseReport
from upstander.dataprotection.access import subject_access_export
from upstander.dataprotection.demo import SUBJECT
from upstander.dataprotection.models import DecisionState, LegalHold, RetentionDecision
from upstander.demo.data import load_demo
from upstander.people.models import Person

pytestmark = pytest.mark.django_db


def test_the_demo_shows_every_feature_and_lilys_export_holds_nobody_else() -> None:
    load_demo()
    load_demo()  # idempotent
    assert LegalHold.objects.filter(lifted_at__isnull=True).count() == 1
    assert RetentionDecision.objects.get().state == DecisionState.RECORDED
    lily = Person.objects.get(external_id=SUBJECT)
    _, data = subject_access_export(person=lily, by=User.objects.get(email="dsl@northbridge.example"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
    exported = json.loads(files["subject-access.json"])
    accounts = [report["account"] for case in exported["cases"] for report in case["reports"]]
    assert any(
        account.startswith("Two years ago: [another person] keeps sending Lily messages") for account in accounts
    )
    others = Person.objects.filter(organisation=lily.organisation).exclude(pk=lily.pk)
    words = {w for p in others for w in (p.first_name, p.last_name, p.external_id) if w} - {"Lily", "Roberts"}
    words |= {u.full_name for u in User.objects.all()} | {u.email for u in User.objects.all()}
    for name, text in files.items():
        found = [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.IGNORECASE)]
        assert not found, (name, found)


def test_the_demos_back_dated_cases_keep_their_dates_in_order() -> None:
    """The cases the demo back-dates for the records review are reported, opened, triaged and closed
    in that order, so the insights' time to closure is never negative (it once read -6.3 days)."""
    load_demo()
    back_dated = Case.objects.filter(closed_at__lt=timezone.now() - timedelta(days=300))
    assert back_dated.count() >= 2  # the two closed cases of the records review (one and two years ago)
    assert not Case.objects.filter(closed_at__lt=F("opened_at")).exists()
    assert not Case.objects.filter(triaged_at__lt=F("opened_at")).exists()
    for link in CaseReport.objects.filter(case__in=back_dated).select_related("case", "report"):
        assert link.report.created_at <= link.case.opened_at, link.case.number
