"""`upstander records-review`: closed cases whose records are due for review (for cron or by hand).

Nothing is deleted: a person reviews each record and decides (cases/retention.py has the rule).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upstander.accounts.models import Organisation
from upstander.cases.selectors import records_due_for_review
from upstander.core.progress import for_command


class Command(BaseCommand):
    help = (
        "List closed cases whose records review date has come, and closed cases with no date because no review "
        "period is set for adult records. Nothing is deleted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", help="one organisation's slug (default: all)")
        parser.add_argument("--json", action="store_true", help="one JSON object per line")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation_id = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(slug=options["organisation"]).first()
            if organisation is None:
                raise CommandError(f"No organisation has the slug {options['organisation']!r}.")
            organisation_id = organisation.pk
        cases = list(records_due_for_review(organisation_id=organisation_id))
        progress = for_command(self, quiet=options["json"])
        for case in progress(cases, total=len(cases), desc="cases"):
            row = {
                "organisation": case.organisation.slug,
                "case": case.number,
                "closed_on": case.closed_at.date().isoformat() if case.closed_at else None,
                "review_on": case.records_review_on.isoformat() if case.records_review_on else None,
                "basis": case.records_review_basis,
            }
            if options["json"]:
                self.stdout.write(json.dumps(row))
            else:
                due = row["review_on"] or "no date set"
                self.stdout.write(f"{row['organisation']} case {row['case']}: review {due}. {row['basis']}")
        if not options["json"]:
            self.stdout.write(f"{len(cases)} case{'s' if len(cases) != 1 else ''} to review.")
