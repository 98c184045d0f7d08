"""The database itself refuses to change audit rows (and, on PostgreSQL, to delete them).

SQLite keeps no DELETE trigger because Django's test-database flush deletes rows between tests;
`upstander audit verify` still detects a removed row there through the hash chain and its head.
"""

from django.db import migrations

from upstander.core.appendonly import append_only


def create_head(apps, schema_editor):
    AuditHead = apps.get_model("audit", "AuditHead")
    AuditHead.objects.get_or_create(pk=1, defaults={"seq": 0, "last_hash": "0" * 64})


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        append_only("audit_auditevent", what="audit events"),
        migrations.RunPython(create_head, migrations.RunPython.noop),
    ]
