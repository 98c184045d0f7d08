"""A person signs in and works through the foundation's pages in headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyotp
import pytest

from upstander import browser
from upstander.accounts.models import User
from upstander.conftest import PASSWORD
from upstander.people.models import Person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(browser.chromium_path() is None, reason="Debian's chromium is missing (bin/test installs it)"),
]


@pytest.fixture
def phone(chromium: Any, live_server: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


def _sign_in(page: Any, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.django_db(transaction=True)
def test_a_dsl_signs_in_with_two_factor_and_finds_a_pupil(phone: Any, users: dict[str, User]) -> None:
    Person.objects.create(
        organisation_id=users["dsl"].memberships.get().organisation_id,
        first_name="Ada",
        last_name="Lovelace",
        year_group="Year 8",
        special_educational_needs=True,
    )
    _sign_in(phone, "dsl@hill.test")
    # First sign-in: set up the authenticator with the key shown on the page.
    phone.wait_for_url("**/accounts/two-factor/setup/**")
    assert browser.axe_serious(phone) == []
    browser.screenshot(phone, "foundation-1-two-factor-setup")
    secret = phone.locator(".secret").inner_text().strip()
    phone.get_by_label("6-digit code from your authenticator app").fill(pyotp.TOTP(secret).now())
    phone.get_by_role("button", name="Turn on two-factor authentication").click()
    # Then the recovery codes, shown once.
    phone.wait_for_url("**/accounts/two-factor/recovery-codes/**")
    assert phone.locator(".recovery-codes li").count() == 10
    assert browser.axe_serious(phone) == []
    browser.screenshot(phone, "foundation-1b-recovery-codes")
    phone.get_by_role("link", name="I have saved them: continue").click()
    phone.wait_for_url("**/")
    assert browser.shows(phone, "Hello, Dsl")
    assert browser.axe_serious(phone) == []
    browser.screenshot(phone, "foundation-2-home")
    phone.get_by_role("link", name="People", exact=True).first.click()
    phone.get_by_label("Name or MIS identifier").fill("love")
    phone.get_by_role("button", name="Search").click()
    assert browser.axe_serious(phone) == []
    browser.screenshot(phone, "foundation-3-people")
    phone.get_by_role("link", name="Ada Lovelace").click()
    assert phone.get_by_role("heading", name="Ada Lovelace").is_visible()
    assert browser.axe_serious(phone) == []
    browser.screenshot(phone, "foundation-4-person")
    phone.get_by_role("link", name="Who has viewed or changed this record").click()
    assert browser.shows(phone, "dsl@hill.test")
    assert browser.axe_serious(phone) == []
    browser.screenshot(phone, "foundation-5-audit")


@pytest.mark.django_db(transaction=True)
def test_the_sign_in_page_is_accessible_and_fits_a_320px_screen(chromium: Any, live_server: Any) -> None:
    context = chromium.new_context(viewport={"width": 320, "height": 640}, base_url=live_server.url)
    page = context.new_page()
    page.goto("/accounts/login/")
    assert browser.axe_serious(page) == []
    # Nothing wider than the screen: no sideways scrolling at 320 px (WCAG 1.4.10 reflow).
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_role("button", name="Sign in").click()
    assert browser.shows(page, "There is a problem")
    assert browser.axe_serious(page) == []
    browser.screenshot(page, "foundation-0-sign-in-errors-320")
    context.close()
