"""Queueing background work once the transaction that made its rows commits.

Every task in Upstander is queued through `enqueue_on_commit`: the task is handed to the task
backend by `transaction.on_commit`, so no worker (database queue, RQ, anything else) can start it
before the rows it names are committed, and a transaction that rolls back queues nothing. Tasks
take only ids and re-read their rows.

If the backend cannot take the task (a broker that is down), the failure is logged and the request
still succeeds: what was committed is safe, and the sweeper (`upstander.intake.sweep`) queues a
report whose checks have not finished again from the report's own state.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.db import transaction
from django_tasks.base import Task

logger = logging.getLogger(__name__)


class QueuedTask:
    """The callback `transaction.on_commit` runs: hands one task with its ids to the backend.
    A class (not a lambda) so that tests can tell it apart from other on-commit callbacks
    (`upstander.testing.run_committed_enqueues`)."""

    def __init__(self, task: Task[Any, Any], args: tuple[int, ...], run_after: datetime | None) -> None:
        self.task, self.args, self.run_after = task, args, run_after

    def __call__(self) -> None:
        task = self.task.using(run_after=self.run_after) if self.run_after is not None else self.task
        task.enqueue(*self.args)

    def __repr__(self) -> str:
        return f"QueuedTask({self.task.module_path}, {self.args})"


def enqueue_on_commit(task: Task[Any, Any], *ids: int, run_after: datetime | None = None) -> None:
    """Queue `task(*ids)` when the current transaction commits (at once outside a transaction).

    `robust`: an exception from the backend is logged, not raised into the code that committed
    (the reporter has already been given a receipt); the sweeper recovers the report."""
    if not all(isinstance(value, int) for value in ids):
        raise TypeError(f"tasks take ids only, not {ids!r}: re-read the rows in the task")
    defer(QueuedTask(task, ids, run_after))


def defer(queued: QueuedTask) -> None:
    """Hand `queued` to the transaction's commit (the one point tests emulate: upstander/conftest.py)."""
    transaction.on_commit(queued, robust=True)
