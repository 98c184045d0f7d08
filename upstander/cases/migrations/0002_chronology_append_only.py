"""The database itself refuses to change chronology entries (and, on PostgreSQL, to delete them):
a correction is a new entry. SQLite keeps no DELETE trigger because Django's test-database flush
deletes rows between tests (as for the audit trail, audit migration 0002)."""

from django.db import migrations

SQLITE_UP = """
CREATE TRIGGER cases_caseentry_no_update BEFORE UPDATE ON cases_caseentry
BEGIN SELECT RAISE(ABORT, 'chronology entries are append-only'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS cases_caseentry_no_update;"

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION cases_caseentry_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'chronology entries are append-only'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_caseentry_no_update BEFORE UPDATE OR DELETE ON cases_caseentry
FOR EACH ROW EXECUTE FUNCTION cases_caseentry_append_only();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS cases_caseentry_no_update ON cases_caseentry;
DROP FUNCTION IF EXISTS cases_caseentry_append_only();
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
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
