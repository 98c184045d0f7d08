"""`upstander facts`: classifier lines in, escalation facts out (the middle of classify | facts | escalate).

Reads JSON lines from standard input (or --input FILE), as `upstander classify` writes them, and
writes one facts line per non-blank input line, in order (see escalation/classified.py). `--with`
adds case context to every line, e.g. --with '{"setting": "school", "target": {"kind": "pupil"}}'.
No database is touched.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upstander.escalation.classified import facts_lines
from upstander.escalation.facts import FactsError, parse_facts
from upstander.escalation.management.commands.escalate import _stdin_lines


class Command(BaseCommand):
    help = (
        "Turn `upstander classify` output into facts for `upstander escalate`: JSON lines in, one facts line out "
        "per line. --with JSON adds case context (setting, people, platform) to every line."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", "-i", metavar="FILE", help="read JSON lines from FILE instead of standard input")
        parser.add_argument(
            "--with", dest="context", metavar="JSON", default="",
            help='facts to add to every line, e.g. \'{"setting": "school", "target": {"kind": "pupil", "age": 13}}\'',
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        context = self._context(options.get("context") or "")
        if options.get("input"):
            path = Path(options["input"])
            try:
                with path.open(encoding="utf-8-sig", errors="replace") as stream:
                    self._write(stream, context)
            except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
                raise CommandError(f"Cannot read {path}: {exc.strerror}. Give a file of JSON lines.") from None
        else:
            self._write(_stdin_lines(options.get("stdin") or sys.stdin), context)

    @staticmethod
    def _context(text: str) -> dict[str, Any]:
        if not text:
            return {}
        try:
            context = json.loads(text)
        except ValueError:
            raise CommandError(
                f'--with must be a JSON object such as \'{{"setting": "school"}}\', not {text!r}'
            ) from None
        if not isinstance(context, dict):
            raise CommandError('--with must be a JSON object such as \'{"setting": "school"}\'')
        try:
            parse_facts(context)
        except FactsError as exc:
            raise CommandError(f"--with: {exc}") from None
        return context

    def _write(self, lines: Iterable[str], context: dict[str, Any]) -> None:
        for line in facts_lines(lines=lines, context=context):
            self.stdout.write(line)
            self.stdout.flush()
