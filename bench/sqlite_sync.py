"""The cost of one durable SQLite commit: 2,000 single-row commits in WAL mode with
`synchronous=NORMAL` and with `synchronous=FULL` (what Upstander uses), twice each, in a temporary
database beside the checkout's var/ (the same disk as the real one):

    .venv/bin/python bench/sqlite_sync.py
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

COMMITS = 2000


def main() -> None:
    where = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "var"
    where.mkdir(parents=True, exist_ok=True)
    for mode in ("NORMAL", "FULL", "NORMAL", "FULL"):
        with tempfile.TemporaryDirectory(dir=where) as folder:
            db = sqlite3.connect(Path(folder) / "bench.sqlite3", isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(f"PRAGMA synchronous={mode}")
            db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
            started = time.perf_counter()
            for _ in range(COMMITS):
                db.execute("BEGIN IMMEDIATE")
                db.execute("INSERT INTO t (v) VALUES (?)", ("x" * 500,))
                db.execute("COMMIT")
            elapsed = time.perf_counter() - started
            db.close()
        print(
            f"synchronous={mode:6s} {COMMITS} commits: {elapsed * 1000 / COMMITS:.3f} ms each ({COMMITS / elapsed:,.0f}/s)"
        )


if __name__ == "__main__":
    main()
