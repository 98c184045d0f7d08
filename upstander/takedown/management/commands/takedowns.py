"""`upstander takedowns [--organisation SLUG] [--overdue] [--json]`: the removal requests, one per line.

With --json, one JSON object per line per request: id, case, platform, route, status, requested_at,
due_at, outcome (and overdue, escalated_from)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upstander.accounts.models import Organisation
from upstander.takedown import selectors


class Command(BaseCommand):
    help = "List removal requests (all, or one organisation's; --overdue for those past their due time)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", metavar="SLUG", help="only this organisation's requests")
        parser.add_argument("--overdue", action="store_true", help="only requests sent and past their due time")
        parser.add_argument("--json", action="store_true", help="one JSON object per request, one per line")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation_id = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(slug=options["organisation"]).first()
            if organisation is None:
                known = ", ".join(Organisation.objects.order_by("slug").values_list("slug", flat=True)[:20])
                raise CommandError(f"No organisation with the slug {options['organisation']!r}. Known: {known}.")
            organisation_id = organisation.pk
        found = selectors.requests_listed(organisation_id=organisation_id, overdue=options["overdue"])
        for removal in found:
            row = selectors.as_json(removal)
            if options["json"]:
                self.stdout.write(json.dumps(row))
            else:
                due = row["due_at"] or "-"
                flag = " OVERDUE" if row["overdue"] else ""
                self.stdout.write(
                    f"{row['id']:>5}  case {row['case']:<5} {row['route']:<9} {row['platform'] or '-':<13} "
                    f"{row['status']:<12} due {due}{flag}"
                )
