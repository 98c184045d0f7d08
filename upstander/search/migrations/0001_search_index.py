"""The full-text index and the triggers that keep it in step (upstander/search/index.py)."""

from django.db import migrations

from upstander.search.index import operation


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_report_recorded_by"),
        ("evidence", "0002_custody_append_only"),
        ("cases", "0003_records_review"),
        ("people", "0001_initial"),
    ]

    operations = [operation()]
