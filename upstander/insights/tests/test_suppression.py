"""Suppression: nothing below 5 is published, and no hidden small count can be worked out from
the total by subtraction. Checked by trying every value each hidden cell could take."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from upstander.insights.suppression import PROTECTING, SMALL, THRESHOLD, suppress_columns, suppress_line


def _possible_values(cells: list, total: int | None) -> list[set[int]]:
    """What an attacker can learn: for each hidden small cell, every value consistent with what is
    published (small cells 0-4, protecting cells 5 or more, everything adding up to the total)."""
    hidden = [i for i, c in enumerate(cells) if c.hidden]
    if total is None:
        return [set(range(THRESHOLD)) for _ in hidden]
    remaining = total - sum(c.value for c in cells if not c.hidden)
    ranges = [range(THRESHOLD) if cells[i].reason == SMALL else range(THRESHOLD, remaining + 1) for i in hidden]
    found: list[set[int]] = [set() for _ in hidden]
    for combo in itertools.product(*ranges):
        if sum(combo) == remaining:
            for slot, value in enumerate(combo):
                found[slot].add(value)
    return [found[slot] for slot, i in enumerate(hidden) if cells[i].reason == SMALL]


def test_counts_below_five_read_fewer_than_five() -> None:
    cells, total = suppress_line([12, 3, 40])
    assert [c.text for c in cells] == ["not shown", "fewer than 5", "40"]
    assert total.text == "55"
    assert suppress_line([12, 3, 40, 9])[1].text == "64"


def test_one_hidden_cell_cannot_be_worked_out_from_the_total() -> None:
    cells, total = suppress_line([20, 30, 2])
    assert total.value == 52
    assert sum(1 for c in cells if c.hidden) >= 2  # 52 - 30 would otherwise give 22 - 20 = 2


def test_when_the_hidden_cells_would_add_up_exactly_another_is_hidden() -> None:
    # 0 and 5 hidden would leave 5 = 0 + 5: the small one is 0 for sure. So a third is hidden.
    cells, total = suppress_line([0, 5, 9, 30])
    assert _possible_values(cells, total.value) and all(len(v) >= 2 for v in _possible_values(cells, total.value))
    assert [c.reason for c in cells].count(PROTECTING) >= 2 or total.hidden


def test_a_line_with_nothing_to_protect_with_hides_its_total() -> None:
    cells, total = suppress_line([3, 40])
    assert cells[0].reason == SMALL and (cells[1].hidden or total.hidden)
    assert all(len(v) >= 2 for v in _possible_values(cells, total.value))


def test_a_small_total_is_hidden_with_all_its_cells() -> None:
    cells, total = suppress_line([1, 2, 0])
    assert total.hidden and all(c.reason == SMALL for c in cells)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=14), min_size=1, max_size=5))
def test_no_small_count_is_published_or_can_be_worked_out_by_subtraction(values: list[int]) -> None:
    cells, total = suppress_line(values)
    for cell in [*cells, total]:
        assert cell.hidden or cell.value >= THRESHOLD
    for possible in _possible_values(cells, total.value):
        assert len(possible) >= 2, (values, [c.text for c in cells], total.text)
    if not total.hidden and len(values) > 1:  # an organisation knowing its own count learns nothing small
        assert all(total.value - value >= THRESHOLD for value in values)


def test_a_total_that_would_tell_one_organisation_the_others_small_sum_is_hidden() -> None:
    cells, total = suppress_line([18, 3])
    assert total.hidden and cells[1].text == "fewer than 5" and cells[0].text == "18"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=12), min_size=2, max_size=5))
def test_a_line_whose_total_is_published_elsewhere_gives_no_small_count_away(values: list[int]) -> None:
    from upstander.insights.suppression import suppress_known_total

    cells = suppress_known_total(values)
    total = sum(values)
    if total < THRESHOLD:
        return  # the total is hidden everywhere then
    assert all(c.hidden or c.value >= THRESHOLD for c in cells)
    if all(c.reason == PROTECTING for c in cells):  # all hidden alike: each could be 0..total
        assert total >= 1 and len(cells) >= 2
        return
    for possible in _possible_values(cells, total):
        assert len(possible) >= 2, (values, [c.text for c in cells])


def test_a_table_suppresses_each_column_on_its_own() -> None:
    table, totals = suppress_columns([[10, 1], [20, 30], [7, 40]])
    assert [c.text for c in totals] == ["37", "71"]
    assert [row[1].text for row in table] == ["fewer than 5", "not shown", "40"]
    assert all(not row[0].hidden for row in table)
