"""Benchmark of the triage queue: 20,000 cases in one organisation, then time the queue page.

It seeds a fresh database in a temporary folder (embedded SQLite by default) with bulk_create, signs
in a DSL with Django's test client and times the queue view as a user would load it: the default
queue, a deep page, and each filter. Nothing of yours is touched.

    .venv/bin/python bench/case_queue.py                      # SQLite, 20,000 cases
    .venv/bin/python bench/case_queue.py --cases 50000 --runs 30
    .venv/bin/python bench/case_queue.py --database-url postgres://postgres@127.0.0.1:5432/postgres
        (PostgreSQL: a database named upstander_bench_<random> is made on that server and dropped after)

Target (issue 5): every queue page answers in under 300 ms (95th percentile), with a fixed number of
queries whatever the number of cases.
"""

from __future__ import annotations

import argparse
import random
import re
import secrets
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _django import setup_django  # noqa: E402 - after the path is set

TARGET_MS = 300.0


def make_postgres_database(url: str) -> tuple[str, str]:
    """A new, empty database on the server `url` points at: (its URL, its name)."""
    import psycopg

    name = f"upstander_bench_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}")), name


def drop_postgres_database(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seed(count: int) -> tuple[Any, Any]:
    """One organisation with `count` cases (about 70% not closed), two people on each. Returns (org, dsl)."""
    from django.utils import timezone

    from upstander.accounts.models import Membership, Organisation, Role, User
    from upstander.cases.models import Case, CaseParty, CaseSettings, Tagged
    from upstander.people.models import Person
    from upstander.reports.models import Platform

    rng = random.Random(5)
    org = Organisation.objects.create(name="Bench Academy", slug="bench")
    leads = [
        User.objects.create_user(email=f"dsl{n}@bench.test", password=None, full_name=f"Lead {n}") for n in range(3)
    ]
    for n, user in enumerate(leads):
        Membership.objects.create(user=user, organisation=org, role=Role.DSL if n == 0 else Role.DEPUTY_DSL)
    people = Person.objects.bulk_create(
        [Person(organisation=org, first_name=f"Pupil{n}", last_name=f"Surname{n % 500}") for n in range(2000)],
        batch_size=1000,
    )
    now = timezone.now()
    categories = ["threat", "harassment", "insult", "exclusion", "impersonation", "sexual", "trolling"]
    platforms = [p for p in Platform.values if p]
    statuses = ["new"] * 20 + ["triaged"] * 15 + ["open"] * 25 + ["waiting"] * 10 + ["closed"] * 20 + ["reviewed"] * 10
    cases = []
    for number in range(1, count + 1):
        opened = now - timedelta(minutes=rng.randint(0, 60 * 24 * 365))
        status = rng.choice(statuses)
        urgent = rng.random() < 0.02
        cases.append(
            Case(
                organisation=org,
                number=number,
                summary=f"Bench case {number}: comments on {rng.choice(platforms)}",
                status=status,
                urgent=urgent,
                risk="urgent" if urgent else rng.choice(["not_assessed", "low", "medium", "high"]),
                categories=Tagged.pack(rng.sample(categories, rng.randint(0, 2))),
                platform=rng.choice(platforms),
                channel="social_media",
                assignee=rng.choice([None, *leads]),
                opened_at=opened,
                due_at=None if status in ("closed", "reviewed") else opened + timedelta(hours=rng.randint(1, 72)),
            )
        )
    started = time.perf_counter()
    cases = Case.objects.bulk_create(cases, batch_size=2000)
    parties = []
    for case in cases:
        parties.append(CaseParty(case=case, organisation=org, role="target", kind="pupil", person=rng.choice(people)))
        handle = f"@user_{rng.randint(1, 5000)}"
        parties.append(
            CaseParty(
                case=case, organisation=org, role="alleged_perpetrator", identifier=handle,
                identifier_key=f"user:{handle[1:]}",
            )
        )  # fmt: skip
    CaseParty.objects.bulk_create(parties, batch_size=2000)
    CaseSettings.objects.create(organisation=org, next_case_number=count + 1)
    from django.db import connection

    if connection.vendor == "postgresql":
        # What autovacuum does soon after a bulk load on a live server: without it the planner guesses.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"Seeded {count:,} cases and {len(parties):,} people involved in {time.perf_counter() - started:.1f} s")
    return org, leads[0]


def signed_in_client(user: Any) -> Any:
    from django.test import Client

    from upstander.accounts.middleware import SESSION_2FA_NEEDED, SESSION_2FA_OK

    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_2FA_OK] = True
    session[SESSION_2FA_NEEDED] = False
    session.save()
    return client


def time_page(client: Any, params: dict[str, str], runs: int) -> tuple[list[float], int, int]:
    """Milliseconds per request, the number of cases matched, and the queries of the last request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/cases/", params)  # warm caches and the connection
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get("/cases/", params)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/cases/", params)
    matched = re.search(r"<p>([\d,]+) cases?", response.content.decode())
    return timings, int(matched.group(1).replace(",", "")) if matched else -1, len(queries.captured_queries)


def explain_queue(org: Any, user: Any) -> str:
    from upstander.cases.selectors import QueueFilters, case_queue

    query = case_queue(organisation_id=org.pk, user_id=user.pk, filters=QueueFilters()).values_list("pk")[:50]
    return query.explain()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=40, help="timed requests per page")
    parser.add_argument("--database-url", help="a PostgreSQL server to make a throw-away database on")
    parser.add_argument("--explain", action="store_true", help="print the database's plan for the queue query")
    args = parser.parse_args()

    database_url = name = None
    if args.database_url:
        database_url, name = make_postgres_database(args.database_url)
    try:
        with tempfile.TemporaryDirectory(prefix="upstander-bench-") as var_dir:
            setup_django(var_dir, database_url)
            from django.db import connection

            print(f"Database: {connection.vendor} ({'throw-away ' + name if name else 'temporary SQLite file'})")
            org, dsl = seed(args.cases)
            client = signed_in_client(dsl)
            pages = {
                "queue, first page": {},
                "queue, page 200": {"page": "200"},
                "all statuses": {"status": "all"},
                "status: waiting on others": {"status": "waiting"},
                "category: threat": {"category": "threat"},
                "platform: snapchat": {"platform": "snapchat"},
                "person: surname42": {"person": "surname42"},
                "assigned to me": {"assignee": "me"},
                "overdue only": {"overdue": "1"},
            }
            print(f"\n{'page':<28}{'matched':>9}{'queries':>9}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}")
            worst = 0.0
            for label, params in pages.items():
                timings, matched, queries = time_page(client, params, args.runs)
                p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) >= 2 else timings[0]
                worst = max(worst, p95)
                print(
                    f"{label:<28}{matched:>9,}{queries:>9}{statistics.median(timings):>11.1f}{p95:>9.1f}"
                    f"{max(timings):>9.1f}"
                )
            if args.explain:
                print("\nPlan of the queue query:\n" + explain_queue(org, dsl))
            verdict = "PASS" if worst < TARGET_MS else "FAIL"
            print(f"\n{verdict}: slowest 95th percentile {worst:.1f} ms (target < {TARGET_MS:.0f} ms)")
            connection.close()
            return 0 if worst < TARGET_MS else 1
    finally:
        if database_url and name and args.database_url:
            drop_postgres_database(args.database_url, name)


if __name__ == "__main__":
    raise SystemExit(main())
