"""Reading a management-information-system (MIS) export of people from CSV.

Pure parsing and validation: no database. Column names are matched loosely because every MIS
(SIMS, Arbor, Bromcom, ...) names them differently.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from upstander.people.models import PersonKind

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "external_id": ("external_id", "mis_id", "id", "upn", "admission number", "adno", "admission no", "person id"),
    "first_name": ("first_name", "first name", "forename", "legal forename", "preferred forename", "given name"),
    "last_name": ("last_name", "last name", "surname", "legal surname", "preferred surname", "family name"),
    "kind": ("kind", "type", "person type", "role"),
    "year_group": ("year_group", "year group", "year", "ncyear", "nc year", "national curriculum year"),
    "class_name": ("class_name", "class", "reg group", "registration group", "form", "tutor group", "group"),
    "date_of_birth": ("date_of_birth", "date of birth", "dob", "birth date"),
    "special_educational_needs": ("special_educational_needs", "sen", "sen status", "send", "sen need"),
    "looked_after": ("looked_after", "looked after", "lac", "cla", "in care", "child looked after"),
    "adult_at_risk": ("adult_at_risk", "adult at risk", "vulnerable adult"),
    "description": ("description", "username", "known as"),
}
KIND_ALIASES = {
    **{kind.value: kind.value for kind in PersonKind},
    "student": "pupil",
    "learner": "pupil",
    "child": "pupil",
    "teacher": "staff",
    "employee": "staff",
    "volunteer": "staff",
    "parent/carer": "parent",
    "carer": "parent",
    "guardian": "parent",
    "contact": "parent",
    "service user": "service_user",
    "client": "service_user",
    "adult learner": "service_user",
    "external adult": "external_adult",
    "adult": "external_adult",
}
TRUE_WORDS = {"1", "y", "yes", "true", "t", "x"}
FALSE_WORDS = {"", "0", "n", "no", "false", "f", "none"}
# SEN status codes used in England's school census: K = SEN support, E = EHC plan, N = none.
SEN_CODES = {"k": True, "e": True, "s": True, "a": True, "p": True}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")
MAX_ROWS = 50_000


@dataclass
class ParsedRow:
    line: int
    values: dict[str, object]


@dataclass
class BadRow:
    line: int
    reason: str


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)


class ImportFileError(ValueError):
    """The file as a whole cannot be read (not a row-level problem)."""


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("The file is not text: save it from your MIS as CSV (UTF-8).")  # pragma: no cover


def _map_headers(headers: list[str]) -> tuple[dict[int, str], list[str]]:
    mapping: dict[int, str] = {}
    unknown: list[str] = []
    lookup = {alias: name for name, aliases in COLUMN_ALIASES.items() for alias in aliases}
    for index, header in enumerate(headers):
        key = " ".join(header.strip().lower().replace("_", " ").split())
        name = lookup.get(key) or lookup.get(key.replace(" ", "_"))
        if name is None or name in mapping.values():
            unknown.append(header)
        else:
            mapping[index] = name
    return mapping, unknown


def _parse_bool(raw: str, column: str) -> bool:
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    if column == "special_educational_needs" and value in SEN_CODES:
        return True
    raise ValueError(f"{column} is {raw!r}: use yes or no")


def _parse_date(raw: str) -> date:
    value = raw.strip()
    for fmt in DATE_FORMATS:
        try:
            parsed = datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a date, no time zone involved
        except ValueError:
            continue
        if parsed > date.today() or parsed.year < 1900:  # noqa: DTZ011 - birthday sanity only
            raise ValueError(f"date_of_birth {raw!r} is not a plausible date of birth")
        return parsed
    raise ValueError(f"date_of_birth {raw!r} is not a date: use YYYY-MM-DD or DD/MM/YYYY")


def _parse_row(cells: dict[str, str], default_kind: str) -> dict[str, object]:
    values: dict[str, object] = {}
    for name in ("external_id", "first_name", "last_name", "year_group", "class_name", "description"):
        text = cells.get(name, "").strip()
        limit = 64 if name == "external_id" else 30 if name in ("year_group", "class_name") else 100
        if name == "description":
            limit = 200
        if len(text) > limit:
            raise ValueError(f"{name} is longer than {limit} characters")
        values[name] = text
    raw_kind = cells.get("kind", "").strip().lower()
    kind = KIND_ALIASES.get(raw_kind) if raw_kind else default_kind
    if kind is None:
        choices = ", ".join(k.value for k in PersonKind)
        raise ValueError(f"kind {cells.get('kind')!r} is not one of: {choices}")
    values["kind"] = kind
    if not (values["first_name"] or values["last_name"] or values["description"]):
        raise ValueError("there is no name: give a first name or last name")
    dob = cells.get("date_of_birth", "").strip()
    values["date_of_birth"] = _parse_date(dob) if dob else None
    for flag in ("special_educational_needs", "looked_after", "adult_at_risk"):
        values[flag] = _parse_bool(cells.get(flag, ""), flag)
    return values


def parse_people_csv(text: str, *, default_kind: str = PersonKind.PUPIL) -> ParseResult:
    """Every row parsed, or the reason it is bad. Line numbers count the header as line 1."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        headers = next(reader)
    except StopIteration:
        raise ImportFileError("The file is empty: it needs a header row naming the columns.") from None
    mapping, unknown = _map_headers(headers)
    named = set(mapping.values())
    if not ({"first_name", "last_name", "description"} & named):
        raise ImportFileError(
            "No name column found: the header row needs first_name and last_name "
            "(or Forename and Surname, as most MIS exports call them)."
        )
    result = ParseResult(unknown_columns=unknown)
    seen_ids: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(result.rows) + len(result.bad) >= MAX_ROWS:
            raise ImportFileError(f"The file has more than {MAX_ROWS} rows: split it into smaller files.")
        if len(row) > len(headers):
            result.bad.append(BadRow(line, f"it has {len(row)} cells but the header has {len(headers)}"))
            continue
        cells = {mapping[i]: cell for i, cell in enumerate(row) if i in mapping}
        try:
            values = _parse_row(cells, default_kind)
        except ValueError as exc:
            result.bad.append(BadRow(line, str(exc)))
            continue
        external_id = str(values["external_id"])
        if external_id:
            if external_id in seen_ids:
                result.bad.append(
                    BadRow(line, f"MIS identifier {external_id!r} is also on line {seen_ids[external_id]}")
                )
                continue
            seen_ids[external_id] = line
        result.rows.append(ParsedRow(line, values))
    return result
