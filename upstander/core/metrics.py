"""Prometheus metrics at `/metrics`, behind a bearer token (METRICS_TOKEN or METRICS_TOKEN_FILE).

Two kinds, chosen so that several gunicorn workers give one true answer:
- requests and their latencies, by view name (never the path), are counted in each web process;
  under `upstander serve` they go through prometheus-client's multiprocess mode
  (PROMETHEUS_MULTIPROC_DIR, which `serve` sets and empties at start), so a scrape that lands on
  any worker sums them all;
- the task backlog and failures, reports awaiting checks, overdue cases and the worker's heartbeat
  are read at scrape time from the database (and var/), or from Redis with TASKS_BACKEND=rq: the
  same in every worker, never stale.
No label ever holds an organisation, a person or a reference.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Iterator

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

REQUESTS = Counter("upstander_http_requests", "HTTP requests answered, by view name", ["method", "view", "status"])
LATENCY = Histogram(
    "upstander_http_request_duration_seconds",
    "Time to answer an HTTP request, by view name",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)


def observe_request(*, method: str, view: str, status: int, seconds: float) -> None:
    method = method if method in {"GET", "POST", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"} else "other"
    REQUESTS.labels(method=method, view=view, status=str(status)).inc()
    LATENCY.labels(view=view).observe(seconds)


class DatabaseCollector(Collector):
    """Gauges computed from the database when scraped."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        # Here, not at the top: core sits below the apps it reads.
        from upstander.cases.models import Case
        from upstander.cases.selectors import ACTIVE_STATUSES
        from upstander.core import heartbeat, taskqueue
        from upstander.core.selectors import background_backlog

        backlog = background_backlog()
        queue = taskqueue.backlog()  # the database queue or RQ's (core/taskqueue.py)
        yield GaugeMetricFamily("upstander_tasks_ready", "Background tasks waiting for the worker", queue.ready)
        yield GaugeMetricFamily(
            "upstander_task_backlog_age_seconds",
            "How long the oldest waiting task has waited (0: none)",
            float(queue.oldest_seconds),
        )
        yield GaugeMetricFamily(
            "upstander_tasks_failed", "Background task runs that failed (kept results)", queue.failed
        )
        yield GaugeMetricFamily(
            "upstander_reports_awaiting_checks", "Reports whose background checks have not run yet",
            backlog["reports_awaiting_checks"],
        )  # fmt: skip
        yield GaugeMetricFamily(
            "upstander_reports_checks_failed",
            "Reports whose background checks gave up",
            backlog["reports_checks_failed"],
        )
        overdue = Case.objects.filter(status__in=ACTIVE_STATUSES, due_at__lt=timezone.now()).count()
        yield GaugeMetricFamily("upstander_cases_overdue", "Open cases past their due time", overdue)
        beat = heartbeat.age_seconds()
        yield GaugeMetricFamily(
            "upstander_worker_up",
            "1 if the task worker has beaten within the last two minutes",
            float(heartbeat.worker_alive()),
        )
        yield GaugeMetricFamily(
            "upstander_worker_heartbeat_age_seconds", "Seconds since the task worker's last heartbeat (-1: never)",
            -1.0 if beat is None else beat,
        )  # fmt: skip


def _registry() -> CollectorRegistry:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        for collector in (REQUESTS, LATENCY):
            registry.register(collector)
    registry.register(DatabaseCollector())
    return registry


def _token_ok(request: HttpRequest, token: str) -> bool:
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


@never_cache
@require_GET
def metrics_view(request: HttpRequest) -> HttpResponse:
    token = settings.METRICS_TOKEN
    if not token:
        raise Http404("Metrics are off: set METRICS_TOKEN.")
    if not _token_ok(request, token):
        response = HttpResponse("A bearer token is needed (METRICS_TOKEN).\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)
