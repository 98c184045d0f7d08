"""Figures for insights' dashboards and termly report (registered in apps.py when insights is installed).

Counts and rates only. Survey figures come only from surveys of MIN_GROUP pupils or more, so a small
group's answers never reach a chart or report, nor can be found by subtracting one total from another.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db.models import Sum

from upstander.prevention import selectors
from upstander.prevention.models import Acknowledgement, AwarenessActivity, Survey, SurveyTally
from upstander.prevention.questions import MIN_GROUP


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def figures(figure: Callable[..., Any], *, organisation_ids: list[int], start: date, end: date) -> list[Any]:
    surveys = Survey.objects.filter(
        organisation_id__in=organisation_ids, closes_on__gte=start, closes_on__lte=end, responses__gte=MIN_GROUP
    )
    pupils = surveys.aggregate(total=Sum("responses"))["total"] or 0
    tallies = SurveyTally.objects.filter(survey__in=surveys)

    def chosen(question: str, *choices: str) -> int:
        return tallies.filter(question=question, choice__in=choices).aggregate(total=Sum("count"))["total"] or 0

    def asked(question: str) -> int:
        return sum(s.responses for s in surveys if question in s.questions)

    found = [figure(key="pupil_voice_pupils", label="Pupils who answered a pupil-voice survey", value=pupils, count=True)]
    if pupils:
        for key, label, question, choices in (
            ("pupil_voice_unkind_monthly", "Pupils treated unkindly online at least monthly", "how_often", ("monthly", "weekly", "daily")),
            ("pupil_voice_told_school", "Pupils who told someone at school", "told", ("staff",)),
            ("pupil_voice_know_how", "Pupils who know how to report at school", "know_how", ("yes",)),
            ("pupil_voice_feel_safe", "Pupils who feel safe online (very or mostly)", "feel_safe", ("very", "mostly")),
        ):
            whole = asked(question)
            if whole:
                found.append(figure(key=key, label=label, value=_percent(chosen(question, *choices), whole), unit="%"))
    acks = Acknowledgement.objects.filter(organisation_id__in=organisation_ids)
    asked_total = acks.count()
    if asked_total:
        done = acks.filter(acknowledged_at__isnull=False).count()
        found.append(figure(key="aup_acknowledged", label="Acceptable-use acknowledgements given", value=_percent(done, asked_total),
                            unit="%", detail=f"{done} of {asked_total}"))
    overdue = sum(
        1 for organisation_id in organisation_ids
        for row in selectors.reviews_due(organisation_id=organisation_id)
        if row.state in (selectors.PolicyState.OVERDUE, selectors.PolicyState.REVIEW_ASKED)
    )
    found.append(figure(key="policy_reviews_overdue", label="Policy reviews overdue or asked for after an incident", value=overdue,
                         count=True))
    activities = AwarenessActivity.objects.filter(organisation_id__in=organisation_ids, held_on__gte=start, held_on__lte=end).count()
    found.append(figure(key="awareness_activities", label="Awareness activities (assemblies, lessons, sessions...)", value=activities,
                         count=True))
    return found


def register_with_insights() -> None:
    try:
        from upstander.insights.providers import Figure, register  # type: ignore[import-not-found,unused-ignore]
    except ImportError:  # insights is not installed in this build
        return

    def provider(*, organisation_ids: list[int], start: date, end: date) -> list[Any]:
        return figures(Figure, organisation_ids=organisation_ids, start=start, end=end)

    register("prevention", "Prevention and pupil voice", provider)
