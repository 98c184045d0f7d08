"""Hash-chain helpers for the custody trail of an evidence item (and anything else that needs one).

Each event row stores `row_hash = link_hash(prev_hash=<previous row's hash>, payload=<event>)`,
the first row linking to GENESIS. Changing any stored field changes that row's hash; removing or
re-ordering rows breaks a link. Removing the newest rows leaves a shorter valid chain, which only
an anchor kept elsewhere can reveal: pass the expected head (count and hash) when you have it.

The hashing is `upstander.hashchain`'s, the same as the audit trail's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from upstander.hashchain import GENESIS, canonical_json, link_hash

__all__ = ["GENESIS", "ChainProblem", "ChainRow", "canonical_json", "link_hash", "next_row", "verify_chain"]


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
