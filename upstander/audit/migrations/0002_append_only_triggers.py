"""The database itself refuses to change audit rows (and, on PostgreSQL, to delete them).

SQLite keeps no DELETE trigger because Django's test-database flush deletes rows between tests;
`upstander audit verify` still detects a removed row there through the hash chain and its head.
"""

from django.db import migrations

SQLITE_UP = """
CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS audit_auditevent_no_update;"

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit events are append-only'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE OR DELETE ON audit_auditevent
FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS audit_auditevent_no_update ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_auditevent_append_only();
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


def create_head(apps, schema_editor):
    AuditHead = apps.get_model("audit", "AuditHead")
    AuditHead.objects.get_or_create(pk=1, defaults={"seq": 0, "last_hash": "0" * 64})


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RunPython(create_head, migrations.RunPython.noop),
    ]
