"""Signed export bundles for the police, a platform or the local authority, and offline checking.

A bundle is a ZIP holding::

    README.txt         what this is and how to check it with standard tools
    summary.pdf        case summary, chronology, evidence table (names, SHA-256, metadata)
    public_key.pem     the organisation's Ed25519 public key
    checkpoints/       the installation's signed checkpoints of this report's custody trails and of
                       the audit trail, and the public key(s) that signed them (when given)
    evidence/NNN-name  the original evidence files, byte for byte
    manifest.json      format, time, organisation, case, signer, SHA-256 and size of every file above
    manifest.sig       Ed25519 signature (64 raw bytes) over the exact bytes of manifest.json

Why Ed25519: small keys and signatures, no parameters to get wrong, deterministic signing, and it
can be checked with OpenSSL 3 alone (`openssl pkeyutl -verify -rawin`), so a recipient needs
nothing from us. The ZIP container itself (timestamps, comments) is not signed; every byte of
every file in it is, through the manifest.

Why fpdf2 for the PDF: pure Python (its dependencies fonttools and defusedxml are pure Python
too), so nothing to compile and no system library; it embeds TrueType fonts for full Unicode
names; a small API with tables and automatic page breaks. reportlab would also work but is
larger, and its platypus layer is more than a plain summary needs.

Organisation signing keys are stored sealed with the vault key ring (an AES-GCM envelope, see
`SigningKey.seal`), not as a bare 0600 PEM file: a copy of the database or of `var/` without
the vault key cannot forge bundles, there is one secret to guard and back up rather than two,
and the vault's key rotation covers the signing key too.

Sexual images of under-18s are never copied into a bundle (UKCIS): a file marked `sealed` is
listed with its SHA-256 under "withheld", and its bytes stay in the vault.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from upstander.labels import metadata_label, metadata_value

from . import crypto, filetypes
from .crypto import KeyRing
from .errors import UploadRefused, VaultError
from .filetypes import Category, FileType

FORMAT = "upstander-evidence-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
SUMMARY = "summary.pdf"
README = "README.txt"
PUBLIC_KEY = "public_key.pem"
EVIDENCE_DIR = "evidence/"
CHECKPOINTS_DIR = "checkpoints/"
SIGNING_KEY_CONTEXT = b"organisation-signing-key:v1"

# Reading limits for verify_bundle: a hostile ZIP must not exhaust memory or disk.
MAX_MEMBERS = 10_000
MAX_MANIFEST_BYTES = 32 * 1024 * 1024
DEFAULT_MAX_TOTAL_BYTES = 16 * 1024**3
_CHUNK = 1024 * 1024

_UNKNOWN_TYPE = FileType("bin", "application/octet-stream", Category.DOCUMENT, "file", ("bin",))
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class BundleError(VaultError):
    """A bundle cannot be built from the data given."""


# ---------------------------------------------------------------------------------------------
# Organisation signing keys


def public_key_fingerprint(public_key: Ed25519PublicKey) -> str:
    """SHA-256 hex of the raw 32-byte public key: what an organisation publishes for recipients."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def public_key_id(public_key: Ed25519PublicKey) -> str:
    return "ed25519:" + public_key_fingerprint(public_key)[:16]


def load_public_key(data: bytes | str) -> Ed25519PublicKey:
    """An Ed25519 public key from PEM, raw 32 bytes, or base64 of the raw bytes."""
    raw = data.encode("ascii") if isinstance(data, str) else data
    if raw.lstrip().startswith(b"-----BEGIN"):
        key = serialization.load_pem_public_key(raw)
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("That PEM file holds a public key, but not an Ed25519 one.")
        return key
    if len(raw) != 32:
        raw = base64.b64decode(raw.strip(), validate=True)
    return Ed25519PublicKey.from_public_bytes(raw)


@dataclass(frozen=True)
class SigningKey:
    private_key: Ed25519PrivateKey = field(repr=False)

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(Ed25519PrivateKey.generate())

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    @property
    def key_id(self) -> str:
        return public_key_id(self.public_key)

    @property
    def fingerprint(self) -> str:
        return public_key_fingerprint(self.public_key)

    def public_key_pem(self) -> str:
        return self.public_key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode("ascii")

    def sign(self, data: bytes) -> bytes:
        return self.private_key.sign(data)

    def seal(self, *, keyring: KeyRing) -> bytes:
        """The private key encrypted with the vault key ring, to store in the database or a file."""
        pem = self.private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        return crypto.encrypt(plaintext=pem, keyring=keyring, context=SIGNING_KEY_CONTEXT)

    @classmethod
    def unseal(cls, *, envelope: bytes, keyring: KeyRing) -> SigningKey:
        pem = crypto.decrypt(envelope=envelope, keyring=keyring, context=SIGNING_KEY_CONTEXT)
        key = serialization.load_pem_private_key(pem, password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise BundleError("The stored organisation signing key is not an Ed25519 key.")
        return cls(key)


def save_signing_key(*, path: Path, key: SigningKey, keyring: KeyRing) -> None:
    """Write the sealed key to a new 0600 file (never over an existing key)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise BundleError(f"The signing key file {path} already exists; it was not overwritten.") from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(key.seal(keyring=keyring))
        handle.flush()
        os.fsync(handle.fileno())


def load_signing_key(*, path: Path, keyring: KeyRing) -> SigningKey:
    return SigningKey.unseal(envelope=Path(path).read_bytes(), keyring=keyring)


# ---------------------------------------------------------------------------------------------
# Building


@dataclass(frozen=True)
class BundleFile:
    """One evidence item: the original bytes, the name it was uploaded with, and its metadata
    (capture time, who uploaded it, when ...). `sealed` items are withheld (UKCIS)."""

    name: str
    data: bytes
    metadata: Mapping[str, Any] = field(default_factory=dict)
    sealed: bool = False


@dataclass(frozen=True)
class ChronologyEntry:
    time: datetime
    author: str
    text: str


def _as_entry(item: ChronologyEntry | Mapping[str, Any]) -> ChronologyEntry:
    if isinstance(item, ChronologyEntry):
        entry = item
    else:
        moment = item["time"]
        if isinstance(moment, str):
            try:
                moment = datetime.fromisoformat(moment)
            except ValueError:
                raise BundleError(f"Chronology time {item['time']!r} is not an ISO 8601 date and time.") from None
        entry = ChronologyEntry(time=moment, author=str(item.get("author", "")), text=str(item.get("text", "")))
    if not isinstance(entry.time, datetime) or entry.time.utcoffset() is None:
        raise BundleError("Every chronology entry needs a timezone-aware date and time.")
    return entry


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise BundleError("Metadata datetimes must be timezone-aware.")
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class _Member:
    path: str
    data: bytes
    compress: bool


def build_bundle(
    *,
    files: Sequence[BundleFile],
    chronology: Sequence[ChronologyEntry | Mapping[str, Any]],
    case_reference: str,
    organisation: str,
    signing_key: SigningKey,
    summary: Mapping[str, str] | None = None,
    prepared_by: str = "",
    created_at: datetime | None = None,
    display_tz: tzinfo | None = None,
    font_dirs: Sequence[Path] | None = None,
    protective_marking: str = "OFFICIAL-SENSITIVE",
    checkpoints: Sequence[tuple[str, bytes]] = (),
) -> bytes:
    """The bundle as ZIP bytes. `summary` holds case fields shown at the top of the PDF, in order
    (e.g. {"Status": "Open", "Opened": "..."}); `display_tz` is the zone times are shown in (default
    Europe/London; the manifest always records UTC). `checkpoints` are (name, bytes) files put under
    checkpoints/ and listed in the manifest like every other file."""
    created = created_at or datetime.now(UTC)
    if created.utcoffset() is None:
        raise BundleError("created_at must be timezone-aware.")
    tz = display_tz or ZoneInfo("Europe/London")
    entries = sorted((_as_entry(item) for item in chronology), key=lambda e: e.time)

    members: list[_Member] = []
    evidence: list[dict[str, Any]] = []
    withheld: list[dict[str, Any]] = []
    for number, item in enumerate(files, start=1):
        digest = crypto.sha256_hex(item.data)
        try:
            file_type = filetypes.detect_type(item.data)
        except UploadRefused:
            file_type = _UNKNOWN_TYPE  # stored under older rules: export it anyway, as a plain file
        record: dict[str, Any] = {
            "number": number,
            "original_name": item.name,
            "sha256": digest,
            "size": len(item.data),
            "type": file_type.mime,
            "metadata": _jsonable(item.metadata),
        }
        if item.sealed:
            record["reason"] = (
                "Sealed: may be a sexual image of a person under 18. Not copied (UKCIS guidance); "
                "the police can arrange access to the original."
            )
            withheld.append(record)
            continue
        safe = filetypes.sanitise_filename(name=item.name, file_type=file_type, max_length=96)
        path = f"{EVIDENCE_DIR}{number:03d}-{safe}"
        record["path"] = path
        evidence.append(record)
        members.append(_Member(path, item.data, compress=file_type.category in (Category.TEXT, Category.EMAIL)))

    pdf = _render_summary(
        organisation=organisation,
        case_reference=case_reference,
        summary=summary or {},
        prepared_by=prepared_by,
        created=created,
        tz=tz,
        entries=entries,
        evidence=evidence,
        withheld=withheld,
        signing_key=signing_key,
        font_dirs=font_dirs,
        protective_marking=protective_marking,
    )
    readme = _readme(organisation=organisation, case_reference=case_reference, signing_key=signing_key)
    members = [
        _Member(README, readme.encode("utf-8"), compress=True),
        _Member(SUMMARY, pdf, compress=False),
        _Member(PUBLIC_KEY, signing_key.public_key_pem().encode("ascii"), compress=True),
        *(_Member(f"{CHECKPOINTS_DIR}{name}", data, compress=True) for name, data in checkpoints),
        *members,
    ]
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": _iso_utc(created),
        "organisation": organisation,
        "case_reference": case_reference,
        "prepared_by": prepared_by,
        "signer": {
            "algorithm": "Ed25519",
            "key_id": signing_key.key_id,
            "fingerprint_sha256": signing_key.fingerprint,
            "public_key_pem": signing_key.public_key_pem(),
        },
        "files": [{"path": m.path, "sha256": crypto.sha256_hex(m.data), "size": len(m.data)} for m in members],
        "evidence": evidence,
        "withheld": withheld,
    }
    manifest_bytes = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    members += [
        _Member(MANIFEST, manifest_bytes, compress=True),
        _Member(SIGNATURE, signing_key.sign(manifest_bytes), compress=False),
    ]
    return _zip(members, created=created)


def _zip(members: Sequence[_Member], *, created: datetime) -> bytes:
    stamp = created.astimezone(UTC)
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for member in members:
            info = zipfile.ZipInfo(member.path, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED if member.compress else zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16  # plain read-only-ish files when extracted
            archive.writestr(info, member.data)
    return out.getvalue()


def _readme(*, organisation: str, case_reference: str, signing_key: SigningKey) -> str:
    return f"""Evidence bundle: {organisation}, report {case_reference}

This archive was exported by Upstander. It holds a summary (summary.pdf), the original evidence
files (evidence/), and a manifest (manifest.json) listing the SHA-256 and size of every file.
The manifest is signed by the organisation (manifest.sig, Ed25519, 64 raw bytes).

Signing key id:  {signing_key.key_id}
Key fingerprint: {signing_key.fingerprint}
(SHA-256 of the raw 32-byte public key. Ask the organisation to confirm it.)

How to check this bundle without Upstander (OpenSSL 3 and coreutils):
  1. The key is the organisation's:
       openssl pkey -pubin -in public_key.pem -outform DER | tail -c 32 | sha256sum
     must print the fingerprint above.
  2. The manifest is signed by that key:
       openssl pkeyutl -verify -pubin -inkey public_key.pem -rawin -in manifest.json -sigfile manifest.sig
     must print "Signature Verified Successfully".
  3. Every file is unchanged: run sha256sum on each file and compare with "files" in manifest.json.
Or, with Upstander installed: upstander evidence verify-bundle THIS-FILE.zip

checkpoints/ (when present) holds the installation's signed checkpoints of these items' custody
trails and of its audit trail: each line says a trail had N entries ending in a given hash at a
given time. Keep it: `upstander evidence verify --checkpoints checkpoints/checkpoints.jsonl
--public-key checkpoints/public-keys.pem` later shows whether those trails were rewritten since.
"""


# ---------------------------------------------------------------------------------------------
# The PDF summary

_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian/Ubuntu: fonts-dejavu-core
    Path("/usr/share/fonts/dejavu"),  # Fedora, Alpine
    Path("/usr/share/fonts/TTF"),  # Arch
)


def _find_fonts(font_dirs: Sequence[Path] | None) -> dict[str, Path] | None:
    """DejaVu fonts from `font_dirs` (None: the usual system places; empty: PDF core fonts only)."""
    wanted = {"body": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf", "mono": "DejaVuSansMono.ttf"}
    for directory in _FONT_DIRS if font_dirs is None else font_dirs:
        found = {k: Path(directory) / name for k, name in wanted.items()}
        if all(p.is_file() for p in found.values()):
            return found
    return None


find_fonts = _find_fonts  # also used by the case summary PDF (cases/summary_pdf.py)


def _render_summary(
    *,
    organisation: str,
    case_reference: str,
    summary: Mapping[str, str],
    prepared_by: str,
    created: datetime,
    tz: tzinfo,
    entries: Sequence[ChronologyEntry],
    evidence: Sequence[Mapping[str, Any]],
    withheld: Sequence[Mapping[str, Any]],
    signing_key: SigningKey,
    font_dirs: Sequence[Path] | None,
    protective_marking: str,
) -> bytes:
    # Imported here: only exports need fpdf2, and the rest of the vault should import without it.
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    fonts = _find_fonts(font_dirs)
    body, mono = ("body", "mono") if fonts else ("helvetica", "courier")

    def t(text: Any) -> str:
        # Without a Unicode font, fpdf2's built-in fonts cover Latin-1 only: replace the rest
        # visibly rather than fail the export. (Install fonts-dejavu-core to avoid this.)
        value = str(text)
        return value if fonts else value.encode("latin-1", "replace").decode("latin-1")

    def when(moment: datetime) -> str:
        return moment.astimezone(tz).strftime("%d %b %Y %H:%M %Z")

    class SummaryPDF(FPDF):
        def header(self) -> None:
            self.set_font(body, size=8)
            self.set_text_color(90)
            self.cell(0, 5, t(f"{protective_marking}  ·  {organisation}  ·  Report {case_reference}"))
            self.ln(8)
            self.set_text_color(0)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(body, size=8)
            self.set_text_color(90)
            self.cell(0, 5, t(f"Page {self.page_no()} of {{nb}}  ·  exported {when(created)}"), align="C")
            self.set_text_color(0)

    pdf = SummaryPDF(format="A4")
    if fonts:
        pdf.add_font("body", "", str(fonts["body"]))
        pdf.add_font("body", "B", str(fonts["bold"]))
        pdf.add_font("mono", "", str(fonts["mono"]))
    pdf.set_creation_date(created)
    pdf.set_title(t(f"Evidence bundle, report {case_reference}"))
    pdf.set_author(t(organisation))
    pdf.set_lang("en-GB")
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.add_page()
    width = pdf.epw

    def heading(text: str) -> None:
        pdf.ln(3)
        pdf.set_font(body, "B", 13)
        pdf.cell(0, 8, t(text), new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.set_font(body, size=9.5)

    pdf.set_font(body, "B", 18)
    pdf.cell(0, 10, t("Evidence bundle"), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(body, size=9.5)
    facts = [
        ("Organisation", organisation),
        ("Report reference", case_reference),
        ("Exported", when(created)),
        ("Prepared by", prepared_by or "-"),
        ("Evidence items", f"{len(evidence)} included, {len(withheld)} withheld"),
        ("Signing key", f"{signing_key.key_id} (fingerprint {signing_key.fingerprint})"),
        *summary.items(),
    ]
    with pdf.table(
        col_widths=(28, 72),
        first_row_as_headings=False,
        text_align="LEFT",
        borders_layout="HORIZONTAL_LINES",
        line_height=5,
    ) as table:
        for label, value in facts:
            row = table.row()
            row.cell(t(label), style=FontFace(emphasis="BOLD"))
            row.cell(t(value))

    heading("Chronology")
    if not entries:
        pdf.multi_cell(width, 5, t("No entries."), new_x="LMARGIN", new_y="NEXT", align="L")
    for entry in entries:
        pdf.set_font(body, "B", 9.5)
        pdf.multi_cell(
            width, 5, t(f"{when(entry.time)}  ·  {entry.author or 'unknown'}"), new_x="LMARGIN", new_y="NEXT", align="L"
        )
        pdf.set_font(body, size=9.5)
        pdf.multi_cell(width, 5, t(entry.text or "-"), new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(2)

    heading("Evidence")
    if evidence:
        mono_face = FontFace(family=mono, size_pt=7.5)
        with pdf.table(
            col_widths=(6, 30, 30, 34), text_align="LEFT", v_align="TOP", line_height=4.5,
            headings_style=FontFace(emphasis="BOLD", fill_color=(232, 232, 232)),
        ) as table:  # fmt: skip
            head = table.row()
            for label in ("No.", "File", "SHA-256", "Details"):
                head.cell(label)
            for record in evidence:
                row = table.row()
                row.cell(str(record["number"]))
                row.cell(t(f"{record['path'].removeprefix(EVIDENCE_DIR)}\n(sent as: {record['original_name']})"))
                row.cell(f"{record['sha256'][:32]}\n{record['sha256'][32:]}", style=mono_face)
                row.cell(t(_details(record)))
    else:
        pdf.multi_cell(width, 5, t("No evidence files are included."), new_x="LMARGIN", new_y="NEXT", align="L")

    if withheld:
        heading("Withheld items")
        for record in withheld:
            pdf.multi_cell(
                width, 5, t(f"{record['number']}. {record['original_name']}: {record['reason']}"),
                new_x="LMARGIN", new_y="NEXT", align="L",
            )  # fmt: skip
            pdf.set_font(mono, size=7.5)
            pdf.multi_cell(width, 4, f"SHA-256 {record['sha256']}", new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.set_font(body, size=9.5)

    heading("Checking this bundle")
    pdf.multi_cell(
        width, 5,
        t("manifest.json lists the SHA-256 of every file in this archive and is signed with the "
          f"organisation's Ed25519 key {signing_key.key_id}. README.txt explains how to check the "
          "signature and the hashes with OpenSSL, without Upstander. A file whose SHA-256 matches the "
          "table above is byte-for-byte the file the organisation holds."),
        new_x="LMARGIN", new_y="NEXT", align="L",
    )  # fmt: skip
    return bytes(pdf.output())


def _details(record: Mapping[str, Any]) -> str:
    lines = [f"{record['type']}, {record['size']:,} bytes"]
    for key, value in record["metadata"].items():
        if value is None or value == "":
            continue
        text = json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else metadata_value(value)
        # The full metadata is in manifest.json; the table keeps each value readable, in words.
        lines.append(f"{metadata_label(str(key))}: {text[:200]}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Verifying


@dataclass
class BundleVerification:
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    signer_key_id: str | None = None
    signer_fingerprint: str | None = None
    organisation: str | None = None
    case_reference: str | None = None
    created_at: str | None = None
    files_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _unsafe_reason(name: str) -> str | None:
    if not name or "\x00" in name or any(ord(ch) < 32 for ch in name):
        return "contains control characters"
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return "is an absolute path"
    if "\\" in name:
        return "contains a backslash"
    if any(part in ("..", ".", "") for part in name.rstrip("/").split("/")):
        return "contains '..' or an empty path part"
    return None


def _hash_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, budget: list[int]) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            size += len(chunk)
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise _TooLarge
            digest.update(chunk)
    return digest.hexdigest(), size


class _TooLarge(Exception):
    pass


def _coerce_public_key(value: Ed25519PublicKey | bytes | str) -> Ed25519PublicKey:
    return value if isinstance(value, Ed25519PublicKey) else load_public_key(value)


def verify_bundle(
    source: Path | str | bytes,
    *,
    trusted_public_key: Ed25519PublicKey | bytes | str | None = None,
    max_total_bytes: int = DEFAULT_MAX_TOTAL_BYTES,
) -> BundleVerification:
    """Check a bundle offline and report every problem found (`result.ok` when there are none).

    Nothing is extracted to disk: members are hashed as streams, so a hostile name ("../x") can do
    no harm and is reported. Without `trusted_public_key` the signature is checked against the key
    inside the bundle, and a warning says to compare its fingerprint with the organisation's.
    """
    result = BundleVerification()
    try:
        archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else Path(source))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        result.problems.append(f"This is not a readable ZIP file ({exc}).")
        return result
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            result.problems.append(f"The archive has {len(infos)} entries, more than the {MAX_MEMBERS} allowed.")
            return result
        by_name: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            reason = _unsafe_reason(info.filename)
            if reason:
                result.problems.append(f"The entry {info.filename!r} {reason}; it was not read.")
                continue
            if info.filename in by_name:
                result.problems.append(f"{info.filename} appears twice in the archive.")
                continue
            if info.flag_bits & 0x1:
                result.problems.append(f"{info.filename} is encrypted inside the ZIP, which a bundle never is.")
                continue
            by_name[info.filename] = info

        manifest_bytes = _read_small(archive, by_name.get(MANIFEST), MANIFEST, result)
        signature = _read_small(archive, by_name.get(SIGNATURE), SIGNATURE, result)
        if manifest_bytes is None:
            return result
        manifest = _parse_manifest(manifest_bytes, result)
        if manifest is None:
            return result
        _check_signature(manifest, manifest_bytes, signature, trusted_public_key, by_name, archive, result)
        _check_files(manifest, by_name, archive, result, max_total_bytes=max_total_bytes)
    return result


def _read_small(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo | None, name: str, result: BundleVerification
) -> bytes | None:
    if info is None:
        result.problems.append(f"{name} is missing.")
        return None
    if info.file_size > MAX_MANIFEST_BYTES:
        result.problems.append(f"{name} is implausibly large ({info.file_size} bytes).")
        return None
    try:
        with archive.open(info) as handle:
            data = handle.read(MAX_MANIFEST_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
        result.problems.append(f"{name} could not be read: it is damaged ({exc}).")
        return None
    if len(data) > MAX_MANIFEST_BYTES:
        result.problems.append(f"{name} is implausibly large.")
        return None
    return data


def _parse_manifest(data: bytes, result: BundleVerification) -> dict[str, Any] | None:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        result.problems.append(f"{MANIFEST} is not valid JSON ({exc}).")
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        result.problems.append(f"{MANIFEST} is not an Upstander evidence bundle manifest.")
        return None
    if manifest.get("format_version") != FORMAT_VERSION:
        result.problems.append(
            f"The bundle has format version {manifest.get('format_version')!r}; this checker reads "
            f"version {FORMAT_VERSION}."
        )
        return None
    result.organisation = str(manifest.get("organisation", ""))
    result.case_reference = str(manifest.get("case_reference", ""))
    result.created_at = str(manifest.get("created_at", ""))
    return manifest


def _check_signature(
    manifest: Mapping[str, Any],
    manifest_bytes: bytes,
    signature: bytes | None,
    trusted: Ed25519PublicKey | bytes | str | None,
    by_name: Mapping[str, zipfile.ZipInfo],
    archive: zipfile.ZipFile,
    result: BundleVerification,
) -> None:
    signer = manifest.get("signer")
    pem = signer.get("public_key_pem") if isinstance(signer, Mapping) else None
    try:
        public_key = load_public_key(str(pem))
    except (ValueError, TypeError):
        result.problems.append("The manifest does not name a usable Ed25519 signing key.")
        return
    result.signer_key_id = public_key_id(public_key)
    result.signer_fingerprint = public_key_fingerprint(public_key)
    if signature is not None:
        try:
            public_key.verify(signature, manifest_bytes)
        except InvalidSignature:
            result.problems.append(
                "The signature does not match manifest.json: the manifest was changed after it was "
                "signed, or the signature was made with another key."
            )
    if trusted is not None:
        trusted_key = _coerce_public_key(trusted)
        if public_key_fingerprint(trusted_key) != result.signer_fingerprint:
            result.problems.append(
                f"The bundle is signed with key {result.signer_key_id}, not the trusted key "
                f"{public_key_id(trusted_key)}."
            )
    else:
        result.warnings.append(
            f"The signature was checked against the key inside the bundle ({result.signer_key_id}). "
            f"To know who signed it, confirm fingerprint {result.signer_fingerprint} with the organisation."
        )
    info = by_name.get(PUBLIC_KEY)
    if info is not None:
        embedded = _read_small(archive, info, PUBLIC_KEY, result)
        if embedded is not None and embedded.decode("ascii", "replace").strip() != str(pem).strip():
            result.problems.append(f"{PUBLIC_KEY} is not the key named in the manifest.")


def _check_files(
    manifest: Mapping[str, Any],
    by_name: Mapping[str, zipfile.ZipInfo],
    archive: zipfile.ZipFile,
    result: BundleVerification,
    *,
    max_total_bytes: int,
) -> None:
    listed = manifest.get("files")
    if not isinstance(listed, list):
        result.problems.append("The manifest has no list of files.")
        return
    budget = [max_total_bytes]
    seen: set[str] = set()
    for entry in listed:
        path = entry.get("path") if isinstance(entry, Mapping) else None
        sha = entry.get("sha256") if isinstance(entry, Mapping) else None
        size = entry.get("size") if isinstance(entry, Mapping) else None
        if not isinstance(path, str) or not isinstance(sha, str) or not _HEX64.match(sha) or not isinstance(size, int):
            result.problems.append(f"The manifest has a malformed file entry: {entry!r}.")
            continue
        if path in (MANIFEST, SIGNATURE) or path in seen:
            result.problems.append(f"The manifest lists {path} more than once or lists itself.")
            continue
        seen.add(path)
        info = by_name.get(path)
        if info is None:
            result.problems.append(f"{path} is listed in the manifest but missing from the archive.")
            continue
        try:
            actual_sha, actual_size = _hash_member(archive, info, budget=budget)
        except _TooLarge:
            result.problems.append(f"The archive holds more than {max_total_bytes} bytes; checking stopped.")
            return
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
            result.problems.append(f"{path} could not be read: it is damaged ({exc}).")
            continue
        result.files_checked += 1
        if actual_size != size:
            result.problems.append(f"{path} is {actual_size} bytes but the manifest says {size}.")
        elif actual_sha != sha:
            result.problems.append(f"{path} has changed: its SHA-256 is {actual_sha}, the manifest says {sha}.")
    for name in by_name:
        if name not in seen and name not in (MANIFEST, SIGNATURE):
            result.problems.append(f"{name} is in the archive but not listed in the manifest (a file was added).")
