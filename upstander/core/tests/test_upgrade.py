"""Upgrading: the previous release's database (its demo data, see fixtures/README.md) migrates forward
to this release, keeps every row, and its audit trail still verifies."""

from __future__ import annotations

import gzip
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "release-3c58221-demo.sqlite3.gz"
TABLES = (
    "cases_case",
    "cases_caseentry",
    "reports_report",
    "people_person",
    "audit_auditevent",
    "accounts_organisation",
    "accounts_membership",
)


def _env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UPSTANDER_", "EVIDENCE_", "CHECKPOINT_"))}
    env.pop("DATABASE_URL", None)
    env.pop("SECRET_KEY", None)
    env.update({"UPSTANDER_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "upstander.config.settings"})
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "upstander.manage", *args], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"upstander {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done


def _rows(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        return {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in TABLES}  # noqa: S608


@pytest.mark.own_installation  # its own SQLite file, whatever DATABASE_URL says (_env drops it)
def test_the_previous_releases_demo_database_migrates_forward_keeping_every_row(tmp_path: Path) -> None:
    database = tmp_path / "upstander.sqlite3"
    with gzip.open(FIXTURE) as source, open(database, "wb") as target:
        shutil.copyfileobj(source, target)
    with sqlite3.connect(database) as db:
        before_migrations = db.execute("SELECT COUNT(*) FROM django_migrations").fetchone()[0]
    before = _rows(database)
    assert before["cases_case"] > 0 and before["audit_auditevent"] > 0
    env = _env(tmp_path)

    _run(env, "migrate", "--no-input")

    plan = _run(env, "showmigrations", "--plan").stdout
    assert "[ ]" not in plan, "a migration was left unapplied"
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT COUNT(*) FROM django_migrations").fetchone()[0] > before_migrations
    assert _rows(database) == before
    _run(env, "audit", "verify")
    _run(env, "evidence", "verify")
    _run(env, "records-review", "--json")
    # The upgraded installation still works: the current demo loads on top (it is safe to run again).
    _run(env, "demo", "--quiet-logins")
    _run(env, "audit", "verify")
