"""Shared by the evidence tests: running the vault command and the queued tasks."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError


def run_command(*args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `upstander evidence ARGS`."""
    out, err = StringIO(), StringIO()
    try:
        call_command("evidence", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


def run_tasks() -> int:
    """Run the queued evidence tasks once, in this test's own transaction, and mark them done.

    Not `db_worker`: it closes the database connection when it finishes, which ends the test's
    transaction on PostgreSQL. Retries enqueued while running are left for the next call.
    """
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    rows = list(
        DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, task_path__startswith="upstander.evidence."
        ).order_by("enqueued_at")
    )
    for row in rows:
        row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
        DBTaskResult.objects.filter(pk=row.pk).update(status=TaskResultStatus.SUCCESSFUL)
    return len(rows)
