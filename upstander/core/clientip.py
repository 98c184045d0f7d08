"""The client's address, for throttles and the audit trail.

Behind a reverse proxy every request comes from the proxy, so the client is read from the
`X-Forwarded-For` header; but a client can send that header itself. So the header is believed only
as far as the operator says proxies append to it: with `TRUSTED_PROXY_COUNT=N`, the Nth address from
the right is the client (each trusted proxy appends the address it was connected from; anything to
the left of that may be forged). With the default 0, the header is ignored entirely.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    trusted = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if trusted <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < trusted:
        # Fewer hops than configured: the request did not come through the proxies (or they are
        # misconfigured). The connecting address is the only one that cannot be forged.
        return remote
    return _valid(forwarded[-trusted]) or remote
