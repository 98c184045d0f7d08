"""uk-facts.md (2026-12): 18000 is for emergencies only; 18001 101 is the police's non-emergency textphone."""

from __future__ import annotations

import pytest

from upstander.guidance.models import Helpline

pytestmark = pytest.mark.django_db


def test_the_police_rows_give_the_right_textphone_routes() -> None:
    emergency = Helpline.objects.get(slug="police-emergency")
    non_emergency = Helpline.objects.get(slug="police-non-emergency")
    assert "18000, for emergencies only" in emergency.notes
    assert "18001 101" in non_emergency.notes
