"""One audit chain per organisation and one for the installation, instead of one global chain.

Every row written so far stays where it is, in the chain `audit`, with the same numbers and hashes
(`AuditEvent.chain_payload` leaves the chain id out for that chain), so it verifies as before: the old
global chain is frozen as the installation chain's history, and the installation chain goes on from
its head. An organisation's chain starts on its first new row, from a genesis recorded in its head
that links to the installation chain's head at that moment (`audit.chain.chain_genesis`).

On SQLite, adding a column with a default and dropping a UNIQUE rebuild the table, which drops its
triggers: the last step puts the append-only triggers (0002, 0004) back, exactly as they were.
"""

from django.db import migrations, models

from upstander.core.appendonly import NO_DELETE_SUFFIX

TABLE = "audit_auditevent"
MESSAGE = "audit events are append-only"


def reset_head_ids(apps, schema_editor):
    """Migration 0002 made the one head with id 1 given by hand, which PostgreSQL's id sequence never
    saw: move the sequence past it, or the first organisation's head would take id 1 again."""
    from django.core.management.color import no_style

    AuditHead = apps.get_model("audit", "AuditHead")
    for statement in schema_editor.connection.ops.sequence_reset_sql(no_style(), [AuditHead]):
        schema_editor.execute(statement)


def restore_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return  # PostgreSQL keeps its trigger across ALTER TABLE
    schema_editor.execute(
        f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE}\n"
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
    )
    schema_editor.execute(
        f"CREATE TRIGGER IF NOT EXISTS {TABLE}{NO_DELETE_SUFFIX} BEFORE DELETE ON {TABLE}\n"
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
    )


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_refuse_delete")]

    operations = [
        migrations.AlterModelOptions(name="auditevent", options={"ordering": ["id"]}),
        migrations.AddField(
            model_name="auditevent", name="chain", field=models.CharField(default="audit", max_length=40)
        ),
        migrations.AlterField(model_name="auditevent", name="seq", field=models.BigIntegerField()),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(fields=("chain", "seq"), name="audit_event_chain_seq"),
        ),
        migrations.AddField(
            model_name="audithead",
            name="chain",
            field=models.CharField(default="audit", max_length=40, unique=True),
        ),
        migrations.AddField(
            model_name="audithead",
            name="genesis",
            field=models.CharField(default="0" * 64, max_length=64),
        ),
        migrations.AddField(model_name="audithead", name="anchor_seq", field=models.BigIntegerField(blank=True, null=True)),
        migrations.RunPython(reset_head_ids, migrations.RunPython.noop),
        migrations.RunPython(restore_sqlite_triggers, migrations.RunPython.noop),
    ]
