"""Figures other apps add to the dashboards and the termly report, without insights importing them.

Takedown and prevention (issues being built alongside this one) register a provider in their
AppConfig.ready():

    from upstander.insights.providers import Figure, register

    def takedown_figures(*, organisation_ids, start, end):
        return [Figure(key="takedown_removal_rate", label="Takedown requests that led to removal",
                       value=12, unit="%", detail="12 of 100 requests")]

    register("takedown", "Takedown requests", takedown_figures)

A provider is called with the organisations' ids (one for a dashboard, every organisation of the
authority for the area view) and a date range (dates, both ends included). It must aggregate in the
database and return only counts, rates or durations: never names or free text. A provider that
raises is left out, and the page says its figures could not be read; insights never breaks for it.
Counts that could identify someone in the area view are suppressed by insights (`count=True`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: float | int | None
    unit: str = ""  # "", "%", "hours", "days"
    detail: str = ""
    count: bool = False  # a count of cases or people: suppressed below 5 outside the organisation


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    error: str = ""


Provider = Callable[..., Iterable[Figure]]
_PROVIDERS: dict[str, tuple[str, Provider]] = {}


def register(key: str, title: str, provider: Provider) -> None:
    """Add (or replace) the provider called `key`; `title` heads its figures."""
    _PROVIDERS[key] = (title, provider)


def unregister(key: str) -> None:
    _PROVIDERS.pop(key, None)


def registered() -> list[str]:
    return sorted(_PROVIDERS)


def sections(*, organisation_ids: list[int], start: date, end: date) -> list[Section]:
    found = []
    for key in sorted(_PROVIDERS):
        title, provider = _PROVIDERS[key]
        try:
            figures = list(provider(organisation_ids=organisation_ids, start=start, end=end))
        except Exception:
            logger.exception("insights provider %s failed", key)
            found.append(Section(key, title, [], "These figures could not be read just now."))
            continue
        found.append(Section(key, title, figures))
    return found
