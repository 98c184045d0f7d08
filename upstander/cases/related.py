"""Cases that may belong with a case, offered when merging instead of asking for a case number.

The cases app finds cases naming the same alleged perpetrator itself (`selectors.possible_links`);
apps above it (the search app: shared people, handles and words) register more finders here, so the
arrow keeps pointing down.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from upstander.accounts.actor import Actor
from upstander.cases import selectors
from upstander.cases.models import Case


class Finder(Protocol):
    def __call__(self, *, actor: Actor, case: Case, limit: int) -> list[tuple[Case, str]]: ...


_finders: list[Callable[..., list[tuple[Case, str]]]] = []


def register(finder: Finder) -> None:
    if finder not in _finders:
        _finders.append(finder)


def related_cases(*, actor: Actor, case: Case, limit: int = 10) -> list[tuple[Case, str]]:
    """Open-or-closed cases (never merged ones) that may belong with `case`, each with why."""
    found: dict[int, tuple[Case, str]] = {}
    for other in selectors.possible_links(case=case):
        found.setdefault(other.pk, (other, "names the same alleged perpetrator"))
    for finder in _finders:
        for other, why in finder(actor=actor, case=case, limit=limit):
            found.setdefault(other.pk, (other, why))
    return [pair for pair in found.values() if pair[0].pk != case.pk and pair[0].merged_into_id is None][:limit]
