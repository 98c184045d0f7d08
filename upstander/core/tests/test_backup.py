"""Backup and restore, end to end: real installations in temporary directories, run as the operator
would (the `upstander` command in a subprocess), so nothing is shared with the test database."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

# Every test here but the PostgreSQL one runs its own SQLite installation whatever DATABASE_URL says
# (_env drops it), so the PostgreSQL run in .ci/run, which would repeat them unchanged, leaves them out.
own_installation = pytest.mark.own_installation

PASSPHRASE = "correct horse battery staple"


def _env(var_dir: Path, database_url: str | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UPSTANDER_", "EVIDENCE_", "CHECKPOINT_"))}
    env.pop("DATABASE_URL", None)
    env.pop("SECRET_KEY", None)
    env.update(
        {
            "UPSTANDER_VAR_DIR": str(var_dir),
            "DJANGO_SETTINGS_MODULE": "upstander.config.settings",
            "UPSTANDER_BACKUP_PASSPHRASE": PASSPHRASE,
        }
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(extra)
    return env


def _run(env: dict[str, str], *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "upstander.manage", *args], env=env, capture_output=True, text=True, timeout=900
    )
    if ok:
        assert done.returncode == 0, f"upstander {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done


def _counts(env: dict[str, str]) -> dict[str, int]:
    code = "import django, json; django.setup(); from upstander.core.backup import counts; print(json.dumps(counts()))"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


ADD_EVIDENCE = """
import io, django
django.setup()
from PIL import Image
from upstander.evidence import adding, tasks
from upstander.reports.models import Report
reports = list(Report.objects.order_by("id")[:2])
buffer = io.BytesIO()
Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, format="PNG")
image = adding.evidence_add_file(report=reports[0], data=buffer.getvalue(), filename="screenshot.png",
                                   added_by_label="test")
text = adding.evidence_add_text(report=reports[1], text="a message kept as evidence", kind="message",
                                  added_by_label="test")
for item in (image, text):
    tasks.derive_evidence.call(item.id)
"""


def _add_evidence(env: dict[str, str]) -> None:
    done = subprocess.run([sys.executable, "-c", ADD_EVIDENCE], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database of an installation just after `upstander migrate` (SQLite), made once: migrating
    takes several seconds, and both the demo installation and the not-empty target start from it."""
    home = tmp_path_factory.mktemp("migrated")
    _run(_env(home), "migrate", "--no-input")
    return home / "upstander.sqlite3"


def _install_database(database: Path, var_dir: Path) -> None:
    """Puts a copy of `database` where the installation at `var_dir` keeps its own (owner-only, as
    migrate leaves it)."""
    var_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = var_dir / "upstander.sqlite3"
    with sqlite3.connect(database) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    target.chmod(0o600)


@pytest.fixture(scope="module")
def demo_backup(tmp_path_factory: pytest.TempPathFactory, migrated: Path) -> tuple[Path, dict[str, int]]:
    """One demo installation (SQLite), backed up once; the tests restore it into fresh directories."""
    source = tmp_path_factory.mktemp("source")
    env = _env(source)
    _install_database(migrated, source)  # what `upstander migrate` made
    _run(env, "demo")
    _add_evidence(env)
    _run(env, "audit", "checkpoint")
    counts = _counts(env)
    out = tmp_path_factory.mktemp("backups")
    done = _run(env, "backup", "--output", str(out), "--json")
    path = Path(json.loads(done.stdout.strip().splitlines()[-1])["path"])
    return path, counts


def _restored(tmp_path: Path, archive: Path) -> dict[str, str]:
    env = _env(tmp_path / "restored")
    _run(env, "restore", str(archive))
    return env


@own_installation
def test_demo_data_restored_into_a_fresh_directory_verifies_and_has_the_same_counts(
    demo_backup: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    archive, counts = demo_backup
    assert counts["cases"] > 0 and counts["evidence_items"] > 0 and counts["audit_events"] > 0
    env = _restored(tmp_path, archive)
    audit = _run(env, "audit", "verify")
    evidence = _run(env, "evidence", "verify")
    assert "fail" not in (audit.stdout + audit.stderr).lower()
    assert "fail" not in (evidence.stdout + evidence.stderr).lower()
    assert _counts(env) == counts
    # The restored installation keeps working: a new checkpoint is signed (with a new key) and still verifies.
    _run(env, "audit", "checkpoint")
    _run(env, "audit", "verify")
    _run(env, "evidence", "verify")


@own_installation
def test_the_archive_holds_no_readable_personal_data_and_not_the_checkpoint_private_key(
    demo_backup: tuple[Path, dict[str, int]],
) -> None:
    archive, _ = demo_backup
    with zipfile.ZipFile(archive) as handle:
        names = handle.namelist()
        blob = b"".join(handle.read(n) for n in names)
    assert "database.enc" in names and "secrets.enc" in names
    assert any(n.startswith("evidence/objects/") for n in names)
    assert not any("checkpoint.key" in n for n in names)
    assert b"SQLite format 3" not in blob
    assert b"CREATE TABLE" not in blob


@own_installation
def test_backup_verify_passes_on_a_good_archive_and_names_the_tampered_member(
    demo_backup: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    archive, _ = demo_backup
    env = _env(tmp_path / "elsewhere")
    good = _run(env, "backup", "verify", str(archive))
    assert "The backup verifies" in good.stdout and "every encrypted member opens" in good.stdout
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(tampered, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "database.enc":
                data = data[:-1] + bytes([data[-1] ^ 1])
            target.writestr(info, data)
    bad = _run(env, "backup", "verify", str(tampered), ok=False)
    assert bad.returncode == 1
    assert "database.enc: its contents do not match the SHA-256 in the signed manifest" in bad.stderr
    refused = _run(_env(tmp_path / "target"), "restore", str(tampered), ok=False)
    assert refused.returncode == 1
    assert "does not verify, nothing was restored" in refused.stderr
    assert not (tmp_path / "target" / "evidence.keys").exists()


@own_installation
def test_a_manifest_changed_after_signing_is_refused(demo_backup: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    archive, _ = demo_backup
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(forged, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["counts"]["cases"] += 1
                data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            target.writestr(info, data)
    bad = _run(_env(tmp_path / "x"), "backup", "verify", str(forged), "--no-passphrase", ok=False)
    assert "signature on manifest.json does not verify" in bad.stderr


@own_installation
def test_a_wrong_passphrase_is_refused_clearly(demo_backup: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    archive, _ = demo_backup
    env = _env(tmp_path / "target", UPSTANDER_BACKUP_PASSPHRASE="not the right passphrase")
    refused = _run(env, "restore", str(archive), ok=False)
    assert refused.returncode == 1
    assert "The passphrase does not open this backup" in refused.stderr


@own_installation
def test_restore_refuses_an_installation_that_is_not_empty(
    demo_backup: tuple[Path, dict[str, int]], migrated: Path, tmp_path: Path
) -> None:
    archive, _ = demo_backup
    env = _env(tmp_path / "used")
    _install_database(migrated, tmp_path / "used")  # an installation that has run `upstander migrate`
    refused = _run(env, "restore", str(archive), ok=False)
    assert refused.returncode == 1
    assert "This installation is not empty, so nothing was restored" in refused.stderr
    assert "the database already has" in refused.stderr


@own_installation
def test_backup_verify_with_another_installations_public_key_says_who_signed_it(
    demo_backup: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from upstander import checkpointlog

    archive, _ = demo_backup
    other = tmp_path / "other.pem"
    other.write_text(checkpointlog.public_key_pem(Ed25519PrivateKey.generate().public_key()))
    bad = _run(_env(tmp_path / "x"), "backup", "verify", str(archive), "--public-key", str(other), ok=False)
    assert "which is not among the trusted public key(s)" in bad.stderr


@own_installation
def test_backup_without_a_passphrase_says_how_to_give_one(tmp_path: Path) -> None:
    env = _env(tmp_path / "src")
    env.pop("UPSTANDER_BACKUP_PASSPHRASE")
    refused = _run(env, "backup", "--output", str(tmp_path / "out"), ok=False)
    assert refused.returncode == 1
    assert "--passphrase-file FILE or set UPSTANDER_BACKUP_PASSPHRASE" in refused.stderr


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@pytest.mark.skipif(
    _postgres_url() is None, reason="needs DATABASE_URL=postgres://... (runs with the PostgreSQL suite)"
)
def test_postgresql_demo_data_round_trips_through_pg_dump_and_restores_with_verifies_passing(tmp_path: Path) -> None:
    import psycopg

    base = str(_postgres_url()).rsplit("/", 1)[0]
    stem = str(_postgres_url()).rsplit("/", 1)[1].split("?")[0]
    names = {"src": f"{stem}_backup_src", "dst": f"{stem}_backup_dst"}

    def recreate() -> None:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            for name in names.values():
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{name}"')

    recreate()
    try:
        source = _env(tmp_path / "src", f"{base}/{names['src']}")
        _run(source, "migrate", "--no-input")
        _run(source, "demo")
        _add_evidence(source)
        _run(source, "audit", "checkpoint")
        counts = _counts(source)
        done = _run(source, "backup", "--output", str(tmp_path / "out"), "--json")
        archive = json.loads(done.stdout.strip().splitlines()[-1])["path"]
        target = _env(tmp_path / "dst", f"{base}/{names['dst']}")
        _run(target, "restore", archive)
        _run(target, "audit", "verify")
        _run(target, "evidence", "verify")
        assert _counts(target) == counts
        again = _run(target, "restore", archive, ok=False)
        assert "This installation is not empty" in again.stderr
        # A PostgreSQL backup does not restore into SQLite.
        sqlite = _run(_env(tmp_path / "lite"), "restore", archive, ok=False)
        assert "holds a postgresql database, and this installation uses sqlite" in sqlite.stderr
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            for name in names.values():
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@own_installation
def test_restore_refuses_an_evidence_key_from_the_environment_that_is_not_the_backups_and_writes_nothing(
    demo_backup: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    from upstander.evidence.vault.crypto import KeyRing

    archive, _ = demo_backup
    env = _env(tmp_path / "target", EVIDENCE_KEY=KeyRing.generate().to_string())
    refused = _run(env, "restore", str(archive), ok=False)
    assert refused.returncode == 1
    assert "EVIDENCE_KEY is set but is not the backup's key ring" in refused.stderr
    assert not (tmp_path / "target" / "evidence").exists()
    # Nothing was restored, so the same installation still counts as empty.
    unset = _env(tmp_path / "target")
    _run(unset, "restore", str(archive))
    _run(unset, "audit", "verify")
