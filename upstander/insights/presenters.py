"""Figures into charts and rows for the pages and the PDF (no queries here)."""

from __future__ import annotations

from datetime import date
from typing import Any

from upstander.cases.taxonomy import BEHAVIOUR_LABELS, PREJUDICE_LABELS
from upstander.insights.area import Area
from upstander.insights.charts import Chart, Series
from upstander.insights.selectors import Figures
from upstander.insights.suppression import Cell, suppress_line


def month_label(month: date) -> str:
    return f"{month:%b %Y}"


def _suppressed(values: list[int], suppress: bool) -> list[Any]:
    return list(suppress_line(values)[0]) if suppress else values


def organisation_charts(current: Figures, previous: Figures, *, suppress: bool = False) -> list[Chart]:
    """`suppress`: for a report that leaves the organisation (governors), small numbers hidden."""
    this, before = current.period.label, previous.period.label
    charts = [
        Chart(
            "cases-by-month",
            "Cases opened each month",
            [month_label(m) for m, _, _ in current.monthly],
            [
                Series("All cases", _suppressed([n for _, n, _ in current.monthly], suppress)),
                Series("Prejudice-related", _suppressed([p for _, _, p in current.monthly], suppress)),
            ],
            kind="line",
        ),
        Chart(
            "behaviours",
            "What happened: behaviours, this period and the one before",
            [BEHAVIOUR_LABELS[k] for k in current.behaviours],
            [
                Series(this, _suppressed(list(current.behaviours.values()), suppress)),
                Series(before, _suppressed(list(previous.behaviours.values()), suppress)),
            ],
        ),
        Chart(
            "prejudice",
            "Prejudice-related incidents by strand, this period and the one before",
            [PREJUDICE_LABELS[k] for k in current.strands],
            [
                Series(this, _suppressed(list(current.strands.values()), suppress)),
                Series(before, _suppressed(list(previous.strands.values()), suppress)),
            ],
        ),
    ]
    for key, title, data in (
        ("platforms", "Where it happened: platforms", current.platforms),
        ("channels", "Where it happened: channels", current.channels),
        ("year-groups", "Year groups of the people targeted", current.year_groups),
        ("outcomes", "How closed cases ended", current.outcomes),
    ):
        charts.append(Chart(key, title, list(data), [Series(this, _suppressed(list(data.values()), suppress))]))
    return charts


def area_charts(area: Area) -> list[Chart]:
    opened = [(name, cells[0]) for name, cells in area.measures.rows]
    prejudice = [(name, cells[1]) for name, cells in area.measures.rows]
    return [
        Chart(
            "area-by-month",
            "Cases opened each month across the authority",
            [month_label(m) for m, _ in area.monthly],
            [Series("All organisations", [cell for _, cell in area.monthly])],
            kind="line",
        ),
        Chart(
            "area-by-organisation",
            "Cases opened by organisation",
            [name for name, _ in opened],
            [Series("Cases opened", [cell for _, cell in opened])],
        ),
        Chart(
            "area-prejudice",
            "Prejudice-related cases by organisation",
            [name for name, _ in prejudice],
            [Series("Prejudice-related", [cell for _, cell in prejudice])],
        ),
        Chart(
            "area-strands",
            "Prejudice-related cases by strand, all organisations",
            area.strands.columns,
            [Series("All organisations", list(area.strands.totals))],
        ),
    ]


def trend(now: int, before: int) -> str:
    if before == 0:
        return "none the period before" if now else "none in either period"
    change = round(100 * (now - before) / before)
    if change == 0:
        return "the same as the period before"
    return f"{abs(change)}% {'more' if change > 0 else 'fewer'} than the period before ({before:,})"


def cell_text(value: Cell | int) -> str:
    return value.text if isinstance(value, Cell) else f"{value:,}"


def change(now: int, before: int) -> str:
    """The change in a few characters, for a table column."""
    if before == 0:
        return "new" if now else "none"
    percent = round(100 * (now - before) / before)
    return "no change" if percent == 0 else f"{percent:+d}%"
