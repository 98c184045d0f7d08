from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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
        if request.user.is_authenticated if hasattr(request, "user") else False:
            # Safeguarding pages must not linger in shared browsers' caches.
            response.headers.setdefault("Cache-Control", "no-store")
        return response
