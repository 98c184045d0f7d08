"""Overdue requests on the DSL's home page and in the daily digest; `upstander takedowns`; the figures."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from upstander.accounts.models import User
from upstander.cases.digest import send_overdue_digest
from upstander.cases.models import Case
from upstander.takedown import selectors, services
from upstander.takedown.models import RemovalRequest, Route, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(triaged: Case, dsl: User) -> RemovalRequest:
    removal = services.takedown_open(
        case=triaged, route=Route.PLATFORM, by=dsl, request=None, url="https://x.com/a/1", platform="x"
    )
    return services.takedown_mark_sent(
        removal=removal, by=dsl, request=None, sent_at=timezone.now() - timedelta(hours=50)
    )


def test_the_dsl_home_page_lists_overdue_requests_and_senior_leaders_do_not_get_it(
    overdue: RemovalRequest, users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    page = login_as(users["dsl"]).get(reverse("core:home")).content.decode()
    assert "Removal requests overdue" in page
    assert reverse("takedown:request", args=[overdue.case_id, overdue.pk]) in page
    page = login_as(users["senior_leader"]).get(reverse("core:home")).content.decode()
    assert "Removal requests overdue" not in page


def test_the_digest_counts_overdue_requests(overdue: RemovalRequest, users: dict[str, User]) -> None:
    assert send_overdue_digest(organisation_id=overdue.organisation_id) == 1
    assert "1 removal request is overdue" in mail.outbox[-1].body
    assert "x.com" not in mail.outbox[-1].body  # a count and a link, never details


def test_the_command_prints_one_json_object_per_request(overdue: RemovalRequest, triaged: Case, dsl: User) -> None:
    services.takedown_open(
        case=triaged, route=Route.POSTER, by=dsl, request=None, content="the post", poster_kind="pupil"
    )
    out = StringIO()
    call_command("takedowns", "--json", "--organisation", triaged.organisation.slug, stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == 2
    assert {"id", "case", "platform", "route", "status", "requested_at", "due_at", "outcome"} <= set(rows[0])
    out = StringIO()
    call_command("takedowns", "--json", "--overdue", stdout=out)
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == [overdue.pk]
    with pytest.raises(CommandError, match="No organisation"):
        call_command("takedowns", "--organisation", "nope")


def test_figures_count_by_platform_and_route_with_removal_rate_and_time(
    overdue: RemovalRequest, triaged: Case, dsl: User
) -> None:
    removed = services.takedown_open(
        case=triaged, route=Route.PLATFORM, by=dsl, request=None, url="https://x.com/a/2", platform="x"
    )
    services.takedown_mark_sent(removal=removed, by=dsl, request=None, sent_at=timezone.now() - timedelta(hours=10))
    services.takedown_record_outcome(removal=removed, status=Status.REMOVED, reason="", by=dsl, request=None)
    services.takedown_record_outcome(removal=overdue, status=Status.REFUSED, reason="No breach", by=dsl, request=None)
    figures = selectors.figures(organisation_id=triaged.organisation_id)
    assert figures["by_platform"] == {"x": 2} and figures["by_route"] == {"platform": 2}
    assert figures["removal_rate"] == 0.5
    assert 9.9 < figures["median_hours_to_removal"] < 10.1


def test_the_insights_provider_gives_the_removal_rate_and_time_for_the_period_asked(
    overdue: RemovalRequest, triaged: Case, dsl: User
) -> None:
    from upstander.insights import providers

    removed = services.takedown_open(
        case=triaged, route=Route.PLATFORM, by=dsl, request=None, url="https://x.com/a/2", platform="x"
    )
    services.takedown_mark_sent(removal=removed, by=dsl, request=None, sent_at=timezone.now() - timedelta(hours=10))
    services.takedown_record_outcome(removal=removed, status=Status.REMOVED, reason="", by=dsl, request=None)
    services.takedown_record_outcome(removal=overdue, status=Status.REFUSED, reason="No breach", by=dsl, request=None)
    today = timezone.localdate()

    def takedown_figures(start: object, end: object, ids: list[int]) -> dict[str, object]:
        sections = providers.sections(organisation_ids=ids, start=start, end=end)  # type: ignore[arg-type]
        return {f.key: f.value for s in sections if s.key == "takedown" for f in s.figures}

    found = takedown_figures(today - timedelta(days=7), today, [triaged.organisation_id])
    assert found["takedown_requests"] == 2 and found["takedown_removal_rate"] == 50
    assert 9.9 < found["takedown_hours_to_removal"] < 10.1  # type: ignore[operator]
    assert takedown_figures(today - timedelta(days=7), today, [triaged.organisation_id + 999]) == {
        "takedown_requests": 0
    }
    last_year = today - timedelta(days=365)
    assert takedown_figures(last_year - timedelta(days=7), last_year, [triaged.organisation_id]) == {
        "takedown_requests": 0
    }
