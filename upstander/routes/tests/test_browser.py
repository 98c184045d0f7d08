"""On a 320 px phone in headless Chromium: the home page and an organisation's page reach the
report form and each audience's help in one tap; the pages pass axe-core; the administrator's
edit page is usable and says what to fix."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from upstander import browser
from upstander.accounts.models import User
from upstander.routes.models import OrganisationRoutes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(browser.chromium_path() is None, reason="Debian's chromium is missing (bin/test installs it)"),
    pytest.mark.django_db(transaction=True),
]
WIDTH = 320


@pytest.fixture
def phone(chromium: Any, live_server: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": WIDTH, "height": 640}, base_url=live_server.url)
    yield context.new_page()
    context.close()


def _fits_and_passes_axe(page: Any, name: str) -> None:
    assert browser.axe_serious(page) == [], name
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, name  # WCAG 1.4.10 reflow
    browser.screenshot(page, f"routes-{name}-{WIDTH}")


@pytest.mark.parametrize(
    ("link", "lands_on"),
    [
        ("Report online bullying or harassment", "/report/"),
        ("Help for pupils and young people", "/help/young-people/"),
        ("Help for parents and carers", "/help/parents/"),
        ("Help for staff and volunteers", "/help/staff/"),
        ("Help for adult learners and service users", "/help/adults/"),
        ("Hill School", "/o/hill/"),
    ],
)
def test_the_home_page_reaches_reporting_and_each_audience_s_help_in_one_tap(
    phone: Any, seeded_guidance: None, routes: OrganisationRoutes, link: str, lands_on: str
) -> None:
    phone.goto("/")
    phone.get_by_role("link", name=link, exact=True).click()
    phone.wait_for_url(f"**{lands_on}")
    assert phone.get_by_text("call 999").first.is_visible() or phone.get_by_text("999").first.is_visible()


def test_the_home_page_is_accessible_at_320px(phone: Any, seeded_guidance: None, routes: OrganisationRoutes) -> None:
    phone.goto("/")
    _fits_and_passes_axe(phone, "home")


@pytest.mark.parametrize(
    ("link", "lands_on"),
    [
        ("Report online bullying or harassment", "/report/hill/"),
        ("Help for pupils and young people", "/help/young-people/"),
        ("Help for parents and carers", "/help/parents/"),
        ("Help for staff and volunteers", "/help/staff/"),
    ],
)
def test_the_organisation_page_reaches_its_report_form_and_help_in_one_tap(
    phone: Any, seeded_guidance: None, routes: OrganisationRoutes, link: str, lands_on: str
) -> None:
    phone.goto("/o/hill/")
    phone.get_by_role("link", name=link, exact=True).click()
    phone.wait_for_url(f"**{lands_on}")


def test_the_organisation_page_and_report_start_show_the_routes_accessibly(
    phone: Any, seeded_guidance: None, routes: OrganisationRoutes
) -> None:
    phone.goto("/o/hill/")
    assert phone.get_by_role("heading", name="When reports are read").is_visible()
    assert phone.get_by_text("Ms Ada Byron").is_visible()
    _fits_and_passes_axe(phone, "org-page")
    phone.get_by_role("link", name="Report online bullying or harassment").click()
    phone.wait_for_url("**/report/hill/")
    assert phone.get_by_role("heading", name="When reports are read").is_visible()
    _fits_and_passes_axe(phone, "report-start")


def test_the_administrator_edits_the_routes_and_is_told_what_to_fix(
    phone: Any,
    live_server: Any,
    seeded_guidance: None,
    routes: OrganisationRoutes,
    users: dict[str, User],
    login_as: Callable[[User], Client],
) -> None:
    # Signed in with both factors given (the sign-in flow has its own browser test).
    session = login_as(users["org_admin"]).cookies[settings.SESSION_COOKIE_NAME].value
    phone.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    phone.goto("/o/hill/routes/")
    assert phone.get_by_role("heading", name="Routes and contacts for Hill School").is_visible()
    _fits_and_passes_axe(phone, "edit")
    phone.get_by_label("What to do when reports are not being read").fill("")
    phone.get_by_role("button", name="Save routes and contacts").click()
    assert phone.get_by_role("heading", name="There is a problem").is_visible()
    _fits_and_passes_axe(phone, "edit-error")
    phone.get_by_label("What to do when reports are not being read").fill("Tell a trusted adult at home.")
    phone.get_by_role("button", name="Save routes and contacts").click()
    phone.wait_for_url("**/o/hill/routes/")
    assert phone.get_by_text("Saved.").is_visible()
    routes.refresh_from_db()
    assert routes.out_of_hours == "Tell a trusted adult at home."
