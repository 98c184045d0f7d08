from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from upstander.evidence import conf as evidence_conf

# Pages a reporter sees (the report steps, the receipt with its passphrase, the status pages) and
# the API (whose answer to a report holds the passphrase): never kept in any cache.
NO_STORE_PREFIXES = ("/report/", "/api/")
# A whole request may be this much bigger than the evidence a report may hold: the form's fields.
FORM_ALLOWANCE_BYTES = 1024 * 1024

# Everything is served from our own origin; nothing is loaded from another site (DESIGN.md).
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        signed_in = request.user.is_authenticated if hasattr(request, "user") else False
        if signed_in or request.path.startswith(NO_STORE_PREFIXES):
            # Safeguarding pages, and a reporter's receipt and passphrase, must not linger in shared
            # browsers' caches or a proxy's.
            cache_control = response.headers.get("Cache-Control", "")
            if "no-store" not in cache_control:
                response.headers["Cache-Control"] = "no-store"
        return response


def max_request_bytes() -> int:
    """The largest request body taken: a report's whole evidence allowance (or one file, if that
    is set larger) plus the form's other fields."""
    return max(evidence_conf.max_report_bytes(), evidence_conf.max_file_bytes()) + FORM_ALLOWANCE_BYTES


def _megabytes(size: int) -> str:
    return f"{size / evidence_conf.MB:,.0f} MB" if size >= evidence_conf.MB else f"{size / 1024:,.0f} KB"


class RequestSizeLimitMiddleware:
    """Refuses an over-size request from its Content-Length, before any of its body is read.

    A multipart upload may be at most `max_request_bytes()`; anything else (form fields, JSON) at
    most DATA_UPLOAD_MAX_MEMORY_SIZE. The refusal says the limit. Django reads no more than
    Content-Length bytes, so a body sent without one (chunked) is not read at all; uploads within
    the limit stream to temporary files (FILE_UPLOAD_MAX_MEMORY_SIZE), never into memory whole.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if request.content_type == "multipart/form-data":
            limit = max_request_bytes()
        else:
            limit = int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or max_request_bytes())
        if length > limit:
            return self._too_large(request, limit)
        return self.get_response(request)

    def _too_large(self, request: HttpRequest, limit: int) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"error": f"The request body is larger than {_megabytes(limit)}, the limit."}, status=413
            )
        context = {
            "limit": _megabytes(limit),
            "file_limit": _megabytes(evidence_conf.max_file_bytes()),
            "back": request.path,
        }
        response = HttpResponse(render_to_string("413.html", context), status=413)
        response.headers["Cache-Control"] = "no-store"
        return response
