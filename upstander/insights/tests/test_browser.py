"""Issue 16 in headless Chromium: the DSL filters the log and downloads a CSV; a senior leader sees
charts but cannot reach a case; the authority lead sees suppressed counts. Every page is checked
with axe-core and screenshotted (charts included), also printed to PDF-like media to check print CSS."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pyotp
import pytest

from upstander import browser
from upstander.accounts.models import Organisation, User
from upstander.cases.models import Case
from upstander.conftest import PASSWORD
from upstander.people.models import Person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(browser.chromium_path() is None, reason="Debian's chromium is missing (bin/test installs it)"),
]


def _sign_in(page: Any, user: User) -> None:
    secret = pyotp.random_base32()
    user.totp_secret, user.totp_confirmed_at = secret, user.date_joined
    user.save()
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("6-digit code from your authenticator app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/")


def _check(page: Any, name: str) -> None:
    assert browser.axe_serious(page) == [], name
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"], (
        f"{name} scrolls sideways"
    )
    browser.screenshot(page, name)


@pytest.fixture
def history(make_case: Callable[..., Case], org: Organisation, other_org: Organisation) -> None:
    pupil = Person.objects.create(organisation=org, first_name="Zephyrine", last_name="Quibble", year_group="Year 9")
    start = datetime(2026, 9, 2, 10, tzinfo=ZoneInfo("Europe/London"))
    for i in range(30):
        make_case(
            opened=start + timedelta(days=3 * i),
            categories=["insult"] if i % 3 else ["threat", "harassment"],
            prejudice=["racist"] if i % 4 == 0 else [],
            platform=["tiktok", "roblox", "snapchat"][i % 3],
            channel=["social_media", "gaming", "messaging"][i % 3],
            target=pupil if i % 5 == 0 else None,
            triaged_at=start + timedelta(days=3 * i, hours=5),
        )
    for i in range(3):
        make_case(organisation=other_org, opened=start + timedelta(days=10 * i), categories=["insult"])


def test_the_dsl_filters_the_log_and_downloads_a_csv(
    chromium: Any, live_server: Any, users: dict[str, User], history: None
) -> None:
    context = chromium.new_context(
        viewport={"width": 1200, "height": 900}, base_url=live_server.url, locale="en-GB", accept_downloads=True
    )
    page = context.new_page()
    _sign_in(page, users["dsl"])
    page.get_by_role("link", name="Insights").first.click()
    page.wait_for_url("**/insights/")
    page.get_by_label("Term", exact=True).select_option("2026-autumn")
    page.get_by_role("button", name="Show this term").click()
    page.wait_for_url("**/insights/?term=2026-autumn")
    assert page.locator("svg.chart").count() >= 5
    _check(page, "insights-dsl-dashboard")
    for key in ("cases-by-month", "behaviours", "prejudice", "platforms"):
        page.locator(f"section[aria-labelledby='{key}-heading']").screenshot(
            path=str(browser.SCREENSHOT_DIR / f"insights-chart-{key}.png")
        )
    page.emulate_media(media="print")
    browser.screenshot(page, "insights-dsl-dashboard-print")
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Incident log for this period").click()
    page.get_by_label("Behaviour").select_option("threat")
    page.get_by_label("Platform").select_option("tiktok")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"category=threat"))
    assert page.get_by_text("10 cases").count() == 1
    _check(page, "insights-dsl-log-filtered")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the log").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    content = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = [line for line in content.splitlines() if line.startswith("case,")]
    assert len(rows) == 10 and all(",harassment threat," in row and ",tiktok," in row for row in rows)
    assert "Zephyrine" not in content and "SECRET SUMMARY" not in content
    context.close()


def test_a_senior_leader_sees_charts_but_cannot_reach_a_case(
    chromium: Any, live_server: Any, users: dict[str, User], history: None
) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    _sign_in(page, users["senior_leader"])
    page.goto("/insights/?term=2026-autumn")
    assert page.locator("svg.chart").count() >= 5
    assert page.locator("main a[href*='/cases/']").count() == 0  # the header's Cases link is the cases app's own
    assert page.get_by_text("Zephyrine").count() == 0
    _check(page, "insights-senior-leader-phone")
    page.goto("/insights/log/")
    assert (
        "Your role does not include this" in page.content()
        or page.title().startswith("Forbidden")
        or "403" in page.content()
    )
    response = page.goto("/insights/log/export/?format=csv")
    assert response is not None and response.status == 403
    context.close()


def test_the_authority_lead_sees_suppressed_counts(
    chromium: Any, live_server: Any, users: dict[str, User], history: None
) -> None:
    context = chromium.new_context(viewport={"width": 1200, "height": 900}, base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    _sign_in(page, users["authority_lead"])
    page.goto("/insights/")
    page.wait_for_url("**/insights/area/")
    page.get_by_label("Term", exact=True).select_option("2026-autumn")
    page.get_by_role("button", name="Show this term").click()
    table = page.locator("#area-measures")
    vale = table.get_by_role("row", name=re.compile("Vale College"))
    assert "fewer than 5" in vale.inner_text()
    total = table.get_by_role("row", name=re.compile("All organisations"))
    assert total.inner_text().split("\t")[1] == "not shown"  # 33 - Hill's 30 would give Vale's 3
    assert page.get_by_text("Zephyrine").count() == 0
    assert page.get_by_text("Another date range").count() == 0  # whole terms only: ranges could be subtracted
    _check(page, "insights-authority-area")
    page.locator("section[aria-labelledby='area-by-organisation-heading']").screenshot(
        path=str(browser.SCREENSHOT_DIR / "insights-chart-area-by-organisation.png")
    )
    context.close()
