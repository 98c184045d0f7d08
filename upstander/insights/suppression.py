"""Small-number suppression for figures that leave the organisation (the area view, the termly
report and their exports). Pure: no Django.

Primary: any count below 5 (0 included) is shown as "fewer than 5".

Secondary (differencing): a line of counts whose total is known (the organisations of an authority
and the authority's total; the months of a period and the period's total) is one equation. With the
hidden cells' sum U = total - (the cells shown), k small cells (each 0-4) and m cells hidden to
protect them (each known to be 5 or more), any one small cell can be anything from 0 to
min(4, U - 5m). It is worked out exactly only when U = 5m, or when no cell but one is hidden. So:
while a line has a small cell hidden and either fewer than one protecting cell or U = 5m, the
smallest cell still shown is hidden too ("not shown"); with none left, the total is hidden.

Complements: whoever knows one cell (an organisation knows its own count) learns the sum of all the
others from the total, so a total is hidden when the total less any one cell is below 5.
`tests/test_suppression.py` checks this by trying every value a hidden cell could have.
"""

from __future__ import annotations

from dataclasses import dataclass

THRESHOLD = 5
SMALL = "small"
PROTECTING = "protecting"
SMALL_TEXT = f"fewer than {THRESHOLD}"
PROTECTING_TEXT = "not shown"


@dataclass(frozen=True)
class Cell:
    """A published count: `value` is None when hidden, and `reason` says why."""

    value: int | None
    reason: str = ""

    @property
    def hidden(self) -> bool:
        return self.value is None

    @property
    def text(self) -> str:
        if self.reason == SMALL:
            return SMALL_TEXT
        if self.reason == PROTECTING:
            return PROTECTING_TEXT
        return f"{self.value:,}"

    def __str__(self) -> str:
        return self.text


def shown(value: int) -> Cell:
    return Cell(value)


def single(value: int) -> Cell:
    """A count on its own (no line it adds up in)."""
    return Cell(None, SMALL) if value < THRESHOLD else Cell(value)


def suppress_line(values: list[int], *, total_hidden: bool = False) -> tuple[list[Cell], Cell]:
    """Cells and the total of a line whose total is the sum of its cells."""
    total = sum(values)
    if total < THRESHOLD:
        return [Cell(None, SMALL) for _ in values], Cell(None, SMALL)
    small = {index for index, value in enumerate(values) if value < THRESHOLD}
    protecting: set[int] = set()
    # Whoever knows one cell (an organisation knows its own figures) learns the rest's sum from the
    # total: when that is below 5 the total is hidden.
    hide_total = total_hidden or (len(values) > 1 and any(total - value < THRESHOLD for value in values))
    if small and not hide_total:
        while True:
            hidden_sum = sum(values[i] for i in small | protecting)
            if protecting and hidden_sum > THRESHOLD * len(protecting):
                break
            candidates = sorted((values[i], i) for i in range(len(values)) if i not in small | protecting)
            if not candidates:
                hide_total = True
                break
            protecting.add(candidates[0][1])
    cells = [
        Cell(None, SMALL) if i in small else Cell(None, PROTECTING) if i in protecting else Cell(value)
        for i, value in enumerate(values)
    ]
    return cells, Cell(None, PROTECTING) if hide_total else Cell(total)


def suppress_known_total(values: list[int]) -> list[Cell]:
    """Cells of a line whose total is published elsewhere whatever happens here (a headline figure;
    the organisations' column that the months add up to). If the line would need its total hidden,
    every cell is hidden instead, all as "not shown", so none can be told from the others."""
    cells, total = suppress_line(values)
    if total.hidden and sum(values) >= THRESHOLD:
        return [Cell(None, PROTECTING) for _ in values]
    return cells


def line_needs(values: list[int], hidden: set[int]) -> set[int] | None:
    """The cells still to hide in a line whose total is known, given those hidden already, so that no
    hidden cell can be worked out from the total less the cells shown; None when hiding every cell is
    not enough (then the total must go). A hidden cell reads "fewer than 5" (0-4) or "not shown" (5
    or more), so with U the hidden cells' sum and m the "not shown" ones: a small cell can be anything
    from 0 to min(4, U - 5m), and a "not shown" one from 5 to U - 5(m - 1) less the small ones. Both
    have two values or more when m >= 1 and U > 5m, and with no small cell, when m >= 2 as well."""
    hidden, added = set(hidden), set()
    while hidden:
        small = sum(1 for i in hidden if values[i] < THRESHOLD)
        protecting = len(hidden) - small
        hidden_sum = sum(values[i] for i in hidden)
        if protecting and hidden_sum > THRESHOLD * protecting and (small or protecting >= 2):
            break
        candidates = sorted((values[i], i) for i in range(len(values)) if i not in hidden)
        if not candidates:
            return None
        hidden.add(candidates[0][1])
        added.add(candidates[0][1])
    return added


@dataclass
class Suppressed:
    """A suppressed table: `cells[row][column]`, the columns' totals, and the rows (and whether the
    row of totals) that could not be protected without hiding the figure they add up to elsewhere."""

    cells: list[list[Cell]]
    totals: list[Cell]
    rows_needing_total_hidden: set[int]
    totals_row_needs_total_hidden: bool


def suppress_table(
    rows: list[list[int]],
    *,
    rows_add_up: bool = False,
    hidden_totals: frozenset[int] = frozenset(),
    forced: frozenset[tuple[int, int]] = frozenset(),
) -> Suppressed:
    """Rows (organisations) by columns (measures, behaviours or strands). Each column adds up to its
    total, so each column is a line. With `rows_add_up`, each row is a line too (its cells add up, or
    nearly, to a figure shown elsewhere: an organisation's behaviours to its cases opened), and so is
    the row of totals: cells are hidden until every row and column with a hidden cell is protected
    (`line_needs`), repeating until nothing changes, because a cell hidden for a row can leave its
    column needing another. `hidden_totals`: columns whose total is hidden already; `forced`: cells
    to hide whatever their value (their figure left another table's line open)."""
    height, width = len(rows), len(rows[0]) if rows else 0
    column_sums = [sum(row[c] for row in rows) for c in range(width)]
    hidden = {(r, c) for r in range(height) for c in range(width) if rows[r][c] < THRESHOLD} | set(forced)
    small_totals = {c for c in range(width) if column_sums[c] < THRESHOLD}
    # Whoever knows one cell (an organisation knows its own figures) learns the rest's sum from the
    # total: when that is below 5 the total is hidden.
    hidden_total = set(hidden_totals) | small_totals
    hidden_total |= {c for c in range(width) if height > 1 and any(column_sums[c] - row[c] < THRESHOLD for row in rows)}
    open_rows: set[int] = set()
    totals_row_open = False
    changed = True
    while changed:
        changed = False
        for c in range(width):
            if c in hidden_total:
                continue
            needs = line_needs([row[c] for row in rows], {r for r in range(height) if (r, c) in hidden})
            if needs is None:
                hidden_total.add(c)
                changed = True
            elif needs:
                hidden |= {(r, c) for r in needs}
                changed = True
        if not rows_add_up:
            continue
        for r in range(height):
            if r in open_rows:
                continue
            needs = line_needs(rows[r], {c for c in range(width) if (r, c) in hidden})
            if needs is None:  # every cell of the row goes, and the figure it adds up to (the caller's)
                open_rows.add(r)
                hidden |= {(r, c) for c in range(width)}
                changed = True
            elif needs:
                hidden |= {(r, c) for c in needs}
                changed = True
        if not totals_row_open:
            needs = line_needs(column_sums, set(hidden_total))
            if needs is None:
                totals_row_open = True
            elif needs:
                hidden_total |= needs
                changed = True
    cells = [
        [
            Cell(None, SMALL if rows[r][c] < THRESHOLD else PROTECTING) if (r, c) in hidden else Cell(rows[r][c])
            for c in range(width)
        ]
        for r in range(height)
    ]
    totals = [
        Cell(None, SMALL)
        if c in small_totals
        else Cell(None, PROTECTING)
        if c in hidden_total
        else Cell(column_sums[c])
        for c in range(width)
    ]
    return Suppressed(cells, totals, open_rows, totals_row_open)


def suppress_columns(
    rows: list[list[int]], *, hidden_totals: frozenset[int] = frozenset()
) -> tuple[list[list[Cell]], list[Cell]]:
    """A table of rows (organisations) by columns (measures): each column adds up to its total,
    so each column is a line. `hidden_totals`: columns whose total is already hidden elsewhere."""
    if not rows:
        return [], []
    table = suppress_table(rows, hidden_totals=hidden_totals)
    return table.cells, table.totals


def _can_move(value: int, hidden_as: str, step: int) -> bool:
    """Whether a hidden count could be one more (step 1) or one less (step -1) as far as a reader knows."""
    moved = value + step
    return 0 <= moved < THRESHOLD if hidden_as == SMALL else moved >= THRESHOLD


def exposed(grid: list[list[int]], hidden: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """The hidden small cells of a bordered table that a reader could work out exactly. `grid` is the
    table with its margin as the last column, its column totals as the last row and the grand total
    in the corner; every cell not in `hidden` is published, and a hidden one is known to be 0-4 or 5
    and more. A hidden cell has another possible value exactly when some cycle of hidden cells through
    it, alternately in its row and its column, can each move by one, up and down in turn, keeping every
    row and column total (two tables that both fit differ by such cycles). So: a directed graph of
    rows and columns, an arc row -> column for each hidden cell that could be one more, column -> row
    for one that could be one less (the margin, the totals and the corner count negatively, as the
    row minus its margin is 0), and a cell is exposed when no cycle runs through it either way."""
    height, width = len(grid), len(grid[0])
    border = {(r, c) for r in range(height) for c in range(width) if r == height - 1 or c == width - 1}
    corner = (height - 1, width - 1)

    def sign(cell: tuple[int, int]) -> int:
        return 1 if cell == corner or cell not in border else -1

    def hidden_as(cell: tuple[int, int]) -> str:
        return SMALL if grid[cell[0]][cell[1]] < THRESHOLD else PROTECTING

    Node = tuple[str, int]
    following: dict[Node, set[Node]] = {}
    for cell in hidden:
        r, c = cell
        if _can_move(grid[r][c], hidden_as(cell), sign(cell)):
            following.setdefault(("row", r), set()).add(("column", c))
        if _can_move(grid[r][c], hidden_as(cell), -sign(cell)):
            following.setdefault(("column", c), set()).add(("row", r))
    reached: dict[Node, set[Node]] = {}

    def reach(start: Node, skip: tuple[Node, Node] | None = None) -> set[Node]:
        """Every node a path from `start` gets to, leaving out the arc `skip`."""
        if skip is None and start in reached:
            return reached[start]
        seen, todo = {start}, [start]
        while todo:
            node = todo.pop()
            for onward in following.get(node, ()):
                if onward not in seen and (node, onward) != skip:
                    seen.add(onward)
                    todo.append(onward)
        if skip is None:
            reached[start] = seen
        return seen

    found = []
    for cell in sorted(hidden):
        r, c = cell
        if grid[r][c] >= THRESHOLD:
            continue
        row, column = ("row", r), ("column", c)
        # One cell per row and column pair, so the only arc to leave out is the cell's own other one.
        up, down = _can_move(grid[r][c], SMALL, sign(cell)), _can_move(grid[r][c], SMALL, -sign(cell))
        if up and row in reach(column, (column, row) if down else None):
            continue
        if down and column in reach(row, (row, column) if up else None):
            continue
        found.append(cell)
    return found


def suppress_with_margin(rows: list[list[int]], margin: list[int]) -> tuple[Suppressed, Suppressed]:
    """A table whose rows add up (nearly) to `margin`, a column published beside it with its total
    (the organisations' behaviours, and their cases opened). Returns the table and the margin as a
    one-column table. First line by line: each column, each row (a row that cannot be protected
    hides its margin cell, which the margin's column then protects), the row of totals. Then the
    whole bordered table is checked (`exposed`), since lines can be combined (a row, less a column,
    plus the grand total...): while some hidden small count could be worked out, the smallest count
    shown in its row or column is hidden too."""
    height, width = len(rows), len(rows[0]) if rows else 0
    if not height or not width:
        return suppress_table(rows), suppress_table([[value] for value in margin])
    table = suppress_table(rows, rows_add_up=True)
    column = suppress_table(
        [[value] for value in margin],
        forced=frozenset((r, 0) for r in table.rows_needing_total_hidden),
        hidden_totals=frozenset({0}) if table.totals_row_needs_total_hidden else frozenset(),
    )
    grid = [[*rows[r], margin[r]] for r in range(height)]
    grid.append([*(sum(row[c] for row in rows) for c in range(width)), sum(margin)])
    hidden = {(r, c) for r in range(height) for c in range(width) if table.cells[r][c].hidden}
    hidden |= {(r, width) for r in range(height) if column.cells[r][0].hidden}
    hidden |= {(height, c) for c in range(width) if table.totals[c].hidden}
    if column.totals[0].hidden:
        hidden.add((height, width))
    while found := exposed(grid, hidden):
        added = False
        for r, c in found:  # for each, the smallest count shown in its row or column
            candidates = sorted(
                (grid[y][x], (y, x))
                for y, x in [*((r, x) for x in range(width + 1)), *((y, c) for y in range(height + 1))]
                if (y, x) not in hidden
            )
            if candidates:
                hidden.add(candidates[0][1])
                added = True
        if not added:  # every row and column with an exposed cell is hidden already: hide everything left
            remaining = {(y, x) for y in range(height + 1) for x in range(width + 1)} - hidden
            if not remaining:
                break
            hidden |= remaining

    def cell(r: int, c: int) -> Cell:
        value = grid[r][c]
        return Cell(None, SMALL if value < THRESHOLD else PROTECTING) if (r, c) in hidden else Cell(value)

    table = Suppressed(
        cells=[[cell(r, c) for c in range(width)] for r in range(height)],
        totals=[cell(height, c) for c in range(width)],
        rows_needing_total_hidden=table.rows_needing_total_hidden,
        totals_row_needs_total_hidden=table.totals_row_needs_total_hidden,
    )
    column = Suppressed(
        cells=[[cell(r, width)] for r in range(height)],
        totals=[cell(height, width)],
        rows_needing_total_hidden=set(),
        totals_row_needs_total_hidden=False,
    )
    return table, column
