"""The installation admin edits the guidance data; audiences and topics are tick boxes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from upstander.accounts.models import User
from upstander.guidance.models import Helpline, MobileNetwork, Platform

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_2fa(login_as: Callable[[User], Client]) -> Client:
    superuser = User.objects.create_superuser(email="root@install.test", password="not-used-here-1234")
    return login_as(superuser)


@pytest.mark.parametrize("model", [Helpline, Platform, MobileNetwork])
def test_the_installation_admin_lists_and_opens_the_guidance_data(
    admin_client_2fa: Client, model: type[Helpline | Platform | MobileNetwork]
) -> None:
    name = model._meta.model_name
    first = model.objects.order_by("pk").first()
    assert first is not None
    assert admin_client_2fa.get(f"/admin/guidance/{name}/").status_code == 200
    assert admin_client_2fa.get(f"/admin/guidance/{name}/{first.pk}/change/").status_code == 200


def test_the_admin_saves_a_helplines_audiences_and_topics_as_lists(admin_client_2fa: Client) -> None:
    kidscape = Helpline.objects.get(slug="kidscape")
    page = admin_client_2fa.get(f"/admin/guidance/helpline/{kidscape.pk}/change/").content.decode()
    assert 'type="checkbox" name="audiences" value="parents"' in page and "checked" in page
    response = admin_client_2fa.post(
        f"/admin/guidance/helpline/{kidscape.pk}/change/",
        {
            "name": "Kidscape",
            "slug": "kidscape",
            "who_for": "Parents and carers.",
            "audiences": ["parents", "staff"],
            "topics": ["bullying"],
            "phone": "020 7823 5430",
            "order": "150",
            "active": "on",
            "confirmed": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    kidscape.refresh_from_db()
    assert kidscape.audiences == ["parents", "staff"]


def test_the_admin_refuses_a_helpline_nobody_can_reach(admin_client_2fa: Client) -> None:
    response = admin_client_2fa.post(
        "/admin/guidance/helpline/add/",
        {"name": "Nowhere", "slug": "nowhere", "who_for": "Nobody.", "audiences": ["staff"], "order": "1"},
    )
    assert response.status_code == 200
    assert "Give at least one way to reach it" in response.content.decode()
    assert not Helpline.objects.filter(slug="nowhere").exists()
