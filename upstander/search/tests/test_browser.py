"""Issue 13 in headless Chromium at 390 px and 1366 px: search (4), the case summary (5) and the small
things (9: question pages, the danger-now receipt, the People filter, the authority lead's home,
drawing redaction boxes, picking people when recording a concern). axe-core runs on every page and
must find no violation at all; each page is screenshotted (var/screenshots/ or $SCREENSHOT_DIR)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from upstander import browser
from upstander.accounts.models import Organisation, Role, User
from upstander.cases.models import Case, CaseParty, PartyRole
from upstander.cases.services import case_add_entry
from upstander.evidence.adding import evidence_add_file, evidence_add_text
from upstander.evidence.derived import evidence_derive
from upstander.evidence.sealing import evidence_seal
from upstander.evidence.tests.factories import screenshot_with_text
from upstander.people.models import Person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(browser.chromium_path() is None, reason="Debian's chromium is missing (bin/test installs it)"),
]
SIZES = {"phone": (390, 844), "desktop": (1366, 900)}


def axe_all(page: Any) -> list[str]:
    """Every axe-core violation (any impact) of the WCAG 2.0-2.2 A and AA rules."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]})
    return [
        f"{v['id']} ({v.get('impact')}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def check(page: Any, name: str, width: int) -> None:
    assert axe_all(page) == [], name
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"
    browser.screenshot(page, name)


def signed_in(chromium: Any, live_server: Any, client: Client, size: str) -> tuple[Any, Any]:
    width, height = SIZES[size]
    context = chromium.new_context(viewport={"width": width, "height": height}, base_url=live_server.url)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context, context.new_page()


@pytest.fixture
def cases(open_case: Callable[..., Case], org: Organisation, users: dict[str, User]) -> dict[str, Case]:
    first = open_case(account="Someone called jay_k_2011 keeps commenting on my photos.", people_involved="jay_k_2011")
    second = open_case(account="Nasty messages again on Snapchat from jay_k_2011 every night.")
    case_add_entry(case=first, by=users[Role.DSL], kind="decision", text="Meet the parents tomorrow",
                   reason="The pupil asked us to involve them.", request=None)  # fmt: skip
    CaseParty.objects.create(case=first, organisation=org, role=PartyRole.ALLEGED_PERPETRATOR, identifier="jay_k_2011")
    report = first.case_reports.get().report
    shot = evidence_add_file(report=report, data=screenshot_with_text(["nobody wants you here", "Sam Patel 9B"]),
                             filename="Screenshot_Instagram.png", added_by=users[Role.DSL],
                             metadata={"handles": "@jay_k_2011"})  # fmt: skip
    evidence_derive(item_id=shot.pk)
    sealed = evidence_add_text(report=report, text="sealed", kind="message", added_by=users[Role.DSL])
    evidence_seal(item=sealed, by=users[Role.DSL], reason="A sexual image of a pupil.")
    return {"first": first, "second": second, "shot_id": shot.pk}  # type: ignore[dict-item]


@pytest.mark.parametrize("size", list(SIZES))
def test_the_dsl_searches_prints_merges_and_redacts(
    size: str, chromium: Any, live_server: Any, cases: dict[str, Any], users: dict[str, User],
    login_as: Callable[[User], Client],
) -> None:  # fmt: skip
    width = SIZES[size][0]
    context, page = signed_in(chromium, live_server, login_as(users[Role.DSL]), size)
    first, second = cases["first"], cases["second"]

    page.goto("/cases/")
    check(page, f"issue13-queue-{size}", width)
    page.get_by_label("Search for a name, username, handle or words").fill("jay_k_2011")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/search/?q=jay_k_2011")
    assert page.get_by_role("status").inner_text().startswith("2 cases found")
    assert page.get_by_role("link", name=f"Case {first.number}").is_visible()
    assert page.get_by_role("link", name=f"Case {second.number}").is_visible()
    assert page.locator("mark").first.inner_text().lower() == "jay_k_2011"
    check(page, f"issue13-search-{size}", width)

    page.get_by_role("link", name=f"Case {first.number}").click()
    page.wait_for_url(f"**/cases/hill-{first.number}/")  # the number seen and the address agree
    page.get_by_role("link", name="Case summary to print or keep").click()
    page.wait_for_url(f"**/cases/hill-{first.number}/summary/")
    assert page.get_by_text("OFFICIAL-SENSITIVE").first.is_visible()
    assert page.get_by_text("The pupil asked us to involve them.").first.is_visible()
    check(page, f"issue13-summary-{size}", width)
    page.emulate_media(media="print")
    assert page.get_by_role("link", name="Download as a PDF").is_hidden()  # the print shows the record only
    browser.screenshot(page, f"issue13-summary-print-{size}")
    page.emulate_media(media="screen")
    pdf = page.request.get(f"/cases/{first.pk}/summary.pdf")
    assert pdf.status == 200 and pdf.body()[:5] == b"%PDF-"

    page.goto(f"/cases/{first.pk}/merge/")
    assert page.get_by_label(f"Case {second.number}:", exact=False).is_visible()
    check(page, f"issue13-merge-{size}", width)

    page.goto(f"/evidence/item/{cases['shot_id']}/")
    page.get_by_text("Make a redacted preview").click()
    stage = page.locator(".redact-stage img")
    stage.scroll_into_view_if_needed()
    box = stage.bounding_box()
    page.mouse.move(box["x"] + 10, box["y"] + 10)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 3, steps=5)
    page.mouse.up()
    boxes = page.get_by_label("Areas to black out").input_value()
    assert boxes.count(",") == 3 and boxes.startswith(("0, ", "1", "2", "3", "4", "5", "6", "7", "8", "9"))
    assert page.locator(".redact-box").count() == 1
    check(page, f"issue13-redact-drawn-{size}", width)
    page.get_by_label("Why are you redacting this?").fill("Hide another pupil's name before sharing.")
    page.get_by_role("button", name="Make the redacted preview").click()
    assert "redacted" in page.content().lower()
    context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_the_public_question_pages_and_the_danger_now_receipt(
    size: str, chromium: Any, live_server: Any, org: Organisation, seeded_guidance: None
) -> None:
    width, height = SIZES[size]
    context = chromium.new_context(viewport={"width": width, "height": height}, base_url=live_server.url)
    page = context.new_page()
    page.goto("/report/hill/")
    check(page, f"issue13-public-start-{size}", width)
    answers = [
        ("danger", lambda: page.get_by_label("Yes").check()),
        ("who", lambda: page.locator("input[name=reporter_role][value=target]").check()),
        ("what", lambda: page.get_by_label("What happened?").fill("They said they would hurt me after school today.")),
        ("where", lambda: page.get_by_label("Social media", exact=True).check()),
        ("when", lambda: page.get_by_label("Today").check()),
        ("people", lambda: page.get_by_label("Who was involved? (optional)").fill("jay_k_2011")),
        ("you", lambda: page.get_by_label("No, keep me anonymous").check()),
    ]
    for number, (slug, answer) in enumerate(answers, start=1):
        page.goto(f"/report/hill/{slug}/")
        heading = page.locator("legend h1, h1.label-heading")
        assert heading.count() == 1 and page.locator("h1").count() == 1, slug
        check(page, f"issue13-question-{number}-{slug}-{size}", width)
        answer()
        page.get_by_role("button", name="Continue").click()
        if slug == "danger":
            page.wait_for_url("**/danger-now/")
            check(page, f"issue13-danger-now-{size}", width)
    page.wait_for_url("**/check/")
    check(page, f"issue13-check-{size}", width)
    page.get_by_role("button", name="Send report").click()
    page.wait_for_url("**/sent/")
    text = page.locator("main").inner_text()
    assert "call 999" in text and "day or two" not in text and "Do not wait for a reply here." in text
    check(page, f"issue13-sent-danger-{size}", width)
    context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_people_filter_authority_home_and_picking_a_pupil(
    size: str, chromium: Any, live_server: Any, cases: dict[str, Any], org: Organisation, users: dict[str, User],
    authority: Any, login_as: Callable[[User], Client],
) -> None:  # fmt: skip
    width = SIZES[size][0]
    for first in ("Ava", "Ben", "Cal"):
        Person.objects.create(
            organisation=org, first_name=first, last_name="Stone", year_group="Year 9", class_name="9B"
        )
    context, page = signed_in(chromium, live_server, login_as(users[Role.DSL]), size)
    page.goto("/people/")
    assert page.locator('option[value="Year 9"]').count() == 1
    check(page, f"issue13-people-{size}", width)
    context.close()

    Case.objects.filter(pk=cases["first"].pk).update(escalated_authority=authority, urgent=True)
    from django.utils import timezone

    Case.objects.filter(pk=cases["first"].pk).update(escalated_at=timezone.now())
    context, page = signed_in(chromium, live_server, login_as(users[Role.AUTHORITY_LEAD]), size)
    page.goto("/")
    assert page.get_by_role("heading", name="Needs your attention").is_visible()
    assert page.get_by_role("link", name=f"Case {cases['first'].number}").is_visible()
    check(page, f"issue13-authority-home-{size}", width)
    context.close()

    context, page = signed_in(chromium, live_server, login_as(users[Role.STAFF]), size)
    page.goto("/reports/record/")
    assert page.get_by_role("button", name="Find").is_hidden()  # JavaScript finds as you type
    page.get_by_label("Find by name").fill("ava")
    page.get_by_label("Ava Stone (Year 9, 9B)").check()
    check(page, f"issue13-record-picker-{size}", width)
    context.close()
