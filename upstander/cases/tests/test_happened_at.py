"""When it happened versus when it was typed (issue 13, item 6): a chronology entry keeps both, the
case page shows both, and a time in the future is refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import DatabaseError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from upstander.accounts.models import User
from upstander.cases.models import Case, CaseEntry
from upstander.cases.selectors import case_chronology
from upstander.cases.services import CaseError, case_add_entry

pytestmark = pytest.mark.django_db


def test_an_entry_keeps_when_it_happened_and_when_it_was_recorded(case: Case, dsl: User) -> None:
    yesterday = timezone.now() - timedelta(days=1)
    entry = case_add_entry(case=case, kind="action", text="Phoned the father.", happened_at=yesterday, by=dsl,
                           request=None)  # fmt: skip
    assert entry.happened_at == yesterday
    assert entry.occurred_at > yesterday + timedelta(hours=23), "the time it was typed is kept as it was"
    (item,) = [i for i in case_chronology(case=case) if i.entry == entry]
    assert item.at == yesterday and item.recorded_at == entry.occurred_at
    # It takes its place in the chronology by when it happened: before the case's later entries.
    plain = case_add_entry(case=case, kind="note", text="Typed now, happened now.", by=dsl, request=None)
    order = [i.entry for i in case_chronology(case=case) if i.entry in (entry, plain)]
    assert order == [entry, plain]
    (now_item,) = [i for i in case_chronology(case=case) if i.entry == plain]
    assert now_item.recorded_at is None, "one time shown when they are the same"


def test_a_time_in_the_future_is_refused(case: Case, dsl: User) -> None:
    with pytest.raises(CaseError, match="future"):
        case_add_entry(case=case, kind="note", text="x", happened_at=timezone.now() + timedelta(hours=1), by=dsl,
                       request=None)  # fmt: skip


def test_the_database_still_refuses_to_change_an_entry(case: Case, dsl: User) -> None:
    entry = case_add_entry(case=case, kind="note", text="x", happened_at=timezone.now() - timedelta(hours=3), by=dsl,
                           request=None)  # fmt: skip
    with pytest.raises(DatabaseError), transaction.atomic():
        CaseEntry._base_manager.filter(pk=entry.pk).update(happened_at=None)


def test_the_form_takes_a_date_and_time_and_the_page_shows_both_times(
    login_as: Callable[[User], Client], users: dict[str, User], case: Case
) -> None:
    client = login_as(users["dsl"])
    url = reverse("cases:entry", args=[case.pk])
    day = timezone.localdate() - timedelta(days=1)
    response = client.post(url, {"kind": "action", "text": "Phoned the father.", "happened_on": day.isoformat(),
                                 "happened_time": "16:30"})  # fmt: skip
    assert response.status_code == 302
    entry = CaseEntry.objects.get(text="Phoned the father.")
    assert timezone.localtime(entry.happened_at).date() == day
    assert f"{timezone.localtime(entry.happened_at):%H:%M}" == "16:30"
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    happened = timezone.localtime(entry.happened_at)
    recorded = timezone.localtime(entry.occurred_at)
    assert f"happened <time datetime=\"{happened.isoformat()}\">{happened.day} {happened:%b %Y}, 16:30</time>" in page
    assert f"· recorded <time datetime=\"{recorded.isoformat()}\">{recorded.day} {recorded:%b %Y, %H:%M}</time>" in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"happened_on": "2999-01-01"}, "happened_on", "It cannot have happened in the future"),
        ({"happened_time": "09:00"}, "happened_on", "Enter the date it happened, or leave the time empty."),
        ({"happened_on": "yesterday"}, "happened_on", "Enter the date like 21/11/2026, or leave it empty."),
        ({"happened_on": "2026-01-01", "happened_time": "25:99"}, "happened_time", "Enter the time like 14:30"),
    ],
)
def test_bad_times_say_what_to_fix_and_store_nothing(
    login_as: Callable[[User], Client], users: dict[str, User], case: Case, data: dict[str, str], field: str,
    message: str,
) -> None:  # fmt: skip
    client = login_as(users["dsl"])
    before = CaseEntry.objects.count()
    response = client.post(reverse("cases:entry", args=[case.pk]), {"kind": "note", "text": "A call.", **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert f'href="#id_{field}"' in response.content.decode()
    assert CaseEntry.objects.count() == before


def test_a_time_later_today_is_refused_too(login_as: Callable[[User], Client], users: dict[str, User], case: Case) -> None:
    later = timezone.localtime() + timedelta(minutes=30)
    if later.date() != timezone.localdate():
        pytest.skip("too close to midnight to test a later time today")
    client = login_as(users["dsl"])
    response = client.post(reverse("cases:entry", args=[case.pk]), {"kind": "note", "text": "A call.",
                           "happened_on": later.date().isoformat(), "happened_time": f"{later:%H:%M}"})  # fmt: skip
    assert response.status_code == 200 and "It cannot have happened in the future" in response.content.decode()
