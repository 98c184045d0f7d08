"""Benchmark: add screenshots to the evidence vault, then verify them all.

Run from the repository root:

    .venv/bin/python bench/evidence_vault.py               # 1,000 images of ~300 KB
    .venv/bin/python bench/evidence_vault.py --count 200 --dir /srv/upstander/var

Each image goes through what an upload does: upload check (size, type from content, bomb check,
full decode, EXIF), a 400-pixel metadata-free thumbnail, encryption, and atomic fsync'd writes of
the original and the thumbnail to a LocalBlobStore. Then `verify_all` re-reads, decrypts and
re-hashes everything. Image generation is not timed. Half the images are PNG screenshots, half
JPEG phone photos with EXIF and GPS, all of different content (the store de-duplicates).

Then the same files go through the Django path (skip with --no-django): `evidence_add_file` into a
throw-away SQLite database and vault under a temporary UPSTANDER_VAR_DIR (upload check, encrypted
write, item row, custody event, audit row, task enqueued; 10 files per report), then
`upstander evidence verify` (re-hash every object, walk every custody chain). The background
work (metadata-free preview + Tesseract OCR) is timed on a sample (--derive, default 20).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import ExifTags, Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from upstander.evidence.vault import images, storage
from upstander.evidence.vault.crypto import KeyRing

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LINES = [
    "nobody even likes you lol",
    "everyone saw what you posted",
    "dont bother coming tomorrow",
    "we made a group without you",
    "screenshot this and ill send it round",
]


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.truetype(str(FONT), size) if FONT.is_file() else ImageFont.load_default()


def _base_screenshot() -> Image.Image:
    """A chat-app screenshot: bubbles of text on a light background, 720 x 1280."""
    image = Image.new("RGB", (720, 1280), (236, 229, 221))
    draw = ImageDraw.Draw(image)
    font = _font(26)
    for row in range(16):
        left = 30 if row % 2 else 230
        top = 40 + row * 76
        draw.rounded_rectangle((left, top, left + 460, top + 62), radius=14, fill=(255, 255, 255))
        draw.text((left + 16, top + 16), LINES[row % len(LINES)], fill=(30, 30, 30), font=font)
    return image


def _noisy(base: Image.Image, *, index: int, rng: np.random.Generator, amplitude: int, rows: int) -> Image.Image:
    # Sensor/compression-like noise over a band makes each file unique and sets its size.
    pixels = np.asarray(base, dtype=np.int16).copy()
    top = int(rng.integers(0, pixels.shape[0] - rows + 1))
    band = pixels[top : top + rows]
    band += rng.integers(-amplitude, amplitude + 1, size=band.shape, dtype=np.int16)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    ImageDraw.Draw(image).text((20, 8), f"#{index:05d}", fill=(200, 0, 0), font=_font(18))
    return image


def _exif(index: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Apple"
    exif[0x0110] = "iPhone 15"
    exif_ifd = exif.get_ifd(ExifTags.IFD.Exif)
    exif_ifd[0x9003] = f"2026:11:{1 + index % 28:02d} 14:{index % 60:02d}:00"
    exif_ifd[0x9011] = "+00:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[1], gps[2], gps[3], gps[4] = "N", (51.0, 30.0, 26.0), "W", (0.0, 7.0, 39.0)
    return exif


def generate(count: int, *, seed: int = 7) -> list[tuple[str, bytes]]:
    rng = np.random.default_rng(seed)
    base = _base_screenshot()
    photo_base = base.resize((1080, 1920))
    files: list[tuple[str, bytes]] = []
    for index in range(count):
        out = io.BytesIO()
        if index % 2 == 0:
            _noisy(base, index=index, rng=rng, amplitude=24, rows=150).save(out, format="PNG")
            files.append((f"Screenshot_{index:05d}.png", out.getvalue()))
        else:
            photo = _noisy(photo_base, index=index, rng=rng, amplitude=14, rows=1920)
            photo.save(out, format="JPEG", quality=80, exif=_exif(index))
            files.append((f"IMG_{index:05d}.JPG", out.getvalue()))
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=None, help="parent directory for the temporary vault")
    parser.add_argument("--no-django", action="store_true", help="measure the vault core only")
    parser.add_argument("--derive", type=int, default=20, help="items to make previews and OCR text for (Django)")
    args = parser.parse_args()

    print(f"Generating {args.count} images (not timed) ...", flush=True)
    started = time.perf_counter()
    files = generate(args.count)
    sizes = [len(data) for _, data in files]
    total_mb = sum(sizes) / 1e6
    print(
        f"  {len(files)} files, mean {statistics.mean(sizes) / 1e3:.0f} KB "
        f"(PNG {statistics.mean(sizes[0::2]) / 1e3:.0f} KB, JPEG {statistics.mean(sizes[1::2]) / 1e3:.0f} KB), "
        f"{total_mb:.0f} MB in all; generated in {time.perf_counter() - started:.1f} s"
    )

    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        store = storage.LocalBlobStore(root=Path(tmp) / "vault", keyring=KeyRing.generate(key_id="bench"))
        stages = {"check": 0.0, "thumbnail": 0.0, "store": 0.0}
        per_file: list[float] = []
        added = time.perf_counter()
        for name, data in files:
            t0 = time.perf_counter()
            checked = images.check_upload(data=data, filename=name)
            t1 = time.perf_counter()
            thumb = images.make_preview(data=data, file_type=checked.file_type, max_side=400)
            t2 = time.perf_counter()
            digest = store.put(data)
            store.put_derived(kind="thumbnail", sha256=digest, data=thumb)
            t3 = time.perf_counter()
            stages["check"] += t1 - t0
            stages["thumbnail"] += t2 - t1
            stages["store"] += t3 - t2
            per_file.append(t3 - t0)
        add_seconds = time.perf_counter() - added

        verify_started = time.perf_counter()
        problems = storage.verify_all(store=store)
        verify_seconds = time.perf_counter() - verify_started

        on_disk = sum(p.stat().st_size for p in (Path(tmp) / "vault").rglob("*") if p.is_file())

    count = len(files)
    per_file.sort()
    rate = f"{count / add_seconds:.0f} files/s, {total_mb / add_seconds:.0f} MB/s"
    print(f"\nAdd {count} images: {add_seconds:.1f} s ({rate})")
    print(
        f"  per file: median {statistics.median(per_file) * 1e3:.0f} ms, "
        f"95th percentile {per_file[int(count * 0.95) - 1] * 1e3:.0f} ms"
    )
    for stage, seconds in stages.items():
        print(f"  {stage:<9} {seconds:6.1f} s  ({seconds / count * 1e3:.1f} ms/file)")
    print(f"Verify all ({count} originals + {count} thumbnails): {verify_seconds:.1f} s, problems: {len(problems)}")
    print(f"Vault size on disk: {on_disk / 1e6:.0f} MB; CPUs: {os.cpu_count()}; Python {sys.version.split()[0]}")
    if not args.no_django:
        bench_django(files, parent=args.dir, derive=args.derive)


def bench_django(files: list[tuple[str, bytes]], *, parent: Path | None, derive: int) -> None:
    """The same files through `evidence_add_file` and `upstander evidence verify`."""
    count = len(files)
    with tempfile.TemporaryDirectory(dir=parent) as tmp:
        # Settings read these at import: everything (database, key, vault) lives in `tmp`.
        os.environ["UPSTANDER_VAR_DIR"] = tmp
        os.environ.pop("DATABASE_URL", None)
        os.environ.pop("EVIDENCE_KEY", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upstander.config.settings")
        os.environ["LOG_LEVEL"] = "WARNING"
        import django

        django.setup()
        from io import StringIO

        from django.core.management import call_command

        from upstander.accounts.models import Organisation
        from upstander.evidence import adding, derived
        from upstander.evidence.models import EvidenceItem
        from upstander.reports.models import Report

        call_command("migrate", verbosity=0)
        org = Organisation.objects.create(name="Bench School", slug="bench")
        reports = [
            Report.objects.create(
                organisation=org, reference=f"BENCH{n:06d}", passphrase_hash="x", reporter_role="target", account="x"
            )
            for n in range(count // 10 + 1)
        ]
        per_file = []
        started = time.perf_counter()
        for index, (name, data) in enumerate(files):
            t0 = time.perf_counter()
            adding.evidence_add_file(
                report=reports[index // 10], data=data, filename=name, added_by_label="anonymous reporter"
            )
            per_file.append(time.perf_counter() - t0)
        add_seconds = time.perf_counter() - started
        per_file.sort()
        print(f"\nDjango: evidence_add_file x {count}: {add_seconds:.1f} s ({count / add_seconds:.0f} files/s)")
        print(
            f"  per file: median {statistics.median(per_file) * 1e3:.0f} ms, "
            f"95th percentile {per_file[int(count * 0.95) - 1] * 1e3:.0f} ms"
        )
        started = time.perf_counter()
        out, err = StringIO(), StringIO()
        call_command("evidence", "verify", stdout=out, stderr=err)
        print(f"Django: upstander evidence verify: {time.perf_counter() - started:.1f} s; {out.getvalue().strip()}")
        sample = list(EvidenceItem.objects.order_by("pk").values_list("pk", flat=True)[:derive])
        if sample:
            started = time.perf_counter()
            for item_id in sample:
                derived.evidence_derive(item_id=item_id)
            seconds = time.perf_counter() - started
            states = sorted(set(EvidenceItem.objects.filter(pk__in=sample).values_list("ocr_state", flat=True)))
            print(
                f"Django: preview + OCR (background task) for {len(sample)} items: {seconds:.1f} s "
                f"({seconds / len(sample) * 1e3:.0f} ms/item; OCR {', '.join(states)})"
            )


if __name__ == "__main__":
    main()
