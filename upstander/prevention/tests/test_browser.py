"""On a 320 px phone in headless Chromium: a parent acknowledges an acceptable-use policy from their
link; a pupil completes a survey; the public policies page reads well. Every page passes axe-core
and fits the width (screenshots in var/screenshots/prevention-*)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from upstander import browser
from upstander.accounts.models import Organisation, User
from upstander.people.models import Person, PersonKind
from upstander.prevention import questions, services
from upstander.prevention.models import Acknowledgement, PolicyKind, Survey, SurveyTally

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
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, name
    browser.screenshot(page, f"prevention-{name}-{WIDTH}")


def _approved(org: Organisation, kind: str, by: User) -> Any:
    policy = services.policy_create(organisation=org, kind=kind, by=by)
    services.version_approve(version=policy.versions.get(), approved_on=timezone.localdate(), approved_by="Governors", by=by)
    return policy


def test_a_parent_acknowledges_an_acceptable_use_policy_from_their_link(
    phone: Any, seeded_guidance: None, users: dict[str, User], org: Organisation
) -> None:
    parent = Person.objects.create(organisation=org, kind=PersonKind.PARENT, first_name="Karen", last_name="Davies")
    policy = _approved(org, PolicyKind.AUP_PARENTS, users["dsl"])
    _, (slip,) = services.acknowledgements_send(version=policy.versions.get(), audience="parents", by=users["dsl"])
    phone.goto(slip.path)
    assert phone.get_by_role("heading", level=1).inner_text() == "Acceptable use: parents and carers"
    assert phone.get_by_text("Karen, please read this and say you agree.").is_visible()
    _fits_and_passes_axe(phone, "ack")
    phone.get_by_role("button", name="I have read it and agree").click()
    phone.get_by_role("heading", name="Thank you").wait_for()
    _fits_and_passes_axe(phone, "ack-done")
    ack = Acknowledgement.objects.get(person=parent)
    assert ack.acknowledged_at is not None and ack.version.number == 1


def test_a_pupil_completes_a_survey_one_question_a_page(phone: Any, seeded_guidance: None, users: dict[str, User], org: Organisation) -> None:
    survey = services.survey_create(
        organisation=org, series="Pupil voice", term="Autumn 2026", group="Year 8",
        question_keys=questions.DEFAULT_QUESTIONS, opens_on=timezone.localdate(), closes_on=timezone.localdate(),
        expected=30, by=users["dsl"],
    )
    phone.goto(f"/pupil-voice/{org.slug}/{survey.token}/")
    _fits_and_passes_axe(phone, "survey-start")
    phone.get_by_role("button", name="Start").click()
    phone.get_by_role("button", name="Continue").click()  # nothing chosen: says what to do
    phone.get_by_role("alert").get_by_text("Choose an answer.").wait_for()
    _fits_and_passes_axe(phone, "survey-error")
    for number, key in enumerate(survey.questions, start=1):
        question = questions.BY_KEY[key]
        assert phone.locator("legend h1").inner_text() == question.text
        assert phone.get_by_text(f"Question {number} of {len(survey.questions)}").is_visible()
        if number == 3:
            _fits_and_passes_axe(phone, "survey-question")
            phone.get_by_role("button", name="Back").click()  # back keeps the answer given
            assert phone.locator("legend h1").inner_text() == questions.BY_KEY[survey.questions[1]].text
            assert phone.get_by_label(questions.BY_KEY[survey.questions[1]].choices[0][1], exact=True).is_checked()
            phone.get_by_role("button", name="Continue").click()
        phone.get_by_label(question.choices[0][1], exact=True).check()
        last = number == len(survey.questions)
        phone.get_by_role("button", name="Send my answers" if last else "Continue").click()
    phone.get_by_role("heading", name="Thank you").wait_for()
    _fits_and_passes_axe(phone, "survey-done")
    survey.refresh_from_db()
    assert survey.responses == 1
    assert SurveyTally.objects.filter(survey=survey, count=1).count() == len(survey.questions)
    assert Survey.objects.count() == 1


def test_the_public_policies_page_reads_well_on_a_phone(phone: Any, seeded_guidance: None, users: dict[str, User], org: Organisation) -> None:
    for kind in (PolicyKind.ANTI_BULLYING, PolicyKind.BEHAVIOUR, PolicyKind.AUP_PUPILS, PolicyKind.COMPLAINTS, PolicyKind.CODE_OF_CONDUCT):
        _approved(org, kind, users["dsl"])
    phone.goto(f"/o/{org.slug}/")
    phone.get_by_role("link", name="Our policies").click()
    phone.wait_for_url(f"**/o/{org.slug}/policies/")
    assert phone.get_by_role("heading", level=1).inner_text() == "Hill School: our policies"
    assert phone.get_by_role("link", name="Report online bullying or harassment").is_visible()
    _fits_and_passes_axe(phone, "public-policies")
    phone.emulate_media(media="print")
    assert not phone.get_by_role("link", name="Report online bullying or harassment").is_visible()
    assert phone.locator("#behaviour-title").is_visible()
    phone.emulate_media(media="screen")


def test_staff_pages_pass_axe_with_the_demo_data(chromium: Any, live_server: Any, seeded_guidance: None) -> None:
    from django.conf import settings
    from django.test import Client

    from upstander.accounts.middleware import SESSION_2FA_NEEDED, SESSION_2FA_OK
    from upstander.demo.data import load_demo
    from upstander.prevention.models import Policy

    load_demo()
    client = Client()
    client.force_login(User.objects.get(email="dsl@northbridge.example"))
    session = client.session
    session[SESSION_2FA_OK], session[SESSION_2FA_NEEDED] = True, False
    session.save()
    context = chromium.new_context(viewport={"width": 1024, "height": 800}, base_url=live_server.url)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}])
    page = context.new_page()
    closed = Survey.objects.filter(responses__gte=5).order_by("-opens_on").first()
    assert closed is not None
    pupils_aup = Policy.objects.get(organisation__slug="northbridge", kind=PolicyKind.AUP_PUPILS)
    for name, path in (
        ("home", "/prevention/"),
        ("policy", f"/prevention/policies/{pupils_aup.pk}/"),
        ("training", "/prevention/training/"),
        ("surveys", "/prevention/surveys/"),
        ("survey-results", f"/prevention/surveys/{closed.pk}/"),
        ("awareness", "/prevention/awareness/"),
    ):
        page.goto(path)
        assert browser.axe_serious(page) == [], name
        browser.screenshot(page, f"prevention-staff-{name}-1024")
    context.close()
