"""Someone opens each help page on a phone in headless Chromium: accessible, fits 320 px, printable."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps

from upstander import browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(browser.chromium_path() is None, reason="Debian's chromium is missing (bin/test installs it)"),
]

PAGES = [
    ("index", "/help/"),
    ("young-people", "/help/young-people/"),
    ("parents", "/help/parents/"),
    ("staff", "/help/staff/"),
    ("adults", "/help/adults/"),
    ("platforms", "/help/platforms/"),
    ("helplines", "/help/helplines/"),
]


@pytest.fixture
def seeded(transactional_db: None) -> None:
    """The seed data again: an earlier transactional test's flush removes what the migration made."""
    importlib.import_module("upstander.guidance.migrations.0002_seed_from_uk_facts").seed(apps, None)
    importlib.import_module("upstander.guidance.migrations.0003_platform_directory").sync(apps, None)


@pytest.mark.parametrize("width", [390, 320])
def test_each_help_page_is_accessible_and_fits_the_screen(
    chromium: Any, live_server: Any, seeded: None, width: int
) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 800}, base_url=live_server.url)
    page = context.new_page()
    for name, path in PAGES:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert page.get_by_text("If someone is in danger right now, call").first.is_visible()
        assert browser.axe_serious(page) == [], path
        # No sideways scrolling (WCAG 1.4.10 reflow).
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        # print.js revealed the Print button (CSP allows it: it is our own file).
        assert page.get_by_role("button", name="Print this page").is_visible(), path
        browser.screenshot(page, f"guidance-{name}-{width}")
    context.close()


def test_a_child_finds_childline_and_how_to_report_on_instagram(chromium: Any, live_server: Any, seeded: None) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    page = context.new_page()
    page.goto("/help/")
    page.get_by_role("link", name="Children and young people").click()
    page.wait_for_url("**/help/young-people/")
    assert page.get_by_role("heading", name="Help for children and young people").is_visible()
    assert page.get_by_role("link", name="0800 1111").first.get_attribute("href") == "tel:08001111"
    page.get_by_role("link", name="Instagram", exact=True).click()
    page.wait_for_url("**/help/platforms/#instagram")
    link = page.get_by_role("link", name="How to report on Instagram")
    assert link.get_attribute("href") == "https://help.instagram.com/165828726894770"
    context.close()


def test_the_printed_page_leaves_out_the_header_and_shows_link_addresses(
    chromium: Any, live_server: Any, seeded: None
) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    page = context.new_page()
    page.goto("/help/platforms/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.get_by_role("button", name="Print this page").is_visible()
    after = page.evaluate("getComputedStyle(document.querySelector('#facebook a.show-url'), '::after').content")
    assert "facebook.com/help/359033794168099" in after
    browser.screenshot(page, "guidance-platforms-print")
    context.close()


REPLIES = [
    ("target", "instagram", ""),
    ("bystander", "tiktok", ""),
    ("parent", "text_message", "sexual_images"),
    ("staff", "facebook", "hate"),
    ("service_user", "whatsapp", "self_harm"),
]


@pytest.mark.urls("upstander.guidance.tests.advice_urls")
@pytest.mark.parametrize("width", [390, 320])
def test_the_advice_after_a_report_is_accessible_and_fits_the_screen(
    chromium: Any, live_server: Any, seeded: None, width: int
) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 800}, base_url=live_server.url)
    page = context.new_page()
    for role, platform, topics in REPLIES:
        response = page.goto(f"/test-reply/{role}/{platform}/?topics={topics}")
        assert response is not None and response.status == 200, role
        assert page.get_by_role("heading", name="What to do now", level=2).is_visible()
        assert browser.axe_serious(page) == [], role
        assert page.evaluate("document.documentElement.scrollWidth") <= width, role
        browser.screenshot(page, f"guidance-reply-{role}-{width}")
    context.close()
