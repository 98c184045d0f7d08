"""The task worker's heartbeat: a file under var/ whose time the worker loop refreshes.

`/healthz` and the metrics read its age. A file rather than a database row: a beat every few
seconds would otherwise take SQLite's single write lock from the people writing reports. With
TASKS_BACKEND=rq the workers may run on other machines: the age is then that of the newest
heartbeat RQ's worker registry holds in Redis (`upstander worker` beats every 45 s).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.conf import settings

from upstander.core import taskqueue

BEAT_EVERY = 10.0  # seconds between beats while the worker loops
ALIVE_WITHIN = 120.0  # a beat older than this: the worker is not running (or is stuck in one task)


def heartbeat_path() -> Path:
    return Path(settings.VAR_DIR) / "worker.heartbeat"


def beat() -> None:
    path = heartbeat_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_text(f"{os.getpid()}\n", encoding="utf-8")
    os.replace(tmp, path)


def age_seconds() -> float | None:
    """Seconds since the last beat, or None if the worker never beat here (or Redis is down)."""
    if taskqueue.backend_kind() == taskqueue.RQ:
        try:
            return taskqueue.rq_heartbeat_age()
        except Exception:  # Redis unreachable: no worker can be seen; /healthz says so through the queue check
            return None
    try:
        return max(0.0, time.time() - heartbeat_path().stat().st_mtime)
    except FileNotFoundError:
        return None


def worker_alive() -> bool:
    age = age_seconds()
    return age is not None and age <= ALIVE_WITHIN
