"""`upstander demo`: load the demo data (idempotent) and print the logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upstander.audit.checkpoints import log_path, write_checkpoints
from upstander.demo.data import DEMO_PASSWORD, demo_logins, demo_totp_code, load_demo


class Command(BaseCommand):
    help = "Create demo organisations, users for every role and people (safe to run again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", metavar="EMAIL", help="print the current two-factor code of a demo account")
        parser.add_argument("--quiet-logins", action="store_true", help="do not print the logins")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["code"]:
            try:
                self.stdout.write(demo_totp_code(options["code"]))
            except LookupError as exc:
                raise CommandError(str(exc)) from None
            return
        counts = load_demo()
        self.stdout.write(
            f"Demo data ready: {counts['users']} demo users, {counts['people']} people, {counts['reports']} reports."
        )
        # The trails' heads, signed outside the database: `upstander audit verify` checks against them.
        run = write_checkpoints()
        self.stdout.write(f"Signed checkpoints of the trails: {len(run.written)} written to {log_path()}.")
        if options["quiet_logins"]:
            return
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        for email, roles in demo_logins():
            self.stdout.write(f"  {email:38} {roles}")
        self.stdout.write("")
        self.stdout.write("Every role except staff asks for a two-factor code. For a demo account, get it with:")
        self.stdout.write("  .venv/bin/upstander demo --code EMAIL")
