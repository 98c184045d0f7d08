"""Content-addressed, encrypted blob stores: local disk by default, S3-compatible as an option.

An original is stored once under the SHA-256 of its plaintext and never changes (a second `put`
of the same bytes is a no-op). Derived files (thumbnail, OCR text, redacted preview) live apart,
under `derived/<kind>/`, addressed by the digest of the original they come from, and may be
replaced when regenerated. Everything written is an envelope from `crypto`, so a store's raw
bytes never contain evidence in the clear.

Layout (the same keys locally and in S3)::

    objects/ab/cd/abcd...64 hex            originals
    derived/<kind>/ab/cd/abcd...64 hex     derived files of original abcd...
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from upstander.core.progress import Progress, no_progress

from . import crypto
from .crypto import CryptoError, KeyRing
from .errors import MissingDependency, VaultError

DIGEST_RE = re.compile(r"^[0-9a-f]{64}$")
KIND_RE = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
# Temporary files start with this so a listing can tell a crash leftover from a stray file.
_TMP_PREFIX = ".tmp-"


class BlobNotFound(VaultError):
    def __init__(self, message: str, *, sha256: str = "") -> None:
        super().__init__(message)
        self.sha256 = sha256


def _check_digest(sha256: str) -> str:
    if not isinstance(sha256, str) or not DIGEST_RE.match(sha256):
        raise ValueError(f"{sha256!r} is not a lowercase SHA-256 hex digest.")
    return sha256


def _check_kind(kind: str) -> str:
    if not isinstance(kind, str) or not KIND_RE.match(kind):
        raise ValueError(f"{kind!r} is not a derived-file kind (lowercase letters, digits, '_' or '-').")
    return kind


def original_key(sha256: str) -> str:
    _check_digest(sha256)
    return f"objects/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def derived_key(*, kind: str, sha256: str) -> str:
    _check_kind(kind)
    _check_digest(sha256)
    return f"derived/{kind}/{sha256[:2]}/{sha256[2:4]}/{sha256}"


@runtime_checkable
class BlobStore(Protocol):
    """What the Django layer and the `verify` command rely on; both stores implement it."""

    @property
    def keyring(self) -> KeyRing: ...

    def put(self, plaintext: bytes) -> str: ...
    def get(self, sha256: str) -> bytes: ...
    def exists(self, sha256: str) -> bool: ...
    def delete(self, sha256: str) -> None: ...
    def digests(self) -> Iterator[str]: ...
    def read_raw(self, sha256: str) -> bytes: ...
    def write_raw(self, *, sha256: str, envelope: bytes) -> None: ...
    def put_derived(self, *, kind: str, sha256: str, data: bytes) -> None: ...
    def get_derived(self, *, kind: str, sha256: str) -> bytes: ...
    def derived_exists(self, *, kind: str, sha256: str) -> bool: ...
    def delete_derived(self, *, kind: str, sha256: str) -> None: ...
    def derived_items(self) -> Iterator[tuple[str, str]]: ...
    def read_raw_derived(self, *, kind: str, sha256: str) -> bytes: ...
    def write_raw_derived(self, *, kind: str, sha256: str, envelope: bytes) -> None: ...
    def unexpected_entries(self) -> Iterator[str]: ...


class _EncryptedStore:
    """The encryption and addressing rules, over five raw primitives a backend provides."""

    def __init__(self, *, keyring: KeyRing) -> None:
        self._keyring = keyring

    @property
    def keyring(self) -> KeyRing:
        return self._keyring

    # -- backend primitives ---------------------------------------------------------------
    def _read(self, key: str) -> bytes:
        raise NotImplementedError

    def _write(self, key: str, data: bytes, *, overwrite: bool) -> None:
        raise NotImplementedError

    def _exists(self, key: str) -> bool:
        raise NotImplementedError

    def _delete(self, key: str) -> None:
        raise NotImplementedError

    def _keys(self, prefix: str) -> Iterator[str]:
        """Every stored key under `prefix` ("objects/" or "derived/"), in any order."""
        raise NotImplementedError

    # -- originals ------------------------------------------------------------------------
    def put(self, plaintext: bytes) -> str:
        digest = crypto.sha256_hex(plaintext)
        key = original_key(digest)
        # Same bytes, same name: storing twice is a no-op, and an original is never rewritten here.
        if not self._exists(key):
            envelope = crypto.encrypt(
                plaintext=plaintext, keyring=self._keyring, context=crypto.original_context(digest)
            )
            self._write(key, envelope, overwrite=False)
        return digest

    def get(self, sha256: str) -> bytes:
        return crypto.decrypt_original(envelope=self.read_raw(sha256), keyring=self._keyring, sha256=sha256)

    def exists(self, sha256: str) -> bool:
        return self._exists(original_key(sha256))

    def delete(self, sha256: str) -> None:
        """Remove an original: only at the end of retention or on erasure, once no evidence row
        refers to it (the same bytes may belong to two reports); the caller records why."""
        self._delete(original_key(sha256))

    def digests(self) -> Iterator[str]:
        for key in self._keys("objects/"):
            parsed = _parse_original_key(key)
            if parsed is not None:
                yield parsed

    def read_raw(self, sha256: str) -> bytes:
        try:
            return self._read(original_key(sha256))
        except BlobNotFound:
            raise BlobNotFound(f"No evidence object {sha256} is stored.", sha256=sha256) from None

    def write_raw(self, *, sha256: str, envelope: bytes) -> None:
        """Replace an original's envelope as it is (key rotation, tests). Not for new evidence."""
        self._write(original_key(sha256), envelope, overwrite=True)

    # -- derived files --------------------------------------------------------------------
    def put_derived(self, *, kind: str, sha256: str, data: bytes) -> None:
        envelope = crypto.encrypt(
            plaintext=data, keyring=self._keyring, context=crypto.derived_context(kind=kind, sha256=sha256)
        )
        self._write(derived_key(kind=kind, sha256=sha256), envelope, overwrite=True)

    def get_derived(self, *, kind: str, sha256: str) -> bytes:
        envelope = self.read_raw_derived(kind=kind, sha256=sha256)
        return crypto.decrypt(
            envelope=envelope, keyring=self._keyring, context=crypto.derived_context(kind=kind, sha256=sha256)
        )

    def derived_exists(self, *, kind: str, sha256: str) -> bool:
        return self._exists(derived_key(kind=kind, sha256=sha256))

    def delete_derived(self, *, kind: str, sha256: str) -> None:
        self._delete(derived_key(kind=kind, sha256=sha256))

    def derived_items(self) -> Iterator[tuple[str, str]]:
        """(kind, source sha256) for every derived file."""
        for key in self._keys("derived/"):
            parsed = _parse_derived_key(key)
            if parsed is not None:
                yield parsed

    def read_raw_derived(self, *, kind: str, sha256: str) -> bytes:
        try:
            return self._read(derived_key(kind=kind, sha256=sha256))
        except BlobNotFound:
            raise BlobNotFound(f"No {kind} is stored for evidence object {sha256}.", sha256=sha256) from None

    def write_raw_derived(self, *, kind: str, sha256: str, envelope: bytes) -> None:
        self._write(derived_key(kind=kind, sha256=sha256), envelope, overwrite=True)

    def unexpected_entries(self) -> Iterator[str]:
        """Stored keys that fit neither layout: leftovers of a crash, or something put there by hand."""
        for prefix in ("objects/", "derived/"):
            for key in self._keys(prefix):
                if _parse_original_key(key) is None and _parse_derived_key(key) is None:
                    yield key

    def verify_all(self, *, expected_digests: Iterable[str] | None = None) -> list[VerificationProblem]:
        return verify_all(store=self, expected_digests=expected_digests)


def _parse_original_key(key: str) -> str | None:
    parts = key.split("/")
    if len(parts) == 4 and parts[0] == "objects" and DIGEST_RE.match(parts[3]):
        digest = parts[3]
        if parts[1] == digest[:2] and parts[2] == digest[2:4]:
            return digest
    return None


def _parse_derived_key(key: str) -> tuple[str, str] | None:
    parts = key.split("/")
    if len(parts) == 5 and parts[0] == "derived" and KIND_RE.match(parts[1]) and DIGEST_RE.match(parts[4]):
        digest = parts[4]
        if parts[2] == digest[:2] and parts[3] == digest[2:4]:
            return parts[1], digest
    return None


# ---------------------------------------------------------------------------------------------
# Local disk


def _fsync_dir(path: Path) -> None:
    # A rename is only durable once the directory entry itself is on disk.
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class LocalBlobStore(_EncryptedStore):
    """Blobs as files under `root`, sharded two levels deep (65,536 directories at most), each
    written atomically (temporary file, fsync, link/rename, fsync of the directory) with mode 0600."""

    def __init__(self, *, root: Path, keyring: KeyRing) -> None:
        super().__init__(keyring=keyring)
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)

    def _path(self, key: str) -> Path:
        # Keys come only from original_key/derived_key (validated hex and kinds), never from users.
        return self.root.joinpath(*key.split("/"))

    def _ensure_dir(self, directory: Path) -> None:
        if directory.is_dir():
            return
        # Create level by level so every shard directory gets 0700 (mkdir(parents=True) would
        # give intermediate levels the umask default).
        missing: list[Path] = []
        probe = directory
        while not probe.exists():
            missing.append(probe)
            probe = probe.parent
        for created in reversed(missing):
            try:
                created.mkdir(mode=0o700)
            except FileExistsError:
                continue
            _fsync_dir(created.parent)

    def _read(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise BlobNotFound(f"{key} is not stored.", sha256=key.rsplit("/", 1)[-1]) from None

    def _write(self, key: str, data: bytes, *, overwrite: bool) -> None:
        path = self._path(key)
        self._ensure_dir(path.parent)
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=_TMP_PREFIX)  # mode 0600
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if overwrite:
                os.replace(tmp, path)
            else:
                # link() fails if the name exists, so two writers racing on the same original
                # cannot replace one another's file; the loser simply drops its copy.
                try:
                    os.link(tmp, path)
                except FileExistsError:
                    pass
                except OSError as exc:
                    if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
                        raise
                    # File systems without hard links (some network mounts): rename instead.
                    os.replace(tmp, path)
                tmp.unlink(missing_ok=True)
            _fsync_dir(path.parent)
        finally:
            tmp.unlink(missing_ok=True)

    def _exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def _delete(self, key: str) -> None:
        path = self._path(key)
        try:
            path.unlink()
        except FileNotFoundError:
            return
        _fsync_dir(path.parent)

    def _keys(self, prefix: str) -> Iterator[str]:
        base = self.root / prefix.rstrip("/")
        if not base.is_dir():
            return
        for dirpath, _dirnames, filenames in os.walk(base):
            rel = Path(dirpath).relative_to(self.root).as_posix()
            for name in filenames:
                yield f"{rel}/{name}"


# ---------------------------------------------------------------------------------------------
# S3-compatible object storage

BOTO3_HINT = "pip install boto3==1.44.5"


def _s3_client(client_kwargs: Mapping[str, Any]) -> Any:
    try:
        import boto3  # imported here so that local-disk installs need not carry boto3
    except ImportError:
        raise MissingDependency(
            f"S3 evidence storage needs the boto3 package, which is not installed. Install it with "
            f"`{BOTO3_HINT}`, or use local disk storage."
        ) from None
    return boto3.client("s3", **client_kwargs)


def _is_not_found(exc: Exception) -> bool:
    # botocore's ClientError carries the HTTP status in .response; checking the shape avoids
    # importing botocore here (and lets tests use a fake client).
    response = getattr(exc, "response", None)
    if not isinstance(response, Mapping):
        return False
    code = str(response.get("Error", {}).get("Code", ""))
    status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    return code in {"404", "NoSuchKey", "NotFound"} or status == 404


class S3BlobStore(_EncryptedStore):
    """The same store on S3-compatible object storage (AWS S3, MinIO, Ceph, ...).

    Objects are encrypted before upload, so the provider only sees ciphertext; server-side
    encryption, Object Lock retention or a storage class can be added with `put_args`.
    `client` is any object with boto3's S3 client methods used here (tests pass a fake).
    """

    def __init__(
        self,
        *,
        bucket: str,
        keyring: KeyRing,
        prefix: str = "",
        client: Any = None,
        client_kwargs: Mapping[str, Any] | None = None,
        put_args: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(keyring=keyring)
        if prefix and not prefix.endswith("/"):
            prefix += "/"
        self.bucket = bucket
        self.prefix = prefix
        self.put_args = dict(put_args or {})
        self.client = client if client is not None else _s3_client(client_kwargs or {})

    def _read(self, key: str) -> bytes:
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=self.prefix + key)
        except Exception as exc:
            if _is_not_found(exc):
                raise BlobNotFound(f"{key} is not stored.", sha256=key.rsplit("/", 1)[-1]) from None
            raise
        body = response["Body"]
        try:
            data: bytes = body.read()
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()
        return data

    def _write(self, key: str, data: bytes, *, overwrite: bool) -> None:
        # `put` has already checked that an original is absent; a racing writer of the same
        # original stores an equally valid envelope of the same plaintext, so no lock is needed.
        self.client.put_object(
            Bucket=self.bucket,
            Key=self.prefix + key,
            Body=data,
            ContentType="application/octet-stream",
            **self.put_args,
        )

    def _exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self.prefix + key)
        except Exception as exc:
            if _is_not_found(exc):
                return False
            raise
        return True

    def _delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.prefix + key)

    def _keys(self, prefix: str) -> Iterator[str]:
        kwargs: dict[str, Any] = {"Bucket": self.bucket, "Prefix": self.prefix + prefix}
        while True:
            page = self.client.list_objects_v2(**kwargs)
            for item in page.get("Contents", []):
                yield str(item["Key"])[len(self.prefix) :]
            if not page.get("IsTruncated"):
                return
            kwargs["ContinuationToken"] = page["NextContinuationToken"]


# ---------------------------------------------------------------------------------------------
# Verification and key rotation


@dataclass(frozen=True)
class VerificationProblem:
    """One thing wrong in a store. `location` is "original", "derived <kind>" or "store"."""

    location: str
    digest: str
    problem: str

    def __str__(self) -> str:
        return f"{self.location} {self.digest}: {self.problem}"


def _check_original(store: BlobStore, digest: str) -> VerificationProblem | None:
    try:
        envelope = store.read_raw(digest)
        plaintext = crypto.decrypt(envelope=envelope, keyring=store.keyring, context=crypto.original_context(digest))
    except BlobNotFound:
        return VerificationProblem("original", digest, "the object is missing from the store")
    except CryptoError as exc:
        return VerificationProblem("original", digest, str(exc))
    actual = crypto.sha256_hex(plaintext)
    if actual != digest:
        return VerificationProblem("original", digest, f"the content now has SHA-256 {actual}")
    return None


def verify_all(
    *, store: BlobStore, expected_digests: Iterable[str] | None = None, progress: Progress = no_progress
) -> list[VerificationProblem]:
    """Re-hash every original, open every derived file, and list what is wrong (empty: all good).

    `expected_digests` are the digests the database refers to; any not stored is reported as
    missing, which a walk of the store alone could never notice.
    """
    problems: list[VerificationProblem] = []
    seen: set[str] = set()
    digests = list(store.digests())
    for digest in progress(digests, total=len(digests), desc="stored objects"):
        seen.add(digest)
        problem = _check_original(store, digest)
        if problem is not None:
            problems.append(problem)
    for digest in sorted(set(expected_digests or ()) - seen):
        problems.append(VerificationProblem("original", digest, "the database refers to it but it is not in the store"))
    for kind, digest in store.derived_items():
        try:
            store.get_derived(kind=kind, sha256=digest)
        except (BlobNotFound, CryptoError) as exc:
            problems.append(VerificationProblem(f"derived {kind}", digest, str(exc)))
        if digest not in seen:
            problems.append(VerificationProblem(f"derived {kind}", digest, "its original is not in the store"))
    for key in store.unexpected_entries():
        name = key.rsplit("/", 1)[-1]
        what = (
            "a temporary file left by an interrupted write"
            if name.startswith(_TMP_PREFIX)
            else "a file that is not part of the vault layout"
        )
        problems.append(VerificationProblem("store", key, what))
    return problems


@dataclass
class RotationResult:
    reencrypted: int = 0
    already_current: int = 0
    problems: list[VerificationProblem] = field(default_factory=list)


def rotate_store_keys(*, store: BlobStore, progress: Progress = no_progress) -> RotationResult:
    """Re-encrypt every blob not yet under the active key. Each original is hash-checked before it
    is rewritten, so rotation never launders a damaged blob into a fresh, valid-looking one."""
    result = RotationResult()
    ring = store.keyring
    digests = list(store.digests())
    for digest in progress(digests, total=len(digests), desc="re-encrypting"):
        try:
            envelope = store.read_raw(digest)
            if crypto.envelope_key_id(envelope) == ring.active_key_id:
                result.already_current += 1
                continue
            plaintext = crypto.decrypt_original(envelope=envelope, keyring=ring, sha256=digest)
            fresh = crypto.encrypt(plaintext=plaintext, keyring=ring, context=crypto.original_context(digest))
            store.write_raw(sha256=digest, envelope=fresh)
            result.reencrypted += 1
        except (BlobNotFound, CryptoError) as exc:
            result.problems.append(VerificationProblem("original", digest, str(exc)))
    for kind, digest in list(store.derived_items()):
        context = crypto.derived_context(kind=kind, sha256=digest)
        try:
            envelope = store.read_raw_derived(kind=kind, sha256=digest)
            if crypto.envelope_key_id(envelope) == ring.active_key_id:
                result.already_current += 1
                continue
            store.write_raw_derived(
                kind=kind,
                sha256=digest,
                envelope=crypto.reencrypt(envelope=envelope, keyring=ring, context=context),
            )
            result.reencrypted += 1
        except (BlobNotFound, CryptoError) as exc:
            result.problems.append(VerificationProblem(f"derived {kind}", digest, str(exc)))
    return result
