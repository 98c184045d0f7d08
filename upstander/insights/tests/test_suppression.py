"""Suppression: nothing below 5 is published, and no hidden small count can be worked out from
the total by subtraction. Checked by trying every value each hidden cell of a line could take, and
for whole tables by integer programmes that find each hidden small cell's least and greatest value."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from upstander.insights.suppression import (
    PROTECTING,
    SMALL,
    THRESHOLD,
    Cell,
    Suppressed,
    suppress_columns,
    suppress_line,
    suppress_table,
    suppress_with_margin,
)


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


# --- Tables whose rows add up too (the area's behaviours and strands by organisation) -------------


def _attack(rows: list[list[int]], table: Suppressed, margin: Suppressed) -> dict[tuple[int, int], set[int]]:
    """What an attacker can work out about each hidden small cell of a table from everything
    published: the cells shown, each hidden cell's class (0-4, or 5 and more), the column totals
    (or their class when hidden), and the margin beside it, each row's figure (or its class), taken
    as exactly the row's sum, and the margin's total. Returns, for each small cell, the least and
    the greatest value it can take in any whole-number table that fits all of it: two integer
    programmes per cell (scipy's HiGHS), exact, where a search over every table took minutes."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp

    height, width = len(rows), len(rows[0])
    ceiling = sum(map(sum, rows)) + 2 * THRESHOLD  # as far as an attacker knows, a "not shown" could be anything
    every = [(r, c) for r in range(height) for c in range(width)]
    hidden = [cell for cell in every if table.cells[cell[0]][cell[1]].hidden]
    if not hidden:
        return {}
    index = {cell: i for i, cell in enumerate(hidden)}
    small = [table.cells[r][c].reason == SMALL for r, c in hidden]
    bounds_of_cells = Bounds(
        [0 if is_small else THRESHOLD for is_small in small],
        [THRESHOLD - 1 if is_small else ceiling for is_small in small],
    )

    def bounds(cell: Cell) -> tuple[float, float]:
        if not cell.hidden:
            return cell.value, cell.value
        return (0, THRESHOLD - 1) if cell.reason == SMALL else (THRESHOLD, np.inf)

    lines = [([(r, c) for r in range(height)], *bounds(table.totals[c])) for c in range(width)]
    lines += [([(r, c) for c in range(width)], *bounds(margin.cells[r][0])) for r in range(height)]
    lines.append((every, *bounds(margin.totals[0])))
    matrix, lows, highs = [], [], []
    for cells, low, high in lines:
        shown = sum(rows[r][c] for r, c in cells if (r, c) not in index)
        matrix.append([1.0 if cell in cells else 0.0 for cell in hidden])
        lows.append(low - shown)
        highs.append(high - shown)
    constraints = LinearConstraint(np.array(matrix), lows, highs)
    integers = np.ones(len(hidden))

    def extreme(cell: tuple[int, int], sign: float) -> int:
        objective = np.zeros(len(hidden))
        objective[index[cell]] = sign
        result = milp(objective, constraints=constraints, integrality=integers, bounds=bounds_of_cells)
        assert result.success, (rows, result.message)  # the true table always fits
        return round(result.x[index[cell]])

    return {
        cell: {extreme(cell, 1.0), extreme(cell, -1.0)}
        for cell, is_small in zip(hidden, small, strict=True)
        if is_small
    }


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=2, max_value=3).flatmap(
        lambda width: st.lists(
            st.lists(st.integers(min_value=0, max_value=11), min_size=width, max_size=width), min_size=2, max_size=4
        )
    )
)
def test_no_small_count_in_a_table_can_be_worked_out_from_its_totals_its_rows_or_its_margin(
    rows: list[list[int]],
) -> None:
    """The area's behaviours by organisation, beside each organisation's cases opened: subtract any
    total, row or margin figure from any other, and no hidden count below 5 comes out."""
    table, margin = suppress_with_margin(rows, [sum(row) for row in rows])
    for r, row in enumerate(table.cells):
        for c, cell in enumerate(row):
            assert cell.hidden or cell.value >= THRESHOLD
            assert not cell.hidden or cell.reason == (SMALL if rows[r][c] < THRESHOLD else PROTECTING)
    for cell in [*table.totals, *(row[0] for row in margin.cells), *margin.totals]:
        assert cell.hidden or cell.value >= THRESHOLD
    for cell, possible in _attack(rows, table, margin).items():
        assert len(possible) >= 2, (
            rows,
            cell,
            [[c.text for c in row] for row in table.cells],
            [str(c) for c in table.totals],
            [str(r[0]) for r in margin.cells],
            str(margin.totals[0]),
        )


def test_a_cell_hidden_for_its_row_gets_a_partner_in_its_column() -> None:
    # Row 0: 2 is small, so 9 (its smallest other cell) is hidden for the row; column 1 then has one
    # hidden cell (9) that the column total would give away, so another cell of column 1 goes too.
    rows = [[2, 9, 30], [20, 25, 40], [30, 40, 50]]
    table = suppress_table(rows, rows_add_up=True)
    hidden = {(r, c) for r in range(3) for c in range(3) if table.cells[r][c].hidden}
    assert {(0, 0), (0, 1)} <= hidden
    assert sum(1 for r in range(3) if (r, 1) in hidden) >= 2 or table.totals[1].hidden
    assert sum(1 for r in range(3) if (r, 0) in hidden) >= 2 or table.totals[0].hidden
    subtracted = 61 - 20 - 30 if not table.totals[1].hidden else None  # what a reader would try
    assert subtracted is None or table.cells[1][1].hidden or table.cells[2][1].hidden
