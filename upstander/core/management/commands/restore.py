"""`upstander restore FILE`: restore a backup archive into an EMPTY installation (see upstander/core/backup.py).

Checks the archive first (signature, hashes, passphrase) and refuses, changing nothing, when the
database has tables, the evidence directory or checkpoint log is not empty, or an evidence key file
exists. Afterwards run `upstander audit verify` and `upstander evidence verify`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upstander.core import backup
from upstander.core.progress import stages_for_command


class Command(BaseCommand):
    help = "Restore a backup archive (made by `upstander backup`) into an empty installation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the backup archive")
        parser.add_argument(
            "--passphrase-file",
            type=Path,
            help=f"a file holding the passphrase (else the {backup.PASSPHRASE_ENV} environment variable)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            passphrase = backup.read_passphrase(options["passphrase_file"])
            manifest = backup.restore_backup(
                path=options["file"], passphrase=passphrase, progress=stages_for_command(self)
            )
        except backup.BackupError as exc:
            raise CommandError(str(exc), returncode=1) from None
        self.stdout.write(f"Restored the backup made {manifest['created_at']}.")
        self.stdout.write("Counts in the backup: " + ", ".join(f"{k} {v}" for k, v in manifest["counts"].items()))
        for warning in manifest.get("warnings", []):
            self.stderr.write(f"WARNING: {warning}")
        self.stdout.write(
            "Next: `upstander migrate` (if this release is newer), then `upstander audit verify` and "
            "`upstander evidence verify`. The checkpoint signing key is not in backups: a new one is made when "
            "the next checkpoint is written, and the restored public-keys file keeps the old one trusted."
        )
