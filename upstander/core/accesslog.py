"""The web server's access log, kept free of anything that could identify a reporter.

`upstander serve` runs gunicorn with `PrivateAccessLogger`. Every line has the time, the method, the
path, the status, the size and the duration, and nothing else: no client address, user agent,
referrer, query string or other header, on any path. A reporter's browser also fetches static
files and help pages around a report, and a Referer header names the page it came from, so
leaving addresses on "other" paths would still tie a device to a report by its timing. The
reference in a status path (`/report/status/ABCD2345/`, `/api/v1/reports/ABCD-2345`) is replaced
by `-`. Staff addresses, where they matter, are kept in the audit trail.

Imported by gunicorn before Django starts: no Django imports here.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from gunicorn.glogging import Logger

ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
# Kept from gunicorn's atoms; everything else (h, u, f, a, q, r as sent, {header}i, {variable}e ...)
# is dropped, whatever format an operator passes.
_KEPT = ("t", "s", "m", "H", "b", "B", "T", "D", "M", "L", "p")
_REFERENCE_PATHS = (
    re.compile(r"^(/report/status/)[^/]+(/.*)?$"),
    re.compile(r"^(/api/v1/reports/)[^/]+(/.*)?$"),
)


def private_path(path: str) -> str:
    """`path` with any report reference in it replaced by `-`."""
    for pattern in _REFERENCE_PATHS:
        match = pattern.match(path)
        if match:
            return f"{match.group(1)}-{match.group(2) or ''}"
    return path


class PrivateAccessLogger(Logger):
    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: timedelta) -> dict[str, Any]:
        full = super().atoms(resp, req, environ, request_time)
        atoms = {name: full[name] for name in _KEPT if name in full}
        path = private_path(str(environ.get("PATH_INFO") or "-"))
        atoms["U"] = path
        atoms["r"] = f"{environ.get('REQUEST_METHOD', '-')} {path} {environ.get('SERVER_PROTOCOL', '-')}"
        for name in ("h", "l", "u", "f", "a", "q"):
            atoms[name] = "-"
        return atoms
