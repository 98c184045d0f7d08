"""Pupil voice: no answer can be linked to a pupil, and results of fewer than 5 are never shown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.db import connection, models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from upstander.accounts.models import Organisation, User
from upstander.audit.models import AuditEvent
from upstander.core.models import RateLimit
from upstander.prevention import selectors, services
from upstander.prevention.models import Survey, SurveyTally
from upstander.prevention.services import PreventionError
from upstander.prevention.tests.helpers import full_answers

pytestmark = pytest.mark.django_db


def _answer_through_pages(client: Client, survey: Survey, pick: int = 0) -> Any:
    url = reverse("prevention_public:survey_start", args=[survey.organisation.slug, survey.token])
    response = client.post(url, {"do": "show", "step": "0", "answers": "{}"})
    answers: dict[str, list[str]] = {}
    for step, key in enumerate(survey.questions):
        assert response.status_code == 200
        choice = full_answers(survey, pick)[key][0]
        import json

        response = client.post(url, {"step": str(step), "answers": json.dumps(answers), "answer": choice})
        answers[key] = [choice]
    return response


def test_the_tally_table_has_no_column_that_could_identify_a_pupil_or_a_time() -> None:
    fields = {field.name: field for field in SurveyTally._meta.get_fields()}
    assert set(fields) == {"id", "survey", "question", "choice", "count"}
    assert isinstance(fields["id"], models.UUIDField)  # not an order-revealing counter
    for field in fields.values():
        assert not isinstance(field, (models.DateField, models.DateTimeField, models.TimeField, models.GenericIPAddressField))
    assert fields["survey"].related_model is Survey
    with connection.cursor() as cursor:
        columns = [column.name for column in connection.introspection.get_table_description(cursor, SurveyTally._meta.db_table)]
    assert sorted(columns) == ["choice", "count", "id", "question", "survey_id"]


def test_the_survey_table_keeps_nothing_per_answer_but_a_count() -> None:
    per_answer = {"responses"}
    timed = {f.name for f in Survey._meta.get_fields() if isinstance(f, (models.DateTimeField, models.TimeField))}
    assert timed == {"created_at"}  # when staff set it up, not when anyone answered
    assert per_answer <= {f.name for f in Survey._meta.get_fields()}
    assert not any(f.related_model and f.related_model._meta.label in ("people.Person",) for f in Survey._meta.get_fields())


def test_answering_writes_no_row_no_session_no_audit_and_no_rate_limit_only_counts(
    client: Client, make_survey: Callable[..., Survey]
) -> None:
    survey = make_survey()
    tallies_before = SurveyTally.objects.count()
    ids_before = set(SurveyTally.objects.values_list("id", flat=True))
    audit_before, sessions_before, limits_before = AuditEvent.objects.count(), Session.objects.count(), RateLimit.objects.count()
    response = _answer_through_pages(client, survey)
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.responses == 1
    assert SurveyTally.objects.count() == tallies_before
    assert set(SurveyTally.objects.values_list("id", flat=True)) == ids_before
    assert AuditEvent.objects.count() == audit_before
    assert Session.objects.count() == sessions_before
    assert RateLimit.objects.count() == limits_before
    counted = dict(SurveyTally.objects.filter(survey=survey, count__gt=0).values_list("question", "choice"))
    assert counted == {key: value[0] for key, value in full_answers(survey).items()}


def test_nothing_is_counted_until_the_last_answer(client: Client, make_survey: Callable[..., Survey]) -> None:
    survey = make_survey()
    url = reverse("prevention_public:survey_start", args=[survey.organisation.slug, survey.token])
    client.post(url, {"step": "0", "answers": "{}", "answer": "never"})
    client.post(url, {"step": "1", "answers": '{"how_often": ["never"]}', "answer": "no"})
    assert not SurveyTally.objects.filter(survey=survey, count__gt=0).exists()
    survey.refresh_from_db()
    assert survey.responses == 0


def test_pages_ask_not_to_be_cached_or_referred(client: Client, make_survey: Callable[..., Survey]) -> None:
    survey = make_survey()
    response = client.get(reverse("prevention_public:survey_start", args=[survey.organisation.slug, survey.token]))
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"


def test_each_question_is_its_own_page_with_the_question_as_the_h1_in_the_legend(
    client: Client, make_survey: Callable[..., Survey]
) -> None:
    survey = make_survey()
    url = reverse("prevention_public:survey_start", args=[survey.organisation.slug, survey.token])
    page = client.post(url, {"do": "show", "step": "0", "answers": "{}"}).content.decode()
    assert '<legend class="legend-heading"><h1>This term, how often' in page
    assert "Question 1 of 8" in page
    assert "<script" not in page


def test_a_missing_answer_says_what_to_do_and_keeps_earlier_answers(client: Client, make_survey: Callable[..., Survey]) -> None:
    survey = make_survey()
    url = reverse("prevention_public:survey_start", args=[survey.organisation.slug, survey.token])
    page = client.post(url, {"step": "1", "answers": '{"how_often": ["weekly"]}'}).content.decode()
    assert "Choose an answer." in page
    assert "weekly" in page  # carried in the hidden field


def test_tampered_answers_are_refused_whole(make_survey: Callable[..., Survey]) -> None:
    survey = make_survey()
    answers = full_answers(survey)
    answers["how_often"] = ["<script>"]
    with pytest.raises(PreventionError):
        services.survey_submit(survey=survey, answers=answers)
    answers = full_answers(survey)
    answers["how_often"] = ["never", "daily"]  # one answer only
    with pytest.raises(PreventionError):
        services.survey_submit(survey=survey, answers=answers)
    assert not SurveyTally.objects.filter(survey=survey, count__gt=0).exists()


def test_a_link_does_not_work_before_or_after_its_period(client: Client, make_survey: Callable[..., Survey]) -> None:
    survey = make_survey(days_open=3, opened_days_ago=10)
    url = reverse("prevention_public:survey_start", args=[survey.organisation.slug, survey.token])
    assert client.get(url).status_code == 410
    assert client.post(url, {"step": "0", "answers": "{}", "answer": "never"}).status_code == 410
    with pytest.raises(PreventionError):
        services.survey_submit(survey=survey, answers=full_answers(survey))
    later = make_survey()
    Survey.objects.filter(pk=later.pk).update(opens_on=timezone.localdate() + timedelta(days=2), closes_on=timezone.localdate() + timedelta(days=9))
    assert client.get(reverse("prevention_public:survey_start", args=["hill", later.token])).status_code == 410


def test_a_link_cannot_be_used_for_another_organisation(
    client: Client, make_survey: Callable[..., Survey], other_org: Organisation
) -> None:
    survey = make_survey()
    assert client.get(reverse("prevention_public:survey_start", args=[other_org.slug, survey.token])).status_code == 404
    response = client.post(
        reverse("prevention_public:survey_start", args=[other_org.slug, survey.token]),
        {"step": "0", "answers": "{}", "answer": "never"},
    )
    assert response.status_code == 404


def test_no_more_answers_than_the_group_has_pupils(make_survey: Callable[..., Survey]) -> None:
    survey = make_survey(expected=5)
    for _ in range(5):
        services.survey_submit(survey=survey, answers=full_answers(survey))
    with pytest.raises(PreventionError):
        services.survey_submit(survey=survey, answers=full_answers(survey))


def test_results_of_fewer_than_five_are_never_shown_to_any_role(
    make_survey: Callable[..., Survey], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    survey = make_survey(keys=["how_often"])
    for _ in range(4):
        services.survey_submit(survey=survey, answers={"how_often": ["daily"]})
    survey.refresh_from_db()
    assert survey.responses == 4
    assert selectors.survey_results(survey) is None
    for role in ("staff", "dsl", "deputy_dsl", "senior_leader", "org_admin"):
        page = login_as(users[role]).get(reverse("prevention:survey", args=[survey.pk])).content.decode()
        assert "Fewer than 5 pupils have answered" in page, role
        assert "Most days" not in page, role
        listing = login_as(users[role]).get(reverse("prevention:surveys")).content.decode()
        assert "Fewer than 5" in listing and ">4<" not in listing, role
    services.survey_submit(survey=survey, answers={"how_often": ["never"]})
    survey.refresh_from_db()
    results = selectors.survey_results(survey)
    assert results is not None
    counts = {choice.label: choice.count for choice in results[0].choices}
    assert counts["Most days"] == 4 and counts["Never"] == 1
    page = login_as(users["staff"]).get(reverse("prevention:survey", args=[survey.pk])).content.decode()
    assert "<th scope=\"row\">Most days</th><td>4</td>" in page and "80%" in page


def test_term_totals_leave_out_small_groups_so_they_cannot_be_found_by_subtraction(
    make_survey: Callable[..., Survey]
) -> None:
    big, small = make_survey(keys=["how_often"]), make_survey(keys=["how_often"])
    for _ in range(6):
        services.survey_submit(survey=big, answers={"how_often": ["never"]})
    for _ in range(3):
        services.survey_submit(survey=small, answers={"how_often": ["daily"]})
    (term,) = selectors.series_results(organisation_id=big.organisation_id, series="Pupil voice")
    assert term.responses == 6 and term.groups == 1 and term.suppressed_groups == 1
    assert term.percents["how_often"].get("daily", 0) == 0


def test_the_same_survey_is_repeated_next_term_at_a_new_address(make_survey: Callable[..., Survey], users: dict[str, User]) -> None:
    survey = make_survey()
    today = timezone.localdate()
    again = services.survey_repeat(survey=survey, opens_on=today + timedelta(days=60), closes_on=today + timedelta(days=70), by=users["dsl"])
    assert again.series == survey.series and again.questions == survey.questions and again.group == survey.group
    assert again.token != survey.token
    assert again.term != survey.term or today.month in (2, 3)


def test_every_tally_row_is_rewritten_so_row_versions_do_not_show_the_latest_answers(make_survey: Callable[..., Survey]) -> None:
    """On PostgreSQL each row version carries the writing transaction's id (xmin): were only the chosen
    rows updated, the rows with the newest xmin would be the last pupil's answers."""
    survey = make_survey()
    services.survey_submit(survey=survey, answers=full_answers(survey, 0))
    services.survey_submit(survey=survey, answers=full_answers(survey, 1))
    if connection.vendor != "postgresql":
        counts = dict(SurveyTally.objects.filter(survey=survey, question="how_often").values_list("choice", "count"))
        assert counts["never"] == 1 and counts["once_twice"] == 1 and counts["daily"] == 0
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT xmin::text FROM {SurveyTally._meta.db_table} WHERE survey_id = %s", [survey.pk])  # noqa: S608
        assert len(cursor.fetchall()) == 1
