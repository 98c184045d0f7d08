"""Encryption at rest for the evidence vault: a key ring and AES-256-GCM envelopes.

Why AES-256-GCM: it is the authenticated cipher that auditors and police forensic staff expect
(NIST SP 800-38D, NCSC guidance), it is hardware-accelerated on every server CPU we target, and
`cryptography` ships it. Nonces are 96 random bits per envelope; the usual bound for random GCM
nonces (2**32 envelopes per key) is far beyond a school's evidence volume, and rotation resets it.

Envelope format, version 1 (all integers big-endian)::

    offset  size  field
    0       4     magic b"UPEV"
    4       1     version (1)
    5       1     key id length n (1..64)
    6       n     key id, ASCII [A-Za-z0-9._-]
    6+n     12    nonce
    18+n    rest  ciphertext followed by the 16-byte GCM tag

Associated data = the header (bytes 0..6+n) + a *context*. For an original the context is
`b"original:" + sha256 hex of the plaintext`, so an envelope moved under another digest's name
fails authentication instead of returning the wrong evidence. Derived files use
`b"derived:<kind>:<source sha256>"`, and the organisation signing key its own context.
Binding the header means the key id and version cannot be edited either.

Limit: version 1 encrypts in one shot, so one object can be at most 2 GiB - 1 byte (a limit of
the GCM implementation). Per-file upload limits are far below that; a chunked version 2 can be
added behind the version byte if large video ever needs it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
import secrets
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .errors import VaultError

MAGIC = b"UPEV"
VERSION = 1
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
# AESGCM in `cryptography` refuses data longer than this; we say so in our own words first.
MAX_PLAINTEXT_BYTES = 2**31 - 1

_KEY_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_DIGEST_RE = re.compile(r"^[0-9a-f]{64}$")
_KIND_RE = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")


class KeyRingError(VaultError):
    """The key ring configuration is unusable (bad format, wrong length, unsafe file)."""


class CryptoError(VaultError):
    """An envelope could not be opened. Subclasses say why."""


class EnvelopeError(CryptoError):
    """The bytes are not a vault envelope we understand (truncated, wrong magic, unknown version)."""


class UnknownKeyError(CryptoError):
    """The envelope names a key id that is not in the key ring."""

    def __init__(self, message: str, *, key_id: str = "") -> None:
        super().__init__(message)
        self.key_id = key_id


class DecryptionError(CryptoError):
    """Authentication failed: the envelope was altered, is filed under the wrong name, or the key
    with that id has the wrong value."""

    def __init__(self, message: str, *, key_id: str = "") -> None:
        super().__init__(message)
        self.key_id = key_id


class DigestMismatch(CryptoError):
    """The decrypted bytes do not hash to the digest they are stored under."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def new_key_id() -> str:
    """A fresh key id: the date makes "which key is newer" obvious to an operator."""
    return f"k{datetime.now(UTC):%Y%m%d}-{secrets.token_hex(3)}"


def _derived_key_id(key: bytes) -> str:
    # For a bare key given without an id: stable across restarts, reveals nothing useful about the
    # key (a domain-separated hash, truncated).
    return "k-" + hashlib.sha256(b"upstander-vault-key-id\x00" + key).hexdigest()[:12]


def _decode_key(text: str, *, key_id: str) -> bytes:
    text = text.strip()
    padded = text + "=" * (-len(text) % 4)
    try:
        if "-" in text or "_" in text:
            key = base64.urlsafe_b64decode(padded.encode("ascii"))
        else:
            key = base64.b64decode(padded.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise KeyRingError(f"Key {key_id!r} is not valid base64.") from None
    if len(key) != KEY_BYTES:
        raise KeyRingError(
            f"Key {key_id!r} is {len(key)} bytes long; vault keys must be exactly {KEY_BYTES} bytes "
            "(44 characters of base64; `openssl rand -base64 32` makes one)."
        )
    return key


@dataclass(frozen=True)
class KeyRing:
    """Key id -> 32-byte key, and which id new envelopes use.

    Old keys stay in the ring after a rotation so that envelopes written with them still open; a
    key may be removed once `rotate_store_keys` reports that nothing uses it.
    """

    keys: Mapping[str, bytes] = field(repr=False)
    active_key_id: str

    def __post_init__(self) -> None:
        if not self.keys:
            raise KeyRingError("The key ring is empty: at least one key is needed.")
        for key_id, key in self.keys.items():
            if not _KEY_ID_RE.match(key_id):
                raise KeyRingError(f"Key id {key_id!r} is not allowed: use 1-64 letters, digits, '.', '_' or '-'.")
            if len(key) != KEY_BYTES:
                raise KeyRingError(f"Key {key_id!r} must be exactly {KEY_BYTES} bytes.")
        if self.active_key_id not in self.keys:
            raise KeyRingError(f"The active key id {self.active_key_id!r} is not in the key ring.")
        # Freeze a private copy so a caller mutating its dict cannot change a live key ring.
        object.__setattr__(self, "keys", MappingProxyType(dict(self.keys)))

    @property
    def active_key(self) -> bytes:
        return self.keys[self.active_key_id]

    @property
    def key_ids(self) -> tuple[str, ...]:
        return tuple(self.keys)

    def key(self, key_id: str) -> bytes:
        try:
            return self.keys[key_id]
        except KeyError:
            known = ", ".join(sorted(self.keys))
            raise UnknownKeyError(
                f"This blob was encrypted with key {key_id!r}, which is not in the vault key ring "
                f"(keys present: {known}). Add key {key_id!r} back to the key ring to read it.",
                key_id=key_id,
            ) from None

    @classmethod
    def generate(cls, *, key_id: str | None = None) -> KeyRing:
        kid = key_id or new_key_id()
        return cls(keys={kid: secrets.token_bytes(KEY_BYTES)}, active_key_id=kid)

    @classmethod
    def from_string(cls, text: str) -> KeyRing:
        """Parse `id1:base64,id2:base64` (commas or new lines; the first key is active).

        A single bare base64 key is accepted too and gets an id derived from the key, so the same
        key always has the same id. Lines starting with '#' are comments (for key files).
        """
        entries: list[tuple[str, bytes]] = []
        for raw_line in text.splitlines():
            line = raw_line.strip()
            if not line or line.startswith("#"):
                continue
            for part in line.split(","):
                item = part.strip()
                if not item:
                    continue
                if ":" in item:
                    key_id, _, encoded = item.partition(":")
                    key_id = key_id.strip()
                    if not _KEY_ID_RE.match(key_id):
                        raise KeyRingError(
                            f"Key id {key_id!r} is not allowed: use 1-64 letters, digits, '.', '_' or '-'."
                        )
                    entries.append((key_id, _decode_key(encoded, key_id=key_id)))
                else:
                    key = _decode_key(item, key_id="(no id)")
                    entries.append((_derived_key_id(key), key))
        if not entries:
            raise KeyRingError("No vault key was found: expected `id:base64key`, one or more, comma-separated.")
        keys: dict[str, bytes] = {}
        for key_id, key in entries:
            if key_id in keys:
                raise KeyRingError(f"Key id {key_id!r} appears twice in the key ring.")
            keys[key_id] = key
        return cls(keys=keys, active_key_id=entries[0][0])

    @classmethod
    def from_file(cls, path: Path, *, check_permissions: bool = True) -> KeyRing:
        """Load a key file written by `generate_key_file` (same syntax as `from_string`).

        With `check_permissions`, a file that other users can read is refused: the whole vault is
        only as private as this file. Turn it off for read-only secret mounts that you have
        protected another way.
        """
        path = Path(path)
        try:
            mode = path.stat().st_mode
            text = path.read_text(encoding="ascii")
        except FileNotFoundError:
            raise KeyRingError(f"The vault key file {path} does not exist.") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise KeyRingError(f"The vault key file {path} could not be read: {exc}.") from None
        if check_permissions and mode & 0o077:
            raise KeyRingError(
                f"The vault key file {path} can be read by other users (mode {mode & 0o777:o}). Run `chmod 600 {path}`."
            )
        return cls.from_string(text)

    def with_new_active_key(self, *, key_id: str | None = None) -> KeyRing:
        """A copy with a freshly generated key in front (active); the old keys stay readable."""
        kid = key_id or new_key_id()
        if kid in self.keys:
            raise KeyRingError(f"Key id {kid!r} is already in the key ring.")
        keys = {kid: secrets.token_bytes(KEY_BYTES), **self.keys}
        return KeyRing(keys=keys, active_key_id=kid)

    def to_string(self, *, separator: str = ",") -> str:
        """Serialise, active key first. The result is secret: write it only to protected places."""
        order = [self.active_key_id, *(k for k in self.keys if k != self.active_key_id)]
        return separator.join(f"{k}:{base64.b64encode(self.keys[k]).decode('ascii')}" for k in order)


_KEY_FILE_HEADER = (
    "# Upstander evidence vault keys. KEEP SECRET AND BACK UP SEPARATELY FROM THE EVIDENCE:\n"
    "# without this file the evidence cannot be decrypted. One `id:base64` per line; the first is\n"
    "# used for new evidence, the others still open older evidence.\n"
)


def _write_private_file(path: Path, text: str, *, exclusive: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Written whole to a private temporary file first, so no reader (another web worker starting
    # at the same moment) ever sees a half-written key file.
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mkstemp: mode 0600
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if exclusive:
            # link() fails if the name exists: never overwrite a key file, whose loss would make
            # evidence unreadable.
            try:
                os.link(tmp_name, path)
            except FileExistsError:
                raise KeyRingError(f"The vault key file {path} already exists; it was not overwritten.") from None
        else:
            os.replace(tmp_name, path)
    finally:
        Path(tmp_name).unlink(missing_ok=True)


def generate_key_file(*, path: Path, key_id: str | None = None) -> KeyRing:
    """Create a new key file (mode 0600) for embedded mode; refuses to overwrite one."""
    ring = KeyRing.generate(key_id=key_id)
    _write_private_file(Path(path), _KEY_FILE_HEADER + ring.to_string(separator="\n") + "\n", exclusive=True)
    return ring


def load_or_create_key_file(*, path: Path) -> KeyRing:
    """Embedded mode: use the key file under var/, creating it on first start."""
    path = Path(path)
    if path.exists():
        return KeyRing.from_file(path)
    try:
        return generate_key_file(path=path)
    except KeyRingError:
        if path.exists():  # another process created it between our check and our write
            return KeyRing.from_file(path)
        raise


def rotate_key_file(*, path: Path, key_id: str | None = None) -> KeyRing:
    """Put a new active key at the top of a key file, keeping the old keys (atomic replace).

    After this, run the store rotation (`storage.rotate_store_keys`) to re-encrypt old blobs.
    """
    path = Path(path)
    ring = KeyRing.from_file(path).with_new_active_key(key_id=key_id)
    _write_private_file(path, _KEY_FILE_HEADER + ring.to_string(separator="\n") + "\n", exclusive=False)
    return ring


def original_context(sha256: str) -> bytes:
    if not _DIGEST_RE.match(sha256):
        raise ValueError(f"{sha256!r} is not a lowercase SHA-256 hex digest.")
    return b"original:" + sha256.encode("ascii")


def derived_context(*, kind: str, sha256: str) -> bytes:
    if not _KIND_RE.match(kind):
        raise ValueError(f"{kind!r} is not a valid derived-file kind (lowercase letters, digits, '_', '-').")
    if not _DIGEST_RE.match(sha256):
        raise ValueError(f"{sha256!r} is not a lowercase SHA-256 hex digest.")
    return f"derived:{kind}:{sha256}".encode("ascii")


def _header(key_id: str) -> bytes:
    kid = key_id.encode("ascii")
    return MAGIC + bytes([VERSION, len(kid)]) + kid


def _parse(envelope: bytes) -> tuple[bytes, str, bytes, bytes]:
    """Split an envelope into (header, key id, nonce, ciphertext+tag), or raise EnvelopeError."""
    if len(envelope) < 6 or envelope[:4] != MAGIC:
        raise EnvelopeError("These bytes are not an Upstander vault envelope (the magic bytes are wrong).")
    version = envelope[4]
    if version != VERSION:
        raise EnvelopeError(
            f"This envelope has format version {version}; this version of Upstander reads version {VERSION}."
        )
    kid_len = envelope[5]
    header_end = 6 + kid_len
    if kid_len == 0 or len(envelope) < header_end + NONCE_BYTES + TAG_BYTES:
        raise EnvelopeError("This vault envelope is truncated or its header is damaged.")
    try:
        key_id = envelope[6:header_end].decode("ascii")
    except UnicodeDecodeError:
        raise EnvelopeError("This vault envelope's key id is damaged (not ASCII).") from None
    if not _KEY_ID_RE.match(key_id):
        raise EnvelopeError(f"This vault envelope's key id {key_id!r} is damaged.")
    nonce = envelope[header_end : header_end + NONCE_BYTES]
    return envelope[:header_end], key_id, nonce, envelope[header_end + NONCE_BYTES :]


def envelope_key_id(envelope: bytes) -> str:
    """The key id an envelope was written with (used to decide what rotation must re-encrypt)."""
    return _parse(envelope)[1]


def encrypt(*, plaintext: bytes, keyring: KeyRing, context: bytes) -> bytes:
    """Seal `plaintext` with the active key; `context` must be given again to decrypt."""
    if len(plaintext) > MAX_PLAINTEXT_BYTES:
        raise VaultError(f"An object of {len(plaintext)} bytes is too large to encrypt (limit 2 GiB).")
    header = _header(keyring.active_key_id)
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(keyring.active_key).encrypt(nonce, plaintext, header + context)
    return header + nonce + sealed


def decrypt(*, envelope: bytes, keyring: KeyRing, context: bytes) -> bytes:
    header, key_id, nonce, sealed = _parse(envelope)
    key = keyring.key(key_id)
    try:
        return AESGCM(key).decrypt(nonce, sealed, header + context)
    except InvalidTag:
        raise DecryptionError(
            f"Authentication failed for a blob encrypted with key {key_id!r}: the stored bytes were "
            f"altered, the blob is filed under the wrong name, or key {key_id!r} in the key ring has "
            "the wrong value.",
            key_id=key_id,
        ) from None


def encrypt_original(*, plaintext: bytes, keyring: KeyRing) -> tuple[str, bytes]:
    """(sha256 hex, envelope) for an original, bound to its own digest."""
    digest = sha256_hex(plaintext)
    return digest, encrypt(plaintext=plaintext, keyring=keyring, context=original_context(digest))


def decrypt_original(*, envelope: bytes, keyring: KeyRing, sha256: str) -> bytes:
    """Decrypt an original and check that it hashes to `sha256` (belt and braces after GCM)."""
    plaintext = decrypt(envelope=envelope, keyring=keyring, context=original_context(sha256))
    actual = sha256_hex(plaintext)
    if actual != sha256:
        raise DigestMismatch(f"Blob {sha256} decrypted to content with SHA-256 {actual}.")
    return plaintext


def reencrypt(*, envelope: bytes, keyring: KeyRing, context: bytes) -> bytes:
    """The envelope re-sealed under the active key; unchanged if it already uses it."""
    if envelope_key_id(envelope) == keyring.active_key_id:
        return envelope
    plaintext = decrypt(envelope=envelope, keyring=keyring, context=context)
    return encrypt(plaintext=plaintext, keyring=keyring, context=context)
