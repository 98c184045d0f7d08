"""The figures prevention gives insights: aggregates only, small survey groups left out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from upstander.accounts.models import Organisation
from upstander.prevention import services
from upstander.prevention.insights import figures
from upstander.prevention.models import Survey

pytestmark = pytest.mark.django_db


@dataclass
class Figure:
    key: str
    label: str
    value: float | int | None
    unit: str = ""
    detail: str = ""
    count: bool = False


def test_survey_figures_leave_out_groups_under_five(make_survey: Callable[..., Survey], org: Organisation) -> None:
    big, small = make_survey(keys=["how_often", "feel_safe"]), make_survey(keys=["how_often", "feel_safe"])
    for how_often in ("never", "never", "never", "weekly", "daily", "daily"):
        services.survey_submit(survey=big, answers={"how_often": [how_often], "feel_safe": ["very"]})
    for _ in range(4):
        services.survey_submit(survey=small, answers={"how_often": ["daily"], "feel_safe": ["unsafe"]})
    today = timezone.localdate()
    found = {f.key: f for f in figures(Figure, organisation_ids=[org.pk], start=today - timedelta(days=1), end=today + timedelta(days=30))}
    assert found["pupil_voice_pupils"].value == 6 and found["pupil_voice_pupils"].count
    assert found["pupil_voice_unkind_monthly"].value == 50
    assert found["pupil_voice_feel_safe"].value == 100  # the small group's "unsafe" answers are not in it


def test_no_survey_figures_when_only_small_groups_answered(make_survey: Callable[..., Survey], org: Organisation) -> None:
    small = make_survey(keys=["how_often"])
    services.survey_submit(survey=small, answers={"how_often": ["daily"]})
    today = timezone.localdate()
    found = {f.key: f for f in figures(Figure, organisation_ids=[org.pk], start=today, end=today + timedelta(days=30))}
    assert found["pupil_voice_pupils"].value == 0 and "pupil_voice_unkind_monthly" not in found
