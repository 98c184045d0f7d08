"""Hash-chain helpers for the custody trail of an evidence item (and anything else that needs one).

Each event row stores `row_hash = link_hash(prev_hash=<previous row's hash>, payload=<event>)`,
the first row linking to GENESIS. Changing any stored field changes that row's hash; removing or
re-ordering rows breaks a link. Removing the newest rows leaves a shorter valid chain, which only
an anchor kept elsewhere can reveal: pass the expected head (count and hash) when you have it.

The hashing is byte-for-byte the one in `upstander/audit/chain.py` for every payload both accept,
so the two can be merged into one shared module later. The difference: this canonical JSON refuses
values it cannot represent exactly (naive datetimes, NaN, arbitrary objects) instead of str()-ing
them, so a custody payload always means one thing.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

GENESIS = "0" * 64
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def _json_default(value: Any) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise TypeError("Custody events need timezone-aware datetimes; got a naive one.")
        return str(value)  # same text as the audit chain's default=str
    if isinstance(value, date | uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise TypeError("Custody events cannot hold NaN or infinite numbers.")
        return str(value)
    raise TypeError(f"Custody events hold JSON values, dates and UUIDs, not {type(value).__name__}.")


def _check_floats(value: Any) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise TypeError("Custody events cannot hold NaN or infinite numbers.")
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


@dataclass(frozen=True)
class ChainRow:
    seq: int
    prev_hash: str
    row_hash: str
    payload: Mapping[str, Any]


def next_row(*, previous: ChainRow | None, payload: Mapping[str, Any]) -> ChainRow:
    """The row that follows `previous` (None: the first row), ready to store."""
    prev_hash = previous.row_hash if previous else GENESIS
    seq = previous.seq + 1 if previous else 1
    return ChainRow(
        seq=seq,
        prev_hash=prev_hash,
        row_hash=link_hash(prev_hash=prev_hash, payload=payload),
        payload=payload,
    )


@dataclass(frozen=True)
class ChainProblem:
    """The first thing wrong: `index` is the position in the rows given (0-based), `seq` the
    sequence number concerned, `reason` plain words for the verify command's output."""

    index: int
    seq: int
    reason: str

    def __str__(self) -> str:
        return f"row {self.seq}: {self.reason}"


def verify_chain(
    rows: Iterable[ChainRow], *, head_seq: int | None = None, head_hash: str | None = None
) -> ChainProblem | None:
    """The first problem in `rows` (ordered by seq, starting at 1), or None if the chain holds.

    `head_seq`/`head_hash` are what an anchor outside the rows says the last row is (a chain head
    row, an exported bundle); they reveal removal of the newest rows.
    """
    expected_seq = 1
    prev = GENESIS
    index = -1
    for index, row in enumerate(rows):
        if row.seq != expected_seq:
            if row.seq > expected_seq:
                missing = (
                    f"row {expected_seq} is missing"
                    if row.seq == expected_seq + 1
                    else f"rows {expected_seq} to {row.seq - 1} are missing"
                )
                return ChainProblem(index, expected_seq, f"{missing} (the next row found is {row.seq})")
            return ChainProblem(index, row.seq, f"row {row.seq} is out of order or repeated (expected {expected_seq})")
        if row.prev_hash != prev:
            return ChainProblem(
                index,
                row.seq,
                "its link to the previous row does not match (a row before it was changed or removed)",
            )
        try:
            recomputed = link_hash(prev_hash=row.prev_hash, payload=row.payload)
        except (TypeError, ValueError) as exc:
            return ChainProblem(index, row.seq, f"its content cannot be hashed: {exc}")
        if recomputed != row.row_hash:
            return ChainProblem(index, row.seq, "its content does not match its hash (the row was changed)")
        prev = row.row_hash
        expected_seq += 1
    last_seq = expected_seq - 1
    if head_seq is not None and head_seq != last_seq:
        return ChainProblem(
            index + 1,
            last_seq + 1,
            f"the chain head records {head_seq} rows but {last_seq} were found (rows removed)",
        )
    if head_hash is not None and head_hash != prev:
        return ChainProblem(max(index, 0), last_seq, "the last row's hash does not match the chain head")
    return None
