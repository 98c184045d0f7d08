"""Fixtures for the insights tests: cases made as the cases app stores them, at chosen times."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from itertools import count
from typing import Any

import pytest
from django.utils import timezone

from upstander.accounts.models import Organisation
from upstander.cases.models import Case, CaseParty, CaseReport, PartyRole, Tagged
from upstander.people.models import Person
from upstander.reports.models import ProcessingState, Report

_numbers = count(1)


@pytest.fixture
def make_case(org: Organisation) -> Callable[..., Case]:
    """`make_case(opened=datetime, categories=[...], prejudice=[...], target=Person, organisation=...)`."""

    def make(
        *,
        organisation: Organisation | None = None,
        opened: datetime | None = None,
        categories: list[str] | None = None,
        prejudice: list[str] | None = None,
        target: Person | None = None,
        perpetrator: Person | None = None,
        **fields: Any,
    ) -> Case:
        organisation = organisation or org
        opened = opened or timezone.now() - timedelta(days=1)
        n = next(_numbers)
        report = Report.objects.create(
            organisation=organisation,
            reference=f"T{n:08d}",
            passphrase_hash="!",
            reporter_role="target",
            account="Free text the export must leave out",
            processing=ProcessingState.DONE,
            created_at=opened,
            channel=fields.get("channel", ""),
            platform=fields.get("platform", ""),
        )
        fields.setdefault("summary", "SECRET SUMMARY of what happened")
        case = Case.objects.create(
            organisation=organisation,
            number=n,
            opened_at=opened,
            categories=Tagged.pack(categories or []),
            prejudice=Tagged.pack(prejudice or []),
            **fields,
        )
        CaseReport.objects.create(case=case, report=report, added_at=opened)
        if target is not None:
            CaseParty.objects.create(case=case, organisation=organisation, role=PartyRole.TARGET, person=target)
        if perpetrator is not None:
            CaseParty.objects.create(
                case=case, organisation=organisation, role=PartyRole.ALLEGED_PERPETRATOR, person=perpetrator
            )
        return case

    return make


@pytest.fixture
def pupil(org: Organisation) -> Person:
    return Person.objects.create(organisation=org, first_name="Zephyrine", last_name="Quibble", year_group="Year 9")
