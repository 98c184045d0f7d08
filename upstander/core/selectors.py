from __future__ import annotations

from datetime import timedelta

from django.apps import apps

from upstander.core import taskqueue

STUCK_AFTER = timedelta(minutes=10)


def task_queue_health() -> str:
    """ "ok", or why not: tasks ready to run for more than 10 minutes mean no worker is working them
    (read from the database queue or from RQ, core/taskqueue.py)."""
    try:
        backlog = taskqueue.backlog()
    except Exception as exc:  # Redis down or unreachable: say so, never a 500 from /healthz
        return f"error: the task queue cannot be read ({type(exc).__name__}; is Redis running?)"
    if backlog.oldest_seconds > STUCK_AFTER.total_seconds():
        return f"error: a task has waited {backlog.oldest_seconds // 60} minutes (is the worker running?)"
    return "ok"


def task_backlog_age() -> dict[str, int]:
    """Tasks waiting for a worker, and how long the oldest has waited (seconds, 0 if none); -1 for
    both when the queue cannot be read (Redis down: `task_queue_health` says why)."""
    try:
        backlog = taskqueue.backlog()
    except Exception:
        return {"tasks_ready": -1, "oldest_seconds": -1}
    return {"tasks_ready": backlog.ready, "oldest_seconds": backlog.oldest_seconds}


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
    """Work the task workers still have to do (from the database queue or RQ), work stranded by a
    dead worker, and reports whose background checks gave up. The report counts come from the
    reports' own state, so they are true whatever the task backend."""
    # Here, not at the top: core sits below the apps it reads.
    from upstander.intake.sweep import stranded_counts
    from upstander.reports.models import ProcessingState, Report

    return {
        "tasks_ready": taskqueue.backlog().ready,
        "reports_awaiting_checks": Report.objects.filter(processing=ProcessingState.PENDING).count(),
        "reports_checks_failed": Report.objects.filter(processing=ProcessingState.FAILED).count(),
        # Left behind by a worker that died; the sweeper (`upstander sweep`, and the worker every
        # minute) retries them.
        **stranded_counts(),
    }
