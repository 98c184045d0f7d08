"""Attacks on a real `upstander serve` (gunicorn, the task worker, SQLite in WAL mode), started with a
careless umask (022) on a fresh data directory (issue 10).

- An anonymous reporter, from a distinctive address and user agent, reports by the web form (with a
  screenshot), follows the report up and messages the lead, and reports again by the API. Then
  every table, every log line and every file under the data directory is searched for the address
  and user agent: none holds them (item 2).
- Every file the instance wrote is 0600 and every directory 0700 (item 7).
- The instance's gunicorn control socket is its own, under its data directory (item 10).
- A huge upload is refused (413, naming the limit) from its headers, without the body (item 3).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import socket
import sqlite3
import stat
import time
from collections.abc import Iterator
from datetime import datetime
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from upstander.core.tests.served import Browser, Served, served

# The served instance runs on its own SQLite database whatever DATABASE_URL says (served.serve_env
# drops it): own_installation.
pytestmark = [pytest.mark.slow, pytest.mark.own_installation]

ADDRESS = "127.0.0.77"  # the reporter's own address: any 127.x.y.z reaches the loopback server
FORWARDED = "198.51.100.77"  # what a proxy in front would say the address was
USER_AGENT = "Mozilla/5.0 (Linux; Android 14; RedTeamPhone-7f3c9e) Mobile"
NEEDLES = [ADDRESS, FORWARDED, "RedTeamPhone-7f3c9e"]
ANSWERS = {
    "danger": {"in_danger": "no"},
    "who": {"reporter_role": "target"},
    "what": {"account": "Someone keeps posting mean comments about me on my pictures."},
    "where": {"channel": "social_media", "platform": "instagram"},
    "when": {"happened_when": "this_week", "happened_on": ""},
    "people": {"people_involved": "@mean_account_123"},
    "you": {"anonymous": "no"},  # "Do you want to tell us who you are?" No.
}


@pytest.fixture(scope="module")
def instance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with served(tmp_path_factory.mktemp("served")) as running:
        yield running


def _png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def _reporter(instance: Served) -> Browser:
    return Browser(
        port=instance.port,
        address=ADDRESS,
        user_agent=USER_AGENT,
        extra_headers={"X-Forwarded-For": FORWARDED, "X-Real-IP": FORWARDED},
    )


def _report_by_web_form(instance: Served) -> tuple[str, str]:
    browser = _reporter(instance)
    assert browser.get("/report/hill/").status == 200
    for step, answers in ANSWERS.items():
        reply = browser.post_form(f"/report/hill/{step}/", answers)
        assert reply.status == 302, (step, reply.text[:1000])
    sent = browser.post_multipart("/report/hill/check/", {}, {"upload": ("screenshot.png", _png(), "image/png")})
    assert sent.status == 302, sent.text[:1000]
    receipt = browser.get("/report/hill/sent/")
    assert receipt.headers["cache-control"] == "no-store"
    reference = re.search(r'Reference: <span class="code">([A-Z0-9-]+)</span>', receipt.text)
    passphrase = re.search(r'Passphrase: <span class="code">([a-z-]+)</span>', receipt.text)
    assert reference and passphrase, receipt.text[:2000]
    # Follow it up from the same phone: look it up, read it, message the lead.
    found = browser.post_form("/report/status/", {"reference": reference[1], "passphrase": passphrase[1]})
    assert found.status == 302, found.text[:1000]
    detail_path = found.headers["location"]
    assert browser.get(detail_path).status == 200
    assert browser.post_form(detail_path, {"body": "It happened again today."}).status == 302
    return reference[1], passphrase[1]


def _report_by_api(instance: Served) -> str:
    browser = _reporter(instance)
    body = {
        "organisation": "hill",
        "account": "A fake account is messaging people in my year.",
        "reporter_role": "bystander",
    }
    reply = browser.request("POST", "/api/v1/reports", json.dumps(body).encode(), {"Content-Type": "application/json"})
    assert reply.status == 201, reply.text
    assert reply.headers["cache-control"] == "no-store"
    reference = json.loads(reply.body)["reference"]
    status = browser.request(
        "GET", f"/api/v1/reports/{reference}", headers={"Authorization": f"Bearer {instance.api_key}"}
    )
    assert status.status == 200, status.text
    return str(reference)


def _database(instance: Served) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{instance.data_dir / 'upstander.sqlite3'}?mode=ro", uri=True, timeout=30)


def _wait_for_background_checks(instance: Served) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with _database(instance) as db:
            waiting = db.execute(
                "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
            ).fetchone()[0]
        if waiting == 0:
            return
        time.sleep(0.5)
    raise AssertionError("the task worker did not finish the reports' background checks")


def _cells_holding(instance: Served, needles: list[str]) -> list[tuple[str, str]]:
    found = []
    with _database(instance) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in db.execute(f'SELECT * FROM "{table}"'):  # noqa: S608 - names from sqlite_master
                for cell in row:
                    text = cell.decode("latin-1") if isinstance(cell, bytes) else str(cell)
                    found += [(table, needle) for needle in needles if needle in text]
    return found


def _files_holding(instance: Served, needles: list[str]) -> list[tuple[str, str]]:
    found = []
    for path in sorted(instance.data_dir.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            found += [(str(path), needle) for needle in needles if needle.encode() in data]
    return found


def test_each_served_instance_has_its_own_control_socket_in_its_data_directory(instance: Served) -> None:
    own = instance.data_dir / "run" / f"gunicorn-{instance.port}.ctl"
    deadline = time.monotonic() + 20
    while not own.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert own.exists() and stat.S_ISSOCK(own.stat().st_mode)
    assert stat.S_IMODE(own.stat().st_mode) & 0o077 == 0
    assert (
        f"--control-socket {own}"
        in Path(f"/proc/{_gunicorn_pid(instance)}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    )


def _gunicorn_pid(instance: Served) -> int:
    children = Path(f"/proc/{instance.process.pid}/task/{instance.process.pid}/children").read_text().split()
    for pid in children:
        if b"gunicorn" in Path(f"/proc/{pid}/cmdline").read_bytes():
            return int(pid)
    raise AssertionError("no gunicorn process under upstander serve")


def test_a_huge_upload_is_refused_from_its_headers_before_the_body_is_sent(instance: Served) -> None:
    """An attacker announces 2 GB and sends 64 KB: the answer comes at once (the server did not wait
    for, or read, the rest), says the limit, and the server's memory did not grow by the body."""
    head = (
        "POST /report/hill/check/ HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{instance.port}\r\n"
        "Content-Type: multipart/form-data; boundary=xyz\r\n"
        f"Content-Length: {2 * 1024**3}\r\n\r\n"
    )
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", instance.port), timeout=20) as sock:
        sock.sendall(head.encode() + b"--xyz\r\n" + b"x" * 65536)
        answer = b""
        while b"</html>" not in answer:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 413"), answer[:300]
    assert b"larger than 101 MB" in answer
    assert time.monotonic() - started < 10


def test_an_anonymous_reporter_leaves_no_address_or_user_agent_in_any_table_log_or_file(instance: Served) -> None:
    reference, passphrase = _report_by_web_form(instance)
    api_reference = _report_by_api(instance)
    _wait_for_background_checks(instance)
    time.sleep(1)  # the last access-log lines

    with _database(instance) as db:
        assert db.execute("SELECT COUNT(*) FROM reports_report WHERE anonymous").fetchone()[0] == 2
        assert db.execute("SELECT COUNT(*) FROM evidence_evidenceitem").fetchone()[0] == 1
        assert db.execute("SELECT COUNT(*) FROM reports_reportmessage").fetchone()[0] == 1
    log = instance.log()
    # The requests were logged (so the search below means something), without who made them ...
    assert '"POST /report/hill/check/ HTTP/1.1" 302' in log
    assert '"GET /report/status/-/ HTTP/1.1" 200' in log
    assert '"POST /api/v1/reports HTTP/1.1" 201' in log
    assert '"GET /api/v1/reports/- HTTP/1.1" 200' in log
    # ... or which report they were about.
    for ref in (reference, reference.replace("-", ""), api_reference, api_reference.replace("-", "")):
        assert ref not in log
    assert passphrase not in log

    assert _cells_holding(instance, NEEDLES) == []
    assert _files_holding(instance, NEEDLES) == []

    # The throttle's keyed hashes of the address are only in the rate-limit table, stamped with a
    # whole window rather than the moment of the report.
    secret = (instance.data_dir / "secret_key").read_text().strip()
    hashes = [
        hmac.new(secret.encode(), "\x1f".join((scope, ADDRESS)).encode(), hashlib.sha256).hexdigest()
        for scope in ("report", "api-report", "lookup-ip")
    ]
    tables = {table for table, _ in _cells_holding(instance, hashes)}
    assert tables <= {"core_ratelimit"}
    with _database(instance) as db:
        for start, expires in db.execute("SELECT window_start, expires_at FROM core_ratelimit"):
            started = datetime.fromisoformat(start)
            assert (started.minute % 15, started.second, started.microsecond) == (0, 0, 0), start
            assert datetime.fromisoformat(expires) > started


def test_everything_the_served_instance_wrote_is_owner_only_despite_umask_022(instance: Served) -> None:
    seen = []
    for path in [instance.data_dir, *instance.data_dir.rglob("*")]:
        mode = path.lstat().st_mode
        seen.append(path.name)
        if stat.S_ISDIR(mode):
            assert stat.S_IMODE(mode) == 0o700, path
        else:
            assert stat.S_IMODE(mode) & 0o077 == 0, f"{path} is {stat.S_IMODE(mode):o}"
    # The stores the issue names were all there to check.
    for name in ("upstander.sqlite3", "upstander.sqlite3-wal", "secret_key", "evidence.keys", "serve.log", "mail"):
        assert name in seen, name
    assert any(path.is_file() for path in (instance.data_dir / "evidence").rglob("*"))
    assert any(path.is_file() for path in (instance.data_dir / "mail").rglob("*"))
