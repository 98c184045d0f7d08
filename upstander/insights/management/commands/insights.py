"""`upstander insights export` and `upstander insights report`.

    upstander insights export --organisation SLUG --from 2026-09-01 --to 2026-12-31 --output log.csv
        [--category insult] [--prejudice racist] [--platform tiktok] [--channel gaming] [--year-group "Year 9"]
        [--status closed] [--outcome resolved] [--assignee ID|none] [--free-text]
    upstander insights report --organisation SLUG --term 2026-autumn --output report.pdf
    upstander insights report --authority SLUG --term 2026-autumn --output area.pdf   (whole terms only)

The file type follows the output's ending (.csv, .xlsx, .pdf). Each export and report is written to
the audit trail as done "by the command line", with the filters used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upstander.accounts.models import Authority, Organisation
from upstander.insights import report_pdf, services, terms
from upstander.insights.filters import FilterError, log_filters, parse_date

BY = "command line"


class Command(BaseCommand):
    help = "Export the incident log (CSV or XLSX), or write the termly report (PDF)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="the incident log as .csv or .xlsx")
        export.add_argument("--organisation", required=True, metavar="SLUG")
        export.add_argument("--from", dest="from_", required=True, metavar="YYYY-MM-DD")
        export.add_argument("--to", required=True, metavar="YYYY-MM-DD")
        export.add_argument("--output", required=True, metavar="FILE.csv|FILE.xlsx")
        for name in ("category", "prejudice", "platform", "channel", "year-group", "status", "outcome", "assignee"):
            export.add_argument(f"--{name}", default="")
        export.add_argument("--free-text", action="store_true", help="add case summaries and outcome reasons")
        report = actions.add_parser("report", help="the termly report as .pdf")
        where = report.add_mutually_exclusive_group(required=True)
        where.add_argument("--organisation", metavar="SLUG")
        where.add_argument("--authority", metavar="SLUG")
        report.add_argument("--term", metavar="YYYY-autumn|spring|summer")
        report.add_argument("--from", dest="from_", metavar="YYYY-MM-DD")
        report.add_argument("--to", metavar="YYYY-MM-DD")
        report.add_argument("--output", required=True, metavar="FILE.pdf")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            self._export(options)
        else:
            self._report(options)

    def _export(self, options: dict[str, Any]) -> None:
        output = Path(options["output"])
        fmt = output.suffix.lower().lstrip(".")
        if fmt not in services.FORMATS:
            raise CommandError(f"The output must end in .csv or .xlsx, not '{output.suffix or output.name}'.")
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation has the slug '{options['organisation']}'.")
        data = {
            "from": options["from_"],
            "to": options["to"],
            **{
                name: options[name.replace("-", "_")]
                for name in ("category", "prejudice", "platform", "channel", "status", "outcome", "assignee")
            },
            "year_group": options["year_group"],
        }
        try:
            filters = log_filters(data, strict=True)
        except FilterError as problem:
            raise CommandError(str(problem)) from None
        content, count = services.log_export(
            organisation=organisation,
            filters=filters,
            fmt=fmt,
            free_text=options["free_text"],
            by=None,
            request=None,
            by_label=BY,
        )
        output.write_bytes(content)
        self.stdout.write(f"Wrote {count} rows to {output} (recorded in the audit trail).")

    def _report(self, options: dict[str, Any]) -> None:
        output = Path(options["output"])
        if output.suffix.lower() != ".pdf":
            raise CommandError("The output must end in .pdf.")
        try:
            if options["term"]:
                if options["from_"] or options["to"]:
                    raise CommandError("Give a term or a date range (--from and --to), not both.")
                period = terms.term(options["term"])
            elif options["authority"] and (options["from_"] or options["to"]):
                raise CommandError(f"{terms.AREA_TERMS_ONLY} Give --term, e.g. --term 2026-autumn.")
            elif options["from_"] and options["to"]:
                period = terms.date_range(parse_date(options["from_"], "from"), parse_date(options["to"], "to"))
            else:
                raise CommandError("Give --term (e.g. 2026-autumn), or --from and --to.")
        except (terms.TermError, FilterError) as problem:
            raise CommandError(str(problem)) from None
        if options["organisation"]:
            organisation = Organisation.objects.filter(slug=options["organisation"]).first()
            if organisation is None:
                raise CommandError(f"No organisation has the slug '{options['organisation']}'.")
            content = report_pdf.organisation_report(organisation_id=organisation.pk, period=period)
            services.report_handed_out(
                organisation_id=organisation.pk,
                authority_id=None,
                period_label=period.label,
                by=None,
                request=None,
                by_label=BY,
            )
        else:
            authority = Authority.objects.filter(slug=options["authority"]).first()
            if authority is None:
                raise CommandError(f"No authority has the slug '{options['authority']}'.")
            content = report_pdf.authority_report(authority_id=authority.pk, period=period)
            services.report_handed_out(
                organisation_id=None,
                authority_id=authority.pk,
                period_label=period.label,
                by=None,
                request=None,
                by_label=BY,
            )
        output.write_bytes(content)
        self.stdout.write(f"Wrote the report for {period.label} to {output} (recorded in the audit trail).")
