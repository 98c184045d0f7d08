"""A newcomer's first command on a database never migrated says what to run, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from upstander.manage import is_missing_table


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "UPSTANDER_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-c", "from upstander.manage import main; main()", *args],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_a_command_on_a_database_never_migrated_says_what_to_run(tmp_path: Path) -> None:
    result = run(tmp_path, "stats")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "has not been set up yet. Run `upstander migrate`" in result.stderr
    assert "bin/run" in result.stderr


def test_the_missing_tables_of_both_databases_are_recognised() -> None:
    assert is_missing_table(Exception("no such table: accounts_organisation"))
    assert is_missing_table(Exception('relation "accounts_organisation" does not exist\nLINE 1: ...'))
    assert not is_missing_table(Exception('database "upstander" does not exist'))
    assert not is_missing_table(Exception("database is locked"))
