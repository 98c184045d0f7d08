"""The SQLite write gate: transactions queue on a lock (a file lock between processes) and always
give it back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection, connections, transaction

from upstander.accounts.models import Organisation
from upstander.core.dbgate import gate_for

TRY_LOCK = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR)
try:
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
except BlockingIOError:
    sys.exit(3)
"""


def _other_process_can_lock(path: str) -> bool:
    result = subprocess.run([sys.executable, "-c", TRY_LOCK, path], capture_output=True, text=True, timeout=60)
    assert result.returncode in (0, 3), result.stderr
    return result.returncode == 0


def test_a_gate_on_a_database_file_keeps_other_processes_waiting_until_released(tmp_path: Path) -> None:
    database = str(tmp_path / "upstander.sqlite3")
    gate = gate_for(database, in_memory=False)
    assert gate is gate_for(database, in_memory=False)  # one gate per database in a process
    gate.acquire()
    try:
        assert gate.path == f"{database}-write.lock"
        assert not _other_process_can_lock(gate.path)
        assert not gate.threads.acquire(blocking=False)  # and other threads of this process wait too
    finally:
        gate.release()
    assert _other_process_can_lock(gate.path)
    assert gate.threads.acquire(blocking=False)
    gate.threads.release()


def _gate_is_held() -> bool:
    gate = gate_for(str(connection.settings_dict["NAME"]), in_memory=connection.is_in_memory_db())
    if gate.threads.acquire(blocking=False):
        gate.threads.release()
        return False
    return True


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the gate is for SQLite only")
def test_a_transaction_holds_the_gate_until_it_commits_or_rolls_back() -> None:
    assert type(connections["default"]).__module__ == "upstander.core.sqlite.base"
    assert not _gate_is_held()
    with transaction.atomic():
        assert _gate_is_held()
        Organisation.objects.create(slug="gated", name="Gated School")
        with transaction.atomic():  # a savepoint: the gate is taken once
            assert _gate_is_held()
    assert not _gate_is_held()
    with pytest.raises(ValueError), transaction.atomic():
        Organisation.objects.create(slug="rolled-back", name="Rolled Back School")
        raise ValueError("stop")
    assert not _gate_is_held()
    assert list(Organisation.objects.values_list("slug", flat=True)) == ["gated"]
    Organisation.objects.create(slug="autocommit", name="No Transaction")  # not gated, still written
    assert not _gate_is_held()
