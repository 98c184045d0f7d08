"""Issue 12 at 320 px in headless Chromium: a member of staff reporting abuse of themselves on the public
form, and an adult learner at an adult provider, are each recorded as the target and get the advice that
fits them (no children's services for adults); the DSL sees the staff member as the target on the case."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pyotp
import pytest

from upstander import browser
from upstander.accounts.models import Organisation, User
from upstander.cases.models import PartyRole
from upstander.cases.services import case_open_for_report
from upstander.conftest import PASSWORD
from upstander.reports.models import Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 320


@pytest.fixture
def narrow(chromium: Any, live_server: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": WIDTH, "height": 640}, base_url=live_server.url)
    yield context.new_page()
    context.close()


def _check(page: Any, name: str) -> None:
    assert browser.axe_serious(page) == [], name
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, f"{name} scrolls sideways"
    browser.screenshot(page, name)


def _report(page: Any, slug: str, who: str, account: str, shot: str) -> str:
    page.goto(f"/report/{slug}/")
    page.get_by_role("button", name="Start now").or_(page.get_by_role("link", name="Start now")).click()
    page.get_by_label("No").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label(who).check()
    _check(page, f"{shot}-1-who")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("What happened?").fill(account)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Social media").check()
    page.get_by_label("Which app, game or website?").select_option("facebook")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("In the last week").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()  # who was involved: left empty
    page.get_by_label("No, keep me anonymous").check()
    page.get_by_role("button", name="Continue").click()
    assert browser.shows(page, who)  # the check page says who they said they are
    _check(page, f"{shot}-2-check")
    page.get_by_role("button", name="Send report").click()
    page.wait_for_url("**/sent/")
    page.wait_for_load_state()
    _check(page, f"{shot}-3-advice")
    return str(page.content())


def test_a_member_of_staff_reporting_abuse_of_themselves_is_the_target_with_staff_advice(
    narrow: Any, org: Organisation, users: dict[str, User], seeded_guidance: None
) -> None:
    html = _report(
        narrow,
        org.slug,
        "It happened to me, and I work or volunteer here",
        "A parent keeps posting on the parents' Facebook group that I am a useless teacher, with my photo.",
        "issue12-staff-target",
    )
    assert "Nobody should be bullied or harassed at work" in html
    assert "Professionals Online Safety Helpline" in html
    assert "Childline" not in html and "Kooth" not in html and "NSPCC" not in html
    report = Report.objects.get()
    assert (report.reporter_role, report.reporter_kind) == ("target", "staff")
    case = case_open_for_report(report=report)
    assert case.parties.get(role=PartyRole.TARGET).kind == "staff"

    # The DSL sees the member of staff as the target on the case, at the same width.
    dsl = users["dsl"]
    secret = pyotp.random_base32()
    dsl.totp_secret, dsl.totp_confirmed_at = secret, dsl.date_joined
    dsl.save()
    narrow.goto("/accounts/login/")
    narrow.get_by_label("Email address").fill(dsl.email)
    narrow.get_by_label("Password").fill(PASSWORD)
    narrow.get_by_role("button", name="Sign in").click()
    narrow.get_by_label("6-digit code from your authenticator app").fill(pyotp.TOTP(secret).now())
    narrow.get_by_role("button", name="Continue").click()
    narrow.wait_for_url("**/")
    narrow.goto(f"/cases/{case.pk}/")
    parties = narrow.locator("ul.parties").inner_text()
    assert re.search(r"Target:.*\(member of staff\)", parties), parties
    # Said in the third person on the case (issue 13), with who was harmed (issue 12).
    assert browser.shows(narrow, "The person it happened to (member of staff or volunteer)")
    _check(narrow, "issue12-staff-target-4-case")


def test_an_adult_learner_is_the_target_with_adults_advice(
    narrow: Any, org: Organisation, seeded_guidance: None
) -> None:
    Organisation.objects.filter(pk=org.pk).update(kind=Organisation.Kind.ADULT_LEARNING)
    html = _report(
        narrow,
        org.slug,
        "It happened to me (I am a learner or use this service)",
        "Another learner on my course keeps posting about me and messaging me late at night.",
        "issue12-adult-learner",
    )
    assert "Talk to your tutor, your support worker or the designated safeguarding lead" in html
    for children_only in ("Childline", "Kooth", "The Mix", "Professionals Online Safety Helpline", "NSPCC"):
        assert children_only not in html, children_only
    assert "Samaritans" in html or "Stop Hate" in html or "Report Harmful Content" in html
    report = Report.objects.get()
    assert (report.reporter_role, report.reporter_kind) == ("target", "service_user")
    assert case_open_for_report(report=report).parties.get(role=PartyRole.TARGET).kind == "service_user"
