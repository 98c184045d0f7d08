"""Issue 4's walk-through in headless Chromium at 390 px: an anonymous pupil reports with a
screenshot, keeps the receipt, the DSL replies, and the pupil reads the reply."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyotp
import pytest
from PIL import Image, ImageDraw

from upstander import browser
from upstander.accounts.models import Organisation, User
from upstander.conftest import PASSWORD
from upstander.reports.models import Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(chromium: Any, live_server: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    yield context.new_page()
    context.close()


@pytest.fixture
def screenshot_file(tmp_path: Path) -> Path:
    image = Image.new("RGB", (600, 300), "white")
    ImageDraw.Draw(image).text((20, 40), "@mean_account_123: nobody likes you", fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    path = tmp_path / "screenshot.png"
    path.write_bytes(buffer.getvalue())
    return path


def _check(page: Any, name: str) -> None:
    assert browser.axe_serious(page) == [], name
    browser.screenshot(page, name)


def test_a_pupil_reports_anonymously_and_reads_the_dsls_reply(
    phone: Any,
    chromium: Any,
    live_server: Any,
    org: Organisation,
    users: dict[str, User],
    screenshot_file: Path,
    seeded_guidance: None,
) -> None:
    phone.goto(f"/report/{org.slug}/")
    _check(phone, "report-01-start")
    phone.get_by_role("button", name="Start now").or_(phone.get_by_role("link", name="Start now")).click()
    phone.get_by_role("button", name="Continue").click()  # nothing chosen: an error that says what to do
    assert browser.shows(phone, "Choose yes if anyone is in danger")
    _check(phone, "report-02-danger-error")
    phone.get_by_label("No").check()
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_label("It happened to me (I am a pupil)").check()
    _check(phone, "report-03-who")
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_label("What happened?").fill("Someone keeps commenting that nobody likes me on every photo I post.")
    _check(phone, "report-04-what")
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_label("Social media").check()
    phone.get_by_label("Which app, game or website?").select_option("instagram")
    _check(phone, "report-05-where")
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_label("In the last week").check()
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_label("Who was involved?").fill("@mean_account_123")
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_label("No, keep me anonymous").check()
    _check(phone, "report-06-about-you")
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_label("Screenshots or files").set_input_files(str(screenshot_file))
    _check(phone, "report-07-check")
    phone.get_by_role("button", name="Send report").click()
    phone.wait_for_url("**/sent/")
    phone.wait_for_load_state()
    assert browser.shows(phone, "Your report has been sent")
    assert browser.shows(phone, "Block and report: Instagram")
    assert browser.shows(phone, "0800 1111")  # Childline, from the editable helpline data
    reference = phone.locator(".receipt .code").nth(0).inner_text().strip()
    passphrase = phone.locator(".receipt .code").nth(1).inner_text().strip()
    _check(phone, "report-08-receipt")

    report = Report.objects.get()
    assert report.anonymous and report.submitted_ip is None
    assert report.evidence_items.count() == 1

    # The DSL signs in (with a second factor) and replies.
    dsl_context = chromium.new_context(viewport={"width": 1024, "height": 900}, base_url=live_server.url)
    dsl = dsl_context.new_page()
    secret = pyotp.random_base32()
    users["dsl"].totp_secret, users["dsl"].totp_confirmed_at = secret, users["dsl"].date_joined
    users["dsl"].save()
    dsl.goto("/accounts/login/")
    dsl.get_by_label("Email address").fill("dsl@hill.test")
    dsl.get_by_label("Password").fill(PASSWORD)
    dsl.get_by_role("button", name="Sign in").click()
    dsl.get_by_label("6-digit code from your authenticator app").fill(pyotp.TOTP(secret).now())
    dsl.get_by_role("button", name="Continue").click()
    dsl.get_by_role("link", name="Reports", exact=True).first.click()
    _check(dsl, "report-09-dsl-inbox")
    dsl.get_by_role("link", name=report.reference).click()
    assert browser.shows(dsl, "nobody likes me")
    dsl.get_by_label("Your message").fill(
        "Thank you for telling us. You did the right thing. Can we talk tomorrow at break?"
    )
    dsl.get_by_label("I am asking the reporter something").check()
    dsl.get_by_role("button", name="Send to reporter").click()
    _check(dsl, "report-10-dsl-replied")
    dsl_context.close()

    # The pupil comes back on another day with the receipt.
    phone.context.clear_cookies()
    phone.goto("/report/status/")
    phone.get_by_label("Report reference").fill(reference)
    phone.get_by_label("Passphrase").fill(passphrase)
    phone.get_by_role("button", name="Show my report").click()
    assert browser.shows(phone, "Can we talk tomorrow at break?")
    assert browser.shows(phone, "has asked you something")
    _check(phone, "report-11-status")
    phone.get_by_label("Your message").fill("Yes, thank you.")
    phone.get_by_role("button", name="Send message").click()
    assert browser.shows(phone, "Your message was sent")


def test_a_member_of_staff_records_a_concern_on_a_small_screen(
    chromium: Any, live_server: Any, org: Organisation, users: dict[str, User], screenshot_file: Path
) -> None:
    """Plain staff sign in with a password only (no second factor unless the organisation asks)."""
    context = chromium.new_context(viewport={"width": 320, "height": 640}, base_url=live_server.url)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("staff@hill.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Record a concern").first.click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Send to the safeguarding lead").click()  # nothing filled in
    page.wait_for_load_state()
    assert browser.shows(page, "Choose how you found out.")
    _check(page, "record-01-errors-320")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_label("No").check()
    page.get_by_label("The person it happened to told me").check()
    page.get_by_label("Who told you (optional)").fill("Sam Patel, 9B")
    page.get_by_label("What happened?").fill("Sam showed me messages from @year9_gossip calling her names.")
    page.get_by_label("Which app, game or website? (optional)").select_option("snapchat")
    page.get_by_label("Who was involved? (optional)").fill("@year9_gossip")
    page.get_by_label("Screenshots or files (optional)").set_input_files(str(screenshot_file))
    page.get_by_role("button", name="Send to the safeguarding lead").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Thank you: the concern is recorded").is_visible()
    _check(page, "record-02-done-320")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    report = Report.objects.get()
    assert report.recorded_by == users["staff"]
    assert report.evidence_items.count() == 1
    page.get_by_role("link", name="Record another concern, or see the ones you recorded").click()
    page.wait_for_load_state()
    assert browser.shows(page, report.reference)
    _check(page, "record-03-list-320")
    context.close()
