from typing import Any

from django.db import migrations


def seed(apps: Any, schema_editor: Any) -> None:
    from upstander.takedown.directory import seed_rows

    Profile = apps.get_model("takedown", "PlatformProfile")
    for row in seed_rows():
        Profile.objects.update_or_create(slug=row["slug"], defaults=row)


class Migration(migrations.Migration):
    dependencies = [("takedown", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
