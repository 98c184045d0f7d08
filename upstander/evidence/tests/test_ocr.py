from __future__ import annotations

import pytest

from upstander.evidence.tests.factories import png_claiming_size, screenshot_with_text, truetype_font
from upstander.evidence.vault import ocr
from upstander.evidence.vault.errors import UploadRefused

needs_tesseract = pytest.mark.skipif(
    not ocr.ocr_available(), reason="Tesseract is not installed (Debian package tesseract-ocr)"
)
needs_font = pytest.mark.skipif(truetype_font(20) is None, reason="No TrueType font (Debian package fonts-dejavu-core)")


@needs_tesseract
@needs_font
def test_ocr_reads_the_words_in_a_screenshot() -> None:
    image = screenshot_with_text(["nobody wants you here", "meet me after school"])
    text = ocr.ocr_image(data=image).lower()
    for word in ("nobody", "wants", "here", "meet", "after", "school"):
        assert word in text


@needs_tesseract
def test_ocr_status_reports_the_version() -> None:
    status = ocr.ocr_status()
    assert status.available and status.reason is None
    assert status.version and "tesseract" in status.version.lower()


def test_a_missing_tesseract_says_ocr_is_unavailable() -> None:
    status = ocr.ocr_status(binary="no-such-tesseract-binary")
    assert not status.available
    assert status.reason is not None and "tesseract-ocr" in status.reason
    with pytest.raises(ocr.OcrUnavailable, match="tesseract-ocr"):
        ocr.ocr_image(data=b"irrelevant", binary="no-such-tesseract-binary")


@needs_tesseract
def test_a_missing_language_says_which_package_to_install() -> None:
    status = ocr.ocr_status(lang="eng+zzz")
    assert not status.available
    assert status.reason is not None and "tesseract-ocr-zzz" in status.reason


@needs_tesseract
def test_ocr_refuses_a_decompression_bomb() -> None:
    with pytest.raises(UploadRefused):
        ocr.ocr_image(data=png_claiming_size(width=9_000, height=9_000))


def test_a_bad_language_code_is_rejected() -> None:
    with pytest.raises(ValueError, match="language code"):
        ocr.ocr_image(data=b"x", lang="eng; rm -rf /")
