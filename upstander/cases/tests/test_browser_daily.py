"""Issue 13's daily work in headless Chromium, at 390 px and 1366 px: a possible-urgent signal that
arrives after the report (evidence text) reaches the inbox, the queue and the case, and the DSL confirms
it; closing a case with work open lists it and asks why; a parent who gives an email address gets the
acknowledgement the form promises. Every page is checked with axe-core (no violations of any impact)
and screenshotted."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from upstander import browser
from upstander.accounts.models import Organisation, User
from upstander.cases.models import Case, CaseEntry
from upstander.cases.tests.test_browser import _on_case_page, _sign_in
from upstander.conftest import PASSWORD
from upstander.reports.models import Report
from upstander.reports.tests.helpers import run_tasks

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(browser.chromium_path() is None, reason="Debian's chromium is missing (bin/test installs it)"),
]
WIDTHS = [390, 1366]


def _axe_all(page: Any) -> list[str]:
    """Every axe-core violation (any impact) of the WCAG 2.2 AA rules."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]})
    return [
        f"{v['id']} ({v.get('impact')}): {v['help']} at {[', '.join(n['target']) for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def _check(page: Any, name: str, width: int) -> None:
    assert _axe_all(page) == [], name
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"
    browser.screenshot(page, f"{name}-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_urgency_found_later_reaches_the_queue_the_dsl_confirms_it_and_closing_lists_open_work(
    chromium: Any, live_server: Any, users: dict[str, User], submit: Any, triage: Any, width: int
) -> None:
    from upstander.evidence.adding import evidence_add_text

    older = submit(account="People in my group chat keep leaving me out.", channel="messaging", platform="whatsapp")
    report: Report = submit(account="Look at what they sent me, I pasted it.", channel="messaging",
                            platform="snapchat", people_involved="@yr10_chat_admin")  # fmt: skip
    run_tasks()
    case = Case.objects.get(case_reports__report=report)
    assert not case.urgent_suggested
    evidence_add_text(report=report, text="nobody would care if you killed yourself, just do it", kind="message",
                      added_by_label="the reporter")  # fmt: skip
    run_tasks()  # the pasted text is read
    run_tasks()  # and analysed

    context = chromium.new_context(viewport={"width": width, "height": 900}, base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    _sign_in(page, users["dsl"])

    page.goto("/reports/")
    first = page.locator("table tbody tr").first
    assert report.reference in first.inner_text() and "Urgent? Suggested by analysis" in first.inner_text()
    assert older.reference not in first.inner_text()
    _check(page, "daily-01-inbox-suggested", width)

    page.goto("/cases/")
    first = page.locator("table.queue tbody tr").first
    assert f"Case {case.number}" in first.inner_text() and "Urgent? Suggested" in first.inner_text()
    assert re.search(r"in (\d+ minutes|1 hour)", first.inner_text()), "due as an urgent case"
    _check(page, "daily-02-queue-suggested", width)

    page.get_by_role("link", name=f"Case {case.number}", exact=True).click()
    _on_case_page(page)
    assert page.get_by_role("heading", name="Possibly urgent: suggested by analysis").is_visible()
    _check(page, "daily-03-case-suggested", width)

    page.get_by_role("link", name="Confirm or dismiss").click()
    page.get_by_role("button", name="Record the decision").click()  # nothing chosen: says what to fix
    assert browser.shows(page, "Choose yes or no.")
    _check(page, "daily-04-urgency-error", width)
    page.get_by_label("Yes: someone's life or safety may be at risk now").check()
    page.get_by_label("Why?").fill("Spoke to the pupil: they are frightened and alone tonight.")
    page.get_by_role("button", name="Record the decision").click()
    _on_case_page(page)
    assert browser.shows(page, "Confirmed as urgent.")
    assert page.locator(".case-tags .tag-urgent").is_visible()
    case.refresh_from_db()
    assert case.urgent and not case.urgent_suggested

    # Closing with work undone: triage (a playbook with twelve steps and duties), then close.
    triage(case, risk="urgent", categories=["self_harm"])
    page.goto(f"/cases/{case.pk}/close/")
    assert page.get_by_role("heading", name="This case still has work open").is_visible()
    open_items = page.locator("#open-work li").all_inner_texts()
    assert any("playbook steps not done" in text for text in open_items)
    assert any(text.startswith("Escalation not decided") for text in open_items)
    page.get_by_label("Resolved").check()
    page.get_by_label("Why does the case end this way?").fill("Support in place; the chat was closed.")
    page.get_by_role("button", name="Close the case anyway").click()
    assert browser.shows(page, "Say why you are closing the case with work still open, or finish it first.")
    _check(page, "daily-05-close-open-work-error", width)
    page.get_by_label("Why close the case with this still open?").fill("The pupil moved school; records sent on.")
    page.get_by_role("button", name="Close the case anyway").click()
    _on_case_page(page)
    assert browser.shows(page, "Case closed")
    assert "Closed with work still open" in page.locator("#chronology + ol").inner_text()
    _check(page, "daily-06-closed-with-reason", width)
    context.close()

    case.refresh_from_db()
    assert case.status == "closed"
    assert CaseEntry.objects.get(case=case, kind="decision").reason == "The pupil moved school; records sent on."


@pytest.mark.parametrize("width", WIDTHS)
def test_a_parent_who_gives_an_email_address_gets_the_acknowledgement_the_form_promises(
    chromium: Any, live_server: Any, org: Organisation, seeded_guidance: None, width: int
) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 900}, base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.goto(f"/report/{org.slug}/")
    page.get_by_role("button", name="Start now").or_(page.get_by_role("link", name="Start now")).click()
    page.get_by_label("No").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("I am a parent or carer").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("What happened?").fill("My son gets messages every night calling him names.")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Text or messaging app").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("In the last week").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Yes").check()
    page.get_by_label("Your name").fill("Pat Parent")
    page.get_by_label("Your email address").fill("pat@parents.test")
    assert browser.shows(page, "with its reference (never the passphrase)")
    _check(page, "daily-07-about-you-email", width)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Send report").click()
    page.wait_for_url("**/sent/")
    reference = page.locator(".receipt .code").nth(0).inner_text().strip()
    passphrase = page.locator(".receipt .code").nth(1).inner_text().strip()
    _check(page, "daily-08-receipt", width)
    context.close()

    [ack] = [m for m in mail.outbox if m.to == ["pat@parents.test"]]
    assert reference in ack.subject and reference in ack.body
    assert passphrase not in ack.body and "calling him names" not in ack.body


@pytest.mark.parametrize("width", WIDTHS)
def test_the_dsl_keeps_a_form_tutor_informed_who_reads_only_the_shared_update(
    chromium: Any, live_server: Any, users: dict[str, User], submit: Any, width: int
) -> None:
    report: Report = submit(account="They keep posting about my weight in the class chat.", reporter_role="parent",
                            anonymous=False, reporter_name="Pat Parent", reporter_email="pat@parents.test")  # fmt: skip
    run_tasks()
    case = Case.objects.get(case_reports__report=report)
    tutor = users["staff"]
    tutor.full_name = "Tom Ellis"
    tutor.save()

    context = chromium.new_context(viewport={"width": width, "height": 900}, base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    _sign_in(page, users["dsl"])
    page.goto(f"/reports/{report.pk}/")
    _check(page, "daily-09-report-detail", width)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="Staff kept informed").click()
    page.get_by_role("button", name="Keep them informed").click()
    assert browser.shows(page, "Choose a member of staff.")
    _check(page, "daily-10-kept-informed-error", width)
    page.get_by_label("Member of staff").select_option(label=f"Tom Ellis ({tutor.email})")
    page.get_by_label("Why are they kept informed?").fill("form tutor")
    page.get_by_role("button", name="Keep them informed").click()
    _on_case_page(page)
    page.get_by_role("link", name="Staff kept informed (1)").click()
    page.get_by_label("Update for the staff kept informed").fill("Please check in with her each morning this week.")
    _check(page, "daily-11-kept-informed", width)
    page.get_by_role("button", name="Share the update").click()
    _on_case_page(page)
    assert "Shared with Tom Ellis: Please check in" in page.locator("#chronology + ol").inner_text()
    context.close()

    context = chromium.new_context(viewport={"width": width, "height": 900}, base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.goto("/accounts/login/")  # staff are not asked for a second factor
    page.get_by_label("Email address").fill(tutor.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    page.goto("/cases/notifications/")
    _check(page, "daily-12-tutor-notifications", width)
    page.get_by_role("link", name=f"New update from the safeguarding lead on case {case.number}").click()
    page.wait_for_url(f"**/cases/{case.pk}/updates/")
    assert browser.shows(page, "Please check in with her each morning this week.")
    assert "weight" not in page.content() and "Pat Parent" not in page.content()
    _check(page, "daily-13-tutor-shared-updates", width)
    context.close()
