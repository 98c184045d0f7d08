"""The facts of a case, as the escalation rules read them, and `parse_facts` to build them from JSON.

Every fact is optional: a missing fact (or JSON null) means unknown, which the rules treat as "not
established" (false, zero, nobody). `parse_facts` is strict about what *is* given, because a typo or a
wrong type in a safeguarding fact must not be silently read as "no": it raises `FactsError` (a
`ValueError`) naming the field, saying what is wrong and how to fix it.

Ages decide who is a child (anyone under 18, Working Together 2023). When an age is missing, the
kind of person decides: a pupil is presumed to be a child (erring towards the child's safety); staff,
parents, external adults and service users (seed 004: adult learners) are presumed adults; an
`unknown` person is neither, unless flagged as an adult at risk, which implies an adult.

No Django import here: the rules are pure functions of plain data (DESIGN.md).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from upstander.taxonomy import BEHAVIOURS, HATE, PERSON_KINDS, PLATFORMS, PREJUDICE_STRANDS

__all__ = [
    "ADULT_KINDS",
    "BEHAVIOURS",
    "CATEGORY_NAMES",
    "KINDS",
    "PREJUDICE_STRANDS",
    "SETTINGS",
    "Facts",
    "FactsError",
    "Person",
    "parse_facts",
]

# DESIGN.md taxonomy (one list for the whole project).
KINDS: tuple[str, ...] = PERSON_KINDS
# Kinds presumed to be 18 or over when no age is given (see the module docstring).
ADULT_KINDS: frozenset[str] = frozenset({"staff", "parent", "service_user", "external_adult"})

# The kinds of setting a case can come from (the organisation's kind, grouped).
SETTINGS: tuple[str, ...] = ("school", "college", "adult_learning", "youth_service", "other")
# What `categories` may hold: the behaviours, and `hate` as the classifier emits it.
CATEGORY_NAMES: tuple[str, ...] = (*BEHAVIOURS, HATE)

# Sanity bounds: a value above these is a typing slip, and it keeps numbers printable in reasons.
MAX_AGE = 130
MAX_COUNT = 10_000  # earlier incidents
MAX_DAYS = 36_500  # days since a platform report (a century)

BOOL_FACTS: tuple[str, ...] = (
    "danger_now",
    "sexual_image_of_under_18",
    "image_shared_by_adult_or_coerced",
    "threat_of_death_or_serious_harm",
    "encourages_self_harm",
    "account_hacked",
    "impersonation",
    "extremist_content",
    "grooming",
    "calls_or_texts",
    "target_wants_police",
    # Set by the DSL: a member of staff or volunteer behaved in a way that suggests they may not be
    # suitable to work with children (KCSIE Part 4's fourth test: transferable risk, conduct outside work).
    "unsuitable_to_work_with_children",
    # The platform replied that what was reported breaks none of its rules (Report Harmful Content's main use).
    "platform_declined",
    # UKCIS 'Sharing nudes and semi-nudes' criteria for an immediate referral, beyond an adult, coercion,
    # grooming and danger (which other facts carry): the DSL's concern about a young person's capacity to
    # consent (e.g. special educational needs); the imagery shows sexual acts; those acts are extreme,
    # violent or unusual for the young person's development.
    "capacity_to_consent_concern",
    "image_shows_sexual_acts",
    "image_acts_extreme_or_unusual",
)
PERSON_FIELDS: tuple[str, ...] = ("kind", "age", "adult_at_risk")
FACT_FIELDS: tuple[str, ...] = (
    "id",
    *BOOL_FACTS,
    "categories",
    "prejudice",
    "setting",
    "target",
    "perpetrator",
    "prior_incidents_same_pair",
    "platform",
    "platform_reported_days_ago",
    "poster_known_and_refused_removal",
)


class FactsError(ValueError):
    """A fact that cannot be read. `field` names it (dotted for a person: `target.age`)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True, slots=True)
class Person:
    """The target or the alleged perpetrator, as far as the case knows them."""

    kind: str = "unknown"
    age: int | None = None
    adult_at_risk: bool = False

    @property
    def is_child(self) -> bool:
        if self.age is not None:
            return self.age < 18
        return self.kind == "pupil"

    @property
    def is_adult(self) -> bool:
        if self.age is not None:
            return self.age >= 18
        return self.kind in ADULT_KINDS or (self.kind == "unknown" and self.adult_at_risk)

    @property
    def is_known(self) -> bool:
        """Whether we know who this is (at least what kind of person): needed to contact them."""
        return self.kind != "unknown"


UNKNOWN_PERSON = Person()


@dataclass(frozen=True, slots=True)
class Facts:
    """What is known about one case. Defaults are the "unknown" reading of each fact."""

    id: str | int | None = None
    danger_now: bool = False
    categories: frozenset[str] = field(default_factory=frozenset)
    prejudice: frozenset[str] = field(default_factory=frozenset)
    target: Person = UNKNOWN_PERSON
    perpetrator: Person = UNKNOWN_PERSON
    prior_incidents_same_pair: int = 0
    sexual_image_of_under_18: bool = False
    image_shared_by_adult_or_coerced: bool = False
    threat_of_death_or_serious_harm: bool = False
    encourages_self_harm: bool = False
    account_hacked: bool = False
    impersonation: bool = False
    extremist_content: bool = False
    grooming: bool = False
    calls_or_texts: bool = False
    target_wants_police: bool = False
    unsuitable_to_work_with_children: bool = False
    platform_declined: bool = False
    capacity_to_consent_concern: bool = False
    image_shows_sexual_acts: bool = False
    image_acts_extreme_or_unusual: bool = False
    # None: not known (treated as a setting that works with children, the safer reading for a child).
    setting: str | None = None
    # Where it happened: a slug from the platform directory (`taxonomy.PLATFORMS`), or None.
    platform: str | None = None
    platform_reported_days_ago: int | None = None
    # None: not known whether the poster was asked; True: known and refused; False: not refused.
    poster_known_and_refused_removal: bool | None = None

    @property
    def adult_only(self) -> bool:
        """An adult-only provider (seed 004): no LADO route, not the children's workforce."""
        return self.setting == "adult_learning"


def _number(value: float) -> str:
    # Python refuses to print integers of more than 4,300 digits; a fact that size is a slip anyway.
    if isinstance(value, int) and value.bit_length() > 64:
        return "a number too large to be real"
    return f"the number {value:.6g}" if isinstance(value, float) else f"the number {value}"


def _describe(value: object) -> str:
    """A value as the person who wrote the JSON would recognise it: `the string "ten"`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, str):
        return f"the string {json.dumps(value[:60], ensure_ascii=False)}"
    return type(value).__name__


def _suggest(name: str, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f'Did you mean "{close[0]}"? ' if close else ""


def _bool(name: str, value: object) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        key = name.rsplit(".", 1)[-1]  # `target.adult_at_risk` is written `"adult_at_risk": true` inside target
        raise FactsError(name, f'must be true, false or null, not {_describe(value)}: write "{key}": true')
    return value


def _whole_number(name: str, value: object, *, example: str, maximum: int | None = None) -> int | None:
    if value is None:
        return None
    # bool is a subclass of int in Python, but `true` is not a count of anything.
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise FactsError(name, f"must be a whole number or null, not {_describe(value)}: write {example}")
    if value < 0:
        raise FactsError(name, f"cannot be negative (got {_number(value)}): write {example}")
    if maximum is not None and value > maximum:
        raise FactsError(name, f"{_number(value)} is not plausible (at most {maximum}): write {example}")
    return value


def _names(name: str, value: object, known: tuple[str, ...], hint: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list):
        raise FactsError(name, f'must be a list of names, not {_describe(value)}: write "{name}": [{hint}]')
    for item in value:
        if not isinstance(item, str):
            raise FactsError(name, f'must hold names in quotes, not {_describe(item)}: write "{name}": [{hint}]')
        if item not in known:
            raise FactsError(name, f'unknown name "{item}". {_suggest(item, known)}Known names: {", ".join(known)}.')
    return frozenset(value)


def _setting(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value not in SETTINGS:
        suggestion = _suggest(value, SETTINGS) if isinstance(value, str) else ""
        raise FactsError(
            "setting",
            f'unknown setting ({_describe(value)}). {suggestion}Settings: {", ".join(SETTINGS)}: write "setting": "school"',
        )
    return value


def _person(name: str, value: object) -> Person:
    if value is None:
        return UNKNOWN_PERSON
    example = f'"{name}": {{"kind": "pupil", "age": 14, "adult_at_risk": false}}'
    if not isinstance(value, dict):
        raise FactsError(name, f"must be an object or null, not {_describe(value)}: write {example}")
    for key in value:
        if key not in PERSON_FIELDS:
            raise FactsError(
                f"{name}.{key}",
                f"is not a field of a person. {_suggest(str(key), PERSON_FIELDS)}Fields: {', '.join(PERSON_FIELDS)}.",
            )
    kind = value.get("kind")
    if kind is None:
        kind = "unknown"
    if not isinstance(kind, str) or kind not in KINDS:
        shown = _describe(kind)
        suggestion = _suggest(kind, KINDS) if isinstance(kind, str) else ""
        raise FactsError(f"{name}.kind", f"unknown kind ({shown}). {suggestion}Kinds: {', '.join(KINDS)}.")
    age = _whole_number(f"{name}.age", value.get("age"), example='"age": 14', maximum=MAX_AGE)
    at_risk = _bool(f"{name}.adult_at_risk", value.get("adult_at_risk"))
    return Person(kind=kind, age=age, adult_at_risk=at_risk)


def _platform(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value not in PLATFORMS:
        suggestion = _suggest(value, PLATFORMS) if isinstance(value, str) else ""
        raise FactsError(
            "platform", f"unknown platform ({_describe(value)}). {suggestion}Platforms: {', '.join(PLATFORMS)}."
        )
    return value


def _ident(value: object) -> str | int | None:
    if value is None or (isinstance(value, (str, int)) and not isinstance(value, bool)):
        return value
    raise FactsError("id", f'must be a string, a whole number or null, not {_describe(value)}: write "id": "case-17"')


def parse_facts(data: Mapping[str, Any]) -> Facts:
    """Build `Facts` from a decoded JSON object; raise `FactsError` naming the first bad field.

    Unknown field names are refused (with the nearest known name) rather than ignored, so a typo
    such as `danger_nowe` cannot quietly turn "life at risk" into "unknown".
    """
    if not isinstance(data, Mapping):
        raise FactsError(
            "facts", f'must be a JSON object such as {{"id": "1", "danger_now": true}}, not {_describe(data)}'
        )
    for key in data:
        if key not in FACT_FIELDS:
            raise FactsError(
                str(key),
                f"is not a known fact. {_suggest(str(key), FACT_FIELDS)}Known facts: {', '.join(FACT_FIELDS)}.",
            )
    values: dict[str, Any] = {name: _bool(name, data.get(name)) for name in BOOL_FACTS}
    refused_value = data.get("poster_known_and_refused_removal")
    refused = None if refused_value is None else _bool("poster_known_and_refused_removal", refused_value)
    return Facts(
        id=_ident(data.get("id")),
        categories=_names("categories", data.get("categories"), CATEGORY_NAMES, '"insult", "harassment"'),
        prejudice=_names("prejudice", data.get("prejudice"), PREJUDICE_STRANDS, '"racist"'),
        setting=_setting(data.get("setting")),
        target=_person("target", data.get("target")),
        perpetrator=_person("perpetrator", data.get("perpetrator")),
        prior_incidents_same_pair=_whole_number(
            "prior_incidents_same_pair",
            data.get("prior_incidents_same_pair"),
            example='"prior_incidents_same_pair": 2',
            maximum=MAX_COUNT,
        )
        or 0,
        platform=_platform(data.get("platform")),
        platform_reported_days_ago=_whole_number(
            "platform_reported_days_ago",
            data.get("platform_reported_days_ago"),
            example='"platform_reported_days_ago": 10',
            maximum=MAX_DAYS,
        ),
        poster_known_and_refused_removal=refused,
        **values,
    )
