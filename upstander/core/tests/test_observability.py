"""Request IDs, JSON logs without personal data, /metrics behind a token, and the worker heartbeat."""

from __future__ import annotations

import json
import logging
import os
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from upstander.core import heartbeat
from upstander.core.observability import NoPathsFilter, RequestIdFilter, UpstanderJsonFormatter

pytestmark = pytest.mark.django_db
TOKEN = "metrics-token-for-tests-0123456789"


def test_every_response_carries_a_request_id(client: Client) -> None:
    first = client.get("/healthz")
    second = client.get("/healthz")
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_callers_request_id_is_kept_and_a_strange_one_replaced(client: Client) -> None:
    assert client.get("/healthz", HTTP_X_REQUEST_ID="proxy-1234abcd")["X-Request-ID"] == "proxy-1234abcd"
    odd = client.get("/healthz", HTTP_X_REQUEST_ID="<script>alert(1)</script>")["X-Request-ID"]
    assert odd != "<script>alert(1)</script>" and len(odd) == 32


def test_the_request_log_names_the_view_never_the_path_address_or_browser(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="upstander.request")
    response = client.get(
        "/report/status/",
        HTTP_USER_AGENT="SecretBrowser/1.0",
        REMOTE_ADDR="203.0.113.77",
        HTTP_X_REQUEST_ID="abcdefgh-1",
    )
    records = [r for r in caplog.records if r.name == "upstander.request"]
    assert len(records) == 1
    record = records[0]
    assert record.view != "unmatched" and "/" not in record.view
    assert record.status == response.status_code
    line = _json_line(record)
    assert line["request_id"] == "abcdefgh-1"
    assert "status" in line and "duration_ms" in line
    text = json.dumps(line)
    for secret in ("/report/status/", "SecretBrowser", "203.0.113.77"):
        assert secret not in text


def _json_line(record: logging.LogRecord) -> dict[str, Any]:
    RequestIdFilter().filter(record)
    NoPathsFilter().filter(record)
    return json.loads(UpstanderJsonFormatter().format(record))


def test_json_lines_drop_fields_not_on_the_allow_list() -> None:
    record = logging.LogRecord("upstander.x", logging.WARNING, __file__, 1, "something happened", (), None)
    record.email = "pupil@example.org"
    record.report_text = "he keeps calling me names"
    record.request = object()
    record.view = "reports:status"
    line = _json_line(record)
    assert line["message"] == "something happened"
    assert line["view"] == "reports:status"
    assert line["levelname"] == "WARNING" and "timestamp" in line
    assert "email" not in line and "report_text" not in line and "request" not in line


def test_djangos_not_found_warnings_lose_their_path() -> None:
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "%s: %s", ("Not Found", "/accounts/unlock/secret-token/"), None
    )
    line = _json_line(record)
    assert line["message"] == "Not Found"


# --- /metrics ------------------------------------------------------------------------------------


def test_metrics_are_off_without_a_token(client: Client, settings: Any) -> None:
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer anything").status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer wrong-token-wrong-token", f"Basic {TOKEN}", TOKEN])
def test_metrics_refuse_a_missing_or_wrong_token(client: Client, settings: Any, header: str | None) -> None:
    settings.METRICS_TOKEN = TOKEN
    kwargs = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get("/metrics", **kwargs)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"upstander_" not in response.content


def test_a_signed_in_admin_session_is_not_a_metrics_token(
    client: Client, settings: Any, login_as: Any, users: dict[str, Any]
) -> None:
    settings.METRICS_TOKEN = TOKEN
    login_as(users["org_admin"])
    assert client.get("/metrics").status_code == 401


def test_metrics_count_requests_by_view_and_read_backlogs_from_the_database(
    client: Client, settings: Any, org: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    from upstander.cases.models import Case

    settings.METRICS_TOKEN = TOKEN
    client.get("/healthz")
    task = DBTaskResult.objects.create(
        task_path="upstander.x", args_kwargs={"args": [], "kwargs": {}}, queue_name="default",
        backend_name="default", priority=0,
    )  # fmt: skip
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - timedelta(minutes=5))
    overdue_before = Case.objects.filter(due_at__lt=timezone.now()).count()
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'upstander_http_requests_total{method="GET",status="200",view="healthz"}' in text
    assert 'upstander_http_request_duration_seconds_bucket{le="0.01",view="healthz"}' in text
    assert "upstander_tasks_ready 1.0" in text
    age = float(
        next(line for line in text.splitlines() if line.startswith("upstander_task_backlog_age_seconds ")).split()[1]
    )
    assert 290 < age < 400
    assert "upstander_reports_awaiting_checks 0.0" in text
    assert f"upstander_cases_overdue {float(overdue_before)}" in text
    assert "upstander_tasks_failed 0.0" in text
    assert "upstander_worker_up 0.0" in text
    assert "/healthz" not in text and "hill" not in text


def test_metrics_from_several_processes_are_summed(tmp_path: Path) -> None:
    """Two gunicorn workers counting into one PROMETHEUS_MULTIPROC_DIR: a scrape sees both."""
    import subprocess
    import sys

    script = (
        "from upstander.core import metrics\n"
        "metrics.observe_request(method='GET', view='reports:form', status=200, seconds=0.02)\n"
    )
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    for _ in range(2):
        subprocess.run([sys.executable, "-c", script], env=env, check=True)
    from prometheus_client import CollectorRegistry, generate_latest
    from prometheus_client.multiprocess import MultiProcessCollector

    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=str(tmp_path))
    text = generate_latest(registry).decode()
    assert 'upstander_http_requests_total{method="GET",status="200",view="reports:form"} 2.0' in text


# --- worker heartbeat -------------------------------------------------------------------------


def test_healthz_says_the_worker_is_not_alive_without_a_heartbeat(client: Client) -> None:
    body = client.get("/healthz").json()
    assert body["worker"] == {"alive": False, "last_heartbeat_seconds_ago": None}
    assert body["backlog"] == {"tasks_ready": 0, "oldest_seconds": 0}
    assert body["status"] == "ok"


def test_the_worker_loop_beats_and_healthz_sees_it(client: Client) -> None:
    from upstander.core.management.commands.worker import HeartbeatWorker

    worker = HeartbeatWorker(
        queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id="test-worker",
    )  # fmt: skip
    worker.run()  # batch mode: one pass over an empty queue, then it returns
    assert heartbeat.age_seconds() is not None
    body = client.get("/healthz").json()
    assert body["worker"]["alive"] is True
    assert body["worker"]["last_heartbeat_seconds_ago"] <= 5


def test_a_stale_heartbeat_means_the_worker_is_not_alive(client: Client) -> None:
    heartbeat.beat()
    old = time.time() - heartbeat.ALIVE_WITHIN - 30
    os.utime(heartbeat.heartbeat_path(), (old, old))
    body = client.get("/healthz").json()
    assert body["worker"]["alive"] is False
    assert body["worker"]["last_heartbeat_seconds_ago"] >= heartbeat.ALIVE_WITHIN


def test_djangos_own_warning_for_a_refused_request_carries_the_request_id(
    client: Client, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.METRICS_TOKEN = TOKEN
    caplog.set_level(logging.WARNING, logger="django.request")
    response = client.get("/metrics", HTTP_X_REQUEST_ID="trace-42abcdef")
    assert response.status_code == 401
    warning = next(r for r in caplog.records if r.name == "django.request")
    assert _json_line(warning)["request_id"] == "trace-42abcdef"
    from upstander.core.observability import current_request_id

    assert current_request_id() == "-"  # cleared once the response is closed
