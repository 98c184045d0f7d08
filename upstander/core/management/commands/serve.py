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
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def _lower_priority() -> None:
    os.nice(WORKER_NICENESS)


WORKER_NICENESS = 10


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
        web = [
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
            "--timeout",
            "60",
            "--graceful-timeout",
            "20",
            "--forwarded-allow-ips",
            os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        processes: dict[str, subprocess.Popen[bytes]] = {"web": subprocess.Popen(web)}  # noqa: S603
        if not options["no_task_worker"]:
            # `worker` is db_worker plus the sweeper for stranded work and the trail checkpoints.
            worker = [python, "-m", "upstander.manage", "worker", "--interval", "0.5"]
            # The worker runs at a lower CPU priority: during a burst of reports the web server
            # answers first (each report is already stored), and the worker catches up after.
            processes["task worker"] = subprocess.Popen(worker, preexec_fn=_lower_priority)  # noqa: S603
        self.stdout.write(
            f"Upstander is running at http://{options['host']}:{options['port']}/ "
            f"({', '.join(processes)}). Press Ctrl-C to stop."
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

    def _supervise(self, processes: dict[str, subprocess.Popen[bytes]]) -> int:
        stopping = False

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        exit_code = 0
        while not stopping:
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
