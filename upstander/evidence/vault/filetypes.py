"""Decide what a file is from its content, never from its name, and make a safe file name.

A name or a browser's Content-Type is whatever the sender chose; the first bytes of the file are
what a viewer will actually act on. Everything not recognised here is refused with a reason that
says what we accept, so a pupil or parent knows what to do instead.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from .errors import UploadRefused


class Category(StrEnum):
    IMAGE = "image"
    VIDEO = "video"
    DOCUMENT = "document"
    TEXT = "text"
    EMAIL = "email"


@dataclass(frozen=True)
class FileType:
    key: str
    mime: str
    category: Category
    label: str
    # The first extension is the one we give a file whose own extension does not match.
    extensions: tuple[str, ...]
    # Pillow's format name when Pillow can decode it here, else None.
    pillow_format: str | None = None

    @property
    def extension(self) -> str:
        return self.extensions[0]


JPEG = FileType("jpeg", "image/jpeg", Category.IMAGE, "JPEG image", ("jpg", "jpeg", "jpe"), "JPEG")
PNG = FileType("png", "image/png", Category.IMAGE, "PNG image", ("png",), "PNG")
GIF = FileType("gif", "image/gif", Category.IMAGE, "GIF image", ("gif",), "GIF")
WEBP = FileType("webp", "image/webp", Category.IMAGE, "WebP image", ("webp",), "WEBP")
AVIF = FileType("avif", "image/avif", Category.IMAGE, "AVIF image", ("avif",), "AVIF")
# Pillow cannot decode HEIC without the pillow-heif plugin; we accept and store it, read its size
# from the container for the bomb check, and say a preview is unavailable.
HEIC = FileType("heic", "image/heic", Category.IMAGE, "HEIC photo", ("heic", "heif"))
HEIF = FileType("heif", "image/heif", Category.IMAGE, "HEIF image", ("heif", "heic"))
PDF = FileType("pdf", "application/pdf", Category.DOCUMENT, "PDF document", ("pdf",))
MP4 = FileType("mp4", "video/mp4", Category.VIDEO, "MP4 video", ("mp4", "m4v"))
MOV = FileType("mov", "video/quicktime", Category.VIDEO, "QuickTime video", ("mov", "qt"))
THREE_GP = FileType("3gp", "video/3gpp", Category.VIDEO, "3GP video", ("3gp", "3g2"))
WEBM = FileType("webm", "video/webm", Category.VIDEO, "WebM video", ("webm",))
MKV = FileType("mkv", "video/x-matroska", Category.VIDEO, "Matroska video", ("mkv",))
AVI = FileType("avi", "video/x-msvideo", Category.VIDEO, "AVI video", ("avi",))
TEXT = FileType("text", "text/plain; charset=utf-8", Category.TEXT, "plain text", ("txt", "text", "log"))
EMAIL = FileType("eml", "message/rfc822", Category.EMAIL, "saved e-mail", ("eml",))

ALL_TYPES: tuple[FileType, ...] = (
    JPEG, PNG, GIF, WEBP, AVIF, HEIC, HEIF, PDF, MP4, MOV, THREE_GP, WEBM, MKV, AVI, TEXT, EMAIL,
)  # fmt: skip
TYPES_BY_KEY = {t.key: t for t in ALL_TYPES}

ACCEPTED = (
    "photos and screenshots (JPEG, PNG, GIF, WebP, HEIC, AVIF), PDF documents, videos (MP4, MOV, "
    "3GP, WebM, MKV, AVI), plain text (UTF-8) and saved e-mails (.eml)"
)

_HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"}
_AVIF_BRANDS = {b"avif", b"avis"}
_HEIF_GENERIC = {b"mif1", b"msf1", b"mif2"}
_MP4_BRANDS = {
    b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"iso7", b"iso8", b"iso9", b"mp41", b"mp42",
    b"mp71", b"avc1", b"M4V ", b"M4VH", b"M4VP", b"dash", b"MSNV", b"NDAS", b"f4v ", b"mmp4", b"XAVC",
}  # fmt: skip
_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "}
# Legacy QuickTime files may start with one of these atoms instead of `ftyp`.
_QUICKTIME_FIRST_ATOMS = {b"moov", b"mdat", b"wide", b"pnot"}

# Header names that mark the start of an RFC 5322 message; we need From plus one more.
_EMAIL_HEADERS = {"date", "subject", "to", "cc", "message-id", "received", "return-path", "mime-version"}
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:")


def _refuse(what: str) -> UploadRefused:
    return UploadRefused(
        f"{what} Upstander accepts {ACCEPTED}. Save or export it as one of those, or take a screenshot.",
        code="unsupported_type",
    )


def _ftyp_type(data: bytes) -> FileType:
    box_size = int.from_bytes(data[0:4], "big")
    major = data[8:12]
    end = min(box_size if 16 <= box_size <= 4096 else 16, len(data))
    brands = {major} | {data[i : i + 4] for i in range(16, end - 3, 4)}
    if major in _HEIC_BRANDS:
        return HEIC
    if major in _AVIF_BRANDS:
        return AVIF
    if major in _HEIF_GENERIC:
        if brands & _AVIF_BRANDS:
            return AVIF
        if brands & _HEIC_BRANDS:
            return HEIC
        return HEIF
    if major == b"qt  ":
        return MOV
    if major.startswith((b"3gp", b"3g2")):
        return THREE_GP
    if major in _AUDIO_BRANDS:
        raise _refuse("This is an audio recording (M4A), and audio is not accepted yet.")
    if major in _MP4_BRANDS or brands & _MP4_BRANDS:
        return MP4
    raise _refuse(f"This is an ISO media file of a kind we do not recognise (brand {major!r}).")


def _looks_like_email(data: bytes) -> bool:
    head = data[:65536]
    # The header block ends at the first empty line.
    split = re.search(rb"\r?\n\r?\n", head)
    block = head[: split.start()] if split else head
    lines = block.splitlines()
    if lines and lines[0].startswith(b"From "):
        lines = lines[1:]  # an mbox "From " separator some clients keep in saved .eml files
    if not lines:
        return False
    names: set[str] = set()
    for line in lines:
        if line[:1] in (b" ", b"\t"):
            continue  # a folded continuation of the previous header
        if not _HEADER_LINE.match(line):
            return False
        names.add(line.split(b":", 1)[0].decode("ascii").lower())
    return "from" in names and bool(names & _EMAIL_HEADERS)


def _text_problem(data: bytes) -> str | None:
    """Why these bytes are not plain UTF-8 text we will accept, or None if they are."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return (
            "This file is not a type we recognise, and it is not UTF-8 text. (If it is text, save it again as UTF-8.)"
        )
    if "\x00" in text:
        return "This looks like a binary file, not text."
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if controls > max(8, len(text) // 100):
        return "This looks like a binary file, not text."
    opening = text.lstrip()[:512].lower()
    if opening.startswith(("<!doctype html", "<html", "<?xml", "<svg")) or "<svg" in opening:
        return (
            "This is a web page or SVG file, which can carry scripts. Save the web page as PDF, or take "
            "a screenshot that shows the address bar."
        )
    return None


def detect_type(data: bytes) -> FileType:
    """The file's type from its first bytes; raises UploadRefused (code "unsupported_type" or
    "empty") with a plain-words reason otherwise."""
    if not data:
        raise UploadRefused("The file is empty. Choose the file again, or take a new screenshot.", code="empty")
    head = data[:64]
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head.startswith(b"RIFF") and len(head) >= 12:
        if head[8:12] == b"WEBP":
            return WEBP
        if head[8:12] == b"AVI ":
            return AVI
        if head[8:12] == b"WAVE":
            raise _refuse("This is an audio recording (WAV), and audio is not accepted yet.")
        raise _refuse("This is a RIFF file of a kind we do not accept.")
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return _ftyp_type(data)
    if len(head) >= 8 and head[4:8] in _QUICKTIME_FIRST_ATOMS and int.from_bytes(head[:4], "big") >= 8:
        return MOV
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        if b"webm" in data[:256]:
            return WEBM
        if b"matroska" in data[:256]:
            return MKV
        raise _refuse("This is a Matroska file of a kind we do not recognise.")
    if head.startswith(b"%PDF-"):
        return PDF
    refusal = _known_refusal(head)
    if refusal is not None:
        raise _refuse(refusal)
    if _looks_like_email(data):
        return EMAIL
    problem = _text_problem(data)
    if problem is not None:
        raise _refuse(problem)
    return TEXT


def _known_refusal(head: bytes) -> str | None:
    """Name common types we refuse, so the reason can say what the file is."""
    known: tuple[tuple[bytes, str], ...] = (
        (b"PK\x03\x04", "This is a ZIP archive (Word, Excel and PowerPoint files are ZIPs too)."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "This is an old Microsoft Office file."),
        (b"MZ", "This is a Windows program, which is never accepted."),
        (b"\x7fELF", "This is a program, which is never accepted."),
        (b"Rar!", "This is a RAR archive."),
        (b"7z\xbc\xaf\x27\x1c", "This is a 7-Zip archive."),
        (b"\x1f\x8b", "This is a compressed (gzip) file."),
        (b"II*\x00", "This is a TIFF image."),
        (b"MM\x00*", "This is a TIFF image."),
        (b"BM", "This is a BMP image."),
        (b"ID3", "This is an audio recording (MP3), and audio is not accepted yet."),
        (b"OggS", "This is an audio or video file in Ogg format, which is not accepted yet."),
        (b"fLaC", "This is an audio recording (FLAC), and audio is not accepted yet."),
    )
    for magic, reason in known:
        if head.startswith(magic):
            return reason
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] != 0xFF:
        return "This is an audio recording (MP3), and audio is not accepted yet."
    return None


# ---------------------------------------------------------------------------------------------
# File names

_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{base}{n}" for base in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")
}
_UNSAFE_CHARS = re.compile(r'[<>:"|?*\\/]')
DEFAULT_NAME = "evidence"


def sanitise_filename(*, name: str, file_type: FileType, max_length: int = 100) -> str:
    """A name safe on every file system and in a ZIP, ending in an extension of `file_type`.

    Drops any directory part, control and invisible formatting characters (incl. the right-to-left
    override used to disguise `gpj.exe` as `exe.jpg`), characters Windows forbids, Windows device
    names, leading dots and dashes; keeps the sender's extension only if it matches the detected
    type; inner dots become '_' so no server treats `photo.php.jpg` as PHP.
    """
    if max_length < 16:
        raise ValueError("max_length must be at least 16.")
    # NFKC first: it turns look-alikes such as the full-width solidus into '/', which we then split on.
    text = unicodedata.normalize("NFKC", name or "")
    text = re.split(r"[\\/]", text)[-1]
    text = "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or unicodedata.category(ch)[0] != "C")
    text = _UNSAFE_CHARS.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    stem, dot, ext = text.rpartition(".")
    # Only something shaped like an extension counts as one ("at 10.31 pm" is part of the name).
    if not dot or not re.fullmatch(r"[A-Za-z0-9]{1,8}", ext) or ext.isdigit():
        stem, ext = text, ""
    ext = ext.lower()
    if ext not in file_type.extensions:
        ext = file_type.extension
    stem = stem.replace(".", "_").strip(" _").lstrip("-")
    if not stem:
        stem = DEFAULT_NAME
    if stem.upper() in _WINDOWS_RESERVED:
        stem = f"_{stem}"
    budget = max_length - len(ext) - 1
    stem = stem[:budget]
    # Most file systems cap a name at 255 bytes: trim further for long multi-byte names.
    while len(f"{stem}.{ext}".encode()) > 240:
        stem = stem[:-1]
    return f"{stem.rstrip(' _') or DEFAULT_NAME}.{ext}"
