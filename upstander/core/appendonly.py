"""Database triggers that make a table append-only, for the migrations of the audit trail, the
evidence custody trails and the case chronology.

UPDATE and DELETE are refused on every database. On PostgreSQL one trigger (`append_only`) refuses
both; on SQLite `append_only` refuses UPDATE and `refuse_delete` (added later, by its own migrations)
refuses DELETE. Django's `flush` (tests between transactional tests, or an operator wiping the whole
database on purpose) lifts the SQLite DELETE triggers for its own statements only, see
`upstander.core.sqlite.base`. Someone who can drop triggers can still rewrite a table: the signed
checkpoints kept outside the database (upstander/audit/checkpoints.py) reveal that.
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


NO_DELETE_SUFFIX = "_no_delete"


def refuse_delete(table: str, *, what: str) -> migrations.RunPython:
    """A migration operation adding SQLite's DELETE trigger for `table` (PostgreSQL's `append_only`
    trigger already refuses DELETE)."""
    message = f"{what} are append-only"
    name = f"{table}{NO_DELETE_SUFFIX}"

    def up(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE DELETE ON {table}\n"
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END;"
            )

    def down(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name};")

    return migrations.RunPython(up, down)
