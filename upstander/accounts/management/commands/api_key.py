"""`upstander api-key create --organisation SLUG --name NAME --scope SCOPE...`: a new API key, shown once.

For MIS and monitoring integrations set up from a terminal. The key is made by the same service as the
API keys page (accounts.services.api_key_issue) and audited the same way, with the command line as
the actor. Only the key goes to standard output, so `KEY=$(upstander api-key create ...)` works.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from upstander.accounts.models import ApiKey, Organisation
from upstander.accounts.services import api_key_issue

ACTOR_LABEL = "command line: api-key create"


class Command(BaseCommand):
    help = "Make an API key for an organisation (printed once) or list an organisation's keys."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="create")
        create = actions.add_parser("create", help="make a new key and print it once")
        create.add_argument("--organisation", "-o", required=True, help="the organisation's slug")
        create.add_argument("--name", required=True, help="what will use the key, e.g. 'MIS sync'")
        create.add_argument(
            "--scope",
            dest="scopes",
            nargs="+",
            required=True,
            help=f"what the key may do: {', '.join(ApiKey.Scope.values)}",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["organisation"]
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            slugs = ", ".join(Organisation.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No organisation {slug!r}. Known organisations: {slugs}.")
        name = options["name"].strip()
        if not name or len(name) > 100:
            raise CommandError("--name must say what will use the key, in 1 to 100 characters.")
        scopes = sorted(set(options["scopes"]))
        unknown = [scope for scope in scopes if scope not in ApiKey.Scope.values]
        if unknown:
            raise CommandError(
                f"Unknown scope {', '.join(unknown)}: use one or more of {', '.join(ApiKey.Scope.values)}."
            )
        key, secret = api_key_issue(
            organisation=organisation, name=name, scopes=scopes, issued_by=None, request=None, actor_label=ACTOR_LABEL
        )
        self.stderr.write(
            f"API key {key.name!r} ({key.prefix}) for {organisation.name}, scopes {', '.join(scopes)}. "
            "It is shown only now: store it safely. Revoke it on the API keys page."
        )
        self.stdout.write(secret)
