"""`upstander evidence verify | verify-bundle FILE.zip | rotate-keys`.

- verify: re-hash every stored object, open every derived file, walk every item's custody chain to
  its head and check it against every signed checkpoint (`--checkpoints FILE --public-key FILE`: a
  copy kept elsewhere), open every organisation's signing key; print each problem; exit 1 if any.
- verify-bundle: check an exported bundle offline (signature, every file's SHA-256); exit 1 if bad.
- rotate-keys: put a new vault key in front (embedded mode) and re-encrypt everything under it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upstander.audit.checkpoints import LIMITS
from upstander.core.progress import for_command
from upstander.evidence import conf, keys, selectors
from upstander.evidence.vault import bundle
from upstander.evidence.vault.crypto import KeyRing
from upstander.labels import count


class Command(BaseCommand):
    help = "Check the evidence vault, check an export bundle, or rotate the vault keys."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        verify = actions.add_parser("verify", help="re-hash every stored file and walk every custody trail")
        verify.add_argument("--checkpoints", type=Path, help="check against this copy of the checkpoint file instead")
        verify.add_argument("--public-key", type=Path, help="trust only the checkpoint public key(s) in this PEM file")
        check = actions.add_parser("verify-bundle", help="check an export bundle (ZIP) offline")
        check.add_argument("bundle", type=Path, help="the bundle's .zip file")
        trusted = check.add_mutually_exclusive_group()
        trusted.add_argument("--public-key", type=Path, help="the organisation's public key (PEM) to trust")
        trusted.add_argument("--organisation", help="trust the stored key of this organisation (its slug)")
        rotate = actions.add_parser("rotate-keys", help="re-encrypt everything under a new vault key")
        rotate.add_argument(
            "--generate-key", action="store_true",
            help="only print a new key line (id:base64) to put first in EVIDENCE_KEY; change nothing",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "verify":
            self._verify(options.get("checkpoints"), options.get("public_key"))
        elif action == "verify-bundle":
            self._verify_bundle(options["bundle"], options.get("public_key"), options.get("organisation"))
        else:
            self._rotate(generate_only=options["generate_key"])

    def _verify(self, checkpoint_file: Path | None, checkpoint_key: Path | None) -> None:
        for given in (checkpoint_file, checkpoint_key):
            if given is not None and not given.is_file():
                raise CommandError(f"{given} is not a file.", returncode=2)
        result = selectors.evidence_verify(
            checkpoint_file=checkpoint_file, checkpoint_key=checkpoint_key, progress=for_command(self)
        )
        for problem in result.problems:
            self.stderr.write(f"PROBLEM: {problem}")
        for note in result.notes:
            self.stdout.write(f"Note: {note}")
        self.stdout.write(LIMITS)
        counts = (
            f"{result.objects} stored object(s), {result.items} item(s), {result.events} custody event(s), "
            f"{result.signing_keys} signing key(s), {result.checkpoints} signed checkpoint(s)"
        )
        if not result.ok:
            raise CommandError(
                f"Evidence vault check FAILED: {len(result.problems)} problem(s) in {counts}.", returncode=1
            )
        self.stdout.write(f"Evidence vault intact: {counts} checked.")

    def _verify_bundle(self, path: Path, public_key: Path | None, organisation: str | None) -> None:
        if not path.is_file():
            raise CommandError(f"{path} is not a file.", returncode=2)
        trusted: bytes | str | None = None
        if public_key is not None:
            trusted = public_key.read_bytes()
        elif organisation:
            info = selectors.evidence_signing_key_info_for_slug(slug=organisation)
            if info is None:
                raise CommandError(f"No signing key is stored for organisation {organisation!r}.", returncode=2)
            trusted = info.public_key_pem
        result = bundle.verify_bundle(path, trusted_public_key=trusted)
        self.stdout.write(
            f"Bundle of {result.organisation or '?'}, report {result.case_reference or '?'}, made {result.created_at or '?'}; "
            f"signed with {result.signer_key_id or '?'}; {count(result.files_checked, 'file')} checked."
        )
        for warning in result.warnings:
            self.stdout.write(f"Warning: {warning}")
        for problem in result.problems:
            self.stderr.write(f"PROBLEM: {problem}")
        if not result.ok:
            raise CommandError(f"The bundle does NOT verify: {len(result.problems)} problem(s).", returncode=1)
        self.stdout.write("The bundle verifies: every file is as signed.")

    def _rotate(self, *, generate_only: bool) -> None:
        if generate_only:
            self.stdout.write(KeyRing.generate().to_string())
            return
        from_env = conf.key_from_environment()
        summary = keys.evidence_rotate_keys(make_new_key=not from_env, progress=for_command(self))
        if summary.new_key_made:
            self.stdout.write(f"New vault key {summary.active_key_id} added to {conf.key_file_path()} (old keys kept).")
        self.stdout.write(
            f"Re-encrypted {summary.reencrypted} object(s) under key {summary.active_key_id}; "
            f"{summary.already_current} already used it; {summary.items_updated} item record(s) updated; "
            f"{summary.signing_keys_resealed} signing key(s) re-sealed."
        )
        for problem in summary.problems:
            self.stderr.write(f"PROBLEM: {problem}")
        if summary.problems:
            raise CommandError(
                f"{len(summary.problems)} object(s) could not be re-encrypted and keep their old key: run "
                "`upstander evidence verify`, and keep the old key until they are dealt with.",
                returncode=1,
            )
        if from_env and summary.reencrypted == 0 and summary.signing_keys_resealed == 0:
            raise CommandError(
                f"Nothing was re-encrypted: everything already uses {summary.active_key_id}, the first key in "
                "EVIDENCE_KEY. To rotate, run `upstander evidence rotate-keys --generate-key`, put its output first "
                "in EVIDENCE_KEY (comma-separated, keeping the old keys after it), restart Upstander, and run "
                "`upstander evidence rotate-keys` again.",
                returncode=1,
            )
        self.stdout.write("Every stored object now uses the active key; older keys may be removed from the key ring.")
