"""The Django side of the vault's configuration: settings, the key ring, the blob store, OCR status.

Each value is read from Django settings when the settings module defines it, else from the
environment here (with the typed helpers of `upstander.config.env`), so the lead can move any of
them into `config/settings.py` without changing this module, and tests can override them with
pytest-django's `settings` fixture.

Environment variables read here (besides EVIDENCE_DIR, EVIDENCE_KEY / EVIDENCE_KEY_FILE and
EVIDENCE_MAX_FILE_MB, which settings.py reads):

    EVIDENCE_MAX_REPORT_MB        evidence per report, all files together (default 100)
    EVIDENCE_STORAGE              "local" (default) or "s3"
    EVIDENCE_S3_BUCKET            bucket name (required with s3)
    EVIDENCE_S3_PREFIX            key prefix inside the bucket, e.g. "upstander/" (default none)
    EVIDENCE_S3_ENDPOINT_URL      for MinIO, Ceph and other S3-compatible services
    EVIDENCE_S3_REGION            region name
    EVIDENCE_S3_ACCESS_KEY_ID     credentials; when unset boto3's own chain is used (instance role ...)
    EVIDENCE_S3_SECRET_ACCESS_KEY (or EVIDENCE_S3_SECRET_ACCESS_KEY_FILE)
    EVIDENCE_OCR_LANG             Tesseract languages, e.g. "eng" or "eng+cym" (default eng)
    EVIDENCE_TESSERACT            the Tesseract program (default "tesseract" on PATH)
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from upstander.config.env import envint, envsecret, envstr
from upstander.evidence.vault import crypto, ocr, storage
from upstander.evidence.vault.crypto import KeyRing, KeyRingError

MB = 1024 * 1024
# The key file made on first start in embedded mode (no EVIDENCE_KEY): beside, not inside, the
# evidence directory, so a copy of the evidence alone cannot be decrypted.
KEY_FILE_NAME = "evidence.keys"

_ENV_DEFAULTS: dict[str, Any] = {
    "EVIDENCE_MAX_REPORT_MB": envint("EVIDENCE_MAX_REPORT_MB", 100, minimum=1, maximum=100_000),
    "EVIDENCE_STORAGE": envstr("EVIDENCE_STORAGE", "local").strip().lower(),
    "EVIDENCE_S3_BUCKET": envstr("EVIDENCE_S3_BUCKET"),
    "EVIDENCE_S3_PREFIX": envstr("EVIDENCE_S3_PREFIX"),
    "EVIDENCE_S3_ENDPOINT_URL": envstr("EVIDENCE_S3_ENDPOINT_URL"),
    "EVIDENCE_S3_REGION": envstr("EVIDENCE_S3_REGION"),
    "EVIDENCE_S3_ACCESS_KEY_ID": envstr("EVIDENCE_S3_ACCESS_KEY_ID"),
    "EVIDENCE_S3_SECRET_ACCESS_KEY": envsecret("EVIDENCE_S3_SECRET_ACCESS_KEY") or "",
    "EVIDENCE_OCR_LANG": envstr("EVIDENCE_OCR_LANG", ocr.DEFAULT_LANG),
    "EVIDENCE_TESSERACT": envstr("EVIDENCE_TESSERACT", ocr.DEFAULT_BINARY),
}


def setting(name: str) -> Any:
    """A Django setting when defined, else this module's environment default."""
    if hasattr(settings, name):
        return getattr(settings, name)
    return _ENV_DEFAULTS[name]


def max_file_bytes() -> int:
    return int(settings.EVIDENCE_MAX_FILE_MB) * MB


def max_report_bytes() -> int:
    return int(setting("EVIDENCE_MAX_REPORT_MB")) * MB


def local_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def key_file_path() -> Path:
    return Path(settings.VAR_DIR) / KEY_FILE_NAME


def key_from_environment() -> bool:
    """True when the keys come from EVIDENCE_KEY (or EVIDENCE_KEY_FILE), which only the operator can
    change; False in embedded mode, where Upstander keeps its own key file under var/."""
    return bool(settings.EVIDENCE_KEY)


@functools.lru_cache(maxsize=8)
def _keyring_from_string(text: str) -> KeyRing:
    return KeyRing.from_string(text)


def keyring() -> KeyRing:
    """The vault key ring: EVIDENCE_KEY (or its _FILE), else the key file under var/ (made once)."""
    try:
        if key_from_environment():
            return _keyring_from_string(str(settings.EVIDENCE_KEY))
        return crypto.load_or_create_key_file(path=key_file_path())
    except KeyRingError as exc:
        raise ImproperlyConfigured(f"The evidence vault key is unusable: {exc}") from None


@dataclass(frozen=True)
class _StoreConfig:
    backend: str
    root: str
    bucket: str
    prefix: str
    endpoint_url: str
    region: str
    access_key_id: str
    secret_access_key: str


def _store_config() -> _StoreConfig:
    backend = str(setting("EVIDENCE_STORAGE") or "local")
    if backend not in ("local", "s3"):
        raise ImproperlyConfigured(f"EVIDENCE_STORAGE={backend!r}: use 'local' (the default) or 's3'.")
    config = _StoreConfig(
        backend=backend,
        root=str(settings.EVIDENCE_DIR),
        bucket=str(setting("EVIDENCE_S3_BUCKET") or ""),
        prefix=str(setting("EVIDENCE_S3_PREFIX") or ""),
        endpoint_url=str(setting("EVIDENCE_S3_ENDPOINT_URL") or ""),
        region=str(setting("EVIDENCE_S3_REGION") or ""),
        access_key_id=str(setting("EVIDENCE_S3_ACCESS_KEY_ID") or ""),
        secret_access_key=str(setting("EVIDENCE_S3_SECRET_ACCESS_KEY") or ""),
    )
    if backend == "s3" and not config.bucket:
        raise ImproperlyConfigured("EVIDENCE_STORAGE=s3 needs EVIDENCE_S3_BUCKET, the bucket to keep evidence in.")
    return config


# Built stores are cached per (configuration, key ring): an S3 client is costly to make, and the
# cache key changes whenever a test or a key rotation changes either.
_stores: dict[tuple[_StoreConfig, str], storage.BlobStore] = {}


def _ring_fingerprint(ring: KeyRing) -> str:
    # The key ring itself is not hashable (it holds a mapping); a digest of its serialised form is
    # a cache key that changes with any key, and reveals nothing kept in memory anyway.
    return crypto.sha256_hex(ring.to_string().encode("ascii"))


def _build_store(config: _StoreConfig, ring: KeyRing) -> storage.BlobStore:
    if config.backend == "s3":
        client_kwargs = {
            name: value
            for name, value in (
                ("endpoint_url", config.endpoint_url),
                ("region_name", config.region),
                ("aws_access_key_id", config.access_key_id),
                ("aws_secret_access_key", config.secret_access_key),
            )
            if value
        }
        return storage.S3BlobStore(
            bucket=config.bucket, prefix=config.prefix, keyring=ring, client_kwargs=client_kwargs
        )
    return storage.LocalBlobStore(root=Path(config.root), keyring=ring)


def store(*, ring: KeyRing | None = None) -> storage.BlobStore:
    """The configured blob store, encrypting with `ring` (default: the configured key ring)."""
    ring = ring if ring is not None else keyring()
    config = _store_config()
    key = (config, _ring_fingerprint(ring))
    built = _stores.get(key)
    if built is None:
        if len(_stores) >= 8:
            _stores.clear()
        built = _stores[key] = _build_store(config, ring)
    return built


# -- OCR ------------------------------------------------------------------------------------------

_OCR_STATUS_SECONDS = 300.0
_ocr_cache: dict[tuple[str, str], tuple[float, ocr.OcrStatus]] = {}


def ocr_binary() -> str:
    return str(setting("EVIDENCE_TESSERACT") or ocr.DEFAULT_BINARY)


def ocr_lang() -> str:
    return str(setting("EVIDENCE_OCR_LANG") or ocr.DEFAULT_LANG)


def ocr_status() -> ocr.OcrStatus:
    """Whether OCR works here, cached for five minutes: the check runs Tesseract twice, and item
    pages ask on every view."""
    key = (ocr_binary(), ocr_lang())
    now = time.monotonic()
    cached = _ocr_cache.get(key)
    if cached is not None and now - cached[0] < _OCR_STATUS_SECONDS:
        return cached[1]
    status = ocr.ocr_status(binary=key[0], lang=key[1])
    _ocr_cache[key] = (now, status)
    return status
