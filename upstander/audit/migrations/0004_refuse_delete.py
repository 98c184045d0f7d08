"""The database refuses to delete audit events, on SQLite as well (PostgreSQL already did, 0002)."""

from django.db import migrations

from upstander.core.appendonly import refuse_delete


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_audit_action_downloaded")]

    operations = [refuse_delete("audit_auditevent", what="audit events")]
