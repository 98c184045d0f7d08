from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.utils import timezone

STUCK_AFTER = timedelta(minutes=10)


def task_queue_health() -> str:
    """ "ok", or why not: tasks ready to run for more than 10 minutes mean no worker is working them."""
    from django_tasks_db.models import DBTaskResult

    oldest = DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    if oldest is not None and timezone.now() - oldest > STUCK_AFTER:
        minutes = int((timezone.now() - oldest).total_seconds() // 60)
        return f"error: a task has waited {minutes} minutes (is the worker running?)"
    return "ok"


def task_backlog_age() -> dict[str, int]:
    """Tasks waiting for the worker, and how long the oldest has waited (seconds, 0 if none)."""
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    age = int((timezone.now() - oldest).total_seconds()) if oldest is not None else 0
    return {"tasks_ready": ready.count(), "oldest_seconds": max(0, age)}


# (label, app label, model name): apps that later issues add count as 0 until they exist.
COUNTED = [
    ("organisations", "accounts", "Organisation"),
    ("users", "accounts", "User"),
    ("people", "people", "Person"),
    ("reports", "reports", "Report"),
    ("cases", "cases", "Case"),
    ("evidence_items", "evidence", "EvidenceItem"),
]


def instance_stats() -> dict[str, int]:
    counts: dict[str, int] = {}
    for label, app_label, model_name in COUNTED:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            counts[label] = 0
            continue
        counts[label] = model._default_manager.count()
    counts.update(background_backlog())
    return counts


def background_backlog() -> dict[str, int]:
    """Work the task worker still has to do, work stranded by a dead worker, and reports whose
    background checks gave up."""
    from django_tasks_db.models import DBTaskResult

    from upstander.intake.sweep import stranded_counts
    from upstander.reports.models import ProcessingState, Report

    return {
        "tasks_ready": DBTaskResult.objects.ready().count(),
        "reports_awaiting_checks": Report.objects.filter(processing=ProcessingState.PENDING).count(),
        "reports_checks_failed": Report.objects.filter(processing=ProcessingState.FAILED).count(),
        # Left behind by a worker that died; the sweeper (`upstander sweep`, and the worker every
        # minute) retries them.
        **stranded_counts(),
    }
