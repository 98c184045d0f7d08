"""The database refuses to delete chronology entries, on SQLite as well (PostgreSQL already did, 0002)."""

from django.db import migrations

from upstander.core.appendonly import refuse_delete


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_follow_through")]

    operations = [refuse_delete("cases_caseentry", what="chronology entries")]
