"""`upstander serve`: the production web server (gunicorn) and the task worker, together.

One command for a small installation: it starts both processes, stops both when either stops or
when it is asked to stop (Ctrl-C, SIGTERM), and exits with the failing process's code. Larger
installations run `gunicorn upstander.config.wsgi` and `upstander worker` as separate services.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from upstander.config import private
from upstander.core import ratelimit
from upstander.core.accesslog import ACCESS_LOG_FORMAT


def site_url_for(host: str, port: int) -> str:
    """The address emails and receipts link to when SITE_URL is not set: the one being served.
    A wildcard address (0.0.0.0, ::) is not somewhere a browser can go, so it becomes 127.0.0.1."""
    if host in ("", "0.0.0.0", "::", "[::]"):  # noqa: S104 - compared, not bound
        host = "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def child_environment(host: str, port: int) -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("SITE_URL", "").strip():
        env["SITE_URL"] = site_url_for(host, port)
    return env


def _lower_priority() -> None:
    os.nice(WORKER_NICENESS)


WORKER_NICENESS = 10
RATE_LIMIT_SWEEP_SECONDS = 60
# A Unix socket path must fit in 108 bytes (sun_path); a longer data directory gets no control socket.
MAX_SOCKET_PATH = 100


def data_paths() -> list[Path]:
    """What `serve` keeps owner-only: the data directory, the evidence vault and a SQLite database
    (with its WAL, shared-memory and write-lock files) wherever they are."""
    paths = [Path(settings.VAR_DIR), Path(settings.EVIDENCE_DIR)]
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "upstander.core.sqlite":
        name = Path(str(database["NAME"]))
        paths += [name.with_name(name.name + suffix) for suffix in ("", "-wal", "-shm", "-write.lock")]
    return paths


def control_socket(port: int) -> Path | None:
    """This server's own gunicorn control socket, in the data directory (None: too long a path)."""
    path = Path(settings.VAR_DIR) / "run" / f"gunicorn-{port}.ctl"
    return path if len(str(path)) <= MAX_SOCKET_PATH else None


def gunicorn_command(*, python: str, options: dict[str, Any]) -> list[str]:
    """The gunicorn command line. The access log never holds a client address, user agent or
    reference (core/accesslog.py); request lines and headers are capped; each server has its own
    control socket under the data directory (or none), never one shared by the whole machine."""
    socket = control_socket(options["port"])
    if socket is not None:
        private.private_dir(socket.parent)  # gunicorn replaces a socket a killed server left
    return [
        python,
        "-m",
        "gunicorn",
        "upstander.config.wsgi:application",
        "--bind",
        f"{options['host']}:{options['port']}",
        "--workers",
        str(options["workers"]),
        "--threads",
        str(options["threads"]),
        "--worker-class",
        "gthread",
        "--access-logfile",
        "-",
        "--logger-class",
        "upstander.core.accesslog.PrivateAccessLogger",
        "--access-logformat",
        ACCESS_LOG_FORMAT,
        "--limit-request-line",
        "4094",
        "--limit-request-fields",
        "100",
        "--limit-request-field_size",
        "8190",
        *(["--control-socket", str(socket), "--control-socket-mode", "0o600"] if socket else ["--no-control-socket"]),
        "--timeout",
        "60",
        "--graceful-timeout",
        "20",
        "--forwarded-allow-ips",
        os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
    ]


class Command(BaseCommand):
    help = "Run the web server and the background task worker together."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"), help="address to listen on")
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")), help="port (8000)")
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", "2")),
            help="web server processes (WEB_CONCURRENCY, default 2)",
        )
        parser.add_argument("--threads", type=int, default=4, help="threads per web process (4)")
        parser.add_argument("--no-task-worker", action="store_true", help="run the web server only")

    def handle(self, *args: Any, **options: Any) -> None:
        if not 0 < options["port"] < 65536:
            raise CommandError(f"--port {options['port']} is not a port number (1-65535).")
        self._check_migrations()
        python = sys.executable
        private.tighten(*data_paths())
        web = gunicorn_command(python=python, options=options)
        # Both processes link (emails, receipts) to the address served, unless SITE_URL says otherwise.
        env = child_environment(options["host"], options["port"])
        processes: dict[str, subprocess.Popen[bytes]] = {"web": subprocess.Popen(web, env=env)}  # noqa: S603
        if not options["no_task_worker"]:
            # `worker` is db_worker plus the sweeper for stranded work and the trail checkpoints.
            worker = [python, "-m", "upstander.manage", "worker", "--interval", "0.5"]
            # The worker runs at a lower CPU priority: during a burst of reports the web server
            # answers first (each report is already stored), and the worker catches up after.
            processes["task worker"] = subprocess.Popen(worker, preexec_fn=_lower_priority, env=env)  # noqa: S603
        self.stdout.write(
            f"Upstander is running at http://{options['host']}:{options['port']}/ "
            f"({', '.join(processes)}); links in emails and receipts go to {env['SITE_URL']}/. Press Ctrl-C to stop."
        )
        code = self._supervise(processes)
        if code:
            raise CommandError("stopped because a process failed", returncode=code)

    def _check_migrations(self) -> None:
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("The database is not up to date: run `upstander migrate` first.")
        if settings.DEBUG:
            self.stderr.write("Warning: DEBUG is on. Never use DEBUG=1 on a live server.")

    def _sweep_rate_limits(self) -> None:
        """Delete rate-limit rows whose window has passed (they hold keyed hashes of addresses)."""
        try:
            ratelimit.purge_expired()
        except Exception as exc:  # a busy or missing database must not stop the server
            self.stderr.write(f"Could not clear expired rate limits: {exc}")
        finally:
            connection.close()

    def _supervise(self, processes: dict[str, subprocess.Popen[bytes]]) -> int:
        stopping = False

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        exit_code = 0
        swept = 0.0
        while not stopping:
            if time.monotonic() - swept > RATE_LIMIT_SWEEP_SECONDS:
                swept = time.monotonic()
                self._sweep_rate_limits()
            for name, process in processes.items():
                code = process.poll()
                if code is not None:
                    self.stderr.write(f"The {name} stopped (exit code {code}); stopping everything.")
                    exit_code = code or 1
                    stopping = True
            time.sleep(0.5)
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 25
        for process in processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
        return exit_code
