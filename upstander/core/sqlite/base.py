"""Django's SQLite backend, with two additions:

- every transaction queues for SQLite's single write lock on a gate that wakes the next writer as
  soon as the lock is free (`upstander.core.sqlite.gate`), instead of SQLite's sleeping retries.
  The gate is taken when a transaction starts (autocommit turned off: `set_autocommit(False)`,
  which `transaction.atomic` calls) and given back when it ends (autocommit back on) or the
  connection closes: public methods of Django's connection, no private ones;
- `flush` (Django's test-database reset between transactional tests, or `upstander flush` wiping
  everything on purpose) lifts the DELETE triggers of the append-only tables for its own statements
  (see `upstander.core.appendonly`).
"""

from __future__ import annotations

from typing import Any

from django.db.backends.sqlite3 import base as sqlite3_base
from django.db.backends.sqlite3 import operations as sqlite3_operations

from upstander.core.appendonly import NO_DELETE_SUFFIX
from upstander.core.sqlite.gate import Gate, gate_for, logger


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
    _held: Gate | None = None  # the gate this connection's open transaction holds

    def set_autocommit(self, autocommit: bool, force_begin_transaction_with_broken_autocommit: bool = False) -> None:
        if autocommit:
            self._release_gate()  # the transaction has committed or rolled back: on-commit work runs ungated
        elif self._held is None:
            gate = gate_for(str(self.settings_dict["NAME"]), in_memory=self.is_in_memory_db())
            timeout = float(self.settings_dict.get("OPTIONS", {}).get("timeout", 5))
            if gate.acquire(timeout):
                self._held = gate
            else:
                logger.warning("The SQLite write gate was busy for %.0f s: going ahead without it", timeout)
        try:
            super().set_autocommit(autocommit, force_begin_transaction_with_broken_autocommit)
        except BaseException:
            if not autocommit:
                self._release_gate()
            raise

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._release_gate()

    def _release_gate(self) -> None:
        gate, self._held = self._held, None
        if gate is not None:
            gate.release()
