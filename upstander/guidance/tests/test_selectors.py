from __future__ import annotations

from typing import Any

import pytest

from upstander.guidance import selectors
from upstander.guidance.models import AdviceReader as ReporterRole
from upstander.guidance.models import Helpline, PlatformCode
from upstander.guidance.selectors import Advice

pytestmark = pytest.mark.django_db


def slugs(helplines: list[Helpline]) -> list[str]:
    return [helpline.slug for helpline in helplines]


def test_helplines_for_shows_only_the_audiences_own_helplines() -> None:
    young = slugs(selectors.helplines_for(audience="young_people"))
    staff = slugs(selectors.helplines_for(audience="staff"))
    assert "childline" in young and "childline" not in staff
    assert "professionals-online-safety-helpline" in staff
    assert "professionals-online-safety-helpline" not in young


def test_helplines_for_leaves_emergency_numbers_to_the_danger_box() -> None:
    assert "police-emergency" not in slugs(selectors.helplines_for(audience="parents"))
    assert slugs(selectors.emergency_contacts()) == ["police-emergency"]


def test_helplines_for_puts_the_helplines_for_the_topic_first_then_general_ones() -> None:
    found = slugs(selectors.helplines_for(audience="adults", topics=["hate"]))
    assert found[:3] == ["report-harmful-content", "stop-hate-uk", "true-vision"]
    assert "police-non-emergency" in found[:4]
    assert "samaritans" in found  # general
    assert "action-fraud" not in found  # fraud only


def test_helplines_for_can_leave_out_unconfirmed_helplines() -> None:
    assert "the-mix" in slugs(selectors.helplines_for(audience="young_people"))
    assert "the-mix" not in slugs(selectors.helplines_for(audience="young_people", confirmed_only=True))


def test_helplines_for_hides_inactive_helplines() -> None:
    Helpline.objects.filter(slug="childline").update(active=False)
    assert "childline" not in slugs(selectors.helplines_for(audience="young_people"))


def test_helplines_for_refuses_an_unknown_audience_or_topic() -> None:
    with pytest.raises(ValueError, match="Unknown audience"):
        selectors.helplines_for(audience="pupils")
    with pytest.raises(ValueError, match="Unknown topic"):
        selectors.helplines_for(audience="staff", topics=["gossip"])


def test_platform_by_code_finds_a_platform_or_nothing() -> None:
    platform = selectors.platform_by_code("instagram")
    assert platform is not None and platform.name == "Instagram"
    assert selectors.platform_by_code("myspace") is None


def advice(**kwargs: Any) -> Advice:
    context = selectors.advice_context(**kwargs)
    assert list(context) == ["advice"]  # one key, so it cannot clash with the reply page's own context
    return context["advice"]


@pytest.mark.parametrize(
    ("role", "audience", "help_url"),
    [
        (ReporterRole.TARGET, "young_people", "/help/young-people/"),
        (ReporterRole.BYSTANDER, "young_people", "/help/young-people/"),
        (ReporterRole.PARENT, "parents", "/help/parents/"),
        (ReporterRole.STAFF, "staff", "/help/staff/"),
        (ReporterRole.SERVICE_USER, "adults", "/help/adults/"),
        (ReporterRole.UNKNOWN, "young_people", "/help/young-people/"),
    ],
)
def test_advice_context_derives_the_audience_from_the_reporters_role(role: str, audience: str, help_url: str) -> None:
    found = advice(reporter_role=role, platform_code="tiktok")
    assert found.audience == audience
    assert found.help_url == help_url
    assert found.bystander == (role == ReporterRole.BYSTANDER)
    assert found.platform is not None and found.platform.code == "tiktok"
    assert slugs(found.emergency) == ["police-emergency"]
    assert all(helpline.confirmed and audience in helpline.audiences for helpline in found.helplines)


def test_advice_context_takes_the_reporting_apps_role_codes() -> None:
    reports = pytest.importorskip("upstander.reports.models")
    for role in reports.ReporterRole.values:
        assert advice(reporter_role=role, platform_code="").audience


def test_advice_context_lets_an_adult_service_give_its_targets_the_adults_advice() -> None:
    found = advice(reporter_role="target", platform_code="email", audience="adults")
    assert found.audience == "adults" and found.help_url == "/help/adults/"


def test_advice_context_gives_staff_the_professionals_helpline() -> None:
    found = advice(reporter_role="staff", platform_code="facebook")
    assert "professionals-online-safety-helpline" in slugs(found.helplines)
    assert found.platform is not None
    assert found.platform.report_url == "https://www.facebook.com/help/359033794168099"


def test_advice_context_falls_back_to_another_app_for_an_unknown_platform() -> None:
    found = advice(reporter_role="parent", platform_code="myspace")
    assert found.platform is not None and found.platform.code == PlatformCode.OTHER
    assert advice(reporter_role="parent", platform_code="").platform == found.platform


def test_advice_context_lists_mobile_networks_only_for_texts_and_calls() -> None:
    texts = advice(reporter_role="target", platform_code="text_message")
    assert "O2" in [network.name for network in texts.mobile_networks]
    assert advice(reporter_role="target", platform_code="snapchat").mobile_networks == []


def test_advice_context_matches_helplines_to_the_topics() -> None:
    images = advice(reporter_role="target", platform_code="snapchat", topics=["sexual_images"])
    assert images.sexual_images
    assert slugs(images.helplines)[:3] == ["childline", "report-remove", "ceop"]
    self_harm = advice(reporter_role="service_user", platform_code="x", topics=["self_harm"])
    assert slugs(self_harm.helplines)[:2] == ["samaritans", "shout"]


def test_advice_context_refuses_an_unknown_role() -> None:
    with pytest.raises(ValueError, match="Unknown reporter role"):
        selectors.advice_context(reporter_role="pupil", platform_code="x")


def test_topics_for_categories_maps_the_design_taxonomy() -> None:
    assert selectors.topics_for_categories(["insult", "racist", "sexual", "nonsense"]) == (
        "bullying",
        "hate",
        "sexual_images",
    )
    assert selectors.topics_for_categories(["threat"]) == ("crime", "bullying")
