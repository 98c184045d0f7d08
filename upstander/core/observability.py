"""Request IDs, structured JSON logs, and per-view request metrics.

Logs never carry personal data, report text, client addresses or user agents: the request line
names the view (its URL name, never the path, so no reference, token or slug leaks), the status
and the time taken; the JSON formatter writes only an allow-list of fields; Django's own request
warnings lose their path. A request ID (the caller's `X-Request-ID` if it looks like one, else a
fresh one) is on every log line written while the request is handled and on the response.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.signals import request_finished
from django.http import HttpRequest, HttpResponse
from pythonjsonlogger.json import JsonFormatter

REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
log = logging.getLogger("upstander.request")

# The only fields a JSON log line may carry besides time, level, logger and message.
ALLOWED_EXTRA = frozenset(
    {"request_id", "view", "method", "status", "duration_ms", "reason", "status_code", "task", "worker_id", "count"}
)


def current_request_id() -> str:
    return request_id_var.get()


def view_label(request: HttpRequest) -> str:
    """The URL name of the view that answered (never the path), or what kind of path it was."""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name:
        return str(match.view_name)
    if request.path.startswith(settings.STATIC_URL):
        return "static"
    return "unmatched"


class RequestIdMiddleware:
    """First in the chain: sets the request ID, then logs and counts the request by view name."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        # Cleared when the response is closed (request_finished), not here: Django logs a 4xx or
        # 5xx after the middleware has returned, and that line should carry the ID too.
        request_id_var.set(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = time.perf_counter() - started
        view = view_label(request)
        response.headers[REQUEST_ID_HEADER] = request_id
        # Here, not at the top: metrics (prometheus_client's counters) loads with the first request served,
        # not whenever settings import this middleware.
        from upstander.core import metrics

        metrics.observe_request(method=request.method or "", view=view, status=response.status_code, seconds=elapsed)
        log.info(
            "request",
            extra={
                "method": request.method,
                "view": view,
                "status": response.status_code,
                "duration_ms": round(elapsed * 1000, 1),
            },
        )
        return response


def _request_finished(**kwargs: Any) -> None:
    request_id_var.set("-")


request_finished.connect(_request_finished, dispatch_uid="upstander.core.observability.request_finished")


class RequestIdFilter(logging.Filter):
    """Puts the current request ID on every record (`-` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):  # a record passes each handler's filters: first one wins
            record.request_id = request_id_var.get()
        return True


class NoPathsFilter(logging.Filter):
    """Django's "Not Found: /path" and friends keep their reason and lose the path (it may hold a token)."""

    def filter(self, record: logging.LogRecord) -> bool:
        from_django = record.name.startswith(("django.request", "django.security", "django.server"))
        if from_django and record.msg == "%s: %s" and isinstance(record.args, tuple) and len(record.args) == 2:
            record.args = (record.args[0],)
            record.msg = "%s"
        return True


class UpstanderJsonFormatter(JsonFormatter):
    """One JSON object per line: time, level, logger, message, and only the allowed extra fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("timestamp", True)
        super().__init__("%(levelname)s %(name)s %(message)s", *args, **kwargs)

    def add_fields(self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]) -> None:
        super().add_fields(log_data, record, message_dict)
        for key in list(log_data):
            if key not in ALLOWED_EXTRA and key not in {"levelname", "name", "message", "timestamp", "exc_info"}:
                del log_data[key]
        log_data.setdefault("request_id", getattr(record, "request_id", "-"))
