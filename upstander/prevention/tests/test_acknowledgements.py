"""Acceptable-use policies acknowledged by account, or by a personal link or code without one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from upstander.accounts.models import Organisation, User
from upstander.people.models import Person, PersonKind
from upstander.prevention import selectors, services
from upstander.prevention.models import Acknowledgement, Policy, PolicyKind
from upstander.prevention.services import PreventionError

pytestmark = pytest.mark.django_db


def test_each_parent_gets_their_own_link_and_code_and_only_hashes_are_kept(
    approved_policy: Callable[..., Policy], parents: list[Person], users: dict[str, User]
) -> None:
    policy = approved_policy()
    asked, slips = services.acknowledgements_send(version=policy.versions.get(), audience="parents", by=users["dsl"])
    assert asked == 3 and len({slip.token for slip in slips}) == 3 and len({slip.code for slip in slips}) == 3
    for slip in slips:
        row = Acknowledgement.objects.get(pk=slip.acknowledgement.pk)
        assert slip.token not in (row.token_hash, row.code_hash) and len(slip.token) >= 40
        assert row.token_hash == services.hash_token(slip.token)


def test_a_parent_acknowledges_from_their_link_without_signing_in(
    client: Client, approved_policy: Callable[..., Policy], parents: list[Person], users: dict[str, User]
) -> None:
    policy = approved_policy()
    _, slips = services.acknowledgements_send(version=policy.versions.get(), audience="parents", by=users["dsl"])
    page = client.get(slips[0].path)
    name = slips[0].acknowledgement.person.first_name  # type: ignore[union-attr]
    assert page.status_code == 200 and f"{name}, please read this" in page.content.decode()
    assert page["Cache-Control"].startswith("no-store") or "no-store" in page["Cache-Control"]
    done = client.post(slips[0].path, {"agree": "yes"})
    assert "Thank you" in done.content.decode()
    ack = Acknowledgement.objects.get(pk=slips[0].acknowledgement.pk)
    assert ack.acknowledged_at is not None and ack.version.number == 1
    assert Acknowledgement.objects.filter(acknowledged_at__isnull=False).count() == 1  # no one else's
    assert client.get(slips[0].path).status_code == 404  # a used link stops working


def test_a_code_works_typed_with_spaces_and_lowercase(
    client: Client, approved_policy: Callable[..., Policy], parents: list[Person], users: dict[str, User]
) -> None:
    policy = approved_policy()
    _, slips = services.acknowledgements_send(version=policy.versions.get(), audience="parents", by=users["dsl"])
    typed = slips[1].code.lower().replace("-", " ")
    page = client.post(reverse("prevention_public:acknowledge_code"), {"code": typed})
    assert f"{slips[1].acknowledgement.person.first_name}, please read this" in page.content.decode()  # type: ignore[union-attr]
    client.post(reverse("prevention_public:acknowledge_code"), {"code": typed, "agree": "yes"})
    assert Acknowledgement.objects.get(pk=slips[1].acknowledgement.pk).acknowledged_at is not None
    assert Acknowledgement.objects.get(pk=slips[0].acknowledgement.pk).acknowledged_at is None


def test_a_wrong_code_says_what_to_check(client: Client) -> None:
    page = client.post(reverse("prevention_public:acknowledge_code"), {"code": "ABCDE-FGHJK"}).content.decode()
    assert "That code does not work" in page


def test_one_person_s_token_cannot_acknowledge_for_another(
    client: Client, approved_policy: Callable[..., Policy], parents: list[Person], users: dict[str, User]
) -> None:
    policy = approved_policy()
    _, slips = services.acknowledgements_send(version=policy.versions.get(), audience="parents", by=users["dsl"])
    other = slips[1].acknowledgement
    # the form carries nothing that names the acknowledgement: extra fields are ignored
    client.post(slips[0].path, {"agree": "yes", "acknowledgement": other.pk, "person": other.person_id, "code": slips[1].code})
    assert Acknowledgement.objects.get(pk=other.pk).acknowledged_at is None
    assert Acknowledgement.objects.get(pk=slips[0].acknowledgement.pk).acknowledged_at is not None


def test_a_staff_member_cannot_acknowledge_a_colleague_s(
    approved_policy: Callable[..., Policy], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    policy = approved_policy(PolicyKind.AUP_STAFF)
    services.acknowledgements_send(version=policy.versions.get(), audience="staff", by=users["dsl"])
    theirs = Acknowledgement.objects.get(user=users["dsl"])
    response = login_as(users["staff"]).post(reverse("prevention:acknowledge_mine", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.acknowledged_at is None
    with pytest.raises(PreventionError):
        services.acknowledge(acknowledgement=theirs, user=users["staff"])


def test_staff_are_asked_by_account_and_email_and_acknowledge_signed_in(
    approved_policy: Callable[..., Policy], users: dict[str, User], login_as: Callable[[User], Client],
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    policy = approved_policy(PolicyKind.AUP_STAFF)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        asked, slips = services.acknowledgements_send(version=policy.versions.get(), audience="staff", by=users["dsl"])
    assert asked == 5 and slips == []  # every member with an organisation role; not the authority lead
    assert len(mail.outbox) == 5 and all(len(m.to) == 1 for m in mail.outbox)
    mine = Acknowledgement.objects.get(user=users["staff"])
    client = login_as(users["staff"])
    assert "Acceptable use: staff" in client.get(reverse("prevention:my_acknowledgements")).content.decode()
    client.post(reverse("prevention:acknowledge_mine", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.acknowledged_at is not None


def test_no_one_is_asked_twice_for_the_same_version(
    approved_policy: Callable[..., Policy], parents: list[Person], users: dict[str, User]
) -> None:
    policy = approved_policy()
    services.acknowledgements_send(version=policy.versions.get(), audience="parents", by=users["dsl"])
    with pytest.raises(PreventionError, match="already been asked"):
        services.acknowledgements_send(version=policy.versions.get(), audience="parents", by=users["dsl"])


def test_a_new_version_asks_everyone_again(
    approved_policy: Callable[..., Policy], parents: list[Person], users: dict[str, User]
) -> None:
    policy = approved_policy()
    first = policy.versions.get()
    _, slips = services.acknowledgements_send(version=first, audience="parents", by=users["dsl"])
    services.acknowledge(acknowledgement=slips[0].acknowledgement)
    second = services.version_create(policy=policy, text="# New rules", change_summary="Shorter", by=users["dsl"])
    services.version_approve(version=second, approved_on=timezone.localdate(), approved_by="Governors", by=users["dsl"])
    asked, new_slips = services.acknowledgements_send_again(version=second, by=users["dsl"])
    assert asked == 3 and len(new_slips) == 3
    summary = {s.version.number: s for s in selectors.acknowledgement_summaries(organisation_id=policy.organisation_id)}
    assert (summary[1].done, summary[2].done, summary[2].outstanding) == (1, 0, 3)


def test_a_reminder_replaces_the_link_and_the_old_one_stops_working(
    client: Client, approved_policy: Callable[..., Policy], parents: list[Person], users: dict[str, User]
) -> None:
    policy = approved_policy()
    _, slips = services.acknowledgements_send(version=policy.versions.get(), audience="parents", by=users["dsl"])
    count, fresh = services.acknowledgements_remind(version=policy.versions.get(), by=users["dsl"])
    assert count == 3
    assert client.get(slips[0].path).status_code == 404
    assert client.get(fresh[0].path).status_code == 200


def test_pupils_see_the_child_friendly_version(
    client: Client, approved_policy: Callable[..., Policy], pupils: list[Person], users: dict[str, User]
) -> None:
    policy = approved_policy(PolicyKind.AUP_PUPILS)
    _, slips = services.acknowledgements_send(version=policy.versions.get(), audience="pupils", group="Year 8", by=users["dsl"])
    assert len(slips) == 4
    page = client.get(slips[0].path).content.decode()
    assert "Our online promise" in page and "Read the full version" in page


def test_only_approved_acceptable_use_policies_are_sent(
    users: dict[str, User], org: Organisation, parents: list[Person]
) -> None:
    draft = services.policy_create(organisation=org, kind=PolicyKind.AUP_PARENTS, by=users["dsl"])
    with pytest.raises(PreventionError, match="Approve"):
        services.acknowledgements_send(version=draft.versions.get(), audience="parents", by=users["dsl"])
    behaviour = services.policy_create(organisation=org, kind=PolicyKind.BEHAVIOUR, by=users["dsl"])
    with pytest.raises(PreventionError, match="acceptable-use"):
        services.acknowledgements_send(version=behaviour.versions.get(), audience="parents", by=users["dsl"])


def test_guessing_links_and_codes_is_rate_limited(client: Client) -> None:
    for _ in range(20):
        assert client.get(reverse("prevention_public:acknowledge", args=["x" * 43])).status_code == 404
    assert client.get(reverse("prevention_public:acknowledge", args=["x" * 43])).status_code == 429
    assert client.post(reverse("prevention_public:acknowledge_code"), {"code": "ABCDE-FGHJK"}).status_code == 429


def test_a_whole_class_can_acknowledge_from_one_school_address(
    client: Client, approved_policy: Callable[..., Policy], org: Organisation, users: dict[str, User]
) -> None:
    for index in range(30):
        Person.objects.create(organisation=org, kind=PersonKind.PUPIL, first_name=f"P{index}", year_group="Year 7")
    policy = approved_policy(PolicyKind.AUP_PUPILS)
    _, slips = services.acknowledgements_send(version=policy.versions.get(), audience="pupils", by=users["dsl"])
    for slip in slips:
        assert client.get(slip.path).status_code == 200
        client.post(slip.path, {"agree": "yes"})
    assert Acknowledgement.objects.filter(acknowledged_at__isnull=False).count() == 30


def test_another_organisation_s_people_are_never_asked(
    approved_policy: Callable[..., Policy], other_org: Organisation, users: dict[str, User]
) -> None:
    Person.objects.create(organisation=other_org, kind=PersonKind.PARENT, first_name="Elsewhere")
    Person.objects.create(organisation=approved_policy().organisation, kind=PersonKind.PARENT, first_name="Here")
    policy = Policy.objects.get(kind=PolicyKind.AUP_PARENTS)
    _, slips = services.acknowledgements_send(version=policy.versions.get(), audience="parents", by=users["dsl"])
    assert [s.acknowledgement.person.first_name for s in slips] == ["Here"]  # type: ignore[union-attr]


def test_archived_people_are_not_asked(approved_policy: Callable[..., Policy], org: Organisation, users: dict[str, User]) -> None:
    Person.objects.create(organisation=org, kind=PersonKind.PARENT, first_name="Left", is_archived=True)
    with pytest.raises(PreventionError):
        services.acknowledgements_send(version=approved_policy().versions.get(), audience="parents", by=users["dsl"])


def test_slips_are_not_cached(
    approved_policy: Callable[..., Policy], parents: list[Person], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    policy = approved_policy()
    response = login_as(users["dsl"]).post(reverse("prevention:send", args=[policy.pk, 1]), {"audience": "parents"})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert response.content.decode().count('class="slip"') == 3
    assert timezone.now() - Acknowledgement.objects.first().asked_at < timedelta(minutes=1)  # type: ignore[union-attr]
