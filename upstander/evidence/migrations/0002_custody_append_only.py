"""The database itself refuses to change custody events (and, on PostgreSQL, to delete them).

As for the audit trail (audit/migrations/0002): SQLite keeps no DELETE trigger because Django's
test-database flush deletes rows between tests; `upstander evidence verify` still detects a removed
event there, through the hash chain and the head kept on each item.
"""

from django.db import migrations

SQLITE_UP = """
CREATE TRIGGER evidence_custodyevent_no_update BEFORE UPDATE ON evidence_custodyevent
BEGIN SELECT RAISE(ABORT, 'custody events are append-only'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS evidence_custodyevent_no_update;"

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION evidence_custodyevent_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'custody events are append-only'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER evidence_custodyevent_no_update BEFORE UPDATE OR DELETE ON evidence_custodyevent
FOR EACH ROW EXECUTE FUNCTION evidence_custodyevent_append_only();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS evidence_custodyevent_no_update ON evidence_custodyevent;
DROP FUNCTION IF EXISTS evidence_custodyevent_append_only();
"""


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_UP)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DOWN)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
