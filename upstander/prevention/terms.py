"""School terms, for naming a termly survey (England: autumn from September, spring from January,
summer from after Easter, taken here as from April)."""

from __future__ import annotations

from datetime import date


def term_of(day: date) -> str:
    if day.month >= 9:
        return f"Autumn {day.year}"
    if day.month <= 3:
        return f"Spring {day.year}"
    return f"Summer {day.year}"


def next_term(term: str) -> str:
    season, year = term.split()
    order = {"Autumn": ("Spring", 1), "Spring": ("Summer", 0), "Summer": ("Autumn", 0)}
    following, add = order[season]
    return f"{following} {int(year) + add}"
