import django.utils.timezone
from django.db import migrations, models


def forget_old_rows(apps, schema_editor):
    # Rows made before windows expired kept the exact time of a request, for ever: none is kept.
    apps.get_model("core", "RateLimit").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forget_old_rows, migrations.RunPython.noop),
        migrations.AddField(
            model_name="ratelimit",
            name="expires_at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
    ]
