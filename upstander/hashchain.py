"""Hash chains: the one formula behind the audit trail and the evidence custody trails.

Each row stores `row_hash = link_hash(prev_hash=<previous row's hash>, payload=<row>)`, the first
row linking to GENESIS. Changing any stored field changes that row's hash; removing or reordering
rows breaks a link. Pure Python, no Django: `audit.chain` and `evidence.vault.custody` build on it.

The canonical JSON refuses values it cannot represent exactly (naive datetimes, NaN, arbitrary
objects) instead of str()-ing them, so a payload always hashes to one thing.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import uuid
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

GENESIS = "0" * 64
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def _json_default(value: Any) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise TypeError("Chained rows need timezone-aware datetimes; got a naive one.")
        return str(value)  # same text as the audit chain's default=str
    if isinstance(value, date | uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise TypeError("Chained rows cannot hold NaN or infinite numbers.")
        return str(value)
    raise TypeError(f"Chained rows hold JSON values, dates and UUIDs, not {type(value).__name__}.")


def _check_floats(value: Any) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise TypeError("Chained rows cannot hold NaN or infinite numbers.")
    if isinstance(value, Mapping):
        for item in value.values():
            _check_floats(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _check_floats(item)


def canonical_json(payload: Mapping[str, Any]) -> bytes:
    """One byte string per payload: sorted keys, no spaces, UTF-8 (not \\u escapes)."""
    _check_floats(payload)
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_json_default).encode(
        "utf-8"
    )


def link_hash(*, prev_hash: str, payload: Mapping[str, Any]) -> str:
    """SHA-256 hex of the previous hash, a new line, and the payload's canonical JSON."""
    if not _HEX64.match(prev_hash):
        raise ValueError(f"{prev_hash!r} is not a SHA-256 hex digest.")
    digest = hashlib.sha256()
    digest.update(prev_hash.encode("ascii"))
    digest.update(b"\n")
    digest.update(canonical_json(payload))
    return digest.hexdigest()
