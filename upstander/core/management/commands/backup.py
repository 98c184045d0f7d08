"""`upstander backup --output DIR` and `upstander backup verify FILE` (see upstander/core/backup.py).

- backup: write one encrypted, signed archive of the database, the evidence vault, the key ring and
  SECRET_KEY (encrypted with the passphrase), and the audit checkpoints; print its path.
- backup verify FILE: check it offline: the signature, every member's SHA-256; with a passphrase also
  open every encrypted member; with --public-key, that it was signed by that installation. Exit 1
  naming every problem.
The passphrase comes from --passphrase-file FILE or the UPSTANDER_BACKUP_PASSPHRASE variable.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upstander.core import backup
from upstander.core.progress import stages_for_command


class Command(BaseCommand):
    help = (
        "Write an encrypted, signed backup archive (`backup --output DIR`), or check one offline "
        "(`backup verify FILE`)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", nargs="?", choices=["verify"], help="verify: check an archive offline")
        parser.add_argument("file", nargs="?", type=Path, help="verify: the archive to check")
        parser.add_argument("--output", type=Path, help="the directory to write the archive into")
        parser.add_argument(
            "--passphrase-file",
            type=Path,
            help=f"a file holding the passphrase (else the {backup.PASSPHRASE_ENV} environment variable)",
        )
        parser.add_argument(
            "--no-passphrase",
            action="store_true",
            help="verify: check the signature and hashes only, without opening the encrypted members",
        )
        parser.add_argument(
            "--public-key", type=Path, help="verify: trust only the checkpoint public key(s) in this PEM file"
        )
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "verify":
                self._verify(options)
            else:
                self._backup(options)
        except backup.BackupError as exc:
            raise CommandError(str(exc), returncode=1) from None

    def _backup(self, options: dict[str, Any]) -> None:
        if options["file"] is not None:
            raise CommandError(
                "Unexpected argument: use `upstander backup --output DIR` or `upstander backup verify FILE`."
            )
        if options["output"] is None:
            raise CommandError("Say where to write the archive: `upstander backup --output DIR`.")
        passphrase = backup.read_passphrase(options["passphrase_file"])
        result = backup.create_backup(
            output_dir=options["output"],
            passphrase=passphrase,
            progress=stages_for_command(self, quiet=options["json"]),
        )
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "path": str(result.path),
                        "members": result.members,
                        "bytes": result.bytes,
                        "counts": result.counts,
                        "signing_key_id": result.key_id,
                    }
                )
            )
            return
        self.stdout.write(f"Backup written: {result.path}")
        self.stdout.write(
            f"{result.members} member(s), {result.bytes} bytes; signed by checkpoint key {result.key_id}."
        )
        self.stdout.write("Counts: " + ", ".join(f"{k} {v}" for k, v in result.counts.items()))
        self.stdout.write("Keep the passphrase apart from the archive; copy the archive off-site.")

    def _verify(self, options: dict[str, Any]) -> None:
        from upstander.audit import checkpoints

        path = options["file"]
        if path is None:
            raise CommandError("Say which archive to check: `upstander backup verify FILE`.")
        passphrase = None if options["no_passphrase"] else backup.read_passphrase(options["passphrase_file"])
        trusted = None
        if options["public_key"] is not None:
            trusted = checkpoints.trusted_public_keys(options["public_key"])
            if not trusted:
                raise CommandError(f"{options['public_key']} holds no usable public key (PEM).")
        result = backup.verify_backup(
            path, passphrase=passphrase, trusted_keys=trusted, progress=stages_for_command(self, quiet=options["json"])
        )
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "ok": result.ok,
                        "problems": result.problems,
                        "decrypted": result.decrypted,
                        "counts": result.manifest.get("counts", {}),
                    }
                )
            )
        else:
            for problem in result.problems:
                self.stderr.write(f"PROBLEM: {problem}")
            if result.ok:
                manifest = result.manifest
                self.stdout.write(
                    f"The backup verifies: made {manifest['created_at']}, {len(manifest['members'])} member(s), "
                    f"signature by checkpoint key {manifest['signing_key_id']} good, every SHA-256 matches"
                    + (
                        "; every encrypted member opens with the passphrase."
                        if result.decrypted
                        else "; encrypted members NOT opened (no passphrase)."
                    )
                )
                if result.key_trusted is None:
                    self.stdout.write("The signing key was not compared with a trusted one: add --public-key FILE.")
        if not result.ok:
            raise CommandError(f"The backup does NOT verify: {len(result.problems)} problem(s).", returncode=1)
