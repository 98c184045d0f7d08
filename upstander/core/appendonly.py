"""Database triggers that make a table append-only, for the migrations of the audit trail, the
evidence custody trails and the case chronology.

UPDATE is refused on every database; DELETE too on PostgreSQL. SQLite keeps no DELETE trigger
because Django's test-database flush deletes rows between tests; the hash chains (with heads kept
elsewhere) still reveal a removed row there.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def _sql(table: str, what: str) -> dict[str, dict[str, str]]:
    message = f"{what} are append-only"
    return {
        "sqlite": {
            "up": f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}\n"
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END;",
            "down": f"DROP TRIGGER IF EXISTS {table}_no_update;",
        },
        "postgresql": {
            "up": f"CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$\n"
            f"BEGIN RAISE EXCEPTION '{message}'; END;\n$$ LANGUAGE plpgsql;\n"
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE OR DELETE ON {table}\n"
            f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only();",
            "down": f"DROP TRIGGER IF EXISTS {table}_no_update ON {table};\n"
            f"DROP FUNCTION IF EXISTS {table}_append_only();",
        },
    }


def append_only(table: str, *, what: str) -> migrations.RunPython:
    """A migration operation adding (and, backwards, removing) the append-only triggers of `table`."""
    sql = _sql(table, what)

    def run(direction: str) -> Any:
        def apply(apps: Any, schema_editor: Any) -> None:
            statements = sql.get(schema_editor.connection.vendor)
            if statements is not None:
                schema_editor.execute(statements[direction])

        return apply

    return migrations.RunPython(run("up"), run("down"))
