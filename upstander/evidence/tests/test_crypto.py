from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upstander.evidence.vault import crypto
from upstander.evidence.vault.crypto import (
    CryptoError,
    DecryptionError,
    EnvelopeError,
    KeyRing,
    KeyRingError,
    UnknownKeyError,
)

RING = KeyRing.generate(key_id="k1")


def b64(key: bytes) -> str:
    return base64.b64encode(key).decode()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=4096))
def test_encryption_round_trips_any_bytes(plaintext: bytes) -> None:
    digest, envelope = crypto.encrypt_original(plaintext=plaintext, keyring=RING)
    assert digest == crypto.sha256_hex(plaintext)
    assert crypto.decrypt_original(envelope=envelope, keyring=RING, sha256=digest) == plaintext


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=0, max_size=512), st.data())
def test_any_single_byte_change_to_an_envelope_fails(plaintext: bytes, data: st.DataObject) -> None:
    digest, envelope = crypto.encrypt_original(plaintext=plaintext, keyring=RING)
    position = data.draw(st.integers(min_value=0, max_value=len(envelope) - 1), label="position")
    flip = data.draw(st.integers(min_value=1, max_value=255), label="xor")
    altered = bytearray(envelope)
    altered[position] ^= flip
    with pytest.raises(CryptoError):
        crypto.decrypt_original(envelope=bytes(altered), keyring=RING, sha256=digest)


def test_a_truncated_envelope_fails() -> None:
    digest, envelope = crypto.encrypt_original(plaintext=b"hello", keyring=RING)
    for cut in (0, 3, 10, len(envelope) - 1):
        with pytest.raises(CryptoError):
            crypto.decrypt_original(envelope=envelope[:cut], keyring=RING, sha256=digest)


def test_an_envelope_filed_under_another_digest_fails() -> None:
    # The content's SHA-256 is associated data: swapping two blobs' files must not go unnoticed.
    digest_a, envelope_a = crypto.encrypt_original(plaintext=b"screenshot A", keyring=RING)
    digest_b, _ = crypto.encrypt_original(plaintext=b"screenshot B", keyring=RING)
    with pytest.raises(DecryptionError):
        crypto.decrypt_original(envelope=envelope_a, keyring=RING, sha256=digest_b)
    assert digest_a != digest_b


def test_a_wrong_key_fails_loudly_naming_the_key_id() -> None:
    digest, envelope = crypto.encrypt_original(plaintext=b"evidence", keyring=RING)
    impostor = KeyRing.generate(key_id="k1")  # same id, different key
    with pytest.raises(DecryptionError) as caught:
        crypto.decrypt_original(envelope=envelope, keyring=impostor, sha256=digest)
    assert caught.value.key_id == "k1"
    assert "'k1'" in str(caught.value)


def test_a_missing_key_fails_naming_the_key_id() -> None:
    digest, envelope = crypto.encrypt_original(plaintext=b"evidence", keyring=RING)
    other = KeyRing.generate(key_id="k2")
    with pytest.raises(UnknownKeyError) as caught:
        crypto.decrypt_original(envelope=envelope, keyring=other, sha256=digest)
    assert caught.value.key_id == "k1"
    assert "'k1'" in str(caught.value) and "k2" in str(caught.value)


def test_envelope_records_its_format_and_key_id() -> None:
    _, envelope = crypto.encrypt_original(plaintext=b"x", keyring=RING)
    assert envelope[:4] == b"UPEV"
    assert envelope[4] == 1
    assert crypto.envelope_key_id(envelope) == "k1"


def test_an_unknown_envelope_version_is_refused_in_plain_words() -> None:
    digest, envelope = crypto.encrypt_original(plaintext=b"x", keyring=RING)
    with pytest.raises(EnvelopeError, match="version 9"):
        crypto.decrypt_original(envelope=envelope[:4] + b"\x09" + envelope[5:], keyring=RING, sha256=digest)


def test_key_ring_parses_several_keys_and_the_first_is_active() -> None:
    key1, key2 = os.urandom(32), os.urandom(32)
    ring = KeyRing.from_string(f"new:{b64(key1)}, old:{b64(key2)}")
    assert ring.active_key_id == "new"
    assert ring.key("old") == key2
    assert ring.key_ids == ("new", "old")


def test_a_bare_base64_key_gets_a_stable_id() -> None:
    key = os.urandom(32)
    assert KeyRing.from_string(b64(key)).active_key_id == KeyRing.from_string(b64(key)).active_key_id


def test_url_safe_base64_keys_are_accepted() -> None:
    key = b"\xfb\xff" * 16
    ring = KeyRing.from_string("k:" + base64.urlsafe_b64encode(key).decode())
    assert ring.active_key == key


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "No vault key"),
        ("k1:" + base64.b64encode(b"short").decode(), "exactly 32 bytes"),
        ("k1:not base64!!", "not valid base64"),
        ("bad id:" + base64.b64encode(bytes(32)).decode(), "not allowed"),
        ("a:{k},a:{k}".format(k=base64.b64encode(bytes(32)).decode()), "appears twice"),
    ],
)
def test_a_bad_key_string_is_refused_with_a_clear_reason(text: str, message: str) -> None:
    with pytest.raises(KeyRingError, match=message):
        KeyRing.from_string(text)


def test_the_key_ring_repr_does_not_show_keys() -> None:
    assert b64(RING.active_key) not in repr(RING)
    assert "k1" in repr(RING)


def test_a_generated_key_file_is_private_and_loads(tmp_path: Path) -> None:
    path = tmp_path / "var" / "vault.key"
    ring = crypto.generate_key_file(path=path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert KeyRing.from_file(path) == ring


def test_generating_a_key_file_never_overwrites_one(tmp_path: Path) -> None:
    path = tmp_path / "vault.key"
    ring = crypto.generate_key_file(path=path)
    with pytest.raises(KeyRingError, match="already exists"):
        crypto.generate_key_file(path=path)
    assert crypto.load_or_create_key_file(path=path) == ring


def test_a_key_file_others_can_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "vault.key"
    crypto.generate_key_file(path=path)
    path.chmod(0o644)
    with pytest.raises(KeyRingError, match="chmod 600"):
        KeyRing.from_file(path)
    assert KeyRing.from_file(path, check_permissions=False).active_key_id


def test_rotating_a_key_file_adds_an_active_key_and_keeps_the_old_one(tmp_path: Path) -> None:
    path = tmp_path / "vault.key"
    old = crypto.generate_key_file(path=path, key_id="old")
    _, envelope = crypto.encrypt_original(plaintext=b"before rotation", keyring=old)
    rotated = crypto.rotate_key_file(path=path, key_id="new")
    reloaded = KeyRing.from_file(path)
    assert reloaded == rotated
    assert reloaded.active_key_id == "new"
    assert reloaded.key("old") == old.active_key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    context = crypto.original_context(crypto.sha256_hex(b"before rotation"))
    fresh = crypto.reencrypt(envelope=envelope, keyring=reloaded, context=context)
    assert crypto.envelope_key_id(fresh) == "new"
    assert crypto.decrypt(envelope=fresh, keyring=reloaded, context=context) == b"before rotation"
    assert crypto.reencrypt(envelope=fresh, keyring=reloaded, context=context) is fresh


def test_errors_survive_pickling_with_their_details() -> None:
    import pickle

    from upstander.evidence.vault.errors import UploadRefused

    error = pickle.loads(pickle.dumps(UnknownKeyError("gone", key_id="k9")))  # noqa: S301 - our own bytes
    assert (str(error), error.key_id) == ("gone", "k9")
    refused = pickle.loads(pickle.dumps(UploadRefused("too big", code="file_too_large")))  # noqa: S301
    assert (refused.reason, refused.code) == ("too big", "file_too_large")


def test_workers_starting_together_share_one_key_file(tmp_path: Path) -> None:
    import threading

    path = tmp_path / "var" / "evidence.keys"
    barrier = threading.Barrier(8)
    found: list[str] = []

    def start() -> None:
        barrier.wait()
        found.append(crypto.load_or_create_key_file(path=path).active_key_id)

    threads = [threading.Thread(target=start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 8 and len(set(found)) == 1
    assert [p.name for p in path.parent.iterdir()] == ["evidence.keys"]  # no temporary files left
