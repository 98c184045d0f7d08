"""`upstander ingest-email`: one RFC 822 message on standard input becomes a report (for an MTA pipe
or a mail filter), or `--imap` reads unseen messages from a mailbox set by environment variables."""

from __future__ import annotations

import contextlib
import imaplib
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upstander.config.env import envbool, envint, envsecret, envstr
from upstander.intake.email import IntakeError, ingest


class Command(BaseCommand):
    help = "Turn an email (standard input, or an IMAP mailbox with --imap) into a report."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", default="", help="slug to use if no reporting address matches")
        parser.add_argument(
            "--imap",
            action="store_true",
            help="read unseen messages from IMAP_HOST (IMAP_USER, IMAP_PASSWORD, IMAP_FOLDER, IMAP_PORT, IMAP_SSL)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["imap"]:
            self._poll_imap(options["organisation"])
            return
        raw = sys.stdin.buffer.read()
        if not raw.strip():
            raise CommandError("No message on standard input: pipe one email (RFC 822) in.")
        self._ingest(raw, options["organisation"])

    def _ingest(self, raw: bytes, fallback: str) -> None:
        try:
            result = ingest(raw, fallback_slug=fallback)
        except IntakeError as exc:
            raise CommandError(str(exc)) from None
        report = result.receipt.report
        self.stdout.write(
            f"Report {report.reference} for {report.organisation.slug}: {result.attachments} attachment(s) kept"
            + (f", {len(result.refused_attachments)} refused" if result.refused_attachments else "")
            + (", sender acknowledged." if result.acknowledged else ".")
        )
        for line in result.refused_attachments:
            self.stderr.write(f"Refused {line}")

    def _poll_imap(self, fallback: str) -> None:
        host = envstr("IMAP_HOST")
        if not host:
            raise CommandError("Set IMAP_HOST (and IMAP_USER, IMAP_PASSWORD) to read a mailbox.")
        port = envint("IMAP_PORT", 993 if envbool("IMAP_SSL", True) else 143, minimum=1, maximum=65535)
        client = imaplib.IMAP4_SSL(host, port) if envbool("IMAP_SSL", True) else imaplib.IMAP4(host, port)
        try:
            client.login(envstr("IMAP_USER"), envsecret("IMAP_PASSWORD") or "")
            client.select(envstr("IMAP_FOLDER", "INBOX"))
            _, found = client.search(None, "UNSEEN")
            for number in found[0].split():
                _, parts = client.fetch(number, "(BODY.PEEK[])")
                raw = next(p[1] for p in parts if isinstance(p, tuple))
                try:
                    self._ingest(raw, fallback)
                except CommandError as exc:
                    self.stderr.write(f"Message {number.decode()} left unread: {exc}")
                    continue
                # Marked read only once the report is committed: a crash before this re-reads it.
                client.store(number, "+FLAGS", "\\Seen")
        finally:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):
                client.logout()
