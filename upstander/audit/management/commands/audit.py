"""`upstander audit verify | checkpoint`.

- verify: walk the hash chain, then check it against every signed checkpoint (the file beside the
  database, or a copy given with --checkpoints and --public-key); exit 1 naming what is wrong.
- checkpoint [--email]: sign and append a checkpoint of every trail whose head moved (the audit trail
  and each evidence custody trail); exit 1 if a trail is inconsistent with its last checkpoint (not
  signed). --email also sends each organisation's DSLs the newest checkpoints.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upstander.audit import checkpoints
from upstander.audit.checkpoint_mail import email_checkpoints
from upstander.audit.selectors import audit_chains_verify


class Command(BaseCommand):
    help = (
        "Check the audit trail (`audit verify`: any row changed or removed, against the signed checkpoints), "
        "or write signed checkpoints of every trail now (`audit checkpoint`)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "checkpoint"], help="what to do: verify or checkpoint")
        parser.add_argument(
            "--checkpoints", type=Path, help="verify: check against this copy of the checkpoint file instead"
        )
        parser.add_argument(
            "--public-key", type=Path, help="verify: trust only the checkpoint public key(s) in this PEM file"
        )
        parser.add_argument(
            "--email",
            action="store_true",
            help="checkpoint: also email each organisation's safeguarding leads the newest checkpoints (last 24 hours)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "checkpoint":
            self._checkpoint(email=options["email"])
        else:
            self._verify(options.get("checkpoints"), options.get("public_key"))

    def _checkpoint(self, *, email: bool) -> None:
        run = checkpoints.write_checkpoints()
        if email:
            sent = email_checkpoints(since=datetime.now(UTC) - timedelta(hours=24))
            self.stdout.write(f"{sent} email(s) of the newest checkpoints sent to safeguarding leads.")
        for problem in run.problems:
            self.stderr.write(f"NOT SIGNED: {problem}.")
        self.stdout.write(
            f"{len(run.written)} checkpoint(s) written to {checkpoints.log_path()}; "
            f"{run.unchanged} trail(s) unchanged since their last checkpoint."
        )
        if run.problems:
            raise CommandError(
                f"{len(run.problems)} trail(s) disagree with their last checkpoint and were not signed: "
                "run `upstander audit verify` and `upstander evidence verify`.",
                returncode=1,
            )

    def _verify(self, path: Path | None, public_key: Path | None) -> None:
        for given in (path, public_key):
            if given is not None and not given.is_file():
                raise CommandError(f"{given} is not a file.", returncode=2)
        reports = audit_chains_verify()
        count = sum(report.rows for report in reports)
        problems = [
            f"{report.chain}: chain broken at row {report.problem.seq}: {report.problem.reason}"
            if report.problem.seq
            else f"{report.chain}: {report.problem.reason}"
            for report in reports
            if report.problem is not None
        ]
        check = checkpoints.check_against_checkpoints(prefix=checkpoints.AUDIT_CHAIN, path=path, public_key=public_key)
        problems += check.problems
        for line in problems:
            self.stderr.write(f"PROBLEM: {line}")
        for note in check.notes:
            self.stdout.write(f"Note: {note}")
        self.stdout.write(checkpoints.LIMITS)
        if problems:
            self.stderr.write(f"Audit trail BROKEN: {len(problems)} problem(s).")
            raise CommandError(
                f"audit verify failed after checking {count} rows against {check.checkpoints} checkpoint(s)",
                returncode=1,
            )
        self.stdout.write(
            f"Audit trail intact: {count} rows checked, and {check.checkpoints} signed checkpoint(s) agree "
            f"({len(reports)} chain(s): the installation's and one per organisation)."
        )
