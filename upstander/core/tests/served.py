"""A real `upstander serve` (gunicorn and the task worker) on a fresh embedded data directory, and a
small HTTP client that can speak from a chosen loopback address, for tests that must see what a
served instance writes: its logs, database and files.

The server runs with umask 022 (a careless operator's default) and writes its output to
`<data>/logs/serve.log`, inside the data directory, as an operator redirecting it there would.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

UPSTANDER = Path(sys.executable).with_name("upstander")
SETUP_ORGANISATION = """
from upstander.accounts.models import Membership, Organisation, User
from upstander.core.api import api_key_create
org, _ = Organisation.objects.get_or_create(slug="hill", defaults={"name": "Hill School"})
dsl = User.objects.create_user(email="dsl@hill.test", password="not-used-here-9f3k", full_name="Dee Lead")
Membership.objects.create(user=dsl, role="dsl", organisation=org)
key = api_key_create(organisation=org, name="status", scopes=["reports:read", "reports:write"], created_by=None)[1]
print("KEY=" + key)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _private_umask() -> None:
    os.umask(0o022)


@dataclass
class Served:
    port: int
    data_dir: Path
    log_path: Path
    api_key: str
    env: dict[str, str]
    process: subprocess.Popen[bytes]

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def serve_env(data_dir: Path, port: int) -> dict[str, str]:
    drop = {"DATABASE_URL", "DEBUG", "PRODUCTION", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "EVIDENCE_KEY"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(
        {
            "UPSTANDER_VAR_DIR": str(data_dir),
            "DJANGO_SETTINGS_MODULE": "upstander.config.settings",
            "SITE_URL": f"http://127.0.0.1:{port}",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
    )
    return env


@contextmanager
def served(tmp_path: Path, *, workers: int = 1, threads: int = 2, port: int | None = None) -> Iterator[Served]:
    data_dir = tmp_path / "data"
    port = port or free_port()
    env = serve_env(data_dir, port)

    def run(*command: str) -> str:
        result = subprocess.run(
            [str(UPSTANDER), *command],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            preexec_fn=_private_umask,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    run("migrate", "--noinput")
    key = next(line[4:] for line in run("shell", "-c", SETUP_ORGANISATION).splitlines() if line.startswith("KEY="))
    logs = data_dir / "logs"
    log_path = logs / "serve.log"
    previous = os.umask(0o022)  # as an operator's shell would make them: `serve` must tighten them
    try:
        logs.mkdir(exist_ok=True)
        log = log_path.open("ab")
    finally:
        os.umask(previous)
    with log:
        process = subprocess.Popen(
            [str(UPSTANDER), "serve", "--port", str(port), "--workers", str(workers), "--threads", str(threads)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=_private_umask,
        )
    instance = Served(port=port, data_dir=data_dir, log_path=log_path, api_key=key, env=env, process=process)
    try:
        _wait_until_up(instance)
        yield instance
    finally:
        process.terminate()
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wait_until_up(instance: Served) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if instance.process.poll() is not None:
            raise AssertionError(f"upstander serve stopped: {instance.log()}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", instance.port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status in (200, 503):
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"upstander serve did not answer within 90 s: {instance.log()}")


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


@dataclass
class Browser:
    """Enough of a browser for the reporting pages: cookies, CSRF tokens, forms, from `address`."""

    port: int
    address: str = "127.0.0.1"
    user_agent: str = "upstander-test"
    cookies: dict[str, str] = field(default_factory=dict)
    extra_headers: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None) -> Reply:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60, source_address=(self.address, 0))
        sent = {"User-Agent": self.user_agent, "Host": f"127.0.0.1:{self.port}", **self.extra_headers}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        sent.update(headers or {})
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie = value.split(";", 1)[0]
                key, _, val = cookie.partition("=")
                self.cookies[key.strip()] = val.strip()
        reply = Reply(status=response.status, headers={k.lower(): v for k, v in response.getheaders()}, body=data)
        connection.close()
        return reply

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def csrf(self, path: str) -> str:
        page = self.get(path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert match, (path, page.status, page.text[:500])
        return match.group(1)

    def post_form(self, path: str, fields: dict[str, str]) -> Reply:
        token = self.csrf(path)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{self.port}{path}",
        }
        return self.request("POST", path, body, headers)

    def post_multipart(self, path: str, fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]) -> Reply:
        token = self.csrf(path)
        boundary = "----upstander" + secrets.token_hex(8)
        parts: list[bytes] = []
        for name, value in {"csrfmiddlewaretoken": token, **fields}.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, (filename, content, content_type) in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n"
            )
            parts.append(head.encode() + content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        headers = {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Referer": f"http://127.0.0.1:{self.port}{path}",
        }
        return self.request("POST", path, b"".join(parts), headers)
