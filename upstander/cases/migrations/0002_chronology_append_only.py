"""The database itself refuses to change chronology entries (and, on PostgreSQL, to delete them):
a correction is a new entry. SQLite keeps no DELETE trigger because Django's test-database flush
deletes rows between tests (as for the audit trail, audit migration 0002)."""

from django.db import migrations

from upstander.core.appendonly import append_only


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [append_only("cases_caseentry", what="chronology entries")]
