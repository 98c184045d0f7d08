from __future__ import annotations

import io
import json
import shutil
import stat
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from upstander.evidence.tests.factories import photo_with_exif, png_bytes
from upstander.evidence.vault import bundle, crypto
from upstander.evidence.vault.bundle import BundleFile, ChronologyEntry, SigningKey, build_bundle, verify_bundle
from upstander.evidence.vault.crypto import KeyRing

KEY = SigningKey.generate()
SCREENSHOT = png_bytes(size=(120, 80), colour="lightblue")
MESSAGE = "He said: “nobody will miss you” — sent 21:14".encode()
SEALED = photo_with_exif(gps=False)


def make_bundle(**overrides: object) -> bytes:
    arguments: dict[str, object] = {
        "files": [
            BundleFile(name="../Snapchat chat.PNG", data=SCREENSHOT, metadata={"uploaded_by": "Sam (pupil)"}),
            BundleFile(name="message.txt", data=MESSAGE, metadata={"channel": "text/messaging apps"}),
            BundleFile(name="image.jpg", data=SEALED, sealed=True),
        ],
        "chronology": [
            {"time": datetime(2026, 11, 3, 14, 5, tzinfo=UTC), "author": "Sam (pupil)", "text": "Report received."},
            ChronologyEntry(time=datetime(2026, 11, 3, 15, 0, tzinfo=UTC), author="J. Smith (DSL)", text="Triaged."),
        ],
        "case_reference": "HA-2026-0042",
        "organisation": "Hillside Academy",
        "signing_key": KEY,
        "summary": {"Status": "Open", "Behaviour": "harassment"},
        "prepared_by": "J. Smith (DSL)",
        "created_at": datetime(2026, 11, 22, 10, 0, tzinfo=UTC),
    }
    arguments.update(overrides)
    return build_bundle(**arguments)  # type: ignore[arg-type]


BUNDLE = make_bundle()


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezip(contents: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_bundle_verifies() -> None:
    result = verify_bundle(BUNDLE, trusted_public_key=KEY.public_key)
    assert result.ok, result.problems
    assert result.warnings == []
    assert (result.organisation, result.case_reference) == ("Hillside Academy", "HA-2026-0042")
    assert result.signer_key_id == KEY.key_id
    assert result.files_checked == 5


def test_a_bundle_holds_the_expected_files_and_manifest() -> None:
    contents = members(BUNDLE)
    assert set(contents) == {
        "README.txt", "summary.pdf", "public_key.pem", "manifest.json", "manifest.sig",
        "evidence/001-Snapchat chat.png", "evidence/002-message.txt",
    }  # fmt: skip
    assert contents["evidence/001-Snapchat chat.png"] == SCREENSHOT  # byte for byte
    manifest = json.loads(contents["manifest.json"])
    assert manifest["format_version"] == 1 and manifest["created_at"] == "2026-11-22T10:00:00Z"
    assert manifest["signer"]["key_id"] == KEY.key_id
    listed = {f["path"]: f for f in manifest["files"]}
    assert set(listed) == set(contents) - {"manifest.json", "manifest.sig"}
    assert listed["evidence/002-message.txt"] == {
        "path": "evidence/002-message.txt", "sha256": crypto.sha256_hex(MESSAGE), "size": len(MESSAGE),
    }  # fmt: skip
    assert manifest["evidence"][0]["metadata"] == {"uploaded_by": "Sam (pupil)"}
    assert len(contents["manifest.sig"]) == 64


def test_a_sealed_item_is_withheld_and_only_its_hash_is_listed() -> None:
    contents = members(BUNDLE)
    assert all(data != SEALED for data in contents.values())
    manifest = json.loads(contents["manifest.json"])
    assert [w["sha256"] for w in manifest["withheld"]] == [crypto.sha256_hex(SEALED)]
    assert "UKCIS" in manifest["withheld"][0]["reason"]


def test_without_a_trusted_key_it_warns_to_check_the_fingerprint() -> None:
    result = verify_bundle(BUNDLE)
    assert result.ok
    assert KEY.fingerprint in result.warnings[0]


def test_a_bundle_signed_by_another_key_fails_against_the_trusted_key() -> None:
    result = verify_bundle(make_bundle(signing_key=SigningKey.generate()), trusted_public_key=KEY.public_key_pem())
    assert not result.ok
    assert "not the trusted key" in result.problems[0]


def test_changing_one_byte_of_an_evidence_file_is_reported() -> None:
    data = bytearray(BUNDLE)
    position = bytes(data).index(SCREENSHOT) + len(SCREENSHOT) // 2  # stored uncompressed
    data[position] ^= 0x01
    result = verify_bundle(bytes(data))
    assert not result.ok
    assert any("evidence/001-Snapchat chat.png" in p for p in result.problems)


def test_changing_the_manifest_breaks_the_signature() -> None:
    contents = members(BUNDLE)
    contents["manifest.json"] = contents["manifest.json"].replace(b"Hillside", b"Hillsidf")
    result = verify_bundle(rezip(contents))
    assert any("signature does not match" in p for p in result.problems)


def test_a_replaced_file_with_a_re_signed_manifest_is_caught_by_the_trusted_key() -> None:
    # An attacker can re-sign with their own key; only the trusted key reveals it.
    forged = make_bundle(signing_key=SigningKey.generate())
    assert verify_bundle(forged).ok
    assert not verify_bundle(forged, trusted_public_key=KEY.public_key).ok


def test_an_added_file_is_reported() -> None:
    contents = members(BUNDLE)
    contents["evidence/003-extra.txt"] = b"planted"
    result = verify_bundle(rezip(contents))
    assert result.problems == [
        "evidence/003-extra.txt is in the archive but not listed in the manifest (a file was added)."
    ]


def test_a_removed_file_is_reported() -> None:
    contents = members(BUNDLE)
    del contents["evidence/002-message.txt"]
    result = verify_bundle(rezip(contents))
    assert result.problems == ["evidence/002-message.txt is listed in the manifest but missing from the archive."]


def test_a_missing_signature_is_reported() -> None:
    contents = members(BUNDLE)
    del contents["manifest.sig"]
    assert "manifest.sig is missing." in verify_bundle(rezip(contents)).problems


def test_zip_slip_names_are_reported_and_never_read() -> None:
    contents = members(BUNDLE)
    contents["../../etc/cron.d/evil"] = b"* * * * * root sh"
    contents["/abs/path"] = b"x"
    problems = verify_bundle(rezip(contents)).problems
    assert any("'../../etc/cron.d/evil' contains '..'" in p for p in problems)
    assert any("'/abs/path' is an absolute path" in p for p in problems)


def test_a_duplicated_entry_name_is_reported() -> None:
    out = io.BytesIO(BUNDLE)
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(out, "a") as archive:
        archive.writestr("evidence/002-message.txt", b"a different message")
    assert any("appears twice" in p for p in verify_bundle(out.getvalue()).problems)


def test_something_that_is_not_a_zip_is_reported() -> None:
    assert verify_bundle(b"not a zip").problems[0].startswith("This is not a readable ZIP file")


def test_a_bundle_can_be_verified_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "bundle.zip"
    path.write_bytes(BUNDLE)
    assert verify_bundle(path, trusted_public_key=KEY.public_key).ok


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=len(BUNDLE) - 1), st.integers(min_value=1, max_value=255))
def test_no_single_byte_change_alters_content_without_being_reported(position: int, flip: int) -> None:
    # Some ZIP bytes (timestamps, the local header's copy of sizes) carry no content; changing them
    # may pass, but then every file must still read back byte for byte as signed.
    data = bytearray(BUNDLE)
    data[position] ^= flip
    result = verify_bundle(bytes(data), trusted_public_key=KEY.public_key)
    if result.ok:
        assert members(bytes(data)) == members(BUNDLE)


def test_the_readme_commands_verify_with_openssl(tmp_path: Path) -> None:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    for name, data in members(BUNDLE).items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    run = subprocess.run(
        ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "public_key.pem", "-rawin",
         "-in", "manifest.json", "-sigfile", "manifest.sig"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert "Signature Verified Successfully" in run.stdout, run.stdout + run.stderr


def test_the_summary_pdf_lists_the_chronology_and_the_evidence_hashes(tmp_path: Path) -> None:
    pdf = members(BUNDLE)["summary.pdf"]
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    digest = crypto.sha256_hex(SCREENSHOT)
    for expected in ("Report received.", "Triaged.", "J. Smith (DSL)", "HA-2026-0042", "001-Snapchat chat.png",
                     digest[:32], digest[32:], "harassment", "Withheld items", "03 Nov 2026 14:05 GMT"):  # fmt: skip
        assert expected in text


def test_naive_chronology_times_are_refused() -> None:
    with pytest.raises(bundle.BundleError, match="timezone-aware"):
        make_bundle(chronology=[{"time": datetime(2026, 1, 1), "author": "x", "text": "y"}])
    with pytest.raises(bundle.BundleError, match="timezone-aware"):
        make_bundle(chronology=[{"time": "2026-01-01T10:00:00", "author": "x", "text": "y"}])


def test_chronology_times_may_be_iso_strings_with_an_offset() -> None:
    data = make_bundle(chronology=[{"time": "2026-11-03T14:05:00+00:00", "author": "x", "text": "y"}])
    assert verify_bundle(data).ok


def test_without_unicode_fonts_the_pdf_still_builds_with_the_built_in_fonts() -> None:
    data = make_bundle(font_dirs=[], summary={"Note": "Zoë said “no” — 😡"})
    assert verify_bundle(data, trusted_public_key=KEY.public_key).ok
    assert members(data)["summary.pdf"].startswith(b"%PDF-")


def test_the_signing_key_is_stored_sealed_with_the_vault_key(tmp_path: Path) -> None:
    ring = KeyRing.generate(key_id="k1")
    path = tmp_path / "signing.key"
    bundle.save_signing_key(path=path, key=KEY, keyring=ring)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert b"PRIVATE KEY" not in path.read_bytes()
    assert bundle.load_signing_key(path=path, keyring=ring).fingerprint == KEY.fingerprint
    with pytest.raises(crypto.CryptoError):
        bundle.load_signing_key(path=path, keyring=KeyRing.generate(key_id="k1"))
    with pytest.raises(bundle.BundleError, match="already exists"):
        bundle.save_signing_key(path=path, key=SigningKey.generate(), keyring=ring)


def pdf_text(data: bytes) -> str:
    """The PDF's text, read back with pypdf (pure Python; no poppler needed)."""
    import io as _io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(_io.BytesIO(data)).pages)
