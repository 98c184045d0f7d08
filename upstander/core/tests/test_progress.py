"""Long commands show a bar with counts and time left on a terminal, and nothing otherwise."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from upstander.accounts.models import Organisation
from upstander.core.progress import no_progress, terminal_progress


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_a_bar_with_counts_and_time_left_is_drawn_on_a_terminal() -> None:
    out, err = Terminal(), Terminal()
    progress = terminal_progress(stdout=out, stderr=err)
    assert list(progress(range(3), total=3, desc="people")) == [0, 1, 2]
    drawn = err.getvalue()
    assert "people" in drawn and "3/3" in drawn
    assert "<" in drawn  # tqdm's "elapsed<remaining"
    assert out.getvalue() == ""


@pytest.mark.parametrize(
    ("stdout", "stderr", "quiet"),
    [(io.StringIO(), Terminal(), False), (Terminal(), io.StringIO(), False), (Terminal(), Terminal(), True)],
    ids=["stdout-piped", "stderr-piped", "json"],
)
def test_nothing_is_drawn_when_piped_or_asked_for_json(stdout: Any, stderr: Any, quiet: bool) -> None:
    progress = terminal_progress(stdout=stdout, stderr=stderr, quiet=quiet)
    assert progress is no_progress
    assert list(progress([1, 2], total=2, desc="x")) == [1, 2]
    assert stdout.getvalue() == "" and stderr.getvalue() == ""


def _csv(tmp_path: Path, rows: int) -> Path:
    path = tmp_path / "people.csv"
    lines = ["external_id,first_name,last_name"] + [f"UPN{i},Pupil{i},Test" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_people_shows_progress_on_a_terminal(tmp_path: Path, org: Organisation) -> None:
    out, err = Terminal(), Terminal()
    call_command("import_people", str(_csv(tmp_path, 5)), organisation="hill", stdout=out, stderr=err)
    assert "5/5" in err.getvalue()
    assert "5 created" in out.getvalue()


def test_import_people_is_quiet_when_not_a_terminal(tmp_path: Path, org: Organisation) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_people", str(_csv(tmp_path, 5)), organisation="hill", stdout=out, stderr=err)
    assert err.getvalue() == ""
    assert out.getvalue().strip() == "Imported into Hill School: 5 created, 0 updated."


def test_evidence_verify_and_rotate_keys_show_progress_only_on_a_terminal(db: None) -> None:
    from upstander.evidence import conf

    store = conf.store()  # the vault under this test's own var/
    for n in range(3):
        store.put(f"screenshot {n}".encode())
    for action in ("verify", "rotate-keys"):
        out, err = Terminal(), Terminal()
        call_command("evidence", action, stdout=out, stderr=err)
        assert "3/3" in err.getvalue(), action
        out, err = io.StringIO(), io.StringIO()
        call_command("evidence", action, stdout=out, stderr=err)
        assert err.getvalue() == "", action


def test_records_review_is_quiet_under_json_even_on_a_terminal(org: Organisation) -> None:
    out, err = Terminal(), Terminal()
    call_command("records_review", stdout=out, stderr=err)
    assert "cases: 0" in err.getvalue()
    out, err = Terminal(), Terminal()
    call_command("records_review", json=True, stdout=out, stderr=err)
    assert err.getvalue() == "" and out.getvalue() == ""


def test_stage_bars_draw_one_bar_per_stage_only_on_a_terminal() -> None:
    from upstander.core.progress import stage_bars

    out, err = Terminal(), Terminal()
    report = stage_bars(stdout=out, stderr=err)
    for done in range(1, 4):
        report("evidence", done, 3)
    report("database", 1, 1)
    drawn = err.getvalue()
    assert "evidence" in drawn and "3/3" in drawn and "database" in drawn and "1/1" in drawn
    quiet_err = Terminal()
    stage_bars(stdout=Terminal(), stderr=quiet_err, quiet=True)("evidence", 1, 1)
    piped_err = Terminal()
    stage_bars(stdout=io.StringIO(), stderr=piped_err)("evidence", 1, 1)
    assert quiet_err.getvalue() == "" and piped_err.getvalue() == ""


@pytest.mark.parametrize(("command", "args"), [("backup", ["--output", "OUT"]), ("restore", ["ARCHIVE"])])
def test_backup_and_restore_show_progress_on_a_terminal_and_not_under_json(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: str, args: list[str]
) -> None:
    from types import SimpleNamespace

    from upstander.core import backup

    def fake(**kwargs: Any) -> Any:
        for done in range(1, 6):
            kwargs["progress"]("evidence", done, 5)
        return SimpleNamespace(path=tmp_path / "a.zip", members=5, bytes=10, counts={}, key_id="k",
                               created_at="now")  # fmt: skip

    monkeypatch.setattr(backup, "read_passphrase", lambda _path: "x" * 12)
    monkeypatch.setattr(backup, "create_backup", fake)
    monkeypatch.setattr(backup, "restore_backup", lambda **kw: (fake(**kw), {"created_at": "now", "counts": {}})[1])
    argv = [str(tmp_path) if a == "OUT" else str(tmp_path / "a.zip") if a == "ARCHIVE" else a for a in args]
    out, err = Terminal(), Terminal()
    call_command(command, *argv, stdout=out, stderr=err)
    assert "evidence" in err.getvalue() and "5/5" in err.getvalue()
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *argv, stdout=out, stderr=err)
    assert "5/5" not in err.getvalue()
    if command == "backup":
        out, err = Terminal(), Terminal()
        call_command(command, *argv, "--json", stdout=out, stderr=err)
        assert err.getvalue() == ""
