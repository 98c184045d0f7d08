"""The one schema of a report, shared by every route that builds one: the public web form, the staff
"record a concern" page, the JSON API and email intake (issue 11). The rules live here once: which
roles, kinds, channels, platforms and concerns there are (from `upstander.taxonomy` and
`upstander.platforms`), the length limits, "a date with no time means midday", the range a time may
fall in, what "people" may be, and that an anonymous report keeps no name or address. The API's
OpenAPI document is generated from these models (`reports/api.py`), so it cannot drift from them.

Every rule raises an error whose text says what to fix, keyed by the field's name: the API answers
them as `{"errors": {field: text}}`, and the forms put them on their own fields (`errors_by_field`).
Each error also has a code (`ReportError.code`) so a form can word it for its own readers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any

from annotated_types import MaxLen
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from upstander import taxonomy
from upstander.core.api import MAX_BODY_BYTES, MAX_JSON_DEPTH
from upstander.reports.models import ReportConcern
from upstander.reports.services import MAX_ACCOUNT_CHARS, MAX_EMAIL_CHARS, ReportInput, reporter_email_problem

MAX_NAME_CHARS = 200
MAX_PEOPLE_CHARS = 2000
MAX_WHEN_WORDS_CHARS = 100
MAX_ORGANISATION_CHARS = 80
EARLIEST_HAPPENED_AT = datetime(1900, 1, 1, tzinfo=UTC)
# A clock a little ahead of ours is not "the future".
CLOCK_SKEW = timedelta(minutes=5)
HAPPENED_AT_FORMAT = "must be an ISO 8601 date or date-time, like 2026-11-21 or 2026-11-21T16:30:00Z."
MIDDAY = time(12, 0)

# The vocabularies a report's fields take (one source each: `upstander.taxonomy`, `upstander.platforms`).
REPORTER_ROLES = taxonomy.REPORTER_ROLES
REPORTER_KINDS = taxonomy.REPORTER_KINDS
CHANNELS = taxonomy.CHANNELS
PLATFORMS = taxonomy.PLATFORMS
CONCERNS: tuple[str, ...] = tuple(ReportConcern.values)


def _fail(code: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(code, message)


def at_midday(day: date) -> datetime:
    """A day with no time given: midday, local time (the one place this rule lives)."""
    return timezone.make_aware(datetime.combine(day, MIDDAY))


# --- field rules: each takes what a route sent and returns the value, or raises what to fix ---------


def not_text(value: str) -> bool:
    """A NUL (PostgreSQL cannot store it in text) or a lone surrogate (not encodable as UTF-8)."""
    return "\x00" in value or any("\ud800" <= ch <= "\udfff" for ch in value)


def _text(limit: int, *, required: bool = False) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value is None or value == "":
            if required:
                raise _fail("required", "is required.")
            return ""
        if not isinstance(value, str):
            raise _fail("not_text", "must be a string.")
        if not_text(value):
            raise _fail(
                "not_text", "holds a character that is not text (a lone surrogate such as \\ud800, or \\u0000)."
            )
        if len(value) > limit:
            raise _fail("too_long", f"must be at most {limit:,} characters.")
        if required and not value.strip():
            raise _fail("required", "is required.")
        return value

    return check


def _choice(values: tuple[str, ...]) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value is None or value == "":
            return ""
        if value not in values:
            raise _fail("choice", f"must be one of {', '.join(values)}.")
        return str(value)

    return check


def _required_choice(values: tuple[str, ...]) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value is None or value == "":
            raise _fail("required", f"is required: one of {', '.join(values)}.")
        return _choice(values)(value)

    return check


def _email(value: Any) -> str:
    text = _text(MAX_EMAIL_CHARS)(value)
    problem = reporter_email_problem(text) if text else ""
    if problem:
        raise _fail("email", problem)
    return text


def _when(value: Any) -> datetime | None:
    """A date or date-time (a string as the API sends it, or the objects a form cleans); a date alone
    means midday. A well-formed impossible one (30 February, hour 25, an offset of +99:00) is refused."""
    if value is None or value == "":
        return None
    parsed: datetime | None = None
    day: date | None = None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        day = value
    elif isinstance(value, str):
        try:
            # The date first: Django's parse_datetime reads a bare date as midnight.
            day = parse_date(value)
            parsed = parse_datetime(value) if day is None else None
        except ValueError:  # Django's parsers raise it for the impossible ones
            parsed = day = None
    if day is not None:
        # A day is checked as a day (today is never "the future", even before midday), kept as midday.
        if day > timezone.localdate():
            raise _fail("when_future", "cannot be in the future.")
        parsed = datetime.combine(day, MIDDAY)
    if parsed is None:
        raise _fail("when_format", HAPPENED_AT_FORMAT)
    try:
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        in_range = parsed.astimezone(UTC) >= EARLIEST_HAPPENED_AT
    except (OverflowError, ValueError):  # 0001-01-01T00:00:00+05:00 is before the calendar starts in UTC
        in_range = False
    if not in_range:
        raise _fail("when_range", "must be a time between 1 January 1900 and now.")
    if day is None and parsed > timezone.now() + CLOCK_SKEW:
        raise _fail("when_future", "cannot be in the future.")
    return parsed


def _people(value: Any) -> str:
    """Names or usernames: one string, or a list of them; kept one on each line."""
    if value in (None, "", []):
        return ""
    if isinstance(value, str):
        items = [value]
    elif isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        items = list(value)
    else:
        raise _fail("people_type", "must be a string or a list of strings (names or usernames).")
    text = "\n".join(item.strip() for item in items if item.strip())
    if len(text) > MAX_PEOPLE_CHARS:
        raise _fail("too_long", f"must be at most {MAX_PEOPLE_CHARS:,} characters in all.")
    return text


def _concerns(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        raise _fail("concerns_type", f"must be a list of: {', '.join(CONCERNS)}.")
    unknown = [item for item in value if item not in CONCERNS]
    if unknown:
        raise _fail("choice", f"must hold only {', '.join(CONCERNS)}.")
    return list(dict.fromkeys(value))


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _fail("not_bool", "must be true or false.")
    return value


# The types: what the document says a field takes (generated into the OpenAPI document) and the rule
# that checks it (run first, so every error is ours and says what to fix).
Text = Annotated[str | None, BeforeValidator(_text(MAX_NAME_CHARS)), Field(max_length=MAX_NAME_CHARS)]
Account = Annotated[
    str,
    Field(min_length=1, max_length=MAX_ACCOUNT_CHARS, pattern=r"\S"),
    BeforeValidator(_text(MAX_ACCOUNT_CHARS, required=True)),
]
EmailText = Annotated[str, MaxLen(MAX_EMAIL_CHARS), Field(json_schema_extra={"format": "email"})]
Empty = Annotated[str, MaxLen(0)]


def _enum(values: tuple[str, ...], *, optional: bool) -> Any:
    """The document's words for a choice from a vocabulary: the vocabulary itself, so they cannot drift."""
    one = {"type": "string", "enum": list(values)}
    alternatives = [one, {"type": "string", "maxLength": 0}, {"type": "null"}] if optional else [one]

    def schema(found: dict[str, Any]) -> None:
        description = found.get("description")
        found.clear()
        found.update({"anyOf": alternatives} if optional else one)
        if description:
            found["description"] = description

    return Field(json_schema_extra=schema)


def _concerns_schema(found: dict[str, Any]) -> None:
    description = found.get("description")
    found.clear()
    found.update({"type": "array", "items": {"type": "string", "enum": list(CONCERNS)}})
    if description:
        found["description"] = description


class ReportData(BaseModel):
    """A report, from any route. Text fields must be text: a lone surrogate (\\ud800) or \\u0000 is refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    account: Account = Field(
        description="What happened, in the reporter's words. Required: empty or only spaces is refused."
    )
    reporter_role: Annotated[
        str, BeforeValidator(_required_choice(REPORTER_ROLES)), _enum(REPORTER_ROLES, optional=False)
    ] = Field(
        description="How the reporter knows of it: it happened to them (target), they saw it, they are a parent "
        "or carer, they are staff; unknown when they did not say."
    )
    reporter_kind: Annotated[
        str | None, BeforeValidator(_choice(REPORTER_KINDS)), _enum(REPORTER_KINDS, optional=True)
    ] = Field(
        default=None,
        description="Who the reporter is; with reporter_role 'target', who was harmed (e.g. 'staff').",
    )
    anonymous: Annotated[StrictBool, BeforeValidator(_bool)] = Field(
        default=True, description="Anonymous reports keep no name, contact or IP address."
    )
    reporter_name: Text = Field(default=None, description="Named reports only.")
    reporter_email: Annotated[EmailText | Empty | None, BeforeValidator(_email)] = Field(
        default=None,
        description="Named reports only. Upstander emails this address an acknowledgement with the report's "
        "reference (never the passphrase) once the report is stored. One address, or empty: a line break or other "
        "control character is refused.",
    )
    channel: Annotated[str | None, BeforeValidator(_choice(CHANNELS)), _enum(CHANNELS, optional=True)] = Field(
        default=None, description="What kind of place it happened in."
    )
    platform: Annotated[str | None, BeforeValidator(_choice(PLATFORMS)), _enum(PLATFORMS, optional=True)] = Field(
        default=None, description="Which app, game or website (the platform directory's slugs)."
    )
    happened_at: Annotated[datetime | date | Empty | None, BeforeValidator(_when)] = Field(
        default=None,
        description="ISO 8601 date or date-time, between 1 January 1900 and now; a date alone means midday. An "
        "impossible one (2026-02-30, hour 25, offset +99:00) is refused.",
    )
    happened_when: Annotated[str | None, BeforeValidator(_text(MAX_WHEN_WORDS_CHARS)), MaxLen(MAX_WHEN_WORDS_CHARS)] = (
        Field(default=None, description="When, in the reporter's own words ('every evening for two weeks').")
    )
    people: Annotated[Annotated[str, MaxLen(MAX_PEOPLE_CHARS)] | list[str] | None, BeforeValidator(_people)] = Field(
        default=None,
        description=f"Names or usernames of the people involved (at most {MAX_PEOPLE_CHARS:,} characters in all).",
    )
    concerns: Annotated[list[str], BeforeValidator(_concerns), Field(json_schema_extra=_concerns_schema)] = Field(
        default_factory=list,
        description="What the reporter ticked about what happened; it picks the advice they are shown.",
    )
    in_danger: Annotated[StrictBool, BeforeValidator(_bool)] = Field(
        default=False, description="Someone is in danger now: marks the report urgent."
    )

    @model_validator(mode="after")
    def _anonymous_keeps_no_name(self) -> ReportData:
        # An anonymous report keeps no name or address (the service refuses to store them too).
        if self.anonymous and (self.reporter_name or self.reporter_email):
            object.__setattr__(self, "reporter_name", "")
            object.__setattr__(self, "reporter_email", "")
        return self

    def to_input(self, *, named_people: tuple[int, ...] = ()) -> ReportInput:
        """What the service stores."""
        happened_at = self.happened_at if isinstance(self.happened_at, datetime) else None
        return ReportInput(
            reporter_role=self.reporter_role,
            reporter_kind=self.reporter_kind or "",
            account=self.account,
            concerns=tuple(self.concerns),
            anonymous=self.anonymous,
            reporter_name=self.reporter_name or "",
            reporter_email=self.reporter_email or "",
            channel=self.channel or "",
            platform=self.platform or "",
            happened_at=happened_at,
            happened_when=self.happened_when or "",
            people_involved=str(self.people or ""),
            in_danger=self.in_danger,
            named_people=named_people,
        )


class ReportIn(ReportData):
    """A report sent to the API: the report, and which organisation it is for."""

    model_config = ConfigDict(
        json_schema_extra={
            "description": "Text fields must be text: a lone surrogate (\\ud800) or \\u0000 gets 400. The body may "
            f"nest at most {MAX_JSON_DEPTH} levels and be at most {MAX_BODY_BYTES // 1024} KB."
        }
    )

    organisation: Annotated[
        str | None, BeforeValidator(_text(MAX_ORGANISATION_CHARS)), MaxLen(MAX_ORGANISATION_CHARS)
    ] = Field(
        default=None,
        description="The organisation's slug. Required without an API key; with one, it must be the key's own "
        "organisation or left out.",
    )


@dataclass(frozen=True)
class ReportError:
    code: str
    message: str


def errors_by_field(exc: ValidationError) -> dict[str, ReportError]:
    """The first error of each field, by the field's name ("body" for the whole), saying what to fix."""
    found: dict[str, ReportError] = {}
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else "body"
        if field in found:
            continue
        kind = error["type"]
        if kind == "extra_forbidden":
            found[field] = ReportError("unknown_field", "is not a field of a report.")
        elif kind == "missing":
            found[field] = ReportError("required", _MISSING.get(field, "is required."))
        else:
            found[field] = ReportError(kind, error["msg"])
    return found


_MISSING = {"reporter_role": f"is required: one of {', '.join(REPORTER_ROLES)}."}


@functools.cache
def _adapter(name: str) -> TypeAdapter[Any]:
    info = ReportIn.model_fields[name]
    return TypeAdapter(Annotated[(info.annotation, *info.metadata)])  # type: ignore[arg-type]


def field_errors(values: dict[str, Any]) -> dict[str, ReportError]:
    """The schema's verdict on some of a report's fields (a form page that asks only those)."""
    found: dict[str, ReportError] = {}
    for name, value in values.items():
        try:
            _adapter(name).validate_python(value)
        except ValidationError as exc:
            error = exc.errors()[0]
            found[name] = ReportError(error["type"], error["msg"])
    return found


def validate(model: type[ReportData], data: dict[str, Any]) -> tuple[ReportData | None, dict[str, ReportError]]:
    """(the report, {}) or (None, the errors by field)."""
    try:
        return model.model_validate(data), {}
    except ValidationError as exc:
        return None, errors_by_field(exc)
