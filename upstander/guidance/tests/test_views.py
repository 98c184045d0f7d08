"""The public help pages: no sign-in, GET only, and every fact on them comes from the database."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from upstander.guidance import selectors
from upstander.guidance.models import Helpline, MobileNetwork, Platform

pytestmark = pytest.mark.django_db

PAGES = ["index", "young_people", "parents", "staff", "adults", "platforms", "helplines"]


@pytest.mark.parametrize("name", PAGES)
def test_each_help_page_answers_without_signing_in(client: Client, name: str) -> None:
    response = client.get(reverse(f"guidance:{name}"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "If someone is in danger right now, call" in html
    assert 'href="tel:999"' in html


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_each_help_page_refuses_other_methods(client: Client, name: str, method: str) -> None:
    assert getattr(client, method)(reverse(f"guidance:{name}")).status_code == 405


def test_the_help_pages_live_under_help(client: Client) -> None:
    assert reverse("guidance:index") == "/help/"
    assert reverse("guidance:young_people") == "/help/young-people/"
    assert reverse("guidance:platforms") == "/help/platforms/"


@pytest.mark.parametrize("name", PAGES)
def test_each_help_page_loads_nothing_from_another_site(client: Client, name: str) -> None:
    html = client.get(reverse(f"guidance:{name}")).content.decode()
    for tag in re.findall(r"<(?:script|link|img)\b[^>]*>", html):
        address = re.search(r'(?:src|href)="([^"]*)"', tag)
        assert address is None or address.group(1).startswith("/"), tag
    assert "<script>" not in html and "onclick" not in html  # CSP: script-src 'self' only


@pytest.mark.parametrize("name", PAGES)
def test_each_help_page_has_a_print_button_that_script_reveals(client: Client, name: str) -> None:
    html = client.get(reverse(f"guidance:{name}")).content.decode()
    assert "data-print hidden>Print this page</button>" in html
    assert "/static/guidance/print.js" in html


def test_the_audience_pages_show_their_own_helplines(client: Client) -> None:
    young = client.get(reverse("guidance:young_people")).content.decode()
    staff = client.get(reverse("guidance:staff")).content.decode()
    assert "0800 1111" in young and 'href="tel:08001111"' in young
    assert "0344 381 4772" in staff and "0344 381 4772" not in young
    assert "Professionals Online Safety Helpline" in staff


def test_editing_a_helpline_changes_every_page_that_shows_it(client: Client) -> None:
    Helpline.objects.filter(slug="childline").update(phone="0800 0000 999", hours="Tuesdays only")
    young = client.get(reverse("guidance:young_people")).content.decode()
    directory = client.get(reverse("guidance:helplines")).content.decode()
    for html in (young, directory):
        assert "0800 0000 999" in html and "Tuesdays only" in html
        assert "0800 1111" not in html


def test_switching_a_helpline_off_removes_it_from_the_pages(client: Client) -> None:
    Helpline.objects.filter(slug="professionals-online-safety-helpline").update(active=False)
    assert "0344 381 4772" not in client.get(reverse("guidance:staff")).content.decode()


def test_the_danger_box_shows_the_emergency_number_from_the_data(client: Client) -> None:
    Helpline.objects.filter(slug="police-emergency").update(phone="112")
    html = client.get(reverse("guidance:index")).content.decode()
    assert 'href="tel:112"' in html


def test_the_danger_box_still_says_999_when_no_emergency_number_is_active(client: Client) -> None:
    Helpline.objects.filter(slug="police-emergency").update(active=False)
    assert 'href="tel:999"' in client.get(reverse("guidance:parents")).content.decode()


def test_unconfirmed_helplines_are_marked_as_such(client: Client) -> None:
    html = client.get(reverse("guidance:helplines")).content.decode()
    the_mix = html[html.index("The Mix") :][:600]
    assert "Not confirmed" in the_mix


def test_the_audience_pages_leave_out_unconfirmed_helplines(client: Client) -> None:
    assert "The Mix" not in client.get(reverse("guidance:young_people")).content.decode()
    Helpline.objects.filter(slug="the-mix").update(confirmed=True)
    assert "The Mix" in client.get(reverse("guidance:young_people")).content.decode()


def test_the_platforms_page_shows_each_platforms_reporting_page_from_the_data(client: Client) -> None:
    Platform.objects.filter(code="instagram").update(report_url="https://help.instagram.com/999")
    html = client.get(reverse("guidance:platforms")).content.decode()
    assert 'href="https://help.instagram.com/999"' in html
    assert 'id="instagram"' in html and 'id="text_message"' in html
    assert "How to report on Facebook" in html
    email = html[html.index('id="email"') :][:1500]
    assert "Minimum age" not in email  # only apps have age limits


def test_the_platforms_page_shows_the_2016_numbers_as_dated(client: Client) -> None:
    html = client.get(reverse("guidance:platforms")).content.decode()
    assert "September 2016" in html and "may have changed" in html
    assert "4445 or 202" in html and "nuisance@telefonica.com" in html
    MobileNetwork.objects.filter(name="O2").update(from_mobile="9999")
    assert "9999" in client.get(reverse("guidance:platforms")).content.decode()


def test_the_staff_page_covers_seed_002s_advice_for_staff_who_are_targeted(client: Client) -> None:
    html = client.get(reverse("guidance:staff")).content.decode()
    for words in ("retaliate", "Keep evidence", "senior leader", "invite them to a meeting", "union", "police"):
        assert words in html, words


def render_advice(**kwargs: object) -> str:
    return render_to_string("guidance/includes/advice.html", selectors.advice_context(**kwargs))


def test_the_advice_include_renders_a_pupils_advice_with_the_platforms_link_and_helplines() -> None:
    html = render_advice(reporter_role="target", platform_code="instagram", topics=["bullying"])
    assert "<h2" in html and "<h1" not in html
    assert "it is not your fault" in html
    assert 'href="https://help.instagram.com/165828726894770"' in html
    assert "0800 1111" in html
    assert 'href="/help/young-people/"' in html


def test_the_advice_include_tells_everyone_not_to_copy_sexual_images_of_children() -> None:
    for role in ("target", "parent", "staff"):
        html = render_advice(reporter_role=role, platform_code="snapchat", topics=["sexual_images"])
        assert "under 18" in html
        assert "<strong>do not</strong> screenshot" in html or "never view, copy, print, share" in html


def test_the_advice_include_speaks_to_a_bystander() -> None:
    html = render_advice(reporter_role="bystander", platform_code="tiktok")
    assert "speaking up for someone else" in html and "Don't join in" in html


def test_the_advice_include_lists_mobile_networks_for_texts_and_calls() -> None:
    html = render_advice(reporter_role="parent", platform_code="text_message")
    assert "nuisance@telefonica.com" in html and "/help/platforms/#mobile-networks" in html


def test_the_advice_include_reflects_edits_to_the_data() -> None:
    Helpline.objects.filter(slug="professionals-online-safety-helpline").update(phone="0344 000 0000")
    html = render_advice(reporter_role="staff", platform_code="x")
    assert "0344 000 0000" in html and "0344 381 4772" not in html
