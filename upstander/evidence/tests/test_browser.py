"""The DSL's evidence pages in headless Chromium on a 320 px screen: accessible (axe-core) and
without sideways scrolling. Screenshots go to var/screenshots/ (or $SCREENSHOT_DIR)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from upstander import browser
from upstander.accounts.models import User
from upstander.evidence.adding import evidence_add_file, evidence_add_text
from upstander.evidence.derived import evidence_derive
from upstander.evidence.models import EvidenceItem
from upstander.evidence.tests.factories import png_bytes, screenshot_with_text
from upstander.reports.models import Report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(browser.chromium_path() is None, reason="Debian's chromium is missing (bin/test installs it)"),
]


@pytest.fixture
def small_screen(
    chromium: Any, live_server: Any, login_as: Callable[[User], Client], users: dict[str, User]
) -> Iterator[Any]:
    client = login_as(users["dsl"])
    context = chromium.new_context(viewport={"width": 320, "height": 640}, base_url=live_server.url)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    yield page
    context.close()


def _check(page: Any, name: str) -> None:
    browser.screenshot(page, name)
    wide = page.evaluate(
        # Tables scroll inside their own focusable region (.table-wrap): only the rest must fit.
        "[...document.querySelectorAll('body *')].filter(e => !e.closest('.table-wrap'))"
        ".filter(e => e.getBoundingClientRect().right > 321)"
        ".map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 40))"
    )
    assert wide == [], wide
    assert browser.axe_serious(page) == [], name
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, name
    browser.screenshot(page, name)


@pytest.mark.django_db(transaction=True)
def test_a_dsl_works_through_a_reports_evidence_on_a_small_screen(small_screen: Any, report: Report) -> None:
    page = small_screen
    shot = evidence_add_file(
        report=report, data=screenshot_with_text(["nobody wants you here", "meet me after school"]),
        filename="Screenshot_2026-11-03-21-14-05_Instagram.png",
        metadata={"platform": "instagram", "handles": "@not_a_real_account_123", "description": "Comments under her post"},
    )  # fmt: skip
    evidence_derive(item_id=shot.pk)
    evidence_add_text(report=report, text="nobody would care if you left", kind="message",
                      metadata={"platform": "whatsapp"})  # fmt: skip
    sealed = evidence_add_file(report=report, data=png_bytes(colour="pink"), filename="x.png", sexual_image=True)

    page.goto(f"/evidence/report/{report.pk}/")
    assert page.get_by_role("heading", name="Evidence for report").is_visible()
    _check(page, "evidence-1-list-320")

    page.get_by_role("link", name="Add a file").click()
    page.get_by_role("button", name="Add evidence").click()
    assert browser.shows(page, "Choose a file to add.")
    _check(page, "evidence-2-add-errors-320")
    page.get_by_label("File", exact=True).set_input_files(
        files=[{"name": "chat.png", "mimeType": "image/png", "buffer": png_bytes(size=(400, 300), colour="lightblue")}]
    )
    page.get_by_label("App, game or website").select_option("snapchat")
    page.get_by_role("button", name="Add evidence").click()
    page.wait_for_url("**/evidence/item/**")
    assert browser.shows(page, "was added and encrypted")

    page.goto(f"/evidence/item/{shot.pk}/")
    preview = page.locator("img.evidence-preview")
    preview.wait_for()
    assert page.evaluate("document.querySelector('img.evidence-preview').naturalWidth") > 0
    _check(page, "evidence-3-item-320")

    page.goto(f"/evidence/item/{sealed.pk}/")
    assert page.get_by_role("heading", name="This item is sealed").is_visible()
    assert page.locator("img").count() == 0
    _check(page, "evidence-4-sealed-320")
    assert EvidenceItem.objects.filter(report=report).count() == 4
