"""Police textphone routes (uk-facts.md, corrected 2026-12): 18000 through Relay UK is for emergencies
only; the non-emergency route is 18001 101. Only rows an admin has not changed are updated."""

from __future__ import annotations

from typing import Any

from django.db import migrations

SOURCE = (
    "westyorkshire.police.uk/advice/our-services/accessible-information/deaf-and-hard-hearing-information "
    "(reference/uk-facts.md, 2026-12)"
)
CHANGES = {
    # slug: (notes as seeded, corrected notes)
    "police-emergency": (
        "112 also works. Text relay: 18000.",
        "112 also works. Textphone (Relay UK): 18000, for emergencies only.",
    ),
    "police-non-emergency": ("", "Textphone (Relay UK): 18001 101. (18000 is for emergencies only.)"),
}


def forwards(apps: Any, schema_editor: Any) -> None:
    helpline = apps.get_model("guidance", "Helpline")
    for slug, (seeded, corrected) in CHANGES.items():
        helpline.objects.filter(slug=slug, notes=seeded).update(notes=corrected)


def backwards(apps: Any, schema_editor: Any) -> None:
    helpline = apps.get_model("guidance", "Helpline")
    for slug, (seeded, corrected) in CHANGES.items():
        helpline.objects.filter(slug=slug, notes=corrected).update(notes=seeded)


class Migration(migrations.Migration):
    dependencies = [("guidance", "0003_platform_directory")]
    operations = [migrations.RunPython(forwards, backwards)]
