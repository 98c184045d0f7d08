"""Start-up configuration: a bad environment variable stops start-up naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SETUP = "import django; django.setup(); print('started')"


def _start(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "PRODUCTION", "SECRET_KEY"}}
    clean.update({"UPSTANDER_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "upstander.config.settings", **env})
    return subprocess.run([sys.executable, "-c", SETUP], env=clean, capture_output=True, text=True, timeout=180)


def test_it_starts_with_no_variables_and_keeps_a_generated_secret_key(tmp_path: Path) -> None:
    result = _start(tmp_path)
    assert result.returncode == 0, result.stderr
    key_file = tmp_path / "secret_key"
    assert key_file.exists()
    assert key_file.stat().st_mode & 0o777 == 0o600
    first = key_file.read_text()
    assert _start(tmp_path).returncode == 0
    assert key_file.read_text() == first


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG='maybe' is not a yes/no value"),
        ("LOCKOUT_FAILURES", "five", "LOCKOUT_FAILURES='five' is not a whole number"),
        ("LOCKOUT_FAILURES", "0", "LOCKOUT_FAILURES=0 is too small"),
        ("DATABASE_URL", "mysql://db/x", "Upstander supports SQLite and PostgreSQL only"),
        ("DATABASE_URL", "nonsense", "DATABASE_URL='nonsense' is not a database URL"),
        ("SECRET_KEY", "short", "SECRET_KEY is too short"),
        ("SITE_URL", "example.org", "SITE_URL='example.org' must start with https://"),
        ("EVIDENCE_MAX_FILE_MB", "-1", "EVIDENCE_MAX_FILE_MB=-1 is too small"),
    ],
)
def test_a_bad_variable_stops_start_up_naming_it(tmp_path: Path, variable: str, value: str, message: str) -> None:
    result = _start(tmp_path, **{variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_mode_passes_the_deploy_checks(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        {
            "UPSTANDER_VAR_DIR": str(tmp_path),
            "PRODUCTION": "1",
            "ALLOWED_HOSTS": "upstander.example.org",
            "SECRET_KEY": "k" * 10 + "Zq8!x2Lm#9vBn4Ws7Ty1Ur6Ie3Op0As5Df8Gh2Jk4Lz7Xc9",
        }
    )
    upstander = Path(sys.executable).with_name("upstander")
    result = subprocess.run(
        [str(upstander), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
