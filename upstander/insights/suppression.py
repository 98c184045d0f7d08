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


def suppress_columns(
    rows: list[list[int]], *, hidden_totals: frozenset[int] = frozenset()
) -> tuple[list[list[Cell]], list[Cell]]:
    """A table of rows (organisations) by columns (measures): each column adds up to its total,
    so each column is a line. `hidden_totals`: columns whose total is already hidden elsewhere."""
    if not rows:
        return [], []
    width = len(rows[0])
    columns = [suppress_line([row[c] for row in rows], total_hidden=c in hidden_totals) for c in range(width)]
    table = [[columns[c][0][r] for c in range(width)] for r in range(len(rows))]
    return table, [columns[c][1] for c in range(width)]
