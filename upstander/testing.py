"""Helpers for tests of every app."""

from __future__ import annotations


def run_tasks(*, path_prefix: str = "upstander.") -> int:
    """Run the queued background tasks once, in the test's own transaction, and mark them done.

    Not `db_worker`: it closes the database connection when it finishes, which ends the test's
    transaction on PostgreSQL. Tasks enqueued while running (retries, follow-ups) wait for the
    next call; deferred ones (`run_after` in the future) are left alone, as the worker would.
    """
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    rows = list(DBTaskResult.objects.ready().filter(task_path__startswith=path_prefix).order_by("enqueued_at"))
    for row in rows:
        row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
        DBTaskResult.objects.filter(pk=row.pk).update(status=TaskResultStatus.SUCCESSFUL)
    return len(rows)
