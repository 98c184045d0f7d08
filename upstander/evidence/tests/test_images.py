from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from PIL import ExifTags, Image

from upstander.evidence.tests.factories import image_bytes, photo_with_exif, png_bytes, png_claiming_size
from upstander.evidence.vault import filetypes, images
from upstander.evidence.vault.errors import UploadRefused
from upstander.evidence.vault.images import check_upload, inspect_image, make_preview

MB = 1024 * 1024


def refusal(**kwargs: object) -> UploadRefused:
    with pytest.raises(UploadRefused) as caught:
        check_upload(**kwargs)  # type: ignore[arg-type]
    return caught.value


def test_a_good_photo_passes_the_upload_check() -> None:
    checked = check_upload(data=photo_with_exif(), filename="IMG_0042.JPG")
    assert checked.file_type == filetypes.JPEG
    assert checked.safe_name == "IMG_0042.jpg"
    assert checked.image is not None and checked.image.width == 300


def test_a_file_over_the_size_limit_is_refused_saying_the_limit() -> None:
    error = refusal(data=b"x" * (3 * MB), filename="big.txt", max_file_bytes=2 * MB)
    assert error.code == "file_too_large"
    assert "3.0 MB" in error.reason and "limit is 2.0 MB per file" in error.reason


def test_the_default_file_limit_is_25_mb() -> None:
    error = refusal(data=b"a" * (25 * MB + 1), filename="big.txt")
    assert "limit is 25.0 MB per file" in error.reason


def test_a_report_over_its_total_limit_is_refused() -> None:
    error = refusal(data=png_bytes(), filename="x.png", report_bytes_so_far=100 * MB, max_report_bytes=100 * MB)
    assert error.code == "report_too_large"
    assert "per report" in error.reason


def test_a_file_of_the_wrong_type_is_refused_saying_what_is_accepted() -> None:
    error = refusal(data=b"PK\x03\x04" + b"\x00" * 40, filename="homework.docx")
    assert error.code == "unsupported_type"
    assert "Word" in error.reason and "PDF" in error.reason


def test_a_decompression_bomb_is_refused_before_decoding() -> None:
    bomb = png_claiming_size(width=9_000, height=9_000)  # 81 MP in a ~100-byte file
    assert len(bomb) < 200
    error = refusal(data=bomb, filename="cute-cat.png")
    assert error.code == "decompression_bomb"
    assert "9,000 x 9,000 pixels" in error.reason and "80 megapixels" in error.reason


def test_pillows_own_bomb_error_becomes_the_same_refusal() -> None:
    # Far above Pillow's hard limit: Pillow raises DecompressionBombError while opening.
    error = refusal(data=png_claiming_size(width=50_000, height=50_000), filename="x.png")
    assert error.code == "decompression_bomb"


def test_a_gif_claiming_a_huge_canvas_is_refused() -> None:
    gif = bytearray(image_bytes(fmt="GIF"))
    gif[6:10] = (65535).to_bytes(2, "little") * 2  # logical screen 65535 x 65535
    assert refusal(data=bytes(gif), filename="x.gif").code == "decompression_bomb"


def test_a_stricter_pixel_limit_can_be_set() -> None:
    error = refusal(data=png_bytes(size=(200, 200)), filename="x.png", max_pixels=10_000)
    assert error.code == "decompression_bomb"


def test_a_pixel_limit_above_pillows_own_is_rejected_as_a_programming_error() -> None:
    with pytest.raises(ValueError, match="MAX_IMAGE_PIXELS"):
        inspect_image(data=png_bytes(), max_pixels=10**10)


def test_a_truncated_image_is_refused_as_damaged() -> None:
    photo = photo_with_exif(size=(800, 600))
    error = refusal(data=photo[: len(photo) // 2], filename="half.jpg")
    assert error.code == "corrupt_image"
    assert "damaged or only partly uploaded" in error.reason


def test_a_png_with_a_broken_chunk_is_refused_as_damaged() -> None:
    data = bytearray(png_bytes(size=(300, 300)))
    data[40:60] = b"\x00" * 20  # inside IDAT: the CRC and the compressed stream no longer match
    assert refusal(data=bytes(data), filename="x.png").code == "corrupt_image"


def test_exif_capture_time_is_read_with_its_offset() -> None:
    info = inspect_image(data=photo_with_exif(taken="2024:07:05 14:22:10", offset="+01:00"))
    assert info.captured_at == datetime(2024, 7, 5, 13, 22, 10, tzinfo=UTC)
    assert info.captured_at.utcoffset() == timedelta(hours=1)
    assert info.capture_time_source == "DateTimeOriginal"
    assert info.capture_offset_recorded is True
    assert (info.camera_make, info.camera_model) == ("Apple", "iPhone 15")


def test_a_capture_time_without_offset_is_read_in_the_local_zone_and_marked_assumed() -> None:
    info = inspect_image(data=photo_with_exif(taken="2024:07:05 14:22:10", offset=None))
    assert info.captured_at == datetime(2024, 7, 5, 14, 22, 10, tzinfo=ZoneInfo("Europe/London"))
    assert info.captured_at.utcoffset() == timedelta(hours=1)  # British Summer Time
    assert info.capture_offset_recorded is False
    other = inspect_image(data=photo_with_exif(offset=None), local_tz=timezone(timedelta(hours=-5)))
    assert other.captured_at is not None and other.captured_at.utcoffset() == timedelta(hours=-5)


def test_a_placeholder_capture_time_is_ignored() -> None:
    info = inspect_image(data=photo_with_exif(taken="0000:00:00 00:00:00"))
    assert info.captured_at is None


def test_gps_presence_is_reported() -> None:
    assert inspect_image(data=photo_with_exif(gps=True)).has_gps is True
    assert inspect_image(data=photo_with_exif(gps=False)).has_gps is False
    assert inspect_image(data=png_bytes()).has_gps is False


def test_the_preview_strips_all_metadata_including_gps() -> None:
    original = photo_with_exif(gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    preview = make_preview(data=original)
    with Image.open(io.BytesIO(preview)) as image:
        assert not image.getexif()
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert not ({"exif", "xmp", "icc_profile", "comment"} & set(image.info))
    assert b"Exif" not in preview and b"iPhone" not in preview


def test_the_preview_is_upright_and_no_larger_than_asked() -> None:
    # Orientation 6: the camera was turned; the stored 300x200 pixels display as 200x300.
    preview = make_preview(data=photo_with_exif(orientation=6, size=(300, 200)), max_side=150)
    with Image.open(io.BytesIO(preview)) as image:
        assert image.size == (100, 150)


def test_a_redacted_preview_blacks_out_the_boxes() -> None:
    preview = make_preview(data=png_bytes(size=(400, 200), colour="white"), redact_boxes=[(0, 0, 200, 200)])
    with Image.open(io.BytesIO(preview)) as image:
        assert image.getpixel((50, 100))[0] < 30  # type: ignore[index]
        assert image.getpixel((350, 100))[0] > 220  # type: ignore[index]


def test_a_transparent_screenshot_previews_on_white() -> None:
    out = io.BytesIO()
    Image.new("RGBA", (50, 50), (0, 0, 0, 0)).save(out, format="PNG")
    with Image.open(io.BytesIO(make_preview(data=out.getvalue(), image_format="PNG"))) as image:
        assert image.mode == "RGB" and image.getpixel((10, 10)) == (255, 255, 255)


def test_a_heic_photo_is_checked_from_its_container_without_a_decoder() -> None:
    # An AVIF made by Pillow is a HEIF container; relabelled as HEIC it exercises the ispe reader.
    avif = image_bytes(fmt="AVIF", size=(640, 480))
    heic = avif[:8] + b"heic" + avif[12:]
    if "HEIF" in Image.OPEN:
        pytest.skip("pillow-heif is installed, so HEIC is decoded instead")
    info = inspect_image(data=heic)
    assert (info.width, info.height, info.preview_supported) == (640, 480, False)
    assert images.heif_dimensions(heic) == (640, 480)
