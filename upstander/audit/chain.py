"""Pure hash-chain arithmetic for the audit trail (no ORM, so it is easy to test and reuse).

Each row's hash covers its own content and the previous row's hash, so changing any stored field
changes that row's hash, and removing a row breaks the link of the row after it (or, for the last
row, disagrees with the chain head kept beside the table).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from upstander.hashchain import GENESIS, canonical_json, link_hash

__all__ = ["GENESIS", "ChainProblem", "ChainRow", "canonical_json", "chain_genesis", "link_hash", "verify_rows"]


def chain_genesis(*, chain: str, anchor_seq: int, anchor_hash: str) -> str:
    """The hash an organisation's chain starts from: it names the chain and links to the
    installation chain's row `anchor_seq` (hash `anchor_hash`; 0 and GENESIS when that chain was
    empty), so a chain cannot be swapped for another nor claim to start elsewhere in history."""
    return link_hash(prev_hash=anchor_hash, payload={"chain": chain, "anchor_seq": anchor_seq})


@dataclass(frozen=True)
class ChainRow:
    seq: int
    prev_hash: str
    row_hash: str
    payload: Mapping[str, Any]


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    reason: str


def verify_rows(
    rows: Iterable[ChainRow], *, head_seq: int | None = None, head_hash: str | None = None, genesis: str = GENESIS
) -> ChainProblem | None:
    """The first problem in `rows` (ordered by seq), or None when the chain is intact.

    `head_seq`/`head_hash` are what the chain head says the last row is; they catch removal of
    the newest rows, which no later row could reveal. `genesis` is what the first row links to.
    """
    expected_seq = 1
    prev = genesis
    for row in rows:
        if row.seq != expected_seq:
            return ChainProblem(expected_seq, f"row {expected_seq} is missing (next row found is {row.seq})")
        if row.prev_hash != prev:
            return ChainProblem(row.seq, "its link to the previous row does not match (a row was changed or removed)")
        if link_hash(prev_hash=row.prev_hash, payload=row.payload) != row.row_hash:
            return ChainProblem(row.seq, "its content does not match its hash (the row was changed)")
        prev = row.row_hash
        expected_seq += 1
    last_seq = expected_seq - 1
    if head_seq is not None and head_seq != last_seq:
        return ChainProblem(
            last_seq + 1, f"the chain head records {head_seq} rows but {last_seq} were found (rows removed)"
        )
    if head_hash is not None and head_seq is not None and head_hash != prev:
        return ChainProblem(last_seq, "the last row's hash does not match the chain head")
    return None
