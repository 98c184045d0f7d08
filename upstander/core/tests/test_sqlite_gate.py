"""The SQLite write gate (core/sqlite/gate.py): transactions queue on a lock (a file lock between
processes), always give it back, and go ahead without it rather than wait past the timeout."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, connections, transaction

from upstander.accounts.models import Organisation
from upstander.core.sqlite.gate import gate_for

HOLD_LOCK = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
"""
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


def test_a_gate_on_a_database_file_keeps_other_processes_and_threads_waiting_until_released(tmp_path: Path) -> None:
    database = str(tmp_path / "upstander.sqlite3")
    gate = gate_for(database, in_memory=False)
    assert gate is gate_for(database, in_memory=False)  # one gate per database in a process
    assert gate.acquire(timeout=5)
    try:
        assert gate.path == f"{database}-write.lock"
        assert not _other_process_can_lock(gate.path)
        assert not gate.threads.acquire(blocking=False)  # and other threads of this process wait too
    finally:
        gate.release()
    assert _other_process_can_lock(gate.path)
    assert gate.threads.acquire(blocking=False)
    gate.threads.release()


def test_a_waiting_writer_goes_in_as_soon_as_another_process_lets_go(tmp_path: Path) -> None:
    gate = gate_for(str(tmp_path / "upstander.sqlite3"), in_memory=False)
    assert gate.path is not None
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, gate.path, "0.5"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        assert gate.acquire(timeout=30)
        waited = time.monotonic() - started
        gate.release()
    finally:
        holder.wait(timeout=30)
    assert 0.3 < waited < 5  # it waited for the holder, and not for its own timeout


def test_a_gate_held_past_the_timeout_is_given_up_on_and_left_usable(tmp_path: Path) -> None:
    gate = gate_for(str(tmp_path / "upstander.sqlite3"), in_memory=False)
    assert gate.path is not None
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, gate.path, "1"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        assert not gate.acquire(timeout=0.2)  # SQLite's own busy timeout takes over from here
        assert gate.threads.acquire(blocking=False)  # nothing of this process is left held
        gate.threads.release()
    finally:
        holder.wait(timeout=30)
    assert gate.acquire(timeout=5)
    gate.release()


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


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the gate is for SQLite only")
def test_on_commit_work_runs_after_the_gate_is_given_back() -> None:
    seen: list[bool] = []
    with transaction.atomic():
        Organisation.objects.create(slug="hooked", name="Hooked School")
        transaction.on_commit(lambda: seen.append(_gate_is_held()))
    assert seen == [False]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the gate is for SQLite only")
def test_a_connection_closed_inside_a_transaction_gives_the_gate_back() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        assert _gate_is_held()
        connection.close()
        raise RuntimeError("the connection went away")
    assert not _gate_is_held()
    done = threading.Event()

    def other_thread() -> None:
        with transaction.atomic():
            Organisation.objects.create(slug="after", name="After School")
        connections.close_all()
        done.set()

    worker = threading.Thread(target=other_thread)
    worker.start()
    worker.join(timeout=30)
    assert done.is_set()
