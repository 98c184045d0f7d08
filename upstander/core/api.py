"""Shared plumbing for the JSON API under /api/v1/: API-key authentication with scopes, JSON
bodies, and error answers that name each bad field."""

from __future__ import annotations

import hashlib
import hmac
import json
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


def json_body(request: HttpRequest) -> dict[str, Any]:
    if request.content_type != "application/json":
        raise ApiError(415, "Send the body as JSON with Content-Type: application/json.")
    if len(request.body) > MAX_BODY_BYTES:
        raise ApiError(413, f"The body is larger than {MAX_BODY_BYTES // 1024} KB.")
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, f"The body is not valid JSON: {exc}.") from None
    if not isinstance(data, dict):
        raise ApiError(400, "The body must be a JSON object.")
    return data
