"""The full-text index and the triggers that keep it in step (upstander/search/index.py)."""

from django.db import migrations

from upstander.search.index import operation


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0004_platform_directory"),
        ("evidence", "0003_platform_directory"),
        ("cases", "0004_platform_directory"),
        ("people", "0001_initial"),
    ]

    operations = [operation()]
