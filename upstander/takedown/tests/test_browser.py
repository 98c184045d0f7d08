"""Issue 15's walk-through in headless Chromium on a phone: the DSL accepts `report_to_platform`, opens
the drafted report, marks it sent, records the platform's reference, its reply and refusal, escalates
to Report Harmful Content with the pack, downloads the signed pack, and records removal. The case's
chronology shows each step. Every page is checked with axe-core and screenshotted."""

from __future__ import annotations

import re
from typing import Any

import pytest

from upstander import browser
from upstander.accounts.models import User
from upstander.cases.models import Case, CaseEntry
from upstander.cases.tests.test_browser import _sign_in
from upstander.takedown.models import RemovalRequest, Route, Status

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(browser.chromium_path() is None, reason="Debian's chromium is missing (bin/test installs it)"),
]


def _check(page: Any, name: str) -> None:
    assert browser.axe_serious(page) == [], name
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, f"{name} scrolls sideways"
    browser.screenshot(page, name)


def test_the_dsl_reports_to_the_platform_escalates_a_refusal_to_rhc_and_records_removal(
    chromium: Any, live_server: Any, users: dict[str, User], triaged: Case, add_evidence: Any
) -> None:
    add_evidence(triaged)
    context = chromium.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url, locale="en-GB",
                                   accept_downloads=True)  # fmt: skip
    page = context.new_page()
    _sign_in(page, users["dsl"])

    page.goto(f"/cases/{triaged.pk}/duties/report_to_platform/")
    page.get_by_label("Accept: we will do this").check()
    page.get_by_label("Why?").fill("The quickest route: the poster is not known.")
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_url(re.compile(r"/takedown/cases/\d+/requests/\d+/$"))
    text = page.get_by_label("The text as sent (edit it to match)").input_value()
    assert "https://www.instagram.com/p/abc123/" in text and "Bullying and Harassment" in text
    _check(page, "takedown-1-draft")

    page.get_by_role("button", name="Mark as sent").click()
    page.get_by_label("Platform's reference").fill("IG-88120")
    page.get_by_role("button", name="Save reference").click()
    assert page.locator("#reference").inner_text() == "IG-88120"
    page.get_by_label("Reply received (paste it)").fill(
        "We've reviewed the comment and it doesn't go against our Community Standards."
    )
    page.get_by_role("button", name="Save reply").click()
    page.get_by_label("Outcome").select_option("refused")
    page.get_by_label("Reason (the platform's words if refused; why, if withdrawn)").fill(
        "Doesn't go against our Community Standards"
    )
    page.get_by_role("button", name="Save outcome").click()
    _check(page, "takedown-2-refused")

    page.get_by_role("button", name=re.compile("Open the request to Report Harmful Content")).click()
    page.wait_for_url(re.compile(r"/requests/\d+/$"))
    rhc_text = page.get_by_label("The text as sent (edit it to match)").input_value()
    assert "doesn't go against our Community Standards" in rhc_text and "IG-88120" in rhc_text
    _check(page, "takedown-3-rhc-draft")
    page.get_by_role("button", name="Mark as sent").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the signed pack for Report Harmful Content").click()
    assert download.value.suggested_filename.endswith(".zip")
    page.reload()
    page.get_by_label("Outcome").select_option("removed")
    page.get_by_role("button", name="Save outcome").click()
    assert "Removed" in page.locator("#status").inner_text()
    _check(page, "takedown-4-removed")

    page.goto(f"/cases/{triaged.pk}/")
    chronology = page.content()
    for step in ("Removal request opened: Report to the platform", "Report to the platform: request sent",
                 "reference IG-88120 recorded", "Report to the platform: refused",
                 "Removal request opened: Report Harmful Content", "Report Harmful Content: request sent",
                 "Signed referral pack made for Report Harmful Content", "Report Harmful Content: removed"):  # fmt: skip
        assert step in chronology, step
    _check(page, "takedown-5-case")
    page.goto(f"/takedown/cases/{triaged.pk}/")
    _check(page, "takedown-6-list")
    context.close()

    platform = RemovalRequest.objects.get(case=triaged, route=Route.PLATFORM)
    rhc = RemovalRequest.objects.get(case=triaged, route=Route.RHC)
    assert platform.status == Status.REFUSED and rhc.status == Status.REMOVED and rhc.escalated_from == platform
    assert rhc.packs.count() == 1
    assert CaseEntry.objects.filter(case=triaged, detail__removal_request=rhc.pk).count() >= 3
