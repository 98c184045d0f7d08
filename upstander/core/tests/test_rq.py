"""The same tasks on RQ over a real Redis (TASKS_BACKEND=rq, issue 11): a report submitted through
the public API is processed by an RQ worker, and the backlog figures come from RQ, not the database.

Marked `rq`: skipped unless REDIS_URL names a Redis that answers (`.ci/run` runs this subset with
PostgreSQL and Redis). The test empties only the queue it uses, in the database REDIS_URL names.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from upstander.accounts.models import Organisation, User
from upstander.cases.models import CaseReport
from upstander.core import taskqueue
from upstander.core.management.commands.worker import run_rq_worker
from upstander.core.selectors import background_backlog, task_backlog_age, task_queue_health
from upstander.reports.models import ProcessingState, Report

REDIS_URL = os.environ.get("REDIS_URL", "")


def _redis_problem() -> str | None:
    if not REDIS_URL:
        return "REDIS_URL is not set: the RQ tests need a real Redis (e.g. REDIS_URL=redis://127.0.0.1:6379/3)"
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception as exc:
        return f"no Redis answers at REDIS_URL ({type(exc).__name__}: {exc})"
    return None


pytestmark = pytest.mark.rq
needs_redis = pytest.mark.skipif(_redis_problem() is not None, reason=str(_redis_problem()))


@pytest.fixture
def on_rq(settings: Any) -> Iterator[Any]:
    """The task backend switched to RQ on the Redis of REDIS_URL, its queue emptied before and after."""
    import django_rq

    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    settings.RQ = {"JOB_CLASS": "django_tasks_rq.backend.Job"}
    queue = django_rq.get_queue("default")
    queue.empty()
    assert taskqueue.backend_kind() == taskqueue.RQ
    yield queue
    queue.empty()


@needs_redis
@pytest.mark.django_db(transaction=True)  # the worker must see the report committed, as in production
def test_a_report_submitted_through_the_api_is_processed_by_an_rq_worker(
    on_rq: Any, client: Client, org: Organisation, users: dict[str, User], mailoutbox: list[Any]
) -> None:
    from django_tasks_db.models import DBTaskResult

    body = {
        "organisation": org.slug,
        "account": "They said they will beat me up after school tomorrow and keep calling me names.",
        "reporter_role": "target",
        "anonymous": True,
        "channel": "social_media",
        "platform": "instagram",
    }
    response = client.post("/api/v1/reports", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    report = Report.objects.get()
    assert report.processing == ProcessingState.PENDING

    # Queued in Redis, not in the database queue; the figures /healthz, /metrics and stats show say so.
    assert on_rq.count >= 1
    assert not DBTaskResult.objects.exists()
    assert taskqueue.backlog().ready == on_rq.count
    assert background_backlog()["tasks_ready"] == on_rq.count
    assert background_backlog()["reports_awaiting_checks"] == 1
    assert task_queue_health() == "ok"

    run_rq_worker(queues=["default"], burst=True)  # `upstander worker --batch` with TASKS_BACKEND=rq

    report.refresh_from_db()
    assert report.processing == ProcessingState.DONE, report.processing_error
    assert report.alerted_at is not None
    assert CaseReport.objects.filter(report=report).exists()  # its case was opened
    assert report.analyses.exists()  # the classifier ran on its text
    assert any(users["dsl"].email in message.to for message in mailoutbox)  # the DSL was told
    assert on_rq.count == 0 and on_rq.failed_job_registry.count == 0
    assert background_backlog()["reports_awaiting_checks"] == 0
    assert taskqueue.backlog().ready == 0

    # Evidence added later: its text is read in the background (an RQ job) and then analysed with
    # the report's own (a second job it queues), "evidence text ready" end to end.
    from upstander.evidence.adding import evidence_add_text

    item = evidence_add_text(report=report, text="you are dead tomorrow, watch your back", kind="message")
    assert on_rq.count >= 1
    call_command("worker", "--batch", "--no-housekeeping")  # the command an operator runs, in burst mode
    assert report.analyses.filter(source=f"evidence:{item.pk}").exists()
    assert on_rq.count == 0 and on_rq.failed_job_registry.count == 0


def test_an_unreachable_redis_is_reported_by_the_health_check_not_raised(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0", "DEFAULT_TIMEOUT": 600}}  # nothing listens

    assert task_queue_health().startswith("error: the task queue cannot be read")
    assert task_backlog_age() == {"tasks_ready": -1, "oldest_seconds": -1}
