"""Indexes for the insights figures grouped by a case's tags and by its platform and channel: read in
the order grouped, they spare SQLite a sort of the period's cases (insights/selectors.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_insights_indexes")]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["organisation", "categories", "prejudice", "opened_at"], name="case_tags_idx"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["organisation", "platform", "channel", "opened_at"], name="case_platform_idx"),
        ),
    ]
