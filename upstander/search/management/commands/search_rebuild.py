"""`upstander search-rebuild`: index every stored text again. Triggers keep the index in step with
every write; this is for an index restored from an older backup, or made before a source was added."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from upstander.search import index


class Command(BaseCommand):
    help = "Rebuild the full-text search index from the stored reports, messages, notes, people and evidence text."

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor not in ("sqlite", "postgresql"):
            raise CommandError(f"Search supports SQLite and PostgreSQL, not {connection.vendor}.")
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in index.fill_sql(connection.vendor):
                cursor.execute(statement)
            cursor.execute(f"SELECT count(*) FROM {index.TABLE}")  # noqa: S608 - a constant
            (count,) = cursor.fetchone()
        self.stdout.write(f"Search index rebuilt: {count:,} texts indexed.")
