"""CPU per report, in-process: what one `POST /api/v1/reports` (with an API key and an
Idempotency-Key, as `bench/report_load.py` sends it) and one run of the report's background checks
(`intake.tasks.process_report`) cost, through Django's test client on a fresh embedded SQLite
database (or `--database-url`), with no web server, no concurrency and no lock waits.

    .venv/bin/python bench/report_cpu.py                     # 300 requests, then the checks of 300 reports
    .venv/bin/python bench/report_cpu.py --queries           # also list the SQL of one request
    .venv/bin/python bench/report_cpu.py --profile 40        # cProfile of the requests and of the checks, top 40 by own time

CPU time (process_time) is what the load of a shared machine changes least: use it to compare
before and after a change, beside the load test's throughput.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._django import setup_django
from bench.report_load import report_body


def measure(label: str, unit: str, call: Callable[[int], object], items: list[int], profile_top: int) -> None:
    """Call `call` on each item and print CPU and wall time per call; with `profile_top`, cProfile's top
    functions too (sorted by $SORT, default own time)."""
    profile = cProfile.Profile() if profile_top else None
    wall, cpu = time.perf_counter(), time.process_time()
    if profile:
        profile.enable()
    for item in items:
        call(item)
    if profile:
        profile.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"{label}: {cpu / len(items) * 1000:.2f} ms CPU, {wall / len(items) * 1000:.2f} ms wall per {unit} ({len(items)} {unit}s)"
    )
    if profile:
        pstats.Stats(profile).sort_stats(os.environ.get("SORT", "tottime")).print_stats(profile_top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--database-url", help="default: a fresh SQLite database in a temporary folder")
    parser.add_argument("--queries", action="store_true", help="print the SQL of one request")
    parser.add_argument("--profile", type=int, default=0, help="print cProfile's top N functions by own time (requests, then checks)")
    parser.add_argument("--no-checks", dest="checks", action="store_false", help="time the requests only")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="upstander-bench-")
    os.environ["TASKS_BACKEND"] = "database"
    setup_django(tmp.name, args.database_url)
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1"
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_tasks_db.models import DBTaskResult

    from upstander.accounts.models import Organisation
    from upstander.core.api import api_key_create
    from upstander.intake.tasks import process_report
    from upstander.reports.models import Report

    organisation, _ = Organisation.objects.get_or_create(slug="bench", defaults={"name": "Bench School"})
    key = api_key_create(organisation=organisation, name="bench", scopes=["reports:write"], created_by=None)[1]
    client = Client()

    def post(n: int) -> None:
        body = report_body(n)
        response = client.post(
            "/api/v1/reports",
            data=body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
            HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
        )
        if response.status_code != 201:
            raise SystemExit(f"POST answered {response.status_code}: {response.content[:300]!r}")

    for n in range(5):  # warm up: imports, caches, the audit chain's head
        post(n)
    if args.queries:
        with CaptureQueriesContext(connection) as captured:
            post(1)
        print(f"queries in one request: {len(captured.captured_queries)}")
        for query in captured.captured_queries:
            print(f"  {query['sql'][:140]}")

    measure("POST /api/v1/reports", "request", post, list(range(args.requests)), args.profile)

    if args.checks:
        ids = list(Report.objects.filter(processing="pending").order_by("pk").values_list("pk", flat=True))
        DBTaskResult.objects.all().delete()  # run the checks here, not through the queue
        process_report.call(ids.pop())  # warm up: the classifier and the encoder load on first use
        measure("process_report (the background checks)", "report", process_report.call, ids, args.profile)
    tmp.cleanup()


if __name__ == "__main__":
    main()
