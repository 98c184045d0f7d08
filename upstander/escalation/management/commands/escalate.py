"""`upstander escalate`: the escalation rules over JSON lines of case facts (protocol in escalation/jsonl.py).

Reads standard input (or --input FILE) and writes one JSON line per non-blank input line, in order;
a bad line gets an error line and the rest go on, so the exit status is 0 whenever the input could
be read. `--rules-version` prints the version of the rules. The only Django-touching file of the
escalation app: the rules themselves are plain Python.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upstander.escalation.jsonl import escalate_lines
from upstander.escalation.rules import RULES_VERSION


def _stdin_lines(stream: IO[Any]) -> Iterator[str]:
    """Lines of standard input as text; bytes that are not UTF-8 become U+FFFD instead of stopping the run."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text stream, e.g. io.StringIO passed by call_command(stdin=...)
        yield from stream
        return
    for number, raw in enumerate(buffer):
        line = raw.decode("utf-8", errors="replace")
        yield line.removeprefix("\ufeff") if number == 0 else line


class Command(BaseCommand):
    help = (
        "Propose safeguarding duties for cases: JSON lines of facts in (standard input or --input FILE), one JSON "
        'line out per case: {"id", "rules_version", "duties": [{"duty", "reason", "legal"}]}, most pressing first.'
    )
    # Start fast and never touch the database: the rules are pure functions.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False
    # call_command(..., stdin=io.StringIO(...)) feeds the command in tests and from other code.
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", "-i", metavar="FILE", help="read JSON lines from FILE instead of standard input")
        parser.add_argument("--rules-version", action="store_true", help="print the rules version and exit")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rules_version"]:
            self.stdout.write(RULES_VERSION)
            return
        if options.get("input"):
            path = Path(options["input"])
            try:
                with path.open(encoding="utf-8-sig", errors="replace") as stream:
                    self._write(stream)
            except FileNotFoundError:
                raise CommandError(f"No such file: {path}. Give a file of JSON lines, or pipe them in.") from None
            except IsADirectoryError:
                raise CommandError(f"{path} is a directory: give a file of JSON lines.") from None
            except PermissionError:
                raise CommandError(f"Cannot read {path}: permission denied.") from None
        else:
            self._write(_stdin_lines(options.get("stdin") or sys.stdin))

    def _write(self, lines: Iterable[str]) -> None:
        out = self.stdout
        try:
            for line in escalate_lines(lines=lines):
                out.write(line)
                # One flush per line lets another program talk to us line by line through a pipe.
                out.flush()
        except BrokenPipeError:
            # The reader went away (e.g. `| head`). Point stdout at /dev/null so the flush at exit
            # does not print a second traceback; nothing is lost, as nobody is reading.
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
