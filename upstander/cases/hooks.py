"""What the apps above cases plug into it, without cases importing them (DESIGN.md: the arrows point
down). Each app registers in its AppConfig.ready(), as insights' providers do; nothing here is
required: with no app registered, cases works on its own.

- `register_duty_work`: an accepted duty that another app carries out instead of a tracked referral
  (takedown: removal requests), with its guard rails checked before anything is written.
- `register_removal_facts`: escalation facts read from another app's records (cases.facts).
- `register_open_work`: work still open on a case, listed before closing (cases.open_work).
- `register_digest_part`: lines of the safeguarding leads' daily digest (cases.digest).
- `register_case_texts`: free texts another app keeps about a case, rewritten with the case's own when
  the records review anonymises or deletes it, or a person in it is erased (dataprotection.rewrite).
- `register_review_filter`: leaves out of the records review the cases whose review another app has
  finished (dataprotection: records anonymised or deleted).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class DutyWork:
    """`guard(case=, duty=)` raises (with the reason) when the work may not start; `open(decision=,
    by=, request=)` starts it; `opened(decision=)` is the id of what it opened (for a link), or None;
    `note` is added to the chronology entry of the decision."""

    guard: Callable[..., None]
    open: Callable[..., Any]
    opened: Callable[..., int | None]
    note: str


@dataclass(frozen=True)
class RemovalFacts:
    """What the escalation rules take from a case's removal requests (takedown reads them)."""

    platform_declined: bool = False
    platform_reported_on: date | None = None
    poster_refused: bool | None = None  # None: the poster was never asked


@dataclass(frozen=True)
class DigestPart:
    """Lines (counts only, never names) for one organisation's daily digest, and a line with a link."""

    lines: list[str]
    link: str = ""


@dataclass(frozen=True)
class CaseTexts:
    """Free-text `fields` of `model` whose rows belong to a case through `case_lookup` (e.g. "case" or
    "request__case"). `record=True`: a record about the case that must keep its sense (a legal hold's
    reason, a policy review): names are replaced, never the whole text, even when the case is deleted."""

    model: type[Any]
    case_lookup: str
    fields: tuple[str, ...]
    record: bool = False


_duty_work: dict[str, DutyWork] = {}
_removal_facts: list[Callable[..., Any]] = []
_open_work: dict[str, Callable[..., Iterable[tuple[str, str]]]] = {}
_digest: dict[str, tuple[Callable[[], Iterable[int]], Callable[..., DigestPart]]] = {}
_case_texts: dict[str, list[CaseTexts]] = {}
_review_filters: dict[str, Callable[[Any], Any]] = {}


def register_duty_work(duty: str, work: DutyWork) -> None:
    _duty_work[duty] = work


def duty_work(duty: str) -> DutyWork | None:
    return _duty_work.get(duty)


def register_removal_facts(reader: Callable[..., Any]) -> None:
    """`reader(case_id=...)` returns RemovalFacts (or an object with the same fields)."""
    _removal_facts[:] = [reader]


def removal_facts(*, case_id: int) -> Any:
    return _removal_facts[0](case_id=case_id) if _removal_facts else RemovalFacts()


def register_open_work(key: str, source: Callable[..., Iterable[tuple[str, str]]]) -> None:
    """`source(case=...)` yields (text, anchor on the case page) for each piece of open work."""
    _open_work[key] = source


def open_work(*, case: Any) -> list[tuple[str, str]]:
    return [found for key in sorted(_open_work) for found in _open_work[key](case=case)]


def register_digest_part(
    key: str, *, organisations: Callable[[], Iterable[int]], part: Callable[..., DigestPart]
) -> None:
    """`organisations()`: the organisations with something to say today; `part(organisation_id=)`."""
    _digest[key] = (organisations, part)


def digest_organisations() -> set[int]:
    return {org_id for key in sorted(_digest) for org_id in _digest[key][0]()}


def digest_parts(*, organisation_id: int) -> list[DigestPart]:
    return [_digest[key][1](organisation_id=organisation_id) for key in sorted(_digest)]


def register_case_texts(key: str, texts: list[CaseTexts]) -> None:
    _case_texts[key] = list(texts)


def case_texts() -> list[CaseTexts]:
    return [texts for key in sorted(_case_texts) for texts in _case_texts[key]]


def register_review_filter(key: str, narrow: Callable[[Any], Any]) -> None:
    """`narrow(cases)` takes a QuerySet of cases due for the records review and returns it narrowed."""
    _review_filters[key] = narrow


def review_filtered(cases: Any) -> Any:
    for key in sorted(_review_filters):
        cases = _review_filters[key](cases)
    return cases
