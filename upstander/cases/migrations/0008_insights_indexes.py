"""Indexes for the insights figures (issue 16's speed target): the organisation's cases by when they
were opened, with every column the dashboard and the area view count by (`case_insights_idx`), and
the case added to the two party indexes so that repeat counts read the index alone. The two party
indexes keep their names and still serve the course-of-conduct lookups (their old columns lead)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_chronology_refuse_delete")]

    operations = [
        migrations.RemoveIndex(model_name="caseparty", name="case_party_identifier_idx"),
        migrations.RemoveIndex(model_name="caseparty", name="case_party_person_idx"),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=[
                    "organisation",
                    "opened_at",
                    "status",
                    "risk",
                    "urgent",
                    "prejudice",
                    "categories",
                    "platform",
                    "channel",
                    "triaged_at",
                    "closed_at",
                    "merged_into",
                    "reviewed_at",
                    "escalated_at",
                    "due_at",
                    "outcome",
                ],
                name="case_insights_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="caseparty",
            index=models.Index(
                fields=["organisation", "role", "identifier_key", "person", "case"], name="case_party_identifier_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="caseparty",
            index=models.Index(fields=["organisation", "role", "person", "case"], name="case_party_person_idx"),
        ),
    ]
