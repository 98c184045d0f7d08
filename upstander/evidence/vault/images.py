"""Image checks and previews with Pillow, and the one upload check every file goes through.

- Decompression bombs (a small file that decodes to billions of pixels) are refused from the size
  in the header, before any pixel is decoded; Pillow's own bomb error becomes the same refusal.
- Capture time comes from EXIF DateTimeOriginal (with OffsetTimeOriginal when the camera wrote
  one); without an offset the time is read in the organisation's zone and marked as assumed.
- Previews are re-encoded from pixels into a fresh image, so no EXIF, GPS, XMP, ICC or comment
  from the original can survive into what staff see or what a thumbnail leaks.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PIL import ExifTags, Image

from . import filetypes
from .crypto import sha256_hex
from .errors import UploadRefused
from .filetypes import Category, FileType

MB = 1024 * 1024
DEFAULT_MAX_FILE_BYTES = 25 * MB
DEFAULT_MAX_REPORT_BYTES = 100 * MB
# 80 megapixels: every phone camera's default output (up to 50 MP) and long scrolling screenshots
# pass; decoding one costs about 240 MB of memory. It must not exceed Pillow's own limit
# (Image.MAX_IMAGE_PIXELS, about 89 MP), so Pillow's bomb warning can never fire before we refuse.
DEFAULT_MAX_PIXELS = 80_000_000
DEFAULT_TIME_ZONE = "Europe/London"

# EXIF tags (numbers from the EXIF 2.32 specification).
_DATETIME_ORIGINAL = 0x9003
_DATETIME_DIGITIZED = 0x9004
_OFFSET_TIME_ORIGINAL = 0x9011
_OFFSET_TIME_DIGITIZED = 0x9012
_OFFSET_TIME = 0x9010
_DATETIME = 0x0132
_MAKE = 0x010F
_MODEL = 0x0110
_ORIENTATION = 0x0112
_GPS_IFD_POINTER = 0x8825

_CORRUPT = (
    "This image could not be read: it may be damaged or only partly uploaded. Open it on your device "
    "to check it, then send it again or take a new screenshot."
)


@dataclass(frozen=True)
class ImageInfo:
    width: int
    height: int
    format: str
    captured_at: datetime | None  # always timezone-aware when set
    capture_time_source: str | None  # "DateTimeOriginal", "DateTimeDigitized" or "DateTime"
    capture_offset_recorded: bool  # False: the camera gave no offset and the zone was assumed
    capture_time_raw: str | None
    camera_make: str | None
    camera_model: str | None
    has_exif: bool
    has_gps: bool
    orientation: int | None
    preview_supported: bool

    def metadata(self) -> dict[str, str | int | bool | None]:
        """Plain values for the evidence record and the export manifest."""
        return {
            "width": self.width,
            "height": self.height,
            "image_format": self.format,
            "captured_at": self.captured_at.isoformat() if self.captured_at else None,
            "capture_time_source": self.capture_time_source,
            "capture_offset_recorded": self.capture_offset_recorded,
            "camera": " ".join(p for p in (self.camera_make, self.camera_model) if p) or None,
            "has_gps": self.has_gps,
        }


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed every check: what it is, its safe name and digest."""

    file_type: FileType
    safe_name: str
    sha256: str
    size: int
    image: ImageInfo | None


def _human_size(size: int) -> str:
    return f"{size / MB:.1f} MB" if size >= MB // 10 else f"{max(1, round(size / 1024))} KB"


def _resolve_tz(local_tz: tzinfo | None) -> tzinfo:
    if local_tz is not None:
        return local_tz
    try:
        return ZoneInfo(DEFAULT_TIME_ZONE)
    except ZoneInfoNotFoundError:
        raise RuntimeError(
            "The time zone database is missing: install the Debian package `tzdata` or pass local_tz."
        ) from None


_HEIF_FAMILY = (filetypes.HEIC, filetypes.HEIF, filetypes.AVIF)


def pillow_format_for(file_type: FileType) -> str | None:
    """The Pillow decoder for this type, or None when this Pillow has none (HEIC without the
    pillow-heif plugin, or AVIF on a Pillow built without libavif)."""
    Image.init()  # registers every plugin, so Image.OPEN lists all the decoders this Pillow has
    if file_type.pillow_format and file_type.pillow_format in Image.OPEN:
        return file_type.pillow_format
    if file_type in (filetypes.HEIC, filetypes.HEIF) and "HEIF" in Image.OPEN:
        return "HEIF"  # registered by the optional pillow-heif plugin
    return None


# -- HEIF container (dimensions without decoding) ------------------------------------------------


def _boxes(data: bytes, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, payload start, payload end) for each ISO-BMFF box in data[start:end]."""
    pos = start
    while pos + 8 <= end:
        size = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        header = 8
        if size == 1:
            if pos + 16 > end:
                return
            size = int.from_bytes(data[pos + 8 : pos + 16], "big")
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            return
        yield kind, pos + header, pos + size
        pos += size


def heif_dimensions(data: bytes) -> tuple[int, int] | None:
    """The largest (width, height) in a HEIF/HEIC/AVIF file's `ispe` properties, or None."""
    best: tuple[int, int] | None = None
    for kind, start, end in _boxes(data, 0, len(data)):
        if kind != b"meta":
            continue
        for kind2, start2, end2 in _boxes(data, start + 4, end):  # meta is a full box: skip version/flags
            if kind2 != b"iprp":
                continue
            for kind3, start3, end3 in _boxes(data, start2, end2):
                if kind3 != b"ipco":
                    continue
                for kind4, start4, end4 in _boxes(data, start3, end3):
                    if kind4 == b"ispe" and end4 - start4 >= 12:
                        width = int.from_bytes(data[start4 + 4 : start4 + 8], "big")
                        height = int.from_bytes(data[start4 + 8 : start4 + 12], "big")
                        if best is None or width * height > best[0] * best[1]:
                            best = (width, height)
    return best


# -- pixel-size checks and opening ---------------------------------------------------------------


def _check_pixels(width: int, height: int, *, max_pixels: int) -> None:
    if width <= 0 or height <= 0:
        raise UploadRefused(_CORRUPT, code="corrupt_image")
    if width * height > max_pixels:
        raise UploadRefused(
            f"This image is {width:,} x {height:,} pixels ({width * height / 1e6:,.0f} megapixels), more "
            f"than the limit of {max_pixels / 1e6:,.0f} megapixels. Images this large can be used to "
            "crash servers, so it was not stored. Send a screenshot or a smaller copy of the picture.",
            code="decompression_bomb",
        )


def _validate_max_pixels(max_pixels: int) -> None:
    limit = Image.MAX_IMAGE_PIXELS
    if limit is not None and max_pixels > limit:
        raise ValueError(
            f"max_pixels={max_pixels} is above Pillow's own limit ({limit}); raise "
            "PIL.Image.MAX_IMAGE_PIXELS too, or Pillow would refuse such images with its own error."
        )


def open_checked(*, data: bytes, pillow_format: str, max_pixels: int) -> Image.Image:
    """Open lazily (header only) with the bomb check applied; the caller decodes."""
    try:
        image = Image.open(io.BytesIO(data), formats=[pillow_format])
    except Image.DecompressionBombError:
        raise UploadRefused(
            f"This image is too large in pixels to open safely (more than {max_pixels / 1e6:,.0f} "
            "megapixels). Send a screenshot or a smaller copy of the picture.",
            code="decompression_bomb",
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        # UnidentifiedImageError is an OSError; Pillow raises SyntaxError for broken PNG chunks.
        raise UploadRefused(_CORRUPT, code="corrupt_image") from exc
    _check_pixels(image.width, image.height, max_pixels=max_pixels)
    return image


def decode_checked(*, image: Image.Image, target: tuple[int, int] | None = None) -> None:
    """Decode the first frame, at reduced scale for JPEG when `target` allows (much faster)."""
    try:
        if target is not None and image.format == "JPEG":
            image.draft("RGB", target)
        image.load()
    except Image.DecompressionBombError:
        raise UploadRefused(
            "This image is too large in pixels to open safely. Send a screenshot or a smaller copy.",
            code="decompression_bomb",
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as exc:
        # ValueError covers Pillow's "Decompressed Data Too Large" for oversized PNG text chunks.
        raise UploadRefused(_CORRUPT, code="corrupt_image") from exc


# -- EXIF ------------------------------------------------------------------------------------


_EXIF_DATETIME = re.compile(r"^\s*(\d{4})[:\-](\d{2})[:\-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_EXIF_OFFSET = re.compile(r"^\s*([+-])(\d{2}):?(\d{2})\s*$")


def _text(value: Any) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return None
    cleaned = value.replace("\x00", "").strip()
    return cleaned or None


def _parse_exif_time(raw: str, offset_raw: str | None, *, local_tz: tzinfo) -> tuple[datetime, bool] | None:
    match = _EXIF_DATETIME.match(raw)
    if not match:
        return None
    try:
        year, month, day, hour, minute, second = (int(g) for g in match.groups())
        naive = datetime(year, month, day, hour, minute, second)  # noqa: DTZ001 - zone attached below
    except ValueError:
        return None  # "0000:00:00 00:00:00" and other placeholders cameras write
    if offset_raw:
        offset_match = _EXIF_OFFSET.match(offset_raw)
        if offset_match:
            sign, hours, minutes = offset_match.groups()
            delta = timedelta(hours=int(hours), minutes=int(minutes))
            if delta <= timedelta(hours=14):
                return naive.replace(tzinfo=timezone(-delta if sign == "-" else delta)), True
    return naive.replace(tzinfo=local_tz), False


def _read_exif(image: Image.Image, *, local_tz: tzinfo) -> dict[str, Any]:
    exif = image.getexif()
    exif_ifd = exif.get_ifd(ExifTags.IFD.Exif) if exif else {}
    gps_ifd = exif.get_ifd(ExifTags.IFD.GPSInfo) if exif else {}
    xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
    if isinstance(xmp, str):
        xmp = xmp.encode("utf-8", "replace")
    result: dict[str, Any] = {
        "has_exif": bool(exif) or bool(exif_ifd),
        # A GPS pointer with an empty IFD still says the device meant to record location.
        "has_gps": bool(gps_ifd) or _GPS_IFD_POINTER in exif or b"GPSLatitude" in xmp,
        "camera_make": _text(exif.get(_MAKE)),
        "camera_model": _text(exif.get(_MODEL)),
        "orientation": exif.get(_ORIENTATION) if isinstance(exif.get(_ORIENTATION), int) else None,
        "captured_at": None,
        "capture_time_source": None,
        "capture_offset_recorded": False,
        "capture_time_raw": None,
    }
    candidates = (
        ("DateTimeOriginal", exif_ifd.get(_DATETIME_ORIGINAL), exif_ifd.get(_OFFSET_TIME_ORIGINAL)),
        ("DateTimeDigitized", exif_ifd.get(_DATETIME_DIGITIZED), exif_ifd.get(_OFFSET_TIME_DIGITIZED)),
        ("DateTime", exif.get(_DATETIME), exif_ifd.get(_OFFSET_TIME)),
    )
    for source, raw_value, offset_value in candidates:
        raw = _text(raw_value)
        if raw is None:
            continue
        parsed = _parse_exif_time(raw, _text(offset_value), local_tz=local_tz)
        if parsed is None:
            continue
        result.update(
            captured_at=parsed[0],
            capture_time_source=source,
            capture_offset_recorded=parsed[1],
            capture_time_raw=raw,
        )
        break
    return result


# -- public API ----------------------------------------------------------------------------------


def inspect_image(
    *,
    data: bytes,
    file_type: FileType | None = None,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    local_tz: tzinfo | None = None,
    decode: bool = True,
) -> ImageInfo:
    """Size, EXIF capture time, camera and GPS presence; refuses bombs and (with `decode`) images
    whose pixels cannot be decoded. `local_tz` is the organisation's zone (settings.TIME_ZONE),
    used when the camera recorded no offset; default Europe/London."""
    _validate_max_pixels(max_pixels)
    file_type = file_type or filetypes.detect_type(data)
    if file_type.category is not Category.IMAGE:
        raise ValueError(f"inspect_image needs an image, not a {file_type.label}.")
    tz = _resolve_tz(local_tz)
    pillow_format = pillow_format_for(file_type)
    if pillow_format is None:
        if file_type not in _HEIF_FAMILY:
            raise RuntimeError(f"This Pillow cannot decode {file_type.label}s; reinstall Pillow from its wheels.")
        # HEIC without the pillow-heif plugin: check the size from the container, store it, and
        # say plainly that there is no preview or EXIF reading.
        dimensions = heif_dimensions(data)
        if dimensions is None:
            raise UploadRefused(_CORRUPT, code="corrupt_image")
        _check_pixels(*dimensions, max_pixels=max_pixels)
        return ImageInfo(
            width=dimensions[0], height=dimensions[1], format=file_type.key.upper(), captured_at=None,
            capture_time_source=None, capture_offset_recorded=False, capture_time_raw=None,
            camera_make=None, camera_model=None, has_exif=False, has_gps=False, orientation=None,
            preview_supported=False,
        )  # fmt: skip
    with open_checked(data=data, pillow_format=pillow_format, max_pixels=max_pixels) as image:
        # Read before decoding: JPEG draft mode shrinks image.size to the decoded scale.
        width, height = image.size
        if decode:
            # Decoding every pixel is what finds truncated or damaged files; 1/8 scale for JPEG
            # still walks the whole compressed stream, at a fraction of the cost.
            decode_checked(image=image, target=(max(1, width // 8), max(1, height // 8)))
        exif = _read_exif(image, local_tz=tz)
        return ImageInfo(
            width=width, height=height, format=image.format or pillow_format, preview_supported=True, **exif
        )


def make_preview(
    *,
    data: bytes,
    file_type: FileType | None = None,
    max_side: int = 1024,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    redact_boxes: Sequence[tuple[int, int, int, int]] = (),
    image_format: Literal["JPEG", "PNG"] = "JPEG",
    quality: int = 85,
) -> bytes:
    """A metadata-free preview at most `max_side` pixels on its longer side, upright.

    `redact_boxes` are (left, top, right, bottom) rectangles in the upright full-size image's
    pixels (what the DSL sees in the viewer), filled with black before scaling - for the redacted
    preview. Raises UploadRefused for bombs or corrupt images, and ValueError for an image type
    Pillow cannot decode here (HEIC without pillow-heif).
    """
    _validate_max_pixels(max_pixels)
    file_type = file_type or filetypes.detect_type(data)
    pillow_format = pillow_format_for(file_type)
    if pillow_format is None:
        raise ValueError(f"A preview of a {file_type.label} cannot be made here (no decoder installed).")
    with open_checked(data=data, pillow_format=pillow_format, max_pixels=max_pixels) as image:
        full_size = image.size
        orientation = image.getexif().get(_ORIENTATION)
        # Redaction boxes are in full-size pixels, so only an unredacted preview may decode a JPEG
        # at reduced scale; the draft target is the final size (the box is square, so it is the
        # same whichever way up the image is).
        decode_checked(image=image, target=None if redact_boxes else _fit(full_size, max_side))
        # Everything below stays inside `with`: closing the file also frees the decoded pixels.
        rgb = _upright(_flatten_to_rgb(image), orientation)
        if redact_boxes:
            # Black out before scaling, so no pixel from under a box is blended into its neighbours.
            rgb = _redact(rgb, redact_boxes=redact_boxes, full_size=full_size, orientation=orientation)
        # reducing_gap 1.5: a box-filter reduction first, then Lanczos; about twice as fast as the
        # default (2.0) at a barely softer result, which matters when thumbnails are made in bulk.
        small = rgb.resize(_fit(rgb.size, max_side), Image.Resampling.LANCZOS, reducing_gap=1.5)
        # A brand-new image from raw pixels carries no info dict at all: nothing of the original's
        # EXIF/GPS/XMP/ICC/comments can be written out, whatever a save() default does.
        clean = Image.frombytes("RGB", small.size, small.tobytes())
    out = io.BytesIO()
    if image_format == "JPEG":
        clean.save(out, format="JPEG", quality=quality)
    else:
        clean.save(out, format="PNG")
    return out.getvalue()


def _fit(size: tuple[int, int], max_side: int) -> tuple[int, int]:
    scale = min(1.0, max_side / max(size))
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _upright(image: Image.Image, orientation: Any) -> Image.Image:
    """Apply the EXIF orientation (the same mapping as ImageOps.exif_transpose), since the
    preview cannot carry the tag that would tell a viewer to turn it."""
    method = _TRANSPOSE.get(orientation) if isinstance(orientation, int) else None
    return image.transpose(method) if method is not None else image


def _flatten_to_rgb(image: Image.Image) -> Image.Image:
    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    # Palette and 1-bit images must become RGB before resizing: Pillow resizes them with
    # nearest-neighbour only, which makes unreadable thumbnails of text.
    return image.convert("RGB")


def _redact(
    image: Image.Image,
    *,
    redact_boxes: Sequence[tuple[int, int, int, int]],
    full_size: tuple[int, int],
    orientation: Any,
) -> Image.Image:
    upright_w, upright_h = (full_size[1], full_size[0]) if orientation in (5, 6, 7, 8) else full_size
    scale_x, scale_y = image.width / upright_w, image.height / upright_h
    result = image.copy()
    for left, top, right, bottom in redact_boxes:
        box = (
            max(0, int(left * scale_x)),
            max(0, int(top * scale_y)),
            min(image.width, int(right * scale_x + 0.999)),
            min(image.height, int(bottom * scale_y + 0.999)),
        )
        if box[2] > box[0] and box[3] > box[1]:
            result.paste((0, 0, 0), box)
    return result


def check_upload(
    *,
    data: bytes,
    filename: str,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    report_bytes_so_far: int = 0,
    max_report_bytes: int = DEFAULT_MAX_REPORT_BYTES,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    local_tz: tzinfo | None = None,
) -> CheckedUpload:
    """Every check an upload needs before it is stored, or UploadRefused saying what to change.

    Sizes first (cheapest, and the ones people can most easily fix), then type from content, then
    for images the bomb and decode checks. The web layer should also cap the request size so a
    huge upload is cut off before it is read into memory.
    """
    size = len(data)
    if size > max_file_bytes:
        raise UploadRefused(
            f"This file is {_human_size(size)}; the limit is {_human_size(max_file_bytes)} per file. "
            "Send a shorter clip, a screenshot instead of a screen recording, or a smaller copy of the file.",
            code="file_too_large",
        )
    if report_bytes_so_far + size > max_report_bytes:
        raise UploadRefused(
            f"With this file the report would hold {_human_size(report_bytes_so_far + size)} of evidence; "
            f"the limit is {_human_size(max_report_bytes)} per report. Send the most important files, "
            "and say in your report what else you have so staff can ask for it.",
            code="report_too_large",
        )
    file_type = filetypes.detect_type(data)
    info = None
    if file_type.category is Category.IMAGE:
        info = inspect_image(data=data, file_type=file_type, max_pixels=max_pixels, local_tz=local_tz)
    return CheckedUpload(
        file_type=file_type,
        safe_name=filetypes.sanitise_filename(name=filename, file_type=file_type),
        sha256=sha256_hex(data),
        size=size,
        image=info,
    )
