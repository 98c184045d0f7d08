"""`upstander classify`: the harmful-content classifier on JSON lines or CSV (see upstander.analysis.cli).

A thin wrapper: the raw arguments go straight to `upstander.analysis.cli.main`, which reads standard
input and writes standard output itself, so nothing here touches the database.
"""

from __future__ import annotations

import sys
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandParser

from upstander.analysis.cli import main


class Command(BaseCommand):
    help = "Classify messages for harmful content: JSON lines or CSV in, one JSON line out per message."
    requires_system_checks: list[str] = []  # keep start-up fast: no checks, no database
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        # Declared for `call_command` and `upstander help classify`; run_from_argv passes raw argv.
        parser.add_argument("--input", "-i", metavar="FILE", help="read from FILE instead of standard input")
        parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="input format")
        parser.add_argument("--text-column", default="text", metavar="NAME", help="CSV column with the text")
        parser.add_argument("--model", metavar="PATH", help="model file (default: the shipped model)")

    def run_from_argv(self, argv: list[str]) -> None:
        sys.exit(main(argv[2:]))

    def handle(self, *args: Any, **options: Any) -> None:
        argv: list[str] = []
        for name in ("input", "model"):
            if options.get(name):
                argv += [f"--{name}", str(options[name])]
        argv += ["--format", options.get("format") or "jsonl", "--text-column", options.get("text_column") or "text"]
        code = main(argv, stdout=cast("IO[str]", self.stdout), stderr=cast("IO[str]", self.stderr))
        if code:
            sys.exit(code)
