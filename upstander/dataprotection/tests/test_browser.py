"""The DSL's data-protection pages in headless Chromium: the records review, a legal hold set (shown on
the case) and lifted, a decision to delete carried out after confirming, a subject access export
downloaded, and an erasure. Every page is checked with axe-core, for sideways scrolling, and
screenshotted at 390 px; then each page again at 320 and 1366 px."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest

from upstander import browser
from upstander.accounts.models import User
from upstander.cases.models import Case
from upstander.cases.tests.test_browser import _sign_in
from upstander.dataprotection.models import RetentionDecision
from upstander.people.models import Person
from upstander.reports.models import Report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(browser.chromium_path() is None, reason="Debian's chromium is missing (bin/test installs it)"),
]


def _check(page: Any, name: str, width: int = 390) -> None:
    assert browser.axe_serious(page) == [], name
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"
    browser.screenshot(page, name)


def test_the_dsl_reviews_records_holds_deletes_exports_and_erases(
    chromium: Any, live_server: Any, users: dict[str, User], closed_case: Case, pupils: dict[str, Person]
) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url, locale="en-GB",
                                   accept_downloads=True)  # fmt: skip
    page = context.new_page()
    _sign_in(page, users["dsl"])
    page.goto("/cases/")
    page.get_by_role("link", name="Records review").click()
    _check(page, "dataprotection-1-records")
    page.get_by_role("link", name=re.compile(f"Case {closed_case.number}")).click()
    page.get_by_label("Why must these records be kept as they are?").fill("Police investigation under way.")
    page.get_by_role("button", name="Set a legal hold").click()
    assert "Legal hold" in page.locator("#legal-hold").inner_text()
    _check(page, "dataprotection-2-hold")
    page.goto(f"/cases/{closed_case.pk}/")
    assert "Police investigation under way." in page.locator("#legal-hold").inner_text()
    _check(page, "dataprotection-3-case-with-hold")

    page.goto(f"/people/{pupils['sam'].pk}/")
    page.get_by_role("link", name=re.compile("Subject access request")).click()
    _check(page, "dataprotection-4-access")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the subject access export (ZIP)").click()
    with zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes())) as archive:
        text = archive.read("subject-access.html").decode()
    assert "Sam Patel" in text and "Jordan" not in text and "Blake" not in text
    page.goto(f"/people/{pupils['sam'].pk}/")
    page.get_by_role("link", name=re.compile("Erasure")).click()
    assert browser.shows(page, "under a legal hold")
    _check(page, "dataprotection-5-erase-refused")

    page.goto(f"/data-protection/cases/{closed_case.pk}/")
    page.get_by_label("Why can the hold end?").fill("The police closed the investigation.")
    page.get_by_role("button", name="Lift the legal hold").click()
    page.get_by_label("Delete").check()
    page.get_by_label("Why?").fill("Past the retention period; nothing requires keeping it.")
    page.get_by_role("button", name="Record the decision").click()
    _check(page, "dataprotection-6-decision-waiting")
    page.get_by_role("link", name="Carry it out").click()
    _check(page, "dataprotection-7-carry-out")
    page.get_by_label("Type the case number to confirm").fill(str(closed_case.number))
    page.get_by_role("button", name="Delete the records now").click()
    page.wait_for_url(re.compile(r"/data-protection/cases/\d+/$"))
    assert Report.objects.get(case_link__case=closed_case).account == "[removed at the records review]"

    page.goto(f"/people/{pupils['jordan'].pk}/")
    page.get_by_role("link", name=re.compile("Erasure")).click()
    _check(page, "dataprotection-8-erase")
    page.get_by_label("Why is this person erased?").fill("Erasure request after the records review.")
    page.get_by_label("Type the person's full name to confirm").fill("Jordan Blake")
    page.get_by_role("button", name="Erase this person's record").click()
    page.wait_for_url(re.compile(r"/people/\d+/$"))
    assert browser.shows(page, "Erased")
    assert Person.objects.get(pk=pupils["jordan"].pk).first_name == ""

    decision = RetentionDecision.objects.get(case=closed_case)
    pages = {
        "records": "/data-protection/records/",
        "case": f"/data-protection/cases/{closed_case.pk}/",
        "carry-out": f"/data-protection/cases/{closed_case.pk}/decisions/{decision.pk}/carry-out/",
        "access": f"/data-protection/people/{pupils['riley'].pk}/access/",
        "erase": f"/data-protection/people/{pupils['riley'].pk}/erase/",
    }
    for width in (320, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        for name, url in pages.items():
            page.goto(url)
            _check(page, f"dataprotection-{width}-{name}", width)
    context.close()
