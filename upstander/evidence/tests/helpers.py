"""Shared by the evidence tests: running the vault command and the queued tasks."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError

from upstander import testing


def run_command(*args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `upstander evidence ARGS`."""
    out, err = StringIO(), StringIO()
    try:
        call_command("evidence", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


def run_tasks() -> int:
    """Run the queued evidence tasks once (see upstander.testing.run_tasks)."""
    return testing.run_tasks(path_prefix="upstander.evidence.")
