"""`upstander serve --port P --host H`: links in emails and receipts go where the server is, unless SITE_URL says."""

from __future__ import annotations

from typing import Any

import pytest

from upstander.core.management.commands import serve


@pytest.mark.parametrize(
    ("host", "port", "expected"),
    [
        ("127.0.0.1", 8123, "http://127.0.0.1:8123"),
        ("school.example", 80, "http://school.example:80"),
        ("0.0.0.0", 8123, "http://127.0.0.1:8123"),  # noqa: S104
        ("::1", 9000, "http://[::1]:9000"),
    ],
)
def test_the_served_address_is_the_default_site_url(host: str, port: int, expected: str) -> None:
    assert serve.site_url_for(host, port) == expected


def test_an_explicit_site_url_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", "https://upstander.school.example")
    assert serve.child_environment("127.0.0.1", 8123)["SITE_URL"] == "https://upstander.school.example"
    monkeypatch.setenv("SITE_URL", "")
    assert serve.child_environment("127.0.0.1", 8123)["SITE_URL"] == "http://127.0.0.1:8123"


def test_serve_starts_both_processes_with_the_served_address(monkeypatch: pytest.MonkeyPatch, db: None) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    started: list[dict[str, str]] = []

    class FakeProcess:
        def __init__(self, args: list[str], env: dict[str, str], **kwargs: Any) -> None:
            started.append(env)

        def poll(self) -> int:
            return 0

        def send_signal(self, signum: int) -> None: ...

        def wait(self, timeout: float) -> int:
            return 0

    monkeypatch.setattr(serve.subprocess, "Popen", FakeProcess)
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):  # the fake processes stop at once, so serve stops too
        call_command("serve", "--port", "8123", "--host", "127.0.0.1")
    assert [env["SITE_URL"] for env in started] == ["http://127.0.0.1:8123"] * 2
