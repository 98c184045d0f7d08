"""Django's SQLite backend, with writers queued fairly on a file lock (see `upstander.core.dbgate`).

A transaction takes the gate just before BEGIN and gives it back at COMMIT, ROLLBACK or when the
connection closes. Statements outside a transaction (autocommit) are not gated: SQLite's own
busy timeout still covers them and any other program that opens the file.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.sqlite3 import base as sqlite3_base
from django.db.backends.sqlite3 import operations as sqlite3_operations

from upstander.core.appendonly import NO_DELETE_SUFFIX
from upstander.core.dbgate import Gate, gate_for


class DatabaseOperations(sqlite3_operations.DatabaseOperations):
    def sql_flush(
        self, style: Any, tables: Any, *, reset_sequences: bool = False, allow_cascade: bool = False
    ) -> list[str]:
        """Django's flush (between transactional tests; `upstander flush` wiping everything on purpose)
        empties append-only tables too: drop their DELETE triggers for it, and put them back after,
        in the same transaction."""
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

    def _start_transaction_under_autocommit(self) -> None:
        gate = gate_for(str(self.settings_dict["NAME"]), in_memory=self.is_in_memory_db())
        gate.acquire()
        self._held = gate
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]  # private in the stubs
        except BaseException:
            self._release_gate()
            raise

    def _release_gate(self) -> None:
        gate, self._held = self._held, None
        if gate is not None:
            gate.release()

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]  # private in the stubs
        finally:
            self._release_gate()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]  # private in the stubs
        finally:
            self._release_gate()

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[misc]  # private in the stubs
        finally:
            self._release_gate()
