"""What the server keeps about a visitor (issue 10, items 2, 10 and 11): rate-limit rows that expire
and are deleted, with no request's exact time; an access log with no address, user agent or
reference; each `serve` with its own control socket; SQLite commits that survive a power cut."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from upstander.core import ratelimit
from upstander.core.accesslog import ACCESS_LOG_FORMAT, PrivateAccessLogger, private_path
from upstander.core.management.commands import serve
from upstander.core.models import RateLimit

HOUR = timedelta(hours=1)


def _at(monkeypatch: pytest.MonkeyPatch, when: datetime) -> None:
    monkeypatch.setattr(ratelimit.timezone, "now", lambda: when)


@pytest.mark.django_db
def test_a_rate_limit_row_keeps_the_window_not_the_moment_of_the_request(monkeypatch: pytest.MonkeyPatch) -> None:
    _at(monkeypatch, datetime(2026, 12, 1, 14, 37, 12, 345678, tzinfo=UTC))
    assert ratelimit.hit(ratelimit.limit_key("report", "203.0.113.9"), limit=20, window=HOUR)
    row = RateLimit.objects.get()
    assert row.window_start == datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
    assert row.expires_at == datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    assert "203.0.113.9" not in row.key


@pytest.mark.django_db
def test_rate_limit_rows_are_deleted_when_their_window_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    _at(monkeypatch, datetime(2026, 12, 1, 14, 59, 59, tzinfo=UTC))
    ratelimit.hit(ratelimit.limit_key("report", "203.0.113.9"), limit=20, window=HOUR)
    ratelimit.hit(ratelimit.limit_key("lookup-ip", "203.0.113.9"), limit=20, window=HOUR)
    assert RateLimit.objects.count() == 2
    # The next attempt from anyone, after the window, deletes every expired row.
    _at(monkeypatch, datetime(2026, 12, 1, 15, 0, 0, tzinfo=UTC))
    ratelimit.hit(ratelimit.limit_key("report", "198.51.100.1"), limit=20, window=HOUR)
    assert list(RateLimit.objects.values_list("key", flat=True)) == [ratelimit.limit_key("report", "198.51.100.1")]
    # With no further attempt, `serve`'s sweep deletes it when its window ends.
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 12, 1, 16, 0, 1, tzinfo=UTC))
    assert ratelimit.purge_expired() == 1
    assert not RateLimit.objects.exists()


@pytest.mark.django_db
def test_the_limit_still_holds_within_a_window_and_starts_again_in_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    key = ratelimit.limit_key("report", "203.0.113.9")
    _at(monkeypatch, datetime(2026, 12, 1, 14, 10, tzinfo=UTC))
    assert [ratelimit.hit(key, limit=3, window=HOUR) for _ in range(4)] == [True, True, True, False]
    assert ratelimit.is_limited(key, limit=3, window=HOUR)
    _at(monkeypatch, datetime(2026, 12, 1, 15, 10, tzinfo=UTC))
    assert not ratelimit.is_limited(key, limit=3, window=HOUR)
    assert ratelimit.hit(key, limit=3, window=HOUR)
    assert RateLimit.objects.get().count == 1


@pytest.mark.django_db
def test_serve_sweeps_expired_rate_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    RateLimit.objects.create(
        key="a" * 64, window_start=timezone.now() - 2 * HOUR, expires_at=timezone.now() - HOUR, count=1
    )
    RateLimit.objects.create(key="b" * 64, window_start=timezone.now(), expires_at=timezone.now() + HOUR, count=1)
    monkeypatch.setattr(connection, "close", lambda: None)  # keep the test's transaction
    serve.Command()._sweep_rate_limits()
    assert list(RateLimit.objects.values_list("key", flat=True)) == ["b" * 64]


def _log_line(path: str, query: str = "") -> str:
    from gunicorn.config import Config

    cfg = Config()
    cfg.set("accesslog", "-")
    logger = PrivateAccessLogger(cfg)
    environ = {
        "REMOTE_ADDR": "203.0.113.9",
        "REQUEST_METHOD": "GET",
        "RAW_URI": path + (f"?{query}" if query else ""),
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_USER_AGENT": "Mozilla/5.0 (RedTeamPhone)",
        "HTTP_REFERER": "http://127.0.0.1/report/hill/",
        "HTTP_X_FORWARDED_FOR": "198.51.100.7",
    }
    headers = [("USER-AGENT", "Mozilla/5.0 (RedTeamPhone)"), ("X-FORWARDED-FOR", "198.51.100.7")]
    request = SimpleNamespace(headers=headers)
    response = SimpleNamespace(status="200 OK", sent=512, headers=[("Content-Type", "text/html")])
    atoms = logger.atoms_wrapper_class(logger.atoms(response, request, environ, timedelta(milliseconds=12)))
    # The operator's format and gunicorn's default, both: neither may show who asked.
    default = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %({x-forwarded-for}i)s %({remote_addr}e)s'
    return (ACCESS_LOG_FORMAT % atoms) + "\n" + (default % atoms)


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/report/status/ABCD2345/", "/report/status/-/"),
        ("/api/v1/reports/ABCD-2345", "/api/v1/reports/-"),
        ("/report/hill/check/", "/report/hill/check/"),
        ("/static/upstander/upstander.css", "/static/upstander/upstander.css"),
        ("/people/", "/people/"),
    ],
)
def test_the_access_log_never_shows_an_address_user_agent_referrer_or_reference(path: str, shown: str) -> None:
    line = _log_line(path, query="q=Sam+Pupil")
    assert f'"GET {shown} HTTP/1.1" 200 512' in line
    for secret in ("203.0.113.9", "198.51.100.7", "RedTeamPhone", '/report/hill/"', "ABCD", "Sam"):
        assert secret not in line, (secret, line)


def test_private_path_hides_references_only() -> None:
    assert private_path("/report/status/") == "/report/status/"
    assert private_path("/report/status/abcd-2345/") == "/report/status/-/"
    assert private_path("/api/v1/reports") == "/api/v1/reports"


def test_each_serve_has_its_own_control_socket_under_its_data_directory(settings: Any, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path / "a"
    options = {"host": "127.0.0.1", "port": 8102, "workers": 1, "threads": 1}
    command = serve.gunicorn_command(python="python", options=options)
    socket = tmp_path / "a" / "run" / "gunicorn-8102.ctl"
    assert command[command.index("--control-socket") + 1] == str(socket)
    assert command[command.index("--logger-class") + 1] == "upstander.core.accesslog.PrivateAccessLogger"
    assert (tmp_path / "a" / "run").stat().st_mode & 0o077 == 0
    settings.VAR_DIR = tmp_path / "b"
    other = serve.gunicorn_command(python="python", options={**options, "port": 8103})
    assert other[other.index("--control-socket") + 1] != str(socket)
    # A data directory too deep for a Unix socket's path: no control socket, never the shared one.
    settings.VAR_DIR = tmp_path / ("x" * 120)
    assert "--no-control-socket" in serve.gunicorn_command(python="python", options=options)


@pytest.mark.django_db
def test_sqlite_commits_are_durable_before_the_reply() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's own fsync settings apply")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 2  # FULL: in WAL mode, the WAL is synced at every commit


def test_server_messages_lose_addresses_references_and_query_strings(caplog: pytest.LogCaptureFixture) -> None:
    from gunicorn.config import Config

    from upstander.core.accesslog import PrivateLogFilter, scrub

    assert scrub("Invalid request from ip=203.0.113.9: Invalid HTTP method") == (
        "Invalid request from ip=-: Invalid HTTP method"
    )
    assert scrub("Error handling request GET /report/status/ABCD2345/?x=Sam") == (
        "Error handling request GET /report/status/-/"
    )
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/report/status/AB23/",), None
    )
    assert PrivateLogFilter().filter(record)
    assert record.getMessage() == "Not Found: /report/status/-/"
    logger = PrivateAccessLogger(Config())
    logger.error_log.propagate = True
    with caplog.at_level(logging.INFO, logger="gunicorn.error"):
        logger.warning("Invalid request from ip=203.0.113.9: bad request line")
        logger.exception("Error handling request %s %s", "POST", "/api/v1/reports/ABCD-2345?q=1")
    assert "203.0.113.9" not in caplog.text and "ABCD" not in caplog.text
    assert "ip=-" in caplog.text and "/api/v1/reports/-" in caplog.text


def test_django_log_lines_pass_through_the_private_filter(settings: Any) -> None:
    assert "private" in settings.LOGGING["handlers"]["console"]["filters"]
