"""Shared plumbing for the JSON API under /api/v1/: API-key authentication with scopes, JSON
bodies, and error answers that name each bad field."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from datetime import timedelta
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils import timezone

from upstander.accounts.models import ApiKey, Organisation, User

KEY_PREFIX = "up_"
MAX_BODY_BYTES = 256 * 1024
LAST_USED_PRECISION = timedelta(minutes=1)


class ApiError(Exception):
    def __init__(self, status: int, message: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors or {}

    def response(self) -> JsonResponse:
        body: dict[str, Any] = {"error": self.message}
        if self.errors:
            body["errors"] = self.errors
        return JsonResponse(body, status=self.status)


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
