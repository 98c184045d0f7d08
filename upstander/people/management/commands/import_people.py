"""`upstander import-people FILE.csv --organisation SLUG`: import an MIS export of people."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upstander.accounts.models import Organisation
from upstander.core.progress import for_command
from upstander.people.importing import ImportFileError, decode, parse_people_csv
from upstander.people.models import PersonKind
from upstander.people.services import people_import

MAX_BYTES = 20 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Import people from a CSV export of your management information system. Rows are matched on the "
        "MIS identifier (updated if it exists). If any row is bad nothing is imported, unless --skip-bad."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the CSV file (header row first)")
        parser.add_argument("--organisation", "-o", required=True, help="the organisation's slug")
        parser.add_argument("--skip-bad", action="store_true", help="import the good rows even if some are bad")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, import nothing")
        parser.add_argument(
            "--kind",
            default=PersonKind.PUPIL,
            choices=PersonKind.values,
            help="who the people are when the file has no kind column (default: pupil)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            slugs = ", ".join(Organisation.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No organisation {options['organisation']!r}. Known organisations: {slugs}.")
        try:
            if path.stat().st_size > MAX_BYTES:
                raise CommandError(f"{path} is larger than 20 MB: split it into smaller files.")
            text = decode(path.read_bytes())
            result = parse_people_csv(text, default_kind=options["kind"])
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from None
        except ImportFileError as exc:
            raise CommandError(str(exc)) from None
        if result.unknown_columns:
            self.stderr.write("Columns ignored (not recognised): " + ", ".join(result.unknown_columns))
        for bad in result.bad:
            self.stderr.write(f"Line {bad.line}: {bad.reason}.")
        if result.bad and not options["skip_bad"]:
            raise CommandError(
                f"{len(result.bad)} bad row(s): nothing was imported. Fix them, or use --skip-bad to import the "
                f"{len(result.rows)} good row(s)."
            )
        if options["dry_run"]:
            self.stdout.write(f"Dry run: {len(result.rows)} row(s) would be imported, {len(result.bad)} bad.")
            return
        created, updated = people_import(
            organisation=organisation,
            rows=result.rows,
            actor_label="command line: import-people",
            source=path.name,
            progress=for_command(self),
        )
        skipped = f", {len(result.bad)} bad row(s) skipped" if result.bad else ""
        self.stdout.write(f"Imported into {organisation.name}: {created} created, {updated} updated{skipped}.")
