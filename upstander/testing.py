"""Helpers for tests of every app."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any


def run_tasks(*, path_prefix: str = "upstander.") -> int:
    """Run the queued background tasks once, in the test's own transaction, and mark them done.

    Not `db_worker`: it closes the database connection when it finishes, which ends the test's
    transaction on PostgreSQL. Tasks enqueued while running (retries, follow-ups) wait for the
    next call; deferred ones (`run_after` in the future) are left alone, as the worker would.
    """
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    run_committed_enqueues()
    rows = list(DBTaskResult.objects.ready().filter(task_path__startswith=path_prefix).order_by("enqueued_at"))
    for row in rows:
        row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
        DBTaskResult.objects.filter(pk=row.pk).update(status=TaskResultStatus.SUCCESSFUL)
    return len(rows)


def only_test_transactions(using: str = "default") -> bool:
    """True when the only open atomic blocks are the test case's own wrapper (pytest-django's
    `django_db`): the code under test has committed, as far as it can tell."""
    from django.db import connections

    connection = connections[using]
    return connection.in_atomic_block and all(getattr(a, "_from_testcase", False) for a in connection.atomic_blocks)


def run_committed_enqueues(using: str = "default") -> int:
    """Run the tasks queued on commit (`core.queue.enqueue_on_commit`) whose transaction has ended.

    A test runs inside one transaction that is rolled back at its end, so `transaction.on_commit`
    callbacks never run by themselves. Called (by the autouse fixture in upstander/conftest.py)
    whenever the code's own outermost atomic block ends: what production does after the commit.
    Callbacks of a rolled-back block were already dropped by Django; other callbacks (emails) are
    left for `django_capture_on_commit_callbacks`."""
    import logging

    from django.db import connections

    from upstander.core.queue import QueuedTask  # here: this module is imported before Django is set up

    connection = connections[using]
    ours = [entry for entry in connection.run_on_commit if isinstance(entry[1], QueuedTask)]
    if not ours:
        return 0
    connection.run_on_commit = [entry for entry in connection.run_on_commit if not isinstance(entry[1], QueuedTask)]
    for entry in ours:
        try:
            entry[1]()
        except Exception:  # robust, as enqueue_on_commit asks of Django
            logging.getLogger("upstander.core.queue").exception("Queueing %r failed", entry[1])
    return len(ours)


@contextmanager
def without_triggers(*tables: str) -> Iterator[Any]:
    """A cursor for tampering as an attacker who can write the database would: past the tables'
    append-only triggers (dropped on SQLite, disabled for the block on PostgreSQL)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Django's foreign keys are deferred: flush their pending checks, or ALTER TABLE refuses.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            try:
                yield cursor
            finally:
                for table in tables:
                    cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        else:
            for table in tables:
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
            yield cursor


def tamper(table: str, sql: str, params: Sequence[Any] = ()) -> None:
    """Run one statement past `table`'s append-only triggers (see `without_triggers`)."""
    with without_triggers(table) as cursor:
        cursor.execute(sql, list(params))
