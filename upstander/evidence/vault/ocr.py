"""OCR of screenshots with Tesseract, run as a separate program.

A subprocess (not a Python binding) keeps a crash or a runaway page inside Tesseract from taking a
worker down, and lets a timeout stop it. Tesseract is optional: without it the app still runs,
`ocr_status()` says why OCR is unavailable, and `ocr_image` raises `OcrUnavailable`. Debian
packages: `tesseract-ocr` (brings the English data, `tesseract-ocr-eng`).

The caller must not OCR sealed items (sexual images of under-18s, UKCIS): the vault does not know
which items are sealed; the evidence service does.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass

from PIL import Image, ImageOps

from . import filetypes
from .errors import VaultError
from .images import DEFAULT_MAX_PIXELS, decode_checked, open_checked, pillow_format_for

DEFAULT_BINARY = "tesseract"
DEFAULT_LANG = "eng"
# Page segmentation mode 3 (fully automatic) copes with chat screenshots, whose bubbles sit in
# columns at different offsets; 6 (one uniform block) merges those columns into nonsense.
DEFAULT_PSM = 3
DEFAULT_TIMEOUT_SECONDS = 120.0
# Screenshots at phone resolution have text ~12-20 px high; Tesseract reads best at ~30 px and up.
_UPSCALE_BELOW = 2000
_LANG_RE = re.compile(r"^[A-Za-z0-9_]+(\+[A-Za-z0-9_]+)*$")


class OcrUnavailable(VaultError):
    """Tesseract (or the language data) is not installed."""


class OcrFailed(VaultError):
    """Tesseract ran but did not produce text (error exit, timeout, unreadable image)."""


@dataclass(frozen=True)
class OcrStatus:
    available: bool
    version: str | None
    reason: str | None  # why not available, in words an administrator can act on


def _resolve(binary: str) -> str | None:
    return shutil.which(binary)


def _run(args: list[str], *, stdin: bytes | None, timeout: float) -> subprocess.CompletedProcess[bytes]:
    # One thread per Tesseract process: the background worker runs several tasks side by side, and
    # OpenMP's default of one thread per core per process makes them fight and run slower.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    return subprocess.run(  # noqa: S603 - fixed argument list, absolute path from shutil.which
        args, input=stdin, capture_output=True, timeout=timeout, check=False, env=env
    )


def ocr_status(*, binary: str = DEFAULT_BINARY, lang: str = DEFAULT_LANG) -> OcrStatus:
    """Whether OCR can run here; the settings/status page shows `reason` when it cannot."""
    path = _resolve(binary)
    if path is None:
        return OcrStatus(
            False, None, "Tesseract is not installed, so screenshots are not read automatically. "
            "Install the Debian package `tesseract-ocr` to turn this on.",
        )  # fmt: skip
    try:
        version_run = _run([path, "--version"], stdin=None, timeout=15)
        langs_run = _run([path, "--list-langs"], stdin=None, timeout=15)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return OcrStatus(False, None, f"Tesseract at {path} could not be run: {exc}.")
    first_line = (version_run.stdout or version_run.stderr).decode("utf-8", "replace").splitlines()
    version = first_line[0].strip() if first_line else None
    # --list-langs prints a header line, then one language per line (stdout in 4.x/5.x).
    listed = (langs_run.stdout + langs_run.stderr).decode("utf-8", "replace").split()
    missing = [code for code in lang.split("+") if code not in listed]
    if missing:
        return OcrStatus(
            False, version, f"Tesseract has no data for {', '.join(missing)}: install "
            + ", ".join(f"`tesseract-ocr-{code}`" for code in missing) + ".",
        )  # fmt: skip
    return OcrStatus(True, version, None)


def ocr_available(*, binary: str = DEFAULT_BINARY, lang: str = DEFAULT_LANG) -> bool:
    return ocr_status(binary=binary, lang=lang).available


def _prepare(data: bytes, *, max_pixels: int) -> bytes:
    """The image as a plain greyscale PNG Tesseract can read (it cannot read WebP/AVIF everywhere),
    upright and enlarged if small; limited by the same bomb check as uploads."""
    file_type = filetypes.detect_type(data)
    pillow_format = pillow_format_for(file_type)
    if pillow_format is None:
        raise OcrFailed(f"Text cannot be read from a {file_type.label} here.")
    with open_checked(data=data, pillow_format=pillow_format, max_pixels=max_pixels) as image:
        decode_checked(image=image)
        grey = ImageOps.exif_transpose(image) or image
        grey = grey.convert("L")
    if max(grey.size) < _UPSCALE_BELOW:
        grey = grey.resize((grey.width * 2, grey.height * 2), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    grey.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def ocr_image(
    *,
    data: bytes,
    lang: str = DEFAULT_LANG,
    psm: int = DEFAULT_PSM,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    binary: str = DEFAULT_BINARY,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> str:
    """The text Tesseract reads in an image (an original's bytes). Raises OcrUnavailable when
    Tesseract is missing, OcrFailed on error or timeout, UploadRefused for bombs/corrupt images."""
    if not _LANG_RE.match(lang):
        raise ValueError(f"{lang!r} is not a Tesseract language code such as 'eng' or 'eng+cym'.")
    if not 0 <= psm <= 13:
        raise ValueError("psm must be a Tesseract page segmentation mode between 0 and 13.")
    path = _resolve(binary)
    if path is None:
        raise OcrUnavailable(
            "Tesseract is not installed, so text cannot be read from screenshots. Install the Debian "
            "package `tesseract-ocr`."
        )
    png = _prepare(data, max_pixels=max_pixels)
    try:
        # "stdin"/"stdout" keep the image off disk: evidence is only ever written encrypted.
        result = _run([path, "stdin", "stdout", "-l", lang, "--psm", str(psm)], stdin=png, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise OcrFailed(f"Tesseract did not finish within {timeout:g} seconds.") from None
    except OSError as exc:
        raise OcrUnavailable(f"Tesseract at {path} could not be run: {exc}.") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrFailed(f"Tesseract failed (exit {result.returncode}): {message[-1] if message else 'no message'}")
    # Tesseract ends each page with a form feed; drop it and trailing blank lines.
    return result.stdout.decode("utf-8", "replace").replace("\f", "").strip()
