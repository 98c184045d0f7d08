"""`upstander audit verify`: walk the hash chain; exit 1 naming the first bad row."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upstander.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Check the audit trail. `audit verify` finds any row changed or removed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"], help="what to do: verify")

    def handle(self, *args: Any, **options: Any) -> None:
        count, problem = audit_chain_verify()
        if problem is not None:
            self.stderr.write(f"Audit trail BROKEN at row {problem.seq}: {problem.reason}.")
            raise CommandError(f"audit verify failed after checking {count} rows", returncode=1)
        self.stdout.write(f"Audit trail intact: {count} rows checked.")
