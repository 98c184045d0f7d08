"""`upstander stats [--json]`: how much is stored (0 for apps not built yet), and the background backlog."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from upstander.core.selectors import instance_stats


class Command(BaseCommand):
    help = (
        "Counts of organisations, users, people, reports, cases and evidence items, and the background "
        "backlog: tasks ready to run, reports awaiting their checks, reports whose checks failed, and tasks and "
        "reports stranded by a worker that died (`upstander sweep` retries them)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = instance_stats()
        if options["json"]:
            self.stdout.write(json.dumps(counts, sort_keys=True))
        else:
            for label, count in counts.items():
                self.stdout.write(f"{label.replace('_', ' ')}: {count}")
