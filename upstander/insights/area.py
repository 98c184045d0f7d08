"""The authority's area picture, suppressed: nothing below 5 leaves, and nothing can be worked out
by subtracting (see `suppression`). Every table, chart, PDF and export of the area reads from here,
so they all hide the same cells.

Lines with a known total: each measure's column over the organisations (its total is the
authority's figure), and the months of the period (their total is the authority's cases opened,
the same cell as the "cases opened" column's total: when that is hidden no month is shown, and
when the months would need it hidden, they are all hidden instead).
Measures are not added across (a case can be both prejudice-related and urgent), so the first
table's rows are not lines; the behaviours' and strands' rows are (see `area`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from upstander.cases.taxonomy import BEHAVIOUR_LABELS, PREJUDICE_LABELS
from upstander.insights import selectors
from upstander.insights.suppression import (
    PROTECTING,
    Cell,
    single,
    suppress_known_total,
    suppress_table,
    suppress_with_margin,
)
from upstander.insights.terms import Period

MEASURE_LABELS = {
    "opened": "Cases opened",
    "prejudice_related": "Prejudice-related",
    "urgent": "Assessed urgent",
    "closed": "Closed",
    "escalated": "Escalated to you",
    "overdue_now": "Overdue now",
}


@dataclass
class Table:
    columns: list[str]  # labels
    rows: list[tuple[str, list[Cell]]]  # organisation name, cells
    totals: list[Cell]


@dataclass
class Area:
    period: Period
    measures: Table
    behaviours: Table
    strands: Table
    monthly: list[tuple[date, Cell]]
    monthly_total: Cell
    response_hours: float | None
    escalated_open: Cell


def _table(
    cells: list[list[Cell]],
    totals: list[Cell],
    organisations: list[tuple[int, str]],
    keys: list[str],
    labels: dict[str, str],
) -> Table:
    return Table(
        columns=[labels[key] for key in keys],
        rows=[(name, cells[i]) for i, (_, name) in enumerate(organisations)],
        totals=totals,
    )


def _suppressed(
    raw: dict[int, dict[str, int]], organisations: list[tuple[int, str]], keys: list[str]
) -> list[list[int]]:
    return [[raw[pk][key] for key in keys] for pk, _ in organisations]


def area(*, authority_id: int, period: Period) -> Area:
    raw = selectors.area_figures(authority_id=authority_id, period=period)
    orgs, measure_keys = raw.organisations, list(MEASURE_LABELS)
    measure_rows = _suppressed(raw.measures, orgs, measure_keys)
    # An organisation's behaviours add up (nearly: a case can have two) to its cases opened, and its
    # strands to its prejudice-related cases, both columns of the first table: so each is suppressed
    # with its margin (`suppress_with_margin`). The first table's other columns are lines of their own.
    measures = suppress_table(measure_rows)
    tables = {}
    for name, keys, labels, margin_key in (
        ("behaviours", list(BEHAVIOUR_LABELS), BEHAVIOUR_LABELS, "opened"),
        ("strands", list(PREJUDICE_LABELS), PREJUDICE_LABELS, "prejudice_related"),
    ):
        column = measure_keys.index(margin_key)
        table, margin = suppress_with_margin(
            _suppressed(getattr(raw, name), orgs, keys), [row[column] for row in measure_rows]
        )
        tables[name] = _table(table.cells, table.totals, orgs, keys, labels)
        for r, row in enumerate(measures.cells):
            row[column] = margin.cells[r][0]
        measures.totals[column] = margin.totals[0]
    first = _table(measures.cells, measures.totals, orgs, measure_keys, MEASURE_LABELS)
    # The months add up to the same total as the organisations' "cases opened" column: shown
    # there, the months must not need it hidden; hidden there, no month is shown (any would bound it).
    opened_total = first.totals[0] if first.totals else Cell(None, PROTECTING)
    months = [n for _, n in raw.monthly]
    month_cells = [Cell(None, PROTECTING) for _ in months] if opened_total.hidden else suppress_known_total(months)
    month_total = opened_total
    return Area(
        period=period,
        measures=first,
        behaviours=tables["behaviours"],
        strands=tables["strands"],
        monthly=[(month, cell) for (month, _), cell in zip(raw.monthly, month_cells, strict=True)],
        monthly_total=month_total,
        response_hours=raw.response_hours,
        escalated_open=single(raw.escalated_open),
    )
