"""`upstander sweep`: retry tasks a dead worker left RUNNING and queue again reports whose checks
stalled (upstander/intake/sweep.py). The task worker does the same every minute."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from upstander.intake.sweep import sweep_stranded


class Command(BaseCommand):
    help = (
        "Retry background tasks left RUNNING by a worker that stopped, and queue again every report whose "
        "checks have not finished in REPORT_CHECKS_TIMEOUT_MINUTES."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = sweep_stranded()
        self.stdout.write(
            f"{result.tasks_retried} lost task(s) queued again, {result.tasks_given_up} given up; "
            f"{result.reports_requeued} report(s) queued again for their checks, {result.reports_given_up} marked "
            f"failed after too many tries (checks are due within {settings.REPORT_CHECKS_TIMEOUT_MINUTES} minutes). "
            "Run `upstander worker` (or `upstander serve`) so queued work runs."
        )
