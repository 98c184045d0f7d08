"""The `upstander` command: Django's management commands with our settings."""

import os
import sys


def is_missing_table(error: Exception) -> bool:
    """What SQLite ('no such table: x') and PostgreSQL ('relation "x" does not exist') say of a missing table."""
    text = str(error)
    return "no such table" in text or ('relation "' in text and "does not exist" in text)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upstander.config.settings")
    argv = list(sys.argv)
    # Commands are written with hyphens (`upstander import-people`); Python modules use underscores.
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError, ProgrammingError

    try:
        execute_from_command_line(argv)
    except (OperationalError, ProgrammingError) as error:
        if not is_missing_table(error):
            raise
        sys.stderr.write(unmigrated_message() + "\n")
        sys.exit(1)


def unmigrated_message() -> str:
    """What to run when a command meets a database without its tables (a newcomer's first command)."""
    from django.db import connection

    try:
        never = "django_migrations" not in connection.introspection.table_names()
    except Exception:  # the database cannot even be listed: say what to run all the same
        never = True
    name = connection.settings_dict.get("NAME")
    where = f" ({name})" if name else ""
    if never:
        return (
            f"The database{where} has not been set up yet. Run `upstander migrate` to create its tables "
            "(or `bin/run`, which also loads the demo data and starts the server), then run this command again."
        )
    return (
        f"The database{where} is not up to date: a table this command needs is missing. Run `upstander migrate`, "
        "then run this command again."
    )


if __name__ == "__main__":
    main()
