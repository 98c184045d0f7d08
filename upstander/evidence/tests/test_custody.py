from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from upstander.evidence.vault.custody import GENESIS, ChainRow, canonical_json, link_hash, next_row, verify_chain


def make_chain(length: int = 5) -> list[ChainRow]:
    rows: list[ChainRow] = []
    for number in range(length):
        payload = {"event": "viewed", "by": f"user-{number}", "at": datetime(2026, 11, 3, 9, number, tzinfo=UTC)}
        rows.append(next_row(previous=rows[-1] if rows else None, payload=payload))
    return rows


def test_an_intact_chain_verifies() -> None:
    rows = make_chain()
    assert rows[0].prev_hash == GENESIS and rows[0].seq == 1
    assert verify_chain(rows) is None
    assert verify_chain(rows, head_seq=5, head_hash=rows[-1].row_hash) is None


def test_a_changed_row_is_reported_with_its_index() -> None:
    rows = make_chain()
    rows[2] = dataclasses.replace(rows[2], payload={**rows[2].payload, "by": "someone else"})
    problem = verify_chain(rows)
    assert problem is not None
    assert (problem.index, problem.seq) == (2, 3)
    assert "was changed" in problem.reason


def test_a_missing_row_is_reported_as_a_gap() -> None:
    rows = make_chain()
    del rows[1]
    problem = verify_chain(rows)
    assert problem is not None and (problem.index, problem.seq) == (1, 2)
    assert "row 2 is missing" in problem.reason


def test_a_missing_row_renumbered_to_hide_the_gap_breaks_the_link() -> None:
    rows = make_chain()
    del rows[1]
    rows = [dataclasses.replace(r, seq=i + 1) for i, r in enumerate(rows)]
    problem = verify_chain(rows)
    assert problem is not None and problem.seq == 2
    assert "link to the previous row" in problem.reason


def test_removing_the_newest_rows_is_caught_by_the_head() -> None:
    rows = make_chain()
    head = (rows[-1].seq, rows[-1].row_hash)
    assert verify_chain(rows[:3]) is None  # undetectable without an anchor
    problem = verify_chain(rows[:3], head_seq=head[0], head_hash=head[1])
    assert problem is not None and "rows removed" in problem.reason


def test_canonical_json_is_independent_of_key_order_and_spacing() -> None:
    assert canonical_json({"b": 1, "a": "é"}) == canonical_json({"a": "é", "b": 1}) == '{"a":"é","b":1}'.encode()


def test_naive_datetimes_and_nan_are_refused() -> None:
    with pytest.raises(TypeError, match="timezone-aware"):
        canonical_json({"at": datetime(2026, 1, 1)})
    with pytest.raises(TypeError, match="NaN"):
        canonical_json({"x": [float("nan")]})
    with pytest.raises(TypeError):
        canonical_json({"x": object()})


def test_link_hash_matches_its_documented_formula() -> None:
    import hashlib

    expected = hashlib.sha256(GENESIS.encode() + b"\n" + b'{"a":1}').hexdigest()
    assert link_hash(prev_hash=GENESIS, payload={"a": 1}) == expected
