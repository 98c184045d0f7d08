"""Shared plumbing for the JSON API under /api/v1/: API-key authentication with scopes, JSON
bodies, error answers that name each bad field, and the OpenAPI document generated from each
route's pydantic models (`Route`, `openapi_document`), so the document cannot drift from them."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, path
from django.utils import timezone
from pydantic import BaseModel, Field
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from upstander.accounts.models import ApiKey, Organisation, User

KEY_PREFIX = "up_"
MAX_BODY_BYTES = 256 * 1024
LAST_USED_PRECISION = timedelta(minutes=1)


class ErrorBody(BaseModel):
    """Every error answer: what is wrong, and for a bad body, each bad field with what to fix."""

    error: str
    errors: dict[str, str] = Field(default_factory=dict, description="field -> what is wrong")


class ApiError(Exception):
    def __init__(self, status: int, message: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors or {}

    def response(self) -> JsonResponse:
        body = ErrorBody(error=self.message, errors=self.errors)
        return JsonResponse(body.model_dump(exclude_defaults=True), status=self.status)


def api_key_create(
    *, organisation: Organisation, name: str, scopes: list[str], created_by: User | None
) -> tuple[ApiKey, str]:
    """(the key, the whole secret to show once). The secret is `up_<prefix>_<random>`."""
    unknown = set(scopes) - set(ApiKey.Scope.values)
    if unknown:
        raise ValueError(f"unknown scopes: {sorted(unknown)}")
    prefix = secrets.token_hex(5)
    secret = secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        organisation=organisation,
        name=name,
        prefix=prefix,
        secret_hash=_digest(secret),
        scopes=sorted(scopes),
        created_by=created_by,
    )
    return key, f"{KEY_PREFIX}{prefix}_{secret}"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_key_from_request(request: HttpRequest) -> ApiKey | None:
    """The key in `Authorization: Bearer up_...`, None if there is no such header.

    A header that is present but wrong raises 401: a caller that meant to authenticate is told so.
    """
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.startswith(KEY_PREFIX) or token.count("_") < 2:
        raise ApiError(401, "The Authorization header must be 'Bearer up_...' with an API key.")
    prefix, _, secret = token[len(KEY_PREFIX) :].partition("_")
    key = ApiKey.objects.select_related("organisation").filter(prefix=prefix).first()
    if key is None or not key.is_active or not hmac.compare_digest(key.secret_hash, _digest(secret)):
        raise ApiError(401, "That API key is not valid, or has been revoked.")
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_PRECISION:
        # Once a minute is precise enough, and spares a database write on every call.
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key


def require_scope(key: ApiKey | None, scope: str) -> ApiKey:
    if key is None:
        raise ApiError(401, f"This needs an API key with the scope {scope}.")
    if scope not in key.scopes:
        raise ApiError(403, f"This API key does not have the scope {scope}.")
    return key


MAX_JSON_DEPTH = 8
# A JSON string (escapes and all) or one bracket: what the depth check looks at.
_JSON_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def _field_name(raw: bytes) -> str:
    try:
        name = json.loads(raw)
    except ValueError:
        return "body"
    return _printable(name) if isinstance(name, str) else "body"


def _printable(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _too_deep(body: bytes) -> str | None:
    """The top-level field whose value nests deeper than MAX_JSON_DEPTH ("body" if the body itself
    does), or None. Checked before parsing: Python's parser would recurse once per level."""
    depth = 0
    field = "body"
    for match in _JSON_TOKENS.finditer(body):
        token = match.group()
        if token[:1] == b'"':
            if depth == 1:
                field = _field_name(token)  # the last string at the top level before a nested value is its key
            continue
        if token in (b"[", b"{"):
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return field if depth > 1 and body.lstrip()[:1] == b"{" else "body"
        else:
            depth -= 1
    return None


def _unstorable(value: Any) -> bool:
    """Whether a parsed JSON value holds a lone surrogate (\\ud800: not a character, and not
    encodable as UTF-8) or a NUL (which PostgreSQL cannot store in text)."""
    if isinstance(value, str):
        return "\x00" in value or any("\ud800" <= ch <= "\udfff" for ch in value)
    if isinstance(value, list):
        return any(_unstorable(item) for item in value)
    if isinstance(value, dict):
        return any(_unstorable(key) or _unstorable(item) for key, item in value.items())
    return False


def json_body(request: HttpRequest) -> dict[str, Any]:
    """The request's JSON object, or ApiError: 415 not JSON, 413 too large, 400 naming the field
    for bad JSON, nesting deeper than MAX_JSON_DEPTH or a string holding what is not text."""
    if request.content_type != "application/json":
        raise ApiError(415, "Send the body as JSON with Content-Type: application/json.")
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BODY_BYTES or len(request.body) > MAX_BODY_BYTES:  # the header first: nothing read
        raise ApiError(413, f"The body is larger than {MAX_BODY_BYTES // 1024} KB.")
    deep = _too_deep(request.body)
    if deep is not None:
        raise ApiError(
            400, "Some fields are not right: see errors.", {deep: f"is nested more than {MAX_JSON_DEPTH} levels deep."}
        )
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise ApiError(400, f"The body is not valid JSON: {exc}.") from None
    if not isinstance(data, dict):
        raise ApiError(400, "The body must be a JSON object.")
    bad = {
        _printable(name): "holds a character that is not text (a lone surrogate such as \\ud800, or \\u0000)."
        for name, value in data.items()
        if _unstorable(name) or _unstorable(value)
    }
    if bad:
        raise ApiError(400, "Some fields are not right: see errors.", bad)
    return data


# --- the OpenAPI document, generated from the routes' models ---------------------------------------

ERROR_TEXTS: dict[int, str] = {
    400: "A field is missing or wrong: `errors` names each one.",
    401: "The API key is missing or not valid.",
    403: "The API key lacks the scope.",
    404: "No report with that reference in the key's organisation.",
    405: "The method is not allowed here.",
    413: "The body is larger than the limit.",
    415: "The body is not JSON.",
    422: "The Idempotency-Key was used before with a different body: use a new key.",
    429: "Too many reports from this address.",
}


@dataclass(frozen=True)
class Route:
    """One operation of the API: its URL (OpenAPI's `{name}` form: the Django pattern is made from
    it), its view, and the models of its body and answers, from which the document is generated."""

    path: str
    method: str
    name: str
    view: Callable[..., HttpResponse]
    summary: str
    ok: tuple[int, type[BaseModel], str]
    errors: tuple[int, ...]
    description: str = ""
    body: type[BaseModel] | None = None
    security: tuple[dict[str, list[str]], ...] = ()
    parameters: tuple[dict[str, Any], ...] = field(default=())

    def pattern(self) -> str:
        """ "reports/{reference}" -> "reports/<str:reference>"."""
        return re.sub(r"\{(\w+)\}", r"<str:\1>", self.path)


def urlpatterns_for(routes: Sequence[Route]) -> list[URLPattern]:
    """One URL per path; two operations on one path would need one view answering both methods."""
    paths = [route.path for route in routes]
    if len(paths) != len(set(paths)):
        raise ValueError("one operation per path: give a path's methods one view")
    return [path(route.pattern(), route.view, name=route.name) for route in routes]


def openapi_document(
    *, routes: Sequence[Route], title: str, description: str, server: str, security_schemes: dict[str, Any]
) -> dict[str, Any]:
    """The OpenAPI 3.1 document of `routes` (pydantic writes JSON Schema 2020-12, which 3.1 uses)."""
    models: list[tuple[type[BaseModel], JsonSchemaMode]] = [(ErrorBody, "serialization")]
    for route in routes:
        if route.body is not None:
            models.append((route.body, "validation"))
        models.append((route.ok[1], "serialization"))
    refs, schemas = models_json_schema(list(dict.fromkeys(models)), ref_template="#/components/schemas/{model}")

    def ref(model: type[BaseModel]) -> dict[str, Any]:
        mode: JsonSchemaMode = "validation" if any(route.body is model for route in routes) else "serialization"
        return {"application/json": {"schema": refs[(model, mode)]}}

    paths: dict[str, dict[str, Any]] = {}
    for route in routes:
        status, model, text = route.ok
        operation: dict[str, Any] = {"summary": route.summary}
        if route.description:
            operation["description"] = route.description
        operation["security"] = list(route.security)
        if route.parameters:
            operation["parameters"] = list(route.parameters)
        names = re.findall(r"\{(\w+)\}", route.path)
        if names:
            operation["parameters"] = [
                *({"name": n, "in": "path", "required": True, "schema": {"type": "string"}} for n in names),
                *operation.get("parameters", []),
            ]
        if route.body is not None:
            operation["requestBody"] = {"required": True, "content": ref(route.body)}
        operation["responses"] = {
            str(status): {"description": text, "content": ref(model)},
            **{str(code): {"description": ERROR_TEXTS[code], "content": ref(ErrorBody)} for code in route.errors},
        }
        paths.setdefault("/" + route.path, {})[route.method] = operation
    return {
        "openapi": "3.1.0",
        "info": {"title": title, "version": "1", "description": description},
        "servers": [{"url": server}],
        "components": {"securitySchemes": security_schemes, "schemas": schemas.get("$defs", {})},
        "paths": paths,
    }
