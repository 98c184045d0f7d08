"""The web server's access log, kept free of anything that could identify a reporter.

`upstander serve` runs gunicorn with `PrivateAccessLogger`. Every line has the time, the method, the
path, the status, the size and the duration, and nothing else: no client address, user agent,
referrer, query string or other header, on any path. A reporter's browser also fetches static
files and help pages around a report, and a Referer header names the page it came from, so
leaving addresses on "other" paths would still tie a device to a report by its timing. The
reference in a status path (`/report/status/ABCD2345/`, `/api/v1/reports/ABCD-2345`) is replaced
by `-`. Staff addresses, where they matter, are kept in the audit trail.

The server's other messages get the same treatment (`scrub`): gunicorn's "Invalid request from
ip=..." warnings and Django's "Not Found: /report/status/ABCD2345/" lines (`PrivateLogFilter`, set
on the console handler in settings.LOGGING) lose the address, the reference and any query string.

Imported by gunicorn before Django starts: no Django imports here.
"""

from __future__ import annotations

import logging
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


_ADDRESS = re.compile(r"\bip=[^\s:,]+")
_REFERENCE = re.compile(r"(/report/status/|/api/v1/reports/)[^/\s?\"']+")
_QUERY = re.compile(r"(/[^\s?\"']*)\?[^\s\"']*")


def scrub(text: str) -> str:
    """`text` without client addresses (`ip=...`), report references in paths, or query strings."""
    return _QUERY.sub(r"\1", _REFERENCE.sub(r"\1-", _ADDRESS.sub("ip=-", text)))


def _scrubbed(args: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(scrub(arg) if isinstance(arg, str) else arg for arg in args)


class PrivateLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = scrub(record.msg)
        if isinstance(record.args, tuple):
            record.args = _scrubbed(record.args)
        return True


def private_path(path: str) -> str:
    """`path` with any report reference in it replaced by `-`."""
    for pattern in _REFERENCE_PATHS:
        match = pattern.match(path)
        if match:
            return f"{match.group(1)}-{match.group(2) or ''}"
    return path


class PrivateAccessLogger(Logger):
    def critical(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        super().critical(scrub(str(msg)), *_scrubbed(args), **kwargs)

    def error(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        super().error(scrub(str(msg)), *_scrubbed(args), **kwargs)

    def warning(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        super().warning(scrub(str(msg)), *_scrubbed(args), **kwargs)

    def info(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        super().info(scrub(str(msg)), *_scrubbed(args), **kwargs)

    def debug(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        super().debug(scrub(str(msg)), *_scrubbed(args), **kwargs)

    def exception(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        super().exception(scrub(str(msg)), *_scrubbed(args), **kwargs)

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: timedelta) -> dict[str, Any]:
        full = super().atoms(resp, req, environ, request_time)
        atoms = {name: full[name] for name in _KEPT if name in full}
        path = private_path(str(environ.get("PATH_INFO") or "-"))
        atoms["U"] = path
        atoms["r"] = f"{environ.get('REQUEST_METHOD', '-')} {path} {environ.get('SERVER_PROTOCOL', '-')}"
        for name in ("h", "l", "u", "f", "a", "q"):
            atoms[name] = "-"
        return atoms
