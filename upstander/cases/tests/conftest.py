"""Fixtures for the cases tests: reports made the way the reports app makes them, and their cases."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from upstander.accounts.models import Organisation, User
from upstander.cases.models import Case
from upstander.cases.services import case_open_for_report
from upstander.reports.models import Report
from upstander.reports.services import ReportInput, report_submit


@pytest.fixture
def submit(org: Organisation) -> Callable[..., Report]:
    """`submit(account=..., reporter_role=..., organisation=..., **ReportInput fields)` -> a stored report."""

    def make(*, organisation: Organisation | None = None, **fields: Any) -> Report:
        fields.setdefault("reporter_role", "target")
        fields.setdefault("account", "Someone keeps posting mean comments under my photos.")
        return report_submit(organisation=organisation or org, data=ReportInput(**fields)).report

    return make


@pytest.fixture
def open_case(submit: Callable[..., Report]) -> Callable[..., Case]:
    """A report, and the case it opens: `open_case(**report fields)`."""

    def make(**fields: Any) -> Case:
        return case_open_for_report(report=submit(**fields))

    return make


@pytest.fixture
def case(open_case: Callable[..., Case]) -> Case:
    return open_case()


@pytest.fixture
def dsl(users: dict[str, User]) -> User:
    return users["dsl"]


@pytest.fixture
def triage(dsl: User) -> Callable[..., Case]:
    """`triage(case, **changes)`: the DSL's assessment with sensible defaults."""
    from upstander.cases.services import case_triage

    def run(case: Case, **changes: Any) -> Case:
        values: dict[str, Any] = {
            "reason": "Read the report and spoke to the pupil.",
            "summary": case.summary or "Mean comments",
            "risk": "medium",
            "categories": ["insult"],
            "prejudice": [],
            "channel": "social_media",
            "platform": "instagram",
            "playbook": "pupil_on_pupil",
            "assignee": dsl,
            "known_facts": [],
        }
        values.update(changes)
        return case_triage(case=case, by=values.pop("by", dsl), request=None, **values)

    return run
