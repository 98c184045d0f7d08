"""Django's SQLite backend, with one addition: `flush` (Django's test-database reset between
transactional tests, or `upstander flush` wiping everything on purpose) lifts the DELETE triggers of
the append-only tables for its own statements (see `upstander.core.appendonly`).

Writers need nothing else: every transaction takes SQLite's write lock at BEGIN (settings:
transaction_mode EXCLUSIVE, the same as IMMEDIATE in WAL mode) and waits up to `timeout` seconds
for it. The fair queue that used to sit in front of that lock (core/dbgate.py, overriding private
Django methods) was removed in issue 11: see bench/README.md for the figures.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.sqlite3 import base as sqlite3_base
from django.db.backends.sqlite3 import operations as sqlite3_operations

from upstander.core.appendonly import NO_DELETE_SUFFIX


class DatabaseOperations(sqlite3_operations.DatabaseOperations):
    def sql_flush(
        self, style: Any, tables: Any, *, reset_sequences: bool = False, allow_cascade: bool = False
    ) -> list[str]:
        """Django's flush empties append-only tables too: drop their DELETE triggers for it, and put
        them back after, in the same transaction."""
        sql = super().sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        if not sql:
            return sql
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [f"%{NO_DELETE_SUFFIX}"],
            )
            triggers = [(name, create) for name, create in cursor.fetchall() if create]
        drops = [f"DROP TRIGGER IF EXISTS {name};" for name, _ in triggers]
        return [*drops, *sql, *[create for _, create in triggers]]


class DatabaseWrapper(sqlite3_base.DatabaseWrapper):
    ops_class = DatabaseOperations
