"""The platform directory (`upstander/platforms.py`) becomes the one list: adds LinkedIn, Pinterest
and Tumblr (seed 000), the month each row was checked, and the 2026-12 corrections of uk-facts.md
(who may report, WhatsApp's unconfirmed minimum age).

`sync` writes every directory entry over its row; a later change to the directory adds a migration
that runs `sync` again. Reversing leaves the rows (reports may name them).
"""

from django.db import migrations, models


def sync(apps, schema_editor):
    from upstander.platforms import DIRECTORY

    Platform = apps.get_model("guidance", "Platform")
    for position, item in enumerate(DIRECTORY, start=1):
        Platform.objects.update_or_create(
            code=item.slug,
            defaults={
                "name": item.name,
                "report_url": item.report_url,
                "how_to_report": item.how_to_report,
                "how_to_block": item.how_to_block,
                "minimum_age": item.minimum_age,
                "third_party_reports": item.third_party_reports,
                "who_may_report": item.who_may_report,
                "rules_document": item.rules_document,
                "notes": item.notes,
                "source": item.source,
                "checked": item.checked,
                "order": position * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0002_seed_from_uk_facts"),
    ]

    operations = [
        migrations.AddField(
            model_name="platform",
            name="checked",
            field=models.CharField(
                blank=True,
                help_text="When the details were last checked, e.g. 2026-12.",
                max_length=20,
                verbose_name="checked in",
            ),
        ),
        migrations.AddField(
            model_name="platform",
            name="who_may_report",
            field=models.TextField(
                blank=True,
                help_text="Who the platform accepts reports from: the person targeted only, anyone, people without an "
                "account.",
            ),
        ),
        migrations.AddField(
            model_name="platform",
            name="rules_document",
            field=models.CharField(
                blank=True,
                help_text="The platform's own rules, to say which one the content breaks.",
                max_length=200,
                verbose_name="its rules",
            ),
        ),
        migrations.AlterField(
            model_name="platform",
            name="code",
            field=models.CharField(
                choices=[
                    ("instagram", "Instagram"),
                    ("tiktok", "TikTok"),
                    ("snapchat", "Snapchat"),
                    ("whatsapp", "WhatsApp"),
                    ("discord", "Discord"),
                    ("roblox", "Roblox"),
                    ("youtube", "YouTube"),
                    ("x", "X (Twitter)"),
                    ("facebook", "Facebook"),
                    ("reddit", "Reddit"),
                    ("twitch", "Twitch"),
                    ("linkedin", "LinkedIn"),
                    ("pinterest", "Pinterest"),
                    ("tumblr", "Tumblr"),
                    ("text_message", "Text messages and calls"),
                    ("email", "Email"),
                    ("online_game", "Online games"),
                    ("other", "Another app or website"),
                ],
                max_length=20,
                unique=True,
            ),
        ),
        migrations.RunPython(sync, migrations.RunPython.noop),
    ]
