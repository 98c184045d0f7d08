"""Case numbers: one sequence per organisation, no number given twice when workers open cases at once
(the settings row's UPDATE is the lock: cases.services._claim_number)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from upstander.accounts.models import Organisation
from upstander.cases.models import Case, CaseSettings
from upstander.cases.services import case_open_for_report
from upstander.reports.models import Report


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the SQLite test database is in memory with a shared cache, where threads get 'schema is locked'; an "
    "installation's SQLite file serialises writers with one write lock (core/sqlite), so numbers cannot clash there",
)
def test_workers_opening_cases_at_once_get_distinct_numbers_in_sequence_from_the_first_case(
    submit: Callable[..., Report], org: Organisation, other_org: Organisation
) -> None:
    assert not CaseSettings.objects.filter(organisation=org).exists()  # the first case makes the row
    reports = [submit(account=f"Report {n}: someone keeps messaging me.") for n in range(8)]
    theirs = submit(organisation=other_org)
    start = threading.Barrier(len(reports))
    failed: list[BaseException] = []

    def open_one(report: Report) -> None:
        try:
            start.wait(timeout=30)
            case_open_for_report(report=report)
        except BaseException as exc:  # pragma: no cover - reported below
            failed.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=open_one, args=(report,)) for report in reports]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failed, failed
    numbers = sorted(Case.objects.filter(organisation=org).values_list("number", flat=True))
    assert numbers == list(range(1, len(reports) + 1))
    assert CaseSettings.objects.get(organisation=org).next_case_number == len(reports) + 1
    assert case_open_for_report(report=theirs).number == 1  # another organisation's own sequence
