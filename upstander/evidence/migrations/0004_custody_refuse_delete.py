"""The database refuses to delete custody events, on SQLite as well (PostgreSQL already did, 0002)."""

from django.db import migrations

from upstander.core.appendonly import refuse_delete


class Migration(migrations.Migration):
    dependencies = [("evidence", "0003_platform_directory")]

    operations = [refuse_delete("evidence_custodyevent", what="custody events")]
