"""The authority's area picture, suppressed: nothing below 5 leaves, and nothing can be worked out
by subtracting (see `suppression`). Every table, chart, PDF and export of the area reads from here,
so they all hide the same cells.

Lines with a known total: each measure's column over the organisations (its total is the
authority's figure), and the months of the period (their total is the authority's cases opened,
the same cell as the "cases opened" column's total: when that is hidden no month is shown, and
when the months would need it hidden, they are all hidden instead).
Measures are not added across (a case can be both prejudice-related and urgent), so rows are not lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from upstander.cases.taxonomy import BEHAVIOUR_LABELS, PREJUDICE_LABELS
from upstander.insights import selectors
from upstander.insights.suppression import PROTECTING, Cell, single, suppress_columns, suppress_known_total
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
    raw: dict[int, dict[str, int]], organisations: list[tuple[int, str]], keys: list[str], labels: dict[str, str]
) -> Table:
    rows = [[raw[pk][key] for key in keys] for pk, _ in organisations]
    cells, totals = suppress_columns(rows)
    return Table(
        columns=[labels[key] for key in keys],
        rows=[(name, cells[i]) for i, (_, name) in enumerate(organisations)],
        totals=totals,
    )


def area(*, authority_id: int, period: Period) -> Area:
    raw = selectors.area_figures(authority_id=authority_id, period=period)
    measures = _table(raw.measures, raw.organisations, list(MEASURE_LABELS), MEASURE_LABELS)
    # The months add up to the same total as the organisations' "cases opened" column: shown
    # there, the months must not need it hidden; hidden there, no month is shown (any would bound it).
    opened_total = measures.totals[0] if measures.totals else Cell(None, PROTECTING)
    months = [n for _, n in raw.monthly]
    month_cells = [Cell(None, PROTECTING) for _ in months] if opened_total.hidden else suppress_known_total(months)
    month_total = opened_total
    return Area(
        period=period,
        measures=measures,
        behaviours=_table(raw.behaviours, raw.organisations, list(BEHAVIOUR_LABELS), BEHAVIOUR_LABELS),
        strands=_table(raw.strands, raw.organisations, list(PREJUDICE_LABELS), PREJUDICE_LABELS),
        monthly=[(month, cell) for (month, _), cell in zip(raw.monthly, month_cells, strict=True)],
        monthly_total=month_total,
        response_hours=raw.response_hours,
        escalated_open=single(raw.escalated_open),
    )
