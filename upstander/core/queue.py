"""Queueing background work once the transaction that made its rows commits.

Every task in Upstander is queued through `enqueue_on_commit`: no worker (database queue, RQ,
anything else) can start it before the rows it names are committed, and a transaction that rolls
back queues nothing. Tasks take only ids and re-read their rows.

- On the database queue (django-tasks-db, the embedded default) the task's row is written inside
  the open transaction itself: it commits with the report or not at all, and no worker can see it
  before the commit. One transaction per report instead of two (the report's, then the task's):
  on SQLite that is one write lock and one durable commit (fsync) less per report, measured in
  bench/README.md ("Issue 11 speed").
- On any other backend (RQ, Celery, the tests' immediate and dummy ones) the task is handed over
  by `transaction.on_commit`, after the commit: a broker's worker may start it at once.

If the backend cannot take the task (a broker that is down), the failure is logged and the request
still succeeds: what was committed is safe, and the sweeper (`upstander.intake.sweep`) queues a
report whose checks have not finished again from the report's own state.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.db import router, transaction
from django_tasks.base import TASK_MAX_PRIORITY, Task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


class QueuedTask:
    """The callback `transaction.on_commit` runs: hands one task with its ids to the backend.
    A class (not a lambda) so that tests can tell it apart from other on-commit callbacks
    (`upstander.testing.run_committed_enqueues`)."""

    def __init__(
        self, task: Task[Any, Any], args: tuple[int, ...], run_after: datetime | None, priority: int | None = None
    ) -> None:
        self.task, self.args, self.run_after, self.priority = task, args, run_after, priority

    def __call__(self) -> None:
        options: dict[str, Any] = {}
        if self.run_after is not None:
            options["run_after"] = self.run_after
        if self.priority is not None and self.task.get_backend().supports_priority:
            options["priority"] = self.priority
        task = self.task.using(**options) if options else self.task
        task.enqueue(*self.args)

    def __repr__(self) -> str:
        return f"QueuedTask({self.task.module_path}, {self.args})"


# The priority of work someone in danger may be waiting on (a report that says so, an urgent case's
# alert): on the database queue a worker takes it before any backlog, e.g. the thousands of reports
# of a burst. Backends without priorities (RQ) queue it in order, as everything else.
URGENT = TASK_MAX_PRIORITY


def enqueue_on_commit(
    task: Task[Any, Any], *ids: int, run_after: datetime | None = None, priority: int | None = None
) -> None:
    """Queue `task(*ids)` when the current transaction commits (at once outside a transaction),
    with `priority` (e.g. URGENT) where the backend supports priorities.

    After the commit (`robust`), an exception from the backend is logged, not raised into the code
    that committed (the reporter has already been given a receipt); the sweeper recovers the report.
    Inside the transaction (the database queue) it is raised, and nothing of the transaction is kept."""
    if not all(isinstance(value, int) for value in ids):
        raise TypeError(f"tasks take ids only, not {ids!r}: re-read the rows in the task")
    defer(QueuedTask(task, ids, run_after, priority))


def defer(queued: QueuedTask) -> None:
    """Hand `queued` to the transaction's commit (the one point tests emulate: upstander/conftest.py),
    or, on the database queue inside a transaction, write its row in that transaction now."""
    if _queues_in_transaction(queued.task):
        queued()  # part of the transaction: a failure here rolls the whole transaction back
        return
    transaction.on_commit(queued, robust=True)


def _queues_in_transaction(task: Task[Any, Any]) -> bool:
    """Whether `task`'s backend is the database queue, on the database whose transaction is open."""
    backend = task.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return False
    connection = transaction.get_connection(router.db_for_write(DBTaskResult))
    return connection.in_atomic_block
