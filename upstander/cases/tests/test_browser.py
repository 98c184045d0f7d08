"""Issue 5's walk-through in headless Chromium on a phone: the DSL opens the queue, triages an urgent
report's case, accepts the 999 and police duties, records a reference number, works the playbook and
closes the case with an outcome. Every page is checked with axe-core and screenshotted; the queue and
the case also at 320 px, without sideways scrolling."""

from __future__ import annotations

import re
from typing import Any

import pyotp
import pytest

from upstander import browser
from upstander.accounts.models import User
from upstander.cases.models import Case, Referral
from upstander.cases.services import case_open_for_report
from upstander.conftest import PASSWORD
from upstander.reports.models import Report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(browser.chromium_path() is None, reason="Debian's chromium is missing (bin/test installs it)"),
]


def _check(page: Any, name: str, width: int) -> None:
    assert browser.axe_serious(page) == [], name
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"
    browser.screenshot(page, name)


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


def _on_case_page(page: Any) -> None:
    page.wait_for_url(re.compile(r"/cases/[\w-]+-\d+/(#[\w-]+)?$"))


def _decide(page: Any, duty: str, reason: str) -> None:
    page.get_by_role("link", name=f"Decide on {duty}").click()
    page.get_by_label("Accept: we will do this").check()
    page.get_by_label("Why?").fill(reason)
    page.get_by_role("button", name="Record decision").click()
    _on_case_page(page)


def test_the_dsl_triages_an_urgent_case_escalates_works_the_playbook_and_closes_it(
    chromium: Any, live_server: Any, users: dict[str, User], submit: Any
) -> None:
    report: Report = submit(
        in_danger=True,
        account="A boy in year 9 sent me a message saying he will stab me after school today.",
        people_involved="@blade_boy_09",
        channel="social_media",
        platform="snapchat",
        anonymous=False,
        reporter_name="Sam Pupil",
        reporter_email="sam@pupils.hill.test",
    )
    case = case_open_for_report(report=report)  # what the reports app's background task does
    submit(account="People in my group chat keep leaving me out.", channel="messaging", platform="whatsapp")
    case_open_for_report(report=Report.objects.latest("pk"))

    context = chromium.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    _sign_in(page, users["dsl"])

    page.goto("/cases/")
    assert page.get_by_role("heading", name="Cases").is_visible()
    page.get_by_text("Filter cases").click()  # the filters fold away on a phone until wanted
    first = page.locator("table.queue tbody tr").first
    assert "Urgent" in first.inner_text() and "@blade_boy_09" in first.inner_text()
    _check(page, "cases-01-queue", 390)

    page.get_by_role("link", name=f"Case {case.number}", exact=True).click()
    assert browser.shows(page, "call 999")
    assert page.locator("#duty-call_999").is_visible()  # 999 is proposed before triage: danger now
    _check(page, "cases-02-case-new", 390)

    page.get_by_role("link", name="Triage this case").click()
    page.get_by_label("Urgent: someone's life or safety is at risk now").check()
    page.get_by_label("Threats or intimidation").check()
    page.get_by_label("Someone is threatened with death or serious harm").check()
    page.get_by_label("Pupil on pupil").check()
    page.get_by_label("Assign to").select_option(label="Dsl")
    page.get_by_label("Why this assessment?").fill("A specific threat to stab him today: time and place given.")
    _check(page, "cases-03-triage", 390)
    page.get_by_role("button", name="Save triage").click()
    _on_case_page(page)
    assert browser.shows(page, "Triage recorded")
    _check(page, "cases-04-triaged", 390)

    _decide(page, "Call 999", "Threat to life today: called 999 at 10:05.")
    _decide(page, "Contact the police on 101", "Police to investigate the threat.")
    page.get_by_role("link", name="Update the referral to Police (101)").click()
    page.get_by_label("Reference number").fill("CAD 0412-21")
    page.get_by_label("Date made").fill("2026-11-21")
    _check(page, "cases-05-referral", 390)
    page.get_by_role("button", name="Save referral").click()
    _on_case_page(page)
    assert "CAD 0412-21" in page.locator("#referrals + ul").inner_text()

    steps = page.locator(".checklist > li")
    for index in range(3):
        steps.nth(index).get_by_role("button", name="Done").click()
        _on_case_page(page)
    contact_parents = page.locator(".checklist > li", has_text="Contact the parents or carers")
    contact_parents.get_by_label("Note").fill("Both sets of parents phoned at 11:00.")
    contact_parents.get_by_role("button", name="Done").click()
    _on_case_page(page)
    assert browser.shows(page, "Both sets of parents phoned at 11:00.")
    _check(page, "cases-06-playbook", 390)

    page.get_by_role("link", name="Close with an outcome").click()
    page.get_by_label("Sanctions under the behaviour policy").check()
    page.get_by_label("Why does the case end this way?").fill("Police warned him; two-day suspension; posts gone.")
    assert browser.shows(page, "This case still has work open")  # the rest of the playbook (issue 13)
    page.get_by_label("Why close the case with this still open?").fill("The rest is with the pastoral team.")
    _check(page, "cases-07-close", 390)
    page.get_by_role("button", name="Close the case anyway").click()
    _on_case_page(page)
    assert browser.shows(page, "Case closed")
    _check(page, "cases-08-closed", 390)

    case.refresh_from_db()
    assert case.status == "closed" and case.outcome == "sanctions" and case.risk == "urgent"
    accepted = set(case.duty_decisions.filter(accepted=True).values_list("duty", flat=True))
    assert {"call_999", "police_101"} <= accepted
    assert Referral.objects.get(case=case, duty="police_101").reference_number == "CAD 0412-21"
    assert case.playbook_items.filter(done_at__isnull=False).count() == 4

    # The narrowest phones: the queue (as cards) and the case still fit.
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/cases/?status=all")
    _check(page, "cases-09-queue-320", 320)
    page.goto(f"/cases/{case.pk}/")
    _check(page, "cases-10-case-320", 320)
    # Linking a person record: search, then choose.
    from upstander.people.models import Person

    Person.objects.create(organisation=case.organisation, first_name="Sam", last_name="Patel", kind="pupil",
                          year_group="9", class_name="9B")  # fmt: skip
    page.goto(f"/cases/{case.pk}/people/add/")
    page.get_by_label("Find a person record").fill("patel")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    page.get_by_label("Sam Patel (Pupil or student, Year 9, 9B)").check()
    _check(page, "cases-10b-person-search-320", 320)
    page.get_by_label("Witness").check()
    page.get_by_role("button", name="Add").click()
    _on_case_page(page)
    assert case.parties.filter(person__last_name="Patel", role="witness").exists()
    # And on a desk: the queue as a table.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/cases/?status=all")
    _check(page, "cases-11-queue-desktop", 1280)
    page.goto(f"/cases/{case.pk}/")
    _check(page, "cases-12-case-desktop", 1280)
    context.close()
    assert Case.objects.count() == 2
