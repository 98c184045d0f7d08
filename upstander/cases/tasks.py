"""Background work for cases: thin wrappers that take ids, re-read the rows and call alerts.

Enqueued inside the transaction that opens the case (the database task queue shares the database),
so a committed urgent case always has its alert queued, and a failed send is retried by the worker
rather than lost with the request.
"""

from __future__ import annotations

from django_tasks import task

from upstander.cases import alerts, selectors
from upstander.cases.models import Case


@task()
def urgent_case_alert(case_id: int) -> None:
    case = Case.objects.select_related("organisation").filter(pk=case_id).first()
    if case is not None:
        alerts.alert_out_of_hours(case=case)


@task()
def overdue_digest(organisation_id: int) -> None:
    alerts.send_overdue_digest(organisation_id=organisation_id)


def enqueue_urgent_case_alert(*, case_id: int) -> None:
    urgent_case_alert.enqueue(case_id)


def enqueue_overdue_digests() -> int:
    """One digest task per organisation with something overdue (`upstander case-digest --queue`)."""
    organisation_ids = selectors.organisations_to_digest()
    for organisation_id in organisation_ids:
        overdue_digest.enqueue(organisation_id)
    return len(organisation_ids)
