"""The database itself refuses to change custody events (and, on PostgreSQL, to delete them).

As for the audit trail (audit/migrations/0002): SQLite keeps no DELETE trigger because Django's
test-database flush deletes rows between tests; `upstander evidence verify` still detects a removed
event there, through the hash chain and the head kept on each item.
"""

from django.db import migrations

from upstander.core.appendonly import append_only


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]

    operations = [append_only("evidence_custodyevent", what="custody events")]
