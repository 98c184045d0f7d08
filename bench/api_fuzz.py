"""Property-based testing of the public API with schemathesis, against a served instance.

Schemathesis reads `/api/v1/openapi.json` and sends what the document allows, what it does not
(wrong types, missing fields, odd strings, huge numbers...), and edge cases of each, then checks
every answer: never a 5xx, a status code and content type the document lists, a body that matches
the documented schema. `bench/api_fuzz_hooks.py` adds the inputs that once made the API answer 500
(impossible dates, lone surrogates, NUL, header injection, deep nesting) to any field. Two passes: one with an API key (reports for its own organisation, and the
status of a report), one with none (anonymous reporting, throttled per address).

By default it starts its own `upstander serve` on a fresh embedded SQLite database in a temporary
folder (as bench/report_load.py does), so nothing of yours is touched:

    .venv/bin/python bench/api_fuzz.py                       # about 2-4 minutes on 2 cores
    .venv/bin/python bench/api_fuzz.py --max-examples 20 --max-time 60  # quicker
    .venv/bin/python bench/api_fuzz.py --port 8320                    # its server on a port you choose
    .venv/bin/python bench/api_fuzz.py --url http://127.0.0.1:8000 --key up_...   # a running server

Exit code 0 only if every check passed. CI runs it (`.ci/run`) with the defaults.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


def run_schemathesis(base: str, *, key: str | None, args: argparse.Namespace, label: str, budget: float) -> int:
    command = [
        str(SCHEMATHESIS),
        "run",
        f"{base}/api/v1/openapi.json",
        "--url",
        f"{base}/api/v1",
        "--checks",
        args.checks,
        "--phases",
        "examples,coverage,fuzzing",
        "--max-examples",
        str(args.max_examples),
        "--max-time",
        str(max(1, int(budget))),
        "--workers",
        "1",
        "--seed",
        str(args.seed),
        "--request-timeout",
        "30",
        "--suppress-health-check",
        "all",
        "--warnings",
        "off",
    ]
    if key:
        command += ["--header", f"Authorization: Bearer {key}"]
    print(
        f"==> schemathesis, {label}: {' '.join(c if 'Bearer' not in c else 'Authorization: Bearer up_…' for c in command)}"
    )
    started = time.monotonic()
    hooks = str(Path(__file__).with_name("api_fuzz_hooks.py"))
    with tempfile.TemporaryDirectory(prefix="upstander-fuzz-cache-") as cache:  # schemathesis's cache goes in cwd
        result = subprocess.run(command, check=False, cwd=cache, env={**os.environ, "SCHEMATHESIS_HOOKS": hooks})
    print(f"==> {label}: exit {result.returncode} after {time.monotonic() - started:.0f} s")
    return result.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running server (default: start one on a fresh database)")
    parser.add_argument("--key", help="an API key with reports:write and reports:read, for --url")
    parser.add_argument("--max-examples", type=int, default=60, help="test cases per operation and phase (60)")
    parser.add_argument("--max-time", type=float, default=150, help="seconds for both passes together (150)")
    parser.add_argument("--seed", type=int, default=20261201, help="for a reproducible run")
    parser.add_argument("--checks", default=CHECKS, help=f"schemathesis checks ({CHECKS})")
    parser.add_argument("--port", type=int, help="the port of the server it starts (default: any free one)")
    args = parser.parse_args()

    if args.url:
        return _both_passes(args.url.rstrip("/"), args.key, args)
    from upstander.core.tests.served import served

    with tempfile.TemporaryDirectory(prefix="upstander-fuzz-") as folder, served(Path(folder), port=args.port) as instance:
        code = _both_passes(f"http://127.0.0.1:{instance.port}", instance.api_key, args)
        log = instance.log()
    errors = [line for line in log.splitlines() if " 500 " in line or "Traceback" in line or "ERROR" in line]
    if errors:
        print("==> the server logged errors:\n" + "\n".join(errors[:40]))
        return code or 1
    return code


def _both_passes(base: str, key: str | None, args: argparse.Namespace) -> int:
    budget = args.max_time / (2 if key else 1)
    codes = []
    if key:
        codes.append(run_schemathesis(base, key=key, args=args, label="with an API key", budget=budget))
    codes.append(run_schemathesis(base, key=None, args=args, label="anonymous", budget=budget))
    return next((code for code in codes if code), 0)


if __name__ == "__main__":
    sys.exit(main())
