from __future__ import annotations

import pytest

from upstander.evidence.tests.factories import image_bytes, png_bytes
from upstander.evidence.vault import filetypes
from upstander.evidence.vault.errors import UploadRefused
from upstander.evidence.vault.filetypes import detect_type, sanitise_filename

EML = (
    b"Return-Path: <someone@example.org>\r\n"
    b"From: Someone <someone@example.org>\r\n"
    b"To: pupil@example.org\r\n"
    b"Subject: you\r\n"
    b"\t(folded line)\r\n"
    b"Date: Tue, 3 Nov 2026 14:05:00 +0000\r\n"
    b"\r\n"
    b"Nobody likes you.\r\n"
)


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    body = major + b"\x00\x00\x00\x00" + b"".join(compatible)
    return (8 + len(body)).to_bytes(4, "big") + b"ftyp" + body + b"\x00\x00\x00\x08free"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (image_bytes(fmt="JPEG"), filetypes.JPEG),
        (png_bytes(), filetypes.PNG),
        (image_bytes(fmt="GIF"), filetypes.GIF),
        (image_bytes(fmt="WEBP"), filetypes.WEBP),
        (image_bytes(fmt="AVIF"), filetypes.AVIF),
        (ftyp(b"heic", b"mif1", b"heic"), filetypes.HEIC),
        (ftyp(b"mif1", b"mif1", b"heic"), filetypes.HEIC),
        (ftyp(b"mif1", b"mif1"), filetypes.HEIF),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", filetypes.PDF),
        (ftyp(b"isom", b"isom", b"iso2", b"avc1", b"mp41"), filetypes.MP4),
        (ftyp(b"mp42", b"mp42", b"isom"), filetypes.MP4),
        (ftyp(b"qt  ", b"qt  "), filetypes.MOV),
        (b"\x00\x00\x00\x08wide\x00\x00\x10\x00mdat", filetypes.MOV),
        (ftyp(b"3gp4", b"3gp4", b"isom"), filetypes.THREE_GP),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm\x42\x87", filetypes.WEBM),
        (b"\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\x82\x88matroska", filetypes.MKV),
        (b"RIFF\x24\x00\x00\x00AVI LIST", filetypes.AVI),
        ("Pasted message: you're a loser 😡\nsent 9pm".encode(), filetypes.TEXT),
        (b"\xef\xbb\xbfText with a byte order mark", filetypes.TEXT),
        (EML, filetypes.EMAIL),
        (b"From MAILER-DAEMON Tue Nov  3 14:05:00 2026\n" + EML.replace(b"\r\n", b"\n"), filetypes.EMAIL),
    ],
    ids=lambda v: v.key if isinstance(v, filetypes.FileType) else None,
)
def test_type_is_decided_from_content(data: bytes, expected: filetypes.FileType) -> None:
    assert detect_type(data) == expected


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (b"MZ\x90\x00\x03\x00\x00\x00", "Windows program"),
        (b"\x7fELF\x02\x01\x01", "program"),
        (b"<!DOCTYPE html><html><script>alert(1)</script>", "web page"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "SVG"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00", "audio"),
        (ftyp(b"M4A ", b"M4A ", b"isom"), "audio"),
        (b"BM6\x00\x00\x00", "BMP"),
        (b"\x00\x01\x02\x03\x04\x05binary\x00junk", "binary"),
        (b"\xff\xfe\x00\x00 not utf-8 \xc3\x28", "UTF-8"),
    ],
)
def test_other_types_are_refused_saying_what_is_accepted(data: bytes, words: str) -> None:
    with pytest.raises(UploadRefused) as caught:
        detect_type(data)
    assert caught.value.code == "unsupported_type"
    assert words in caught.value.reason
    assert "Upstander accepts photos and screenshots" in caught.value.reason


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(UploadRefused, match="empty") as caught:
        detect_type(b"")
    assert caught.value.code == "empty"


def test_the_name_does_not_decide_the_type() -> None:
    # A PNG called .jpg is a PNG; an HTML file called .jpg is refused.
    assert sanitise_filename(name="photo.jpg", file_type=detect_type(png_bytes())) == "photo.png"
    with pytest.raises(UploadRefused):
        detect_type(b"<html><script>steal()</script></html>")


@pytest.mark.parametrize(
    ("name", "file_type", "expected"),
    [
        ("Screenshot 2026-11-03 at 10.31.22.PNG", filetypes.PNG, "Screenshot 2026-11-03 at 10_31_22.png"),
        ("../../etc/passwd", filetypes.TEXT, "passwd.txt"),
        ("C:\\Users\\sam\\Desktop\\chat.txt", filetypes.TEXT, "chat.txt"),
        ("holiday\u202egpj.exe", filetypes.JPEG, "holidaygpj.jpg"),  # right-to-left override removed
        ("photo.php.jpg", filetypes.JPEG, "photo_php.jpg"),
        ("evil.exe", filetypes.PNG, "evil.png"),
        ("CON.txt", filetypes.TEXT, "_CON.txt"),
        ("lpt1", filetypes.PDF, "_lpt1.pdf"),
        ("...", filetypes.PDF, "evidence.pdf"),
        ("", filetypes.GIF, "evidence.gif"),
        ("-rf .jpeg", filetypes.JPEG, "rf.jpeg"),
        ('a<b>c:d"e|f?g*h.txt', filetypes.TEXT, "a_b_c_d_e_f_g_h.txt"),
        ("bad\x00name\x1f.txt", filetypes.TEXT, "badname.txt"),
        ("two\twords\n.txt", filetypes.TEXT, "two words.txt"),
        ("video.MOV", filetypes.MOV, "video.mov"),
        ("clip.mp4", filetypes.MOV, "clip.mov"),
        ("full\uff0fwidth\uff0fslash.png", filetypes.PNG, "slash.png"),
    ],
)
def test_file_names_are_sanitised(name: str, file_type: filetypes.FileType, expected: str) -> None:
    assert sanitise_filename(name=name, file_type=file_type) == expected


def test_long_names_are_shortened_keeping_the_extension() -> None:
    assert len(sanitise_filename(name="a" * 500 + ".png", file_type=filetypes.PNG)) == 100
    long_unicode = sanitise_filename(name="é" * 300 + ".png", file_type=filetypes.PNG, max_length=250)
    assert long_unicode.endswith(".png") and len(long_unicode.encode()) <= 240
