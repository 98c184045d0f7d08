"""Training records (expiry, matrix, reminders, CEOP ambassadors), the awareness log, and the demo."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from upstander.accounts.models import Organisation, User
from upstander.demo.data import load_demo
from upstander.prevention import selectors, services
from upstander.prevention.models import (
    Acknowledgement,
    AwarenessActivity,
    Policy,
    PolicyKind,
    Survey,
    TrainingKind,
    TrainingRecord,
)
from upstander.prevention.selectors import PolicyState
from upstander.prevention.services import PreventionError

pytestmark = pytest.mark.django_db


def test_training_runs_out_after_its_usual_period_unless_a_date_is_given(users: dict[str, User], org: Organisation) -> None:
    done = timezone.localdate() - timedelta(days=10)
    record = services.training_record(organisation=org, user=users["staff"], kind="prevent", completed_on=done, by=users["dsl"])
    assert record.expires_on == services.add_months(done, 24)
    with pytest.raises(PreventionError, match="future"):
        services.training_record(organisation=org, user=users["staff"], kind="prevent", completed_on=timezone.localdate() + timedelta(days=1), by=users["dsl"])


def test_training_can_only_be_recorded_for_members(users: dict[str, User], org: Organisation, make_user: Callable[..., User], other_org: Organisation) -> None:
    outsider = make_user("x@vale.test", role="staff", organisation=other_org)
    with pytest.raises(PreventionError, match="not a member"):
        services.training_record(organisation=org, user=outsider, kind="prevent", completed_on=timezone.localdate(), by=users["dsl"])


def test_the_matrix_shows_who_is_due_and_the_ceop_ambassadors(
    users: dict[str, User], org: Organisation, login_as: Callable[[User], Client]
) -> None:
    today = timezone.localdate()
    services.training_record(organisation=org, user=users["dsl"], kind=TrainingKind.CEOP_AMBASSADOR, completed_on=today, by=users["dsl"])
    services.training_record(organisation=org, user=users["staff"], kind="awareness", completed_on=today - timedelta(days=400),
                             expires_on=today - timedelta(days=35), by=users["dsl"])
    kinds, rows = selectors.training_matrix(organisation_id=org.pk)
    by_name = {row.user.pk: row for row in rows}
    staff_cells = dict(zip(kinds, by_name[users["staff"].pk].cells, strict=True))
    assert staff_cells["awareness"].status == "expired"
    assert staff_cells["safeguarding_dsl"].status == "not_required"
    assert dict(zip(kinds, by_name[users["dsl"].pk].cells, strict=True))["safeguarding_dsl"].status == "missing"
    assert [r.user for r in selectors.ceop_ambassadors(organisation_id=org.pk)] == [users["dsl"]]
    page = login_as(users["senior_leader"]).get(reverse("prevention:training")).content.decode()
    assert "1 of the 2 recommended" in page and "Ran out" in page


def test_reminders_go_to_the_person_whose_training_runs_out_once_a_fortnight(users: dict[str, User], org: Organisation) -> None:
    today = timezone.localdate()
    services.training_record(organisation=org, user=users["staff"], kind="prevent", completed_on=today - timedelta(days=700),
                             expires_on=today + timedelta(days=6), by=users["dsl"])
    out = StringIO()
    call_command("prevention", "remind", stdout=out)
    assert "Sent 1 training reminder." in out.getvalue()
    assert mail.outbox[0].to == [users["staff"].email] and "The Prevent duty" in mail.outbox[0].subject
    call_command("prevention", "remind", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_the_awareness_log_takes_an_entry_from_any_member(users: dict[str, User], login_as: Callable[[User], Client], org: Organisation) -> None:
    client = login_as(users["staff"])
    response = client.post(reverse("prevention:awareness"), {
        "kind": "assembly", "title": "Safer Internet Day", "held_on": timezone.localdate().isoformat(),
        "audience": "Year 7", "reached": "180", "notes": "",
    })
    assert response.status_code == 302
    assert AwarenessActivity.objects.get().organisation == org
    assert "Safer Internet Day" in client.get(reverse("prevention:awareness")).content.decode()
    bad = client.post(reverse("prevention:awareness"), {"kind": "assembly", "title": "", "held_on": "", "audience": ""})
    assert "This field is required" in bad.content.decode()


def test_the_demo_shows_every_state_and_is_safe_to_run_again(client: Client) -> None:
    load_demo()
    counts = (Policy.objects.count(), Acknowledgement.objects.count(), TrainingRecord.objects.count(), Survey.objects.count())
    load_demo()
    assert (Policy.objects.count(), Acknowledgement.objects.count(), TrainingRecord.objects.count(), Survey.objects.count()) == counts
    school = Organisation.objects.get(slug="northbridge")
    states = {row.policy.kind: row.state for row in selectors.policy_rows(organisation_id=school.pk)}
    assert set(states.values()) == {PolicyState.DRAFT, PolicyState.CURRENT, PolicyState.DUE, PolicyState.OVERDUE, PolicyState.REVIEW_ASKED}
    pupils_aup = Policy.objects.get(organisation=school, kind=PolicyKind.AUP_PUPILS).versions.get()
    assert pupils_aup.acknowledgements.count() == 2 * pupils_aup.acknowledgements.filter(acknowledged_at__isnull=False).count() > 0
    assert selectors.training_due(organisation=school)
    closed = [s for s in Survey.objects.filter(organisation=school) if s.closes_on < timezone.localdate()]
    assert any(s.responses >= 5 and selectors.survey_results(s) for s in closed)
    assert any(s.responses < 5 and selectors.survey_results(s) is None for s in closed)
    assert len(selectors.ceop_ambassadors(organisation_id=school.pk)) == 2
    for slug in ("northbridge", "riverside-adult-learning"):
        page = client.get(reverse("prevention_public:policies", args=[slug]))
        assert page.status_code == 200 and "Anti-bullying policy" in page.content.decode()


def test_every_staff_page_renders_with_the_demo_data(login_as: Callable[[User], Client]) -> None:
    load_demo()
    school = Organisation.objects.get(slug="northbridge")
    client = login_as(User.objects.get(email="dsl@northbridge.example"))
    pages = [reverse(name) for name in ("prevention:home", "prevention:training", "prevention:awareness", "prevention:surveys",
                                         "prevention:my_acknowledgements", "prevention:policy_new", "prevention:training_new",
                                         "prevention:survey_new", "prevention:review_request")]
    for policy in Policy.objects.filter(organisation=school):
        pages.append(reverse("prevention:policy", args=[policy.pk]))
        for version in policy.versions.all():
            pages.append(reverse("prevention:version", args=[policy.pk, version.number]))
            if version.acknowledgements.exists():
                pages.append(reverse("prevention:outstanding", args=[policy.pk, version.number]))
    pages += [reverse("prevention:survey", args=[s.pk]) for s in Survey.objects.filter(organisation=school)]
    for page in pages:
        assert client.get(page).status_code == 200, page
    assert "policy reviews due" in client.get("/").content.decode()
