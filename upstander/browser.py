"""Test helpers for driving headless Chromium (Debian's `chromium`) with Playwright, and axe-core.

Used by the browser tests of every app. Nothing is downloaded: Playwright drives the system
browser through `executable_path`, and axe-core comes inside the axe-playwright-python wheel.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", Path(__file__).resolve().parent.parent / "var" / "screenshots"))


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def launch() -> Iterator[Any]:
    """Yields a Playwright browser (generator for pytest fixtures)."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    assert path is not None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_serious(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the page, as readable lines (empty when clean)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]})
    problems = []
    for violation in results.response["violations"]:
        if violation.get("impact") in ("serious", "critical"):
            targets = [", ".join(node["target"]) for node in violation["nodes"]][:3]
            problems.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return problems


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def shows(page: Any, text: str, *, timeout_ms: int = 20_000) -> bool:
    """True once the page's text contains `text`, waiting for a navigation a click started to finish.

    `page.content()` read straight after a click can catch the next page half-loaded (an empty
    document), so a check written as `text in page.content()` fails at random on a busy machine.
    Playwright's `expect` retries until the text is there or the timeout passes (then it raises,
    saying what it saw).
    """
    from playwright.sync_api import expect

    expect(page.locator("body")).to_contain_text(text, timeout=timeout_ms)
    return True
