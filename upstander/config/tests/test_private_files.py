"""World-readable data (issue 10, item 7): with the umask 022 most systems start services with,
everything Upstander writes under its data directory is still owner-only (files 0600, dirs 0700).
(A served instance is checked end to end in core/tests/test_served_security.py.)"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from upstander.config import private

WRITE_EVERYTHING = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.core.mail import send_mail
send_mail("Reset your password", "https://example.org/reset/abc/", None, ["dsl@hill.test"])
from upstander.evidence import conf
conf.keyring()
from upstander.accounts.models import Organisation
from upstander.reports import services
org = Organisation.objects.create(slug="hill", name="Hill School")
receipt = services.report_submit(organisation=org, data=services.ReportInput(reporter_role="target", account="x"))
from upstander.evidence.adding import evidence_add_text
evidence_add_text(report=receipt.report, text="a message", kind="message", added_by=None, added_by_label="reporter")
print("written")
"""


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_with_umask_022_every_file_written_is_owner_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "EVIDENCE_KEY"}}
    env.update({"UPSTANDER_VAR_DIR": str(data), "DJANGO_SETTINGS_MODULE": "upstander.config.settings"})
    result = subprocess.run(
        [sys.executable, "-c", WRITE_EVERYTHING],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert result.returncode == 0, result.stderr
    written = [data, *data.rglob("*")]
    names = {path.name for path in written}
    for expected in ("upstander.sqlite3", "secret_key", "evidence.keys", "mail", "evidence"):
        assert expected in names, expected
    assert any(path.parent.name == "mail" for path in written)
    for path in written:
        if path.is_dir():
            assert _mode(path) == 0o700, path
        else:
            assert _mode(path) & 0o077 == 0, f"{path}: {_mode(path):o}"


def test_tighten_fixes_what_an_older_version_left_readable(tmp_path: Path) -> None:
    root = tmp_path / "var"
    (root / "mail").mkdir(parents=True)
    (root / "upstander.sqlite3").write_text("db")
    (root / "mail" / "reset.log").write_text("link")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("not ours to change")
    (root / "link").symlink_to(outside)
    for path, mode in ((root, 0o755), (root / "mail", 0o755), (root / "upstander.sqlite3", 0o644)):
        path.chmod(mode)
    (root / "mail" / "reset.log").chmod(0o666)
    outside.chmod(0o644)

    changed = private.tighten(root)

    assert set(changed) == {root, root / "mail", root / "upstander.sqlite3", root / "mail" / "reset.log"}
    assert (_mode(root), _mode(root / "mail")) == (0o700, 0o700)
    assert (_mode(root / "upstander.sqlite3"), _mode(root / "mail" / "reset.log")) == (0o600, 0o600)
    assert _mode(outside) == 0o644  # a symbolic link is not followed
    assert private.tighten(root) == []


def test_the_process_umask_is_made_private_whatever_it_was() -> None:
    previous = os.umask(0o002)
    try:
        private.restrict_umask()
        assert os.umask(0o077) == 0o077
        os.umask(0o027)
        private.restrict_umask()
        assert os.umask(0o077) == 0o077
    finally:
        os.umask(previous)
