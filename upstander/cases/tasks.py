"""Background work for cases: thin wrappers that take ids, re-read the rows and call alerts.

Queued after the commit of the transaction that opens the case (`core.queue.enqueue_on_commit`),
so the worker always finds it, and a failed send is retried by the worker rather than lost with the
request. The daily digest's task is in `cases.digest`.
"""

from __future__ import annotations

from django_tasks import task

from upstander.cases import alerts
from upstander.cases.models import Case


@task()
def urgent_case_alert(case_id: int) -> None:
    case = Case.objects.select_related("organisation").filter(pk=case_id).first()
    if case is not None:
        alerts.alert_out_of_hours(case=case)
