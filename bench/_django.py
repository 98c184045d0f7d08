"""Shared by the benchmarks that drive Django in-process (case_queue.py, insights.py)."""

from __future__ import annotations

import os


def setup_django(var_dir: str, database_url: str | None) -> None:
    """Point Upstander at a throw-away data folder (and database), set Django up and migrate."""
    os.environ["UPSTANDER_VAR_DIR"] = var_dir
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["LOG_LEVEL"] = "WARNING"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upstander.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
