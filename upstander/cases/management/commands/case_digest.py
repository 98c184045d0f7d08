"""`upstander case-digest`: email each organisation's safeguarding leads a summary of overdue cases.

Meant for cron, once a day (for example `0 7 * * 1-5 upstander case-digest`). With `--queue` the
digests are queued as background tasks for the worker instead of sent from this process.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from upstander.cases import digest, selectors


class Command(BaseCommand):
    help = "Email the DSL and deputies of each organisation how many cases are overdue (a link, never details)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queue", action="store_true", help="queue one task per organisation instead of sending")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["queue"]:
            count = digest.enqueue_overdue_digests()
            self.stdout.write(f"Queued {count} digest{'s' if count != 1 else ''}.")
            return
        sent = 0
        for organisation_id in selectors.organisations_to_digest():
            sent += digest.send_overdue_digest(organisation_id=organisation_id)
        self.stdout.write(f"Sent {sent} digest{'s' if sent != 1 else ''}.")
