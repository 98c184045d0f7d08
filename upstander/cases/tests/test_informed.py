"""Staff kept informed (issue 13, item 11): the DSL names a member of staff (a form tutor) who then sees
only the updates the DSL shares, on a minimal page; audited; removing them ends their access."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Organisation, User
from upstander.audit.models import AuditEvent
from upstander.cases.informed import case_share_update, case_watcher_add, case_watcher_remove
from upstander.cases.models import Case, CaseEntry, CaseWatcher, Notification, SharedUpdate
from upstander.cases.services import CaseError

pytestmark = pytest.mark.django_db
SECRET = "Someone keeps posting mean comments under my photos."  # the report's words (conftest's default)


@pytest.fixture
def tutor(users: dict[str, User]) -> User:
    return users["staff"]


def test_the_dsl_keeps_a_tutor_informed_who_sees_only_the_shared_updates(
    login_as: Callable[[User], Client], users: dict[str, User], case: Case, tutor: User,
    django_capture_on_commit_callbacks: Any,
) -> None:  # fmt: skip
    dsl = login_as(users["dsl"])
    url = reverse("cases:informed", args=[case.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = dsl.post(url, {"form": "add", "add-user": tutor.pk, "add-why": "form tutor"})
    assert response.status_code == 302
    watcher = CaseWatcher.objects.get(case=case, user=tutor)
    assert watcher.added_by == users["dsl"] and watcher.why == "form tutor"
    assert CaseEntry.objects.filter(case=case, kind="people", text__contains="is kept informed").exists()
    with django_capture_on_commit_callbacks(execute=True):
        dsl.post(url, {"form": "update", "update-text": "Please check in with the pupil each morning this week."})
    update = SharedUpdate.objects.get(case=case)
    assert CaseEntry.objects.filter(case=case, kind="shared", text__contains="each morning").exists()

    # The tutor's notification and emails say there is something and where, never what.
    notes = list(Notification.objects.filter(user=tutor).order_by("pk"))
    assert [n.url for n in notes] == [reverse("cases:shared", args=[case.pk])] * 2
    assert notes[1].message == f"New update from the safeguarding lead on case {case.number}"
    to_tutor = [m for m in mail.outbox if m.to == [tutor.email]]
    assert len(to_tutor) == 2
    for message in to_tutor:
        assert "each morning" not in message.body and SECRET not in message.body
        assert reverse("cases:shared", args=[case.pk]) in message.body

    teacher = login_as(tutor)
    page = teacher.get(reverse("cases:shared", args=[case.pk])).content.decode()
    assert update.text in page
    assert SECRET not in page and case.case_reports.get().report.reference not in page, "never the case itself"
    assert AuditEvent.objects.filter(actor_id=tutor.pk, object_id=str(case.pk), detail__page="shared updates").exists()
    # The case itself stays closed to them; their notifications page works.
    assert teacher.get(reverse("cases:detail", args=[case.pk])).status_code == 403
    assert update.text not in teacher.get(reverse("cases:notifications")).content.decode()

    # Removing them ends their access at once.
    dsl = login_as(users["dsl"])
    assert dsl.post(reverse("cases:informed_remove", args=[case.pk, watcher.pk])).status_code == 302
    watcher.refresh_from_db()
    assert watcher.removed_at is not None and watcher.removed_by == users["dsl"]
    teacher = login_as(tutor)
    assert teacher.get(reverse("cases:shared", args=[case.pk])).status_code == 404


def test_an_update_needs_someone_to_share_with_and_words(case: Case, dsl: User, tutor: User) -> None:
    with pytest.raises(CaseError, match="Nobody is kept informed"):
        case_share_update(case=case, text="Hello", by=dsl, request=None)
    case_watcher_add(case=case, user=tutor, why="form tutor", by=dsl, request=None)
    with pytest.raises(CaseError, match="Write the update"):
        case_share_update(case=case, text="  ", by=dsl, request=None)
    with pytest.raises(CaseError, match="not kept informed already"):
        case_watcher_add(case=case, user=tutor, why="again", by=dsl, request=None)
    with pytest.raises(CaseError, match="Say why"):
        case_watcher_add(case=case, user=dsl, why="", by=dsl, request=None)


def test_only_members_of_the_organisation_can_be_kept_informed(
    case: Case, dsl: User, make_user: Callable[..., User], other_org: Organisation
) -> None:
    outsider = make_user("teacher@vale.test", role="staff", organisation=other_org)
    with pytest.raises(CaseError, match="of your organisation"):
        case_watcher_add(case=case, user=outsider, why="form tutor", by=dsl, request=None)


def test_someone_removed_can_be_added_again(case: Case, dsl: User, tutor: User) -> None:
    watcher = case_watcher_add(case=case, user=tutor, why="form tutor", by=dsl, request=None)
    case_watcher_remove(watcher=watcher, by=dsl, request=None)
    with pytest.raises(CaseError):
        case_watcher_remove(watcher=watcher, by=dsl, request=None)
    again = case_watcher_add(case=case, user=tutor, why="head of year now", by=dsl, request=None)
    assert again.pk != watcher.pk and again.is_current


ROLES = ["dsl", "deputy_dsl", "senior_leader", "staff", "org_admin", "authority_lead"]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_safeguarding_leads_choose_who_is_kept_informed(
    login_as: Callable[[User], Client], users: dict[str, User], case: Case, tutor: User, role: str
) -> None:
    client = login_as(users[role])
    leads = role in ("dsl", "deputy_dsl")
    assert client.get(reverse("cases:informed", args=[case.pk])).status_code == (200 if leads else 403)
    client.post(reverse("cases:informed", args=[case.pk]), {"form": "add", "add-user": tutor.pk, "add-why": "tutor"})
    assert CaseWatcher.objects.filter(case=case).exists() is leads


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_the_shared_updates(
    login_as: Callable[[User], Client], users: dict[str, User], case: Case, dsl: User, role: str
) -> None:
    """Whoever sees the case, and staff while kept informed; nobody else (404, as if no case existed)."""
    case_watcher_add(case=case, user=users["org_admin"], why="head of year", by=dsl, request=None)
    status = login_as(users[role]).get(reverse("cases:shared", args=[case.pk])).status_code
    expected = 200 if role in ("dsl", "deputy_dsl", "senior_leader", "org_admin") else 404
    assert status == expected


def test_another_organisation_sees_nothing_and_cannot_remove(
    login_as: Callable[[User], Client], make_user: Callable[..., User], other_org: Organisation, case: Case,
    dsl: User, tutor: User,
) -> None:  # fmt: skip
    watcher = case_watcher_add(case=case, user=tutor, why="form tutor", by=dsl, request=None)
    other_dsl = login_as(make_user("dsl@vale.test", role="dsl", organisation=other_org))
    assert other_dsl.get(reverse("cases:informed", args=[case.pk])).status_code == 404
    assert other_dsl.get(reverse("cases:shared", args=[case.pk])).status_code == 404
    assert other_dsl.post(reverse("cases:informed_remove", args=[case.pk, watcher.pk])).status_code == 404
    watcher.refresh_from_db()
    assert watcher.is_current


def test_a_visitor_is_asked_to_sign_in(client: Client, case: Case) -> None:
    response = client.get(reverse("cases:shared", args=[case.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_attacks_on_the_kept_informed_pages_are_refused(
    login_as: Callable[[User], Client], users: dict[str, User], make_user: Callable[..., User],
    other_org: Organisation, open_case: Callable[..., Case], dsl: User, tutor: User,
) -> None:  # fmt: skip
    mine, other = open_case(), open_case()
    watcher = case_watcher_add(case=mine, user=tutor, why="form tutor", by=dsl, request=None)
    client = login_as(users["dsl"])
    # Someone of another organisation cannot be chosen, even by posting their id.
    outsider = make_user("teacher@vale.test", role="staff", organisation=other_org)
    response = client.post(reverse("cases:informed", args=[other.pk]), {"form": "add", "add-user": outsider.pk,
                                                                        "add-why": "tutor"})  # fmt: skip
    assert response.status_code == 200 and "Choose a member of staff." in response.content.decode()
    assert not CaseWatcher.objects.filter(user=outsider).exists()
    # A watcher of one case cannot be removed through another case's address.
    assert client.post(reverse("cases:informed_remove", args=[other.pk, watcher.pk])).status_code == 404
    watcher.refresh_from_db()
    assert watcher.is_current
    # Kept informed about one case is not kept informed about another.
    teacher = login_as(tutor)
    assert teacher.get(reverse("cases:shared", args=[mine.pk])).status_code == 200
    assert teacher.get(reverse("cases:shared", args=[other.pk])).status_code == 404
    # The page changes nothing: a member of staff cannot post to it, or to the DSL's page.
    assert teacher.post(reverse("cases:shared", args=[mine.pk]), {"text": "x"}).status_code == 405
    assert teacher.post(reverse("cases:informed", args=[mine.pk]), {"form": "update", "update-text": "x"}).status_code == 403
    assert not SharedUpdate.objects.exists()
