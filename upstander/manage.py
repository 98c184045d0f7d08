"""The `upstander` command: Django's management commands with our settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upstander.config.settings")
    argv = list(sys.argv)
    # Commands are written with hyphens (`upstander import-people`); Python modules use underscores.
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
