"""Backup and restore of a whole installation (`upstander backup`, `upstander backup verify`, `upstander restore`).

One archive file (a ZIP, stored uncompressed because its members are encrypted) holds:

    manifest.json                 plain: format, when, database engine, counts, KDF parameters, and the
                                  SHA-256 and size of every other member
    manifest.sig                  Ed25519 signature of manifest.json by the installation's checkpoint key
    checkpoints/...               plain: the audit checkpoint log and its public key(s) (no personal data,
                                  and a copy elsewhere is what `audit verify --checkpoints` wants)
    secrets.enc                   encrypted: the evidence key ring and SECRET_KEY (API keys are hashed with it)
    database.enc                  encrypted: a consistent snapshot (SQLite backup API, or pg_dump -Fc)
    evidence/objects/<sha>.enc    encrypted: each vault object's envelope exactly as stored (already
    evidence/derived/<kind>/<sha>.enc   encrypted with the key ring, so it is encrypted twice)

Encrypted members use AES-256-GCM with a key derived from the operator's passphrase by scrypt
(n=2**15, r=8, p=1, a random salt per backup); each member's name and the backup's id are the
associated data, so members cannot be swapped between names or backups unnoticed.

What is NOT in the archive: the checkpoint private key. A copy of it beside the database would let
whoever opens the backup forge checkpoints that hide changes made to the restored trail. A restored
installation makes a new checkpoint key when it next writes a checkpoint; the restored public-keys
file keeps the old key trusted, so old checkpoints still verify.

Order of copying: checkpoint files first, then the database snapshot, then the evidence objects.
Every checkpoint copied is then no newer than the snapshot (a later one would look like rows
deleted from the end), and every object a snapshot row names was written before that row.

Limits: each member is held in memory while it is encrypted (the database snapshot included), so a
very large database needs that much free memory; restoring a PostgreSQL backup needs pg_restore,
and a backup restores only into the same kind of database it came from.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.conf import settings
from django.db import connections

from upstander import checkpointlog
from upstander.checkpointlog import CheckpointKeyError

FORMAT = "upstander-backup"
VERSION = 1
PASSPHRASE_ENV = "UPSTANDER_BACKUP_PASSPHRASE"  # noqa: S105 - the variable's name, not a secret
MIN_PASSPHRASE = 12
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"

Progress = Callable[[str, int, int], None]


class BackupError(Exception):
    """Something the operator must fix; the message says what."""


def _noop(_stage: str, _done: int, _total: int) -> None:
    return None


# -- passphrase and encryption ---------------------------------------------------------------------


def read_passphrase(passphrase_file: Path | None) -> str:
    if passphrase_file is not None:
        try:
            text = passphrase_file.read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise BackupError(f"The passphrase file {passphrase_file} cannot be read: {exc.strerror}.") from None
    else:
        text = os.environ.get(PASSPHRASE_ENV, "")
    if not text:
        raise BackupError(
            f"No passphrase: give --passphrase-file FILE or set {PASSPHRASE_ENV}. Keep it apart from the backups."
        )
    if len(text) < MIN_PASSPHRASE:
        raise BackupError(f"The passphrase is too short: use at least {MIN_PASSPHRASE} characters.")
    return text


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _aad(backup_id: str, name: str) -> bytes:
    return f"{FORMAT}/{VERSION}\x00{backup_id}\x00{name}".encode()


def _seal(key: bytes, backup_id: str, name: str, data: bytes) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(key).encrypt(nonce, data, _aad(backup_id, name))


def _open(key: bytes, backup_id: str, name: str, data: bytes) -> bytes:
    return AESGCM(key).decrypt(data[:12], data[12:], _aad(backup_id, name))


# -- what the installation holds ---------------------------------------------------------------------


def _db() -> dict[str, Any]:
    return dict(settings.DATABASES["default"])


def engine_name() -> str:
    engine = str(_db()["ENGINE"])
    if "sqlite" in engine:
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")


def _pg_env(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = ["--dbname", str(db["NAME"])]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _snapshot_database(workdir: Path) -> Path:
    """A consistent copy of the database in a file under `workdir`."""
    db = _db()
    out = workdir / "database"
    if engine_name() == "sqlite":
        # The backup API copies a consistent state even while the app writes (it restarts if a
        # write lands mid-copy), WAL included, which copying the file would not.
        source = sqlite3.connect(str(db["NAME"]))
        target = sqlite3.connect(str(out))
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return out
    # pg_dump takes one snapshot in a single transaction; its custom format restores with
    # pg_restore, keeping the DELETE-refusing triggers and the sequences exactly. dumpdata would
    # lose both (and be slow); it is not offered.
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupError(
            "pg_dump is not on PATH: install the PostgreSQL client tools (same major version as the server)."
        )
    args, env = _pg_env(db)
    done = subprocess.run(  # noqa: S603 - fixed argument list, absolute path from shutil.which
        [pg_dump, "--format=custom", "--no-owner", "--no-privileges", "--file", str(out), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
    return out


def counts() -> dict[str, int]:
    """Row counts a restore must reproduce (no personal data: numbers only)."""
    # Here, not at the top: core sits below the apps; a backup reads their rows and keys only when it runs.
    from upstander.audit.models import AuditEvent
    from upstander.cases.models import Case, CaseEntry
    from upstander.evidence.models import CustodyEvent, EvidenceItem
    from upstander.people.models import Person
    from upstander.reports.models import Report

    return {
        "cases": Case.objects.count(),
        "case_entries": CaseEntry.objects.count(),
        "reports": Report.objects.count(),
        "people": Person.objects.count(),
        "evidence_items": EvidenceItem.objects.count(),
        "custody_events": CustodyEvent.objects.count(),
        "audit_events": AuditEvent.objects.count(),
    }


# -- writing ---------------------------------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    members: int
    bytes: int
    counts: dict[str, int]
    key_id: str


def create_backup(*, output_dir: Path, passphrase: str, progress: Progress = _noop) -> BackupResult:
    # Here, not at the top: core sits below the apps; a backup reads their rows and keys only when it runs.
    from upstander.audit import checkpoints
    from upstander.evidence import conf

    output_dir.mkdir(parents=True, exist_ok=True)
    backup_id = uuid.uuid4().hex
    salt = os.urandom(16)
    key = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    signing = checkpoints.signing_key()
    engine = engine_name()
    stamp = checkpointlog._now_iso().replace(":", "").replace("-", "")
    final = output_dir / f"upstander-backup-{stamp}-{backup_id[:8]}.zip"
    partial = final.with_suffix(".zip.partial")
    members: list[dict[str, Any]] = []
    total = 0

    with (
        tempfile.TemporaryDirectory(prefix="upstander-backup-") as tmp,
        zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive,
    ):

        def add(name: str, data: bytes) -> None:
            nonlocal total
            archive.writestr(name, data)
            members.append({"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)})
            total += len(data)

        # 1. checkpoints first (see the module docstring), then 2. the database snapshot.
        for path in checkpoints.checkpoint_files():
            add(f"checkpoints/{path.name}", path.read_bytes())
        progress("database", 0, 1)
        snapshot = _snapshot_database(Path(tmp))
        add("database.enc", _seal(key, backup_id, "database.enc", snapshot.read_bytes()))
        snapshot.unlink()
        progress("database", 1, 1)
        ring = conf.keyring()
        secrets = {"evidence_key_ring": ring.to_string(), "secret_key": settings.SECRET_KEY}
        add("secrets.enc", _seal(key, backup_id, "secrets.enc", json.dumps(secrets).encode()))
        # 3. the vault's objects, as stored.
        store = conf.store(ring=ring)
        digests = sorted(store.digests())
        derived = sorted(store.derived_items())
        todo = len(digests) + len(derived)
        for done, digest in enumerate(digests, 1):
            name = f"evidence/objects/{digest}.enc"
            add(name, _seal(key, backup_id, name, store.read_raw(digest)))
            progress("evidence", done, todo)
        for done, (kind, digest) in enumerate(derived, len(digests) + 1):
            name = f"evidence/derived/{kind}/{digest}.enc"
            add(name, _seal(key, backup_id, name, store.read_raw_derived(kind=kind, sha256=digest)))
            progress("evidence", done, todo)
        row_counts = counts()
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "backup_id": backup_id,
            "created_at": checkpointlog._now_iso(),
            "database_engine": engine,
            "counts": row_counts,
            "kdf": {
                "name": "scrypt",
                "salt": base64.b64encode(salt).decode(),
                "n": SCRYPT_N,
                "r": SCRYPT_R,
                "p": SCRYPT_P,
            },
            "cipher": "AES-256-GCM",
            "signing_key_id": checkpointlog.key_id(signing.public_key()),
            "signing_public_key": checkpointlog.public_key_pem(signing.public_key()),
            "members": members,
        }
        body = json.dumps(manifest, indent=1, sort_keys=True).encode()
        archive.writestr(MANIFEST, body)
        archive.writestr(SIGNATURE, base64.b64encode(signing.sign(body)) + b"\n")
    os.chmod(partial, 0o600)
    os.replace(partial, final)
    return BackupResult(
        path=final, members=len(members), bytes=total, counts=row_counts, key_id=str(manifest["signing_key_id"])
    )


# -- checking --------------------------------------------------------------------------------------


@dataclass
class Verification:
    problems: list[str] = field(default_factory=list)
    manifest: dict[str, Any] = field(default_factory=dict)
    key_trusted: bool | None = None  # None: no trusted key was given to compare with
    decrypted: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def _read_manifest(archive: zipfile.ZipFile, result: Verification) -> tuple[bytes, dict[str, Any]] | None:
    names = set(archive.namelist())
    if MANIFEST not in names or SIGNATURE not in names:
        result.problems.append("This is not an Upstander backup: manifest.json or manifest.sig is missing.")
        return None
    body = archive.read(MANIFEST)
    try:
        manifest = json.loads(body)
    except ValueError:
        result.problems.append("manifest.json is not valid JSON: the archive is damaged.")
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        result.problems.append("manifest.json does not describe an Upstander backup.")
        return None
    if manifest.get("version") != VERSION:
        result.problems.append(
            f"Backup format version {manifest.get('version')!r} is not one this release reads ({VERSION})."
        )
        return None
    return body, manifest


def verify_backup(
    path: Path,
    *,
    passphrase: str | None = None,
    trusted_keys: list[Ed25519PublicKey] | None = None,
    progress: Progress = _noop,
) -> Verification:
    """Check an archive offline: the signature, every member's SHA-256 and size, nothing extra or
    missing; with the passphrase, also open every encrypted member (AES-GCM checks each one)."""
    result = Verification()
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        result.problems.append(f"{path} cannot be opened as a backup archive: {exc}.")
        return result
    with archive:
        read = _read_manifest(archive, result)
        if read is None:
            return result
        body, manifest = read
        result.manifest = manifest
        try:
            public = checkpointlog.load_public_key(str(manifest["signing_public_key"]))
            public.verify(base64.b64decode(archive.read(SIGNATURE).strip()), body)
        except (CheckpointKeyError, InvalidSignature, ValueError, KeyError):
            result.problems.append(
                "The signature on manifest.json does not verify: the manifest was changed after the backup was made."
            )
            return result
        if trusted_keys is not None:
            trusted_ids = {checkpointlog.key_id(k) for k in trusted_keys}
            result.key_trusted = checkpointlog.key_id(public) in trusted_ids
            if not result.key_trusted:
                result.problems.append(
                    f"The backup is signed by key {checkpointlog.key_id(public)}, which is not among the trusted "
                    "public key(s): it was not made by the installation you trust."
                )
        listed = {m["name"]: m for m in manifest.get("members", [])}
        present = set(archive.namelist()) - {MANIFEST, SIGNATURE}
        for name in sorted(present - set(listed)):
            result.problems.append(f"{name}: in the archive but not in the signed manifest (added afterwards).")
        for name in sorted(set(listed) - present):
            result.problems.append(f"{name}: listed in the manifest but missing from the archive.")
        key = None
        if passphrase is not None:
            kdf = manifest["kdf"]
            key = _derive(passphrase, base64.b64decode(kdf["salt"]), int(kdf["n"]), int(kdf["r"]), int(kdf["p"]))
            try:
                _open(key, manifest["backup_id"], "secrets.enc", archive.read("secrets.enc"))
            except (InvalidTag, KeyError):
                result.problems.append("The passphrase does not open this backup (or secrets.enc is damaged).")
                return result
        names = sorted(set(listed) & present)
        for done, name in enumerate(names, 1):
            data = archive.read(name)
            expected = listed[name]
            if len(data) != expected["size"] or hashlib.sha256(data).hexdigest() != expected["sha256"]:
                result.problems.append(f"{name}: its contents do not match the SHA-256 in the signed manifest.")
            elif key is not None and name.endswith(".enc"):
                try:
                    _open(key, manifest["backup_id"], name, data)
                except InvalidTag:
                    result.problems.append(f"{name}: does not decrypt (damaged or not from this backup).")
            progress("verify", done, len(names))
        result.decrypted = key is not None and not result.problems
    return result


# -- restoring -------------------------------------------------------------------------------------


def installation_problems() -> list[str]:
    """Why this installation is not empty (a restore refuses to overwrite anything)."""
    # Here, not at the top: core sits below the apps; a backup reads their rows and keys only when it runs.
    from upstander.audit import checkpoints
    from upstander.evidence import conf

    problems = []
    connection = connections["default"]
    tables = set(connection.introspection.table_names())
    if tables - {"django_migrations"}:
        problems.append(
            f"the database already has {len(tables)} table(s) (DATABASE_URL {connection.settings_dict['NAME']}): "
            "restore into a new, empty database; do not run `upstander migrate` first"
        )
    if conf.key_file_path().exists():
        problems.append(f"an evidence key file exists at {conf.key_file_path()}")
    evidence_dir = Path(settings.EVIDENCE_DIR)
    if evidence_dir.exists() and any(evidence_dir.iterdir()):
        problems.append(f"the evidence directory {evidence_dir} is not empty")
    if conf.setting("EVIDENCE_STORAGE") == "s3":
        # Here, not at the top: core sits below the apps; a backup reads their rows and keys only when it runs.
        from upstander.evidence.vault.crypto import KeyRing

        # Listing needs no key; a throwaway ring keeps the check from making the key file.
        if next(iter(conf.store(ring=KeyRing.generate()).digests()), None) is not None:
            problems.append("the S3 evidence bucket already holds evidence objects")
    log = checkpoints.log_path()
    if log.exists() and log.stat().st_size:
        problems.append(f"a checkpoint log exists at {log}")
    return problems


def _entries(archive: zipfile.ZipFile, prefix: str) -> Iterator[str]:
    return (n for n in archive.namelist() if n.startswith(prefix))


def restore_backup(*, path: Path, passphrase: str, progress: Progress = _noop) -> dict[str, Any]:
    """Restore `path` into this (empty) installation; returns the manifest. Checks everything first."""
    # Here, not at the top: core sits below the apps; a backup reads their rows and keys only when it runs.
    from upstander.audit import checkpoints
    from upstander.evidence import conf
    from upstander.evidence.vault import crypto

    check = verify_backup(path, passphrase=passphrase)
    if not check.ok:
        raise BackupError("The backup does not verify, nothing was restored:\n  - " + "\n  - ".join(check.problems))
    manifest = check.manifest
    if manifest["database_engine"] != engine_name():
        raise BackupError(
            f"This backup holds a {manifest['database_engine']} database, and this installation uses "
            f"{engine_name()}: set DATABASE_URL to an empty {manifest['database_engine']} database."
        )
    problems = installation_problems()
    if problems:
        raise BackupError(
            "This installation is not empty, so nothing was restored (a restore never overwrites):\n  - "
            + "\n  - ".join(problems)
        )
    kdf = manifest["kdf"]
    key = _derive(passphrase, base64.b64decode(kdf["salt"]), int(kdf["n"]), int(kdf["r"]), int(kdf["p"]))
    backup_id = manifest["backup_id"]
    with zipfile.ZipFile(path) as archive:

        def member(name: str) -> bytes:
            return _open(key, backup_id, name, archive.read(name))

        secrets = json.loads(member("secrets.enc"))
        ring = crypto.KeyRing.from_string(secrets["evidence_key_ring"])
        if conf.key_from_environment() and conf.keyring().to_string() != ring.to_string():
            raise BackupError(
                "EVIDENCE_KEY is set but is not the backup's key ring: unset it (the ring will be written to "
                f"{conf.key_file_path()}) or set it to the backup's ring, then restore again."
            )
        # The database first: if it fails, nothing else has been written and the restore can be run again.
        progress("database", 0, 1)
        _restore_database(member("database.enc"))
        progress("database", 1, 1)
        if not conf.key_from_environment():
            crypto._write_private_file(
                conf.key_file_path(), crypto._KEY_FILE_HEADER + ring.to_string(separator="\n") + "\n", exclusive=True
            )
        if not os.environ.get("SECRET_KEY") and not os.environ.get("SECRET_KEY_FILE"):
            secret_path = Path(settings.VAR_DIR) / "secret_key"
            secret_path.parent.mkdir(parents=True, exist_ok=True)
            secret_path.write_text(secrets["secret_key"] + "\n", encoding="utf-8")
            os.chmod(secret_path, 0o600)
        elif secrets["secret_key"] != settings.SECRET_KEY:
            manifest = {
                **manifest,
                "warnings": [
                    "SECRET_KEY is set in the environment and differs from the backed-up one: API keys made before the "
                    "backup will not work until SECRET_KEY is set back to the old value (or the keys are made again)."
                ],
            }
        # The vault's objects.
        store = conf.store(ring=ring)
        names = [n for n in _entries(archive, "evidence/") if n.endswith(".enc")]
        for done, name in enumerate(names, 1):
            parts = name[: -len(".enc")].split("/")
            if parts[1] == "objects":
                store.write_raw(sha256=parts[2], envelope=member(name))
            else:
                store.write_raw_derived(kind=parts[2], sha256=parts[3], envelope=member(name))
            progress("evidence", done, len(names))
        # The checkpoints (plain members).
        targets = {
            checkpoints.log_path().name: checkpoints.log_path(),
            checkpoints.public_keys_path().name: checkpoints.public_keys_path(),
        }
        for name in _entries(archive, "checkpoints/"):
            target = targets.get(name.split("/", 1)[1])
            if target is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(name))
    return manifest


def _restore_database(data: bytes) -> None:
    db = _db()
    connections.close_all()
    if engine_name() == "sqlite":
        target = Path(str(db["NAME"]))
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".restoring")
        partial.write_bytes(data)
        os.chmod(partial, 0o600)
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        os.replace(partial, target)
        return
    pg_restore = shutil.which("pg_restore")
    if pg_restore is None:
        raise BackupError("pg_restore is not on PATH: install the PostgreSQL client tools.")
    args, env = _pg_env(db)
    with tempfile.NamedTemporaryFile(prefix="upstander-restore-", suffix=".dump") as handle:
        handle.write(data)
        handle.flush()
        done = subprocess.run(  # noqa: S603 - fixed argument list, absolute path from shutil.which
            [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error", *args, handle.name],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()}")
