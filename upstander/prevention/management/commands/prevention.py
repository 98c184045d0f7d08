"""`upstander prevention due [--organisation SLUG] [--json]`: policy reviews due, acknowledgements
outstanding and training running out, per organisation. `upstander prevention remind` emails staff
whose training runs out within 30 days (once a fortnight each), for cron."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upstander.accounts.models import Organisation
from upstander.prevention import selectors, services
from upstander.prevention.models import TrainingKind


class Command(BaseCommand):
    help = "Prevention: what is due (policy reviews, acknowledgements, training), and training reminders."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        due = sub.add_parser("due", help="list reviews due, acknowledgements outstanding and training running out")
        due.add_argument("--organisation", metavar="SLUG", help="only this organisation")
        due.add_argument("--json", action="store_true", help="print JSON instead of text")
        remind = sub.add_parser("remind", help="email staff whose training runs out within 30 days")
        remind.add_argument("--organisation", metavar="SLUG", help="only this organisation")

    def handle(self, *args: Any, **options: Any) -> None:
        organisations = Organisation.objects.order_by("name")
        if options.get("organisation"):
            organisations = organisations.filter(slug=options["organisation"])
            if not organisations.exists():
                raise CommandError(f"No organisation has the slug {options['organisation']!r}: see `upstander stats`.")
        if options["verb"] == "remind":
            sent = sum(services.training_remind(organisation=organisation) for organisation in organisations)
            self.stdout.write(f"Sent {sent} training reminder{'s' if sent != 1 else ''}.")
            return
        report = [self._due(organisation) for organisation in organisations]
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2))
            return
        for entry in report:
            self.stdout.write(f"{entry['organisation']} ({entry['slug']})")
            if not (entry["reviews"] or entry["acknowledgements"] or entry["training"]):
                self.stdout.write("  Nothing due.")
            for review in entry["reviews"]:
                self.stdout.write(f"  Review: {review['policy']}: {review['state']} (due {review['review_due_on'] or 'not set'})")
            for ack in entry["acknowledgements"]:
                self.stdout.write(f"  Acknowledgements: {ack['policy']} v{ack['version']}: {ack['outstanding']} of {ack['asked']} outstanding")
            for item in entry["training"]:
                self.stdout.write(f"  Training: {item['person']}: {item['training']}: {item['state']}")
            self.stdout.write(f"  CEOP ambassadors: {entry['ceop_ambassadors']} (two recommended)")

    def _due(self, organisation: Organisation) -> dict[str, Any]:
        summary = selectors.due_summary(organisation_id=organisation.pk)
        return {
            "organisation": organisation.name,
            "slug": organisation.slug,
            "reviews": [
                {
                    "policy": row.policy.title,
                    "state": row.state_label,
                    "review_due_on": row.policy.review_due_on.isoformat() if row.policy.review_due_on else None,
                }
                for row in summary["reviews"]
            ],
            "acknowledgements": [
                {"policy": s.version.policy.title, "version": s.version.number, "asked": s.asked, "outstanding": s.outstanding}
                for s in summary["acknowledgements"]
            ],
            "training": [
                {
                    "person": item.user.full_name,
                    "training": TrainingKind(item.kind).label,
                    "state": "not done" if item.record is None else (
                        f"ran out {item.record.expires_on}" if item.expired else f"runs out {item.record.expires_on}"
                    ),
                    "expires_on": item.record.expires_on.isoformat() if item.record and item.record.expires_on else None,
                }
                for item in summary["training"]
            ],
            "ceop_ambassadors": summary["ceop_ambassadors"],
        }
