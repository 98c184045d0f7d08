"""Migration 0002 seeds the facts from reference/uk-facts.md, and each row says where it was checked."""

from __future__ import annotations

import pytest

from upstander.guidance.models import Audience, Helpline, MobileNetwork, Platform, PlatformCode, Topic

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("slug", "phone"),
    [
        ("childline", "0800 1111"),
        ("samaritans", "116 123"),
        ("professionals-online-safety-helpline", "0344 381 4772"),
        ("nspcc-helpline", "0808 800 5000"),
        ("revenge-porn-helpline", "0345 6000 459"),
        ("police-emergency", "999"),
        ("police-non-emergency", "101"),
    ],
)
def test_the_seeded_helplines_have_their_verified_numbers(slug: str, phone: str) -> None:
    assert Helpline.objects.get(slug=slug).phone == phone


def test_shout_is_seeded_as_a_text_service() -> None:
    shout = Helpline.objects.get(slug="shout")
    assert (shout.text_keyword, shout.text_number, shout.phone) == ("SHOUT", "85258", "")


def test_every_seeded_helpline_cites_a_source_and_uses_known_audiences_and_topics() -> None:
    helplines = list(Helpline.objects.all())
    assert len(helplines) >= 18
    for helpline in helplines:
        assert helpline.source, helpline.slug
        assert helpline.audiences and set(helpline.audiences) <= set(Audience.values), helpline.slug
        assert helpline.topics and set(helpline.topics) <= set(Topic.values), helpline.slug
        helpline.full_clean()


def test_unconfirmed_details_are_left_out_and_marked() -> None:
    the_mix = Helpline.objects.get(slug="the-mix")
    assert not the_mix.confirmed
    assert the_mix.phone == ""
    assert "UNCONFIRMED" in the_mix.notes
    bullying_uk = Helpline.objects.get(slug="bullying-uk")
    assert bullying_uk.hours == ""
    assert "UNCONFIRMED" in bullying_uk.notes


def test_every_platform_code_reports_use_has_a_row() -> None:
    assert set(Platform.objects.values_list("code", flat=True)) == set(PlatformCode.values)
    for platform in Platform.objects.all():
        assert platform.how_to_report and platform.source, platform.code


def test_instagrams_reporting_page_is_seeded() -> None:
    instagram = Platform.objects.get(code="instagram")
    assert instagram.report_url == "https://help.instagram.com/165828726894770"
    assert instagram.minimum_age == 13


def test_roblox_minimum_age_is_left_unknown_because_no_source_gives_it() -> None:
    assert Platform.objects.get(code="roblox").minimum_age is None


def test_the_2016_mobile_network_numbers_are_seeded_with_a_dated_note() -> None:
    o2 = MobileNetwork.objects.get(name="O2")
    assert o2.from_mobile == "4445 or 202"
    assert o2.contact == "nuisance@telefonica.com"
    for network in MobileNetwork.objects.all():
        if network.has_dated_numbers:
            assert "2016" in network.dated_note, network.name
    assert "7726" in MobileNetwork.objects.get(name="Any network").how_to_report
