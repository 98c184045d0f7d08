"""Signed checkpoints of hash-chain heads, kept in an append-only file outside the database.

A hash chain kept in a database cannot stop someone who can write that database: they can delete
the newest rows and rewind the head, or change a row and recompute every later hash. What stops
them is an anchor they cannot rewrite. As Certificate Transparency does with signed tree heads,
Upstander now and then writes a *checkpoint* of each chain (its id, the sequence number and hash
of its newest row, the time) signed with an Ed25519 key that is not in the database, one JSON
object a line, to a file opened only for appending. `verify` then checks each chain against every
checkpoint: a chain shorter than a checkpoint says, or whose row at a checkpointed sequence has
another hash, was rewritten.

Each line also carries its own number `n` and `prev`, the SHA-256 of the line before it, so a
line removed or changed in the middle of the file shows; lines removed from the END of the file
do not (keep a copy elsewhere: export bundles, backups, the emailed checkpoint).

Pure Python and `cryptography`, no Django: `upstander.audit.checkpoints` builds on it.
"""

from __future__ import annotations

import base64
import binascii
import fcntl
import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from upstander.hashchain import GENESIS, canonical_json

FORMAT_VERSION = 1
MAX_LINE_BYTES = 4096


class CheckpointKeyError(ValueError):
    """The checkpoint key cannot be used (wrong length, not base64, not a public key)."""


def private_key_from_text(text: str) -> Ed25519PrivateKey:
    """The key from its text form: base64 (standard or URL-safe, padding optional) of 32 raw bytes."""
    cleaned = text.strip()
    try:
        raw = base64.urlsafe_b64decode(cleaned.replace("+", "-").replace("/", "_") + "=" * (-len(cleaned) % 4))
    except (binascii.Error, ValueError):
        raise CheckpointKeyError("it is not base64 text") from None
    if len(raw) != 32:
        raise CheckpointKeyError(f"it decodes to {len(raw)} bytes; an Ed25519 private key is 32 bytes")
    return Ed25519PrivateKey.from_private_bytes(raw)


def public_key_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def load_public_key(data: bytes | str) -> Ed25519PublicKey:
    raw = data.encode("ascii") if isinstance(data, str) else data
    try:
        key = serialization.load_pem_public_key(raw)
    except ValueError:
        raise CheckpointKeyError("it is not a PEM public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise CheckpointKeyError("it is not an Ed25519 public key")
    return key


def key_id(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "ck-" + hashlib.sha256(raw).hexdigest()[:16]


@dataclass(frozen=True)
class Checkpoint:
    """One signed line: chain `chain` had `seq` rows, the newest with hash `head`, at `time`."""

    n: int
    chain: str
    seq: int
    head: str
    time: str
    prev: str
    key_id: str
    sig: str

    def body(self) -> dict[str, object]:
        return {
            "v": FORMAT_VERSION,
            "n": self.n,
            "chain": self.chain,
            "seq": self.seq,
            "head": self.head,
            "time": self.time,
            "prev": self.prev,
            "key_id": self.key_id,
        }

    def line(self) -> bytes:
        return canonical_json({**self.body(), "sig": self.sig}) + b"\n"

    def line_hash(self) -> str:
        return hashlib.sha256(self.line()).hexdigest()

    def describe(self) -> str:
        return f"checkpoint #{self.n} of {self.time}"


@dataclass
class LogReading:
    """Every checkpoint that could be read, and what is wrong with the file."""

    checkpoints: list[Checkpoint] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # Breaks in the numbering or links between lines: lines removed from (or changed in) the middle
    # of the file, or a copy holding only some chains' lines (an export bundle's).
    gaps: list[str] = field(default_factory=list)

    def latest_by_chain(self) -> dict[str, Checkpoint]:
        latest: dict[str, Checkpoint] = {}
        for checkpoint in self.checkpoints:
            latest[checkpoint.chain] = checkpoint
        return latest

    def for_chain(self, chain: str) -> list[Checkpoint]:
        return [c for c in self.checkpoints if c.chain == chain]

    @property
    def last(self) -> Checkpoint | None:
        return self.checkpoints[-1] if self.checkpoints else None


def _parse(raw: bytes, number: int) -> Checkpoint:
    if len(raw) > MAX_LINE_BYTES:
        raise ValueError("it is too long to be a checkpoint")
    data = json.loads(raw.decode("utf-8"))
    if not isinstance(data, dict) or data.get("v") != FORMAT_VERSION:
        raise ValueError("it is not a version-1 checkpoint")
    try:
        checkpoint = Checkpoint(
            n=int(data["n"]),
            chain=str(data["chain"]),
            seq=int(data["seq"]),
            head=str(data["head"]),
            time=str(data["time"]),
            prev=str(data["prev"]),
            key_id=str(data["key_id"]),
            sig=str(data["sig"]),
        )
    except (KeyError, TypeError, ValueError):
        raise ValueError("a field is missing or of the wrong type") from None
    if checkpoint.line() != raw + b"\n":
        raise ValueError("it is not in canonical form (it was edited)")
    return checkpoint


def _signature_ok(checkpoint: Checkpoint, keys: dict[str, Ed25519PublicKey]) -> str | None:
    key = keys.get(checkpoint.key_id)
    if key is None:
        return f"it is signed by key {checkpoint.key_id}, which is not a trusted checkpoint key"
    try:
        key.verify(base64.b64decode(checkpoint.sig, validate=True), canonical_json(checkpoint.body()))
    except (InvalidSignature, binascii.Error, ValueError):
        return "its signature does not verify (it was forged or changed)"
    return None


def read_log(path: Path, *, trusted_keys: Sequence[Ed25519PublicKey]) -> LogReading:
    """Read and check the whole file: every line's form and signature, numbering and links.

    Lines whose form or signature fail are reported in `problems` and left out of `checkpoints`;
    breaks in numbering or links are in `gaps`."""
    reading = LogReading()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return reading
    keys = {key_id(key): key for key in trusted_keys}
    prev, expected_n = GENESIS, 1
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    elif lines:
        reading.problems.append(f"{path}: the last line is incomplete (a write was cut short)")
    for number, raw in enumerate(lines, start=1):
        try:
            checkpoint = _parse(raw, number)
        except (ValueError, UnicodeDecodeError) as exc:
            reading.problems.append(f"{path} line {number} is not a readable checkpoint: {exc}")
            continue
        if checkpoint.n != expected_n:
            reading.gaps.append(
                f"{path} line {number}: checkpoint #{checkpoint.n} follows #{expected_n - 1} "
                f"(checkpoints {expected_n} to {checkpoint.n - 1} are missing from the file)"
                if checkpoint.n > expected_n
                else f"{path} line {number}: checkpoint #{checkpoint.n} is out of order or repeated"
            )
        elif checkpoint.prev != prev:
            reading.gaps.append(
                f"{path} line {number}: checkpoint #{checkpoint.n} does not link to the line before it "
                "(a line before it was changed or removed)"
            )
        bad_signature = _signature_ok(checkpoint, keys)
        if bad_signature is not None:
            reading.problems.append(f"{path} line {number} (checkpoint #{checkpoint.n}): {bad_signature}")
        else:
            reading.checkpoints.append(checkpoint)
        prev, expected_n = checkpoint.line_hash(), checkpoint.n + 1
    return reading


def _now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class AppendableLog:
    """The log held open under an exclusive lock: read what is there, then append signed lines."""

    def __init__(self, path: Path, handle: int, reading: LogReading, last: Checkpoint | None) -> None:
        self.path = path
        self._fd = handle
        self.reading = reading
        self._last = last

    def append(self, heads: Sequence[tuple[str, int, str]], *, key: Ed25519PrivateKey) -> list[Checkpoint]:
        """Sign and append one line per (chain, seq, head); fsync before returning."""
        public = key.public_key()
        kid = key_id(public)
        written: list[Checkpoint] = []
        prev = self._last.line_hash() if self._last else GENESIS
        n = self._last.n + 1 if self._last else 1
        when = _now_iso()
        chunk = b""
        for chain, seq, head in heads:
            unsigned = Checkpoint(n=n, chain=chain, seq=seq, head=head, time=when, prev=prev, key_id=kid, sig="")
            sig = base64.b64encode(key.sign(canonical_json(unsigned.body()))).decode("ascii")
            checkpoint = Checkpoint(**{**unsigned.__dict__, "sig": sig})
            chunk += checkpoint.line()
            written.append(checkpoint)
            prev, n = checkpoint.line_hash(), n + 1
        if chunk:
            os.write(self._fd, chunk)  # O_APPEND: lands at the end even if the file grew meanwhile
            os.fsync(self._fd)
            self._last = written[-1]
        return written


@contextmanager
def open_for_append(path: Path, *, trusted_keys: Sequence[Ed25519PublicKey]) -> Iterator[AppendableLog]:
    """Lock the log (creating it owner-only), read it, and let the caller append.

    The lock serialises web workers and the task worker; appending never rewrites a byte."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        reading = read_log(path, trusted_keys=trusted_keys)
        # Link to the file's real last line even when it failed a check, so a bad line stays visible
        # as one problem instead of breaking every later link.
        last = _last_parsable(path) or reading.last
        yield AppendableLog(path, fd, reading, last)
    finally:
        os.close(fd)  # closing releases the lock


def _last_parsable(path: Path) -> Checkpoint | None:
    data = path.read_bytes()
    for number, raw in reversed(list(enumerate(data.split(b"\n"), start=1))):
        if raw.strip():
            try:
                return _parse(raw, number)
            except (ValueError, UnicodeDecodeError):
                return None
    return None
