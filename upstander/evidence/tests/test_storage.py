from __future__ import annotations

import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from upstander.evidence.vault import crypto, storage
from upstander.evidence.vault.crypto import DecryptionError, KeyRing
from upstander.evidence.vault.errors import MissingDependency
from upstander.evidence.vault.storage import BlobNotFound, BlobStore, LocalBlobStore, S3BlobStore


def stored_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_a_local_store_is_a_blob_store(store: LocalBlobStore) -> None:
    assert isinstance(store, BlobStore)


def test_put_returns_the_sha256_and_get_returns_the_bytes(store: LocalBlobStore) -> None:
    digest = store.put(b"a screenshot")
    assert digest == crypto.sha256_hex(b"a screenshot")
    assert store.exists(digest)
    assert store.get(digest) == b"a screenshot"


def test_storing_the_same_bytes_twice_stores_once(store: LocalBlobStore) -> None:
    first = store.put(b"same bytes")
    raw_before = store.read_raw(first)
    second = store.put(b"same bytes")
    assert first == second
    assert len(stored_files(store.root)) == 1
    assert store.read_raw(first) == raw_before  # the original file was not rewritten


def test_blobs_are_encrypted_sharded_and_private(store: LocalBlobStore) -> None:
    digest = store.put(b"PLAINTEXT EVIDENCE")
    path = store.root / "objects" / digest[:2] / digest[2:4] / digest
    assert path.is_file()
    assert b"PLAINTEXT EVIDENCE" not in path.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_digests_lists_every_original(store: LocalBlobStore) -> None:
    digests = {store.put(bytes([n]) * 10) for n in range(5)}
    assert set(store.digests()) == digests


def test_a_missing_blob_raises_blob_not_found(store: LocalBlobStore) -> None:
    with pytest.raises(BlobNotFound):
        store.get("0" * 64)


def test_a_digest_that_is_not_hex_is_refused(store: LocalBlobStore) -> None:
    with pytest.raises(ValueError, match="SHA-256"):
        store.get("../../etc/passwd")


def test_verify_all_of_a_sound_store_finds_nothing(store: LocalBlobStore) -> None:
    digest = store.put(b"one")
    store.put(b"two")
    store.put_derived(kind="thumbnail", sha256=digest, data=b"thumb")
    assert storage.verify_all(store=store) == []


def test_changing_one_byte_of_a_stored_blob_is_reported(store: LocalBlobStore) -> None:
    digest = store.put(b"evidence that matters")
    path = store.root / "objects" / digest[:2] / digest[2:4] / digest
    raw = bytearray(path.read_bytes())
    raw[-5] ^= 0x01
    path.write_bytes(bytes(raw))
    problems = store.verify_all()
    assert [p.digest for p in problems] == [digest]
    assert "altered" in problems[0].problem and "'k1'" in problems[0].problem


def test_swapping_two_blobs_is_reported_for_both(store: LocalBlobStore) -> None:
    a, b = store.put(b"AAAA"), store.put(b"BBBB")
    raw_a, raw_b = store.read_raw(a), store.read_raw(b)
    store.write_raw(sha256=a, envelope=raw_b)
    store.write_raw(sha256=b, envelope=raw_a)
    assert {p.digest for p in store.verify_all()} == {a, b}
    with pytest.raises(DecryptionError):
        store.get(a)


def test_a_blob_the_database_expects_but_the_store_lacks_is_reported(store: LocalBlobStore) -> None:
    present = store.put(b"here")
    missing = crypto.sha256_hex(b"gone")
    problems = storage.verify_all(store=store, expected_digests=[present, missing])
    assert [(p.digest, p.problem) for p in problems] == [
        (missing, "the database refers to it but it is not in the store")
    ]


def test_stray_and_leftover_files_are_reported(store: LocalBlobStore) -> None:
    digest = store.put(b"x")
    shard = store.root / "objects" / digest[:2] / digest[2:4]
    (shard / ".tmp-abc123").write_bytes(b"half written")
    (store.root / "objects" / "notes.txt").write_text("hello")
    problems = {p.digest: p.problem for p in store.verify_all()}
    assert "interrupted write" in problems[f"objects/{digest[:2]}/{digest[2:4]}/.tmp-abc123"]
    assert "not part of the vault layout" in problems["objects/notes.txt"]


def test_derived_files_are_stored_apart_and_replaceable(store: LocalBlobStore) -> None:
    digest = store.put(b"original")
    store.put_derived(kind="ocr_text", sha256=digest, data=b"first OCR")
    store.put_derived(kind="ocr_text", sha256=digest, data=b"better OCR")
    assert store.get_derived(kind="ocr_text", sha256=digest) == b"better OCR"
    assert (store.root / "derived" / "ocr_text" / digest[:2] / digest[2:4] / digest).is_file()
    assert list(store.digests()) == [digest]
    assert list(store.derived_items()) == [("ocr_text", digest)]
    store.delete_derived(kind="ocr_text", sha256=digest)
    assert not store.derived_exists(kind="ocr_text", sha256=digest)


def test_a_derived_file_moved_to_another_original_fails(store: LocalBlobStore) -> None:
    a, b = store.put(b"A"), store.put(b"B")
    store.put_derived(kind="thumbnail", sha256=a, data=b"thumb of A")
    store.write_raw_derived(kind="thumbnail", sha256=b, envelope=store.read_raw_derived(kind="thumbnail", sha256=a))
    problems = store.verify_all()
    assert [(p.location, p.digest) for p in problems] == [("derived thumbnail", b)]


def test_a_derived_file_without_its_original_is_reported(store: LocalBlobStore) -> None:
    digest = store.put(b"A")
    store.put_derived(kind="thumbnail", sha256=digest, data=b"thumb")
    store.delete(digest)
    assert [p.problem for p in store.verify_all()] == ["its original is not in the store"]


def test_rotation_re_encrypts_everything_under_the_new_key(tmp_path: Path) -> None:
    old = KeyRing.generate(key_id="old")
    store = LocalBlobStore(root=tmp_path, keyring=old)
    digests = [store.put(f"item {n}".encode()) for n in range(3)]
    store.put_derived(kind="thumbnail", sha256=digests[0], data=b"thumb")

    rotated = old.with_new_active_key(key_id="new")
    result = storage.rotate_store_keys(store=LocalBlobStore(root=tmp_path, keyring=rotated))
    assert (result.reencrypted, result.already_current, result.problems) == (4, 0, [])

    # The old key can now leave the ring: everything opens with the new key alone.
    new_only = KeyRing(keys={"new": rotated.key("new")}, active_key_id="new")
    after = LocalBlobStore(root=tmp_path, keyring=new_only)
    assert after.verify_all() == []
    assert [after.get(d) for d in digests] == [b"item 0", b"item 1", b"item 2"]
    again = storage.rotate_store_keys(store=after)
    assert (again.reencrypted, again.already_current) == (0, 4)


def test_rotation_does_not_launder_a_damaged_blob(tmp_path: Path) -> None:
    old = KeyRing.generate(key_id="old")
    store = LocalBlobStore(root=tmp_path, keyring=old)
    digest = store.put(b"evidence")
    raw = bytearray(store.read_raw(digest))
    raw[-1] ^= 0xFF
    store.write_raw(sha256=digest, envelope=bytes(raw))
    result = storage.rotate_store_keys(store=LocalBlobStore(root=tmp_path, keyring=old.with_new_active_key()))
    assert result.reencrypted == 0
    assert [p.digest for p in result.problems] == [digest]


# -- S3 with a fake client (no network) ---------------------------------------------------------


class NotFoundError(Exception):
    def __init__(self) -> None:
        super().__init__("Not Found")
        self.response = {"Error": {"Code": "404"}, "ResponseMetadata": {"HTTPStatusCode": 404}}


class FakeBody:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self) -> bytes:
        return self.data

    def close(self) -> None:
        pass


class FakeS3:
    """The subset of boto3's S3 client the store uses; lists in pages of 2 to exercise paging."""

    def __init__(self) -> None:
        self.objects: dict[tuple[str, str], bytes] = {}
        self.put_calls: list[dict[str, Any]] = []

    def put_object(self, *, Bucket: str, Key: str, Body: bytes, **extra: Any) -> None:
        self.put_calls.append({"Key": Key, **extra})
        self.objects[(Bucket, Key)] = Body

    def get_object(self, *, Bucket: str, Key: str) -> dict[str, Any]:
        if (Bucket, Key) not in self.objects:
            raise NotFoundError
        return {"Body": FakeBody(self.objects[(Bucket, Key)])}

    def head_object(self, *, Bucket: str, Key: str) -> dict[str, Any]:
        if (Bucket, Key) not in self.objects:
            raise NotFoundError
        return {}

    def delete_object(self, *, Bucket: str, Key: str) -> None:
        self.objects.pop((Bucket, Key), None)

    def list_objects_v2(self, *, Bucket: str, Prefix: str, ContinuationToken: str = "0") -> dict[str, Any]:
        keys = sorted(k for b, k in self.objects if b == Bucket and k.startswith(Prefix))
        start = int(ContinuationToken)
        page = keys[start : start + 2]
        more = start + 2 < len(keys)
        return {
            "Contents": [{"Key": k} for k in page],
            "IsTruncated": more,
            **({"NextContinuationToken": str(start + 2)} if more else {}),
        }


@pytest.fixture
def s3(keyring: KeyRing) -> Iterator[tuple[S3BlobStore, FakeS3]]:
    client = FakeS3()
    yield S3BlobStore(bucket="evidence", prefix="school-1", keyring=keyring, client=client), client


def test_the_s3_store_has_the_same_behaviour(s3: tuple[S3BlobStore, FakeS3]) -> None:
    store, client = s3
    assert isinstance(store, BlobStore)
    digests = {store.put(f"item {n}".encode()) for n in range(5)}
    assert store.put(b"item 0") in digests
    assert len(client.objects) == 5  # stored once each
    assert set(store.digests()) == digests  # across three pages
    some = sorted(digests)[0]
    assert ("evidence", f"school-1/objects/{some[:2]}/{some[2:4]}/{some}") in client.objects
    assert all(b"item" not in body for body in client.objects.values())
    assert store.get(crypto.sha256_hex(b"item 3")) == b"item 3"
    assert store.verify_all() == []


def test_the_s3_store_reports_a_changed_byte(s3: tuple[S3BlobStore, FakeS3]) -> None:
    store, client = s3
    digest = store.put(b"item")
    store.put_derived(kind="thumbnail", sha256=digest, data=b"thumb")
    key = ("evidence", f"school-1/objects/{digest[:2]}/{digest[2:4]}/{digest}")
    raw = bytearray(client.objects[key])
    raw[20] ^= 0x80
    client.objects[key] = bytes(raw)
    assert [p.digest for p in store.verify_all()] == [digest]


def test_the_s3_store_raises_blob_not_found_for_a_missing_object(s3: tuple[S3BlobStore, FakeS3]) -> None:
    store, _ = s3
    assert not store.exists("a" * 64)
    with pytest.raises(BlobNotFound):
        store.get("a" * 64)


def test_the_s3_store_passes_extra_put_arguments(keyring: KeyRing) -> None:
    client = FakeS3()
    store = S3BlobStore(bucket="b", keyring=keyring, client=client, put_args={"StorageClass": "STANDARD_IA"})
    store.put(b"x")
    assert client.put_calls[0]["StorageClass"] == "STANDARD_IA"


def test_without_boto3_the_s3_store_says_to_install_it(keyring: KeyRing, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "boto3", None)  # makes `import boto3` raise ImportError
    with pytest.raises(MissingDependency, match="pip install boto3"):
        S3BlobStore(bucket="b", keyring=keyring)
