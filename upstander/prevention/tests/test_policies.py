"""Policies: versions, safe Markdown, PDFs, the public page, reviews (yearly and after an incident)."""

from __future__ import annotations

import json
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
from upstander.prevention import selectors, services
from upstander.prevention.models import Policy, PolicyKind, PolicyReview
from upstander.prevention.render import markdown_to_html
from upstander.prevention.selectors import PolicyState
from upstander.prevention.services import PreventionError

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_markdown_is_rendered_without_raw_html_or_unsafe_links() -> None:
    html = markdown_to_html(
        "# Title\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1)) [ok](https://example.org) "
        '<img src=x onerror=alert(1)>\n\n- **bold**'
    )
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html  # shown as text, not run
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">ok</a>' in html
    assert "<h2>Title</h2>" in html and "<strong>bold</strong>" in html


def test_a_starter_is_a_draft_clearly_marked_to_adapt(users: dict[str, User], org: Organisation) -> None:
    policy = services.policy_create(organisation=org, kind=PolicyKind.ANTI_BULLYING, by=users["dsl"])
    version = policy.versions.get()
    assert "Template to adapt" in version.text and "Hill School" in version.text
    assert "Online bullying counts exactly as much" in version.text
    assert selectors.policy_state(policy) == PolicyState.DRAFT
    assert selectors.public_policies(org) == []


def test_approving_makes_it_current_and_sets_the_yearly_review(approved_policy: Callable[..., Policy]) -> None:
    policy = approved_policy(PolicyKind.BEHAVIOUR)
    policy.refresh_from_db()
    today = timezone.localdate()
    assert policy.review_due_on is not None and 365 <= (policy.review_due_on - today).days <= 366
    assert selectors.policy_state(policy) == PolicyState.CURRENT
    assert selectors.policy_state(policy, today=policy.review_due_on - timedelta(days=10)) == PolicyState.DUE
    assert selectors.policy_state(policy, today=policy.review_due_on + timedelta(days=1)) == PolicyState.OVERDUE


def test_an_approved_version_cannot_be_approved_again_or_in_the_future(
    approved_policy: Callable[..., Policy], users: dict[str, User]
) -> None:
    policy = approved_policy()
    with pytest.raises(PreventionError, match="already approved"):
        services.version_approve(version=policy.versions.get(), approved_on=timezone.localdate(), approved_by="x", by=users["dsl"])
    draft = services.version_create(policy=policy, text="New", change_summary="c", by=users["dsl"])
    with pytest.raises(PreventionError, match="future"):
        services.version_approve(version=draft, approved_on=timezone.localdate() + timedelta(days=1), approved_by="x", by=users["dsl"])


def test_a_pdf_is_checked_and_size_limited(approved_policy: Callable[..., Policy], users: dict[str, User]) -> None:
    policy = approved_policy()
    with pytest.raises(PreventionError, match="not a PDF"):
        services.version_create(policy=policy, text="", pdf=b"<html>hi</html>", pdf_name="x.pdf", change_summary="c", by=users["dsl"])
    with pytest.raises(PreventionError, match="too big"):
        services.version_create(policy=policy, text="", pdf=PDF + b"0" * services.MAX_PDF_BYTES, pdf_name="x.pdf", change_summary="c", by=users["dsl"])
    version = services.version_create(policy=policy, text="", pdf=PDF, pdf_name="policy.pdf", change_summary="c", by=users["dsl"])
    assert version.has_pdf


def test_uploading_a_pdf_through_the_page_and_reading_it(
    approved_policy: Callable[..., Policy], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    policy = approved_policy()
    client = login_as(users["dsl"])
    response = client.post(
        reverse("prevention:version_new", args=[policy.pk]),
        {"text": "", "change_summary": "As a PDF", "pdf": SimpleUploadedFile("p.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 302
    pdf = client.get(reverse("prevention:version_pdf", args=[policy.pk, 2]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content == PDF and pdf["Content-Security-Policy"] == "sandbox"
    refused = client.post(
        reverse("prevention:version_new", args=[policy.pk]),
        {"text": "", "change_summary": "x", "pdf": SimpleUploadedFile("p.pdf", b"MZ\x90\x00", "application/pdf")},
    )
    assert "That file is not a PDF" in refused.content.decode()


def test_the_public_page_lists_current_public_versions_beside_the_reporting_routes(
    client: Client, approved_policy: Callable[..., Policy], users: dict[str, User], org: Organisation
) -> None:
    anti = approved_policy(PolicyKind.ANTI_BULLYING)
    approved_policy(PolicyKind.AUP_STAFF)  # staff-only by default
    services.policy_create(organisation=org, kind=PolicyKind.BEHAVIOUR, by=users["dsl"])  # draft
    draft = services.version_create(policy=anti, text="# Secret draft words", change_summary="c", by=users["dsl"])
    page = client.get(reverse("prevention_public:policies", args=["hill"])).content.decode()
    assert "Anti-bullying policy" in page and "Online bullying counts exactly as much" in page
    assert "Acceptable use: staff" not in page and "Behaviour policy" not in page
    assert "Secret draft words" not in page and draft.number == 2
    assert reverse("reports:start", args=["hill"]) in page and "999" in page
    assert reverse("prevention_public:policies", args=["hill"]) in client.get(reverse("routes:page", args=["hill"])).content.decode()


def test_old_versions_stay_readable_by_staff(
    approved_policy: Callable[..., Policy], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    policy = approved_policy()
    second = services.version_create(policy=policy, text="# Version two words", change_summary="c", by=users["dsl"])
    services.version_approve(version=second, approved_on=timezone.localdate(), approved_by="Gov", by=users["dsl"])
    page = login_as(users["staff"]).get(reverse("prevention:version", args=[policy.pk, 1])).content.decode()
    assert "Template to adapt" in page and "version 1" in page


def test_a_yearly_review_with_no_change_sets_the_next_one(approved_policy: Callable[..., Policy], users: dict[str, User]) -> None:
    policy = approved_policy()
    policy.review_due_on = timezone.localdate() - timedelta(days=3)
    policy.save()
    services.review_record(policy=policy, outcome="Still right.", by=users["senior_leader"])
    assert selectors.policy_state(policy) == PolicyState.CURRENT
    with pytest.raises(PreventionError):
        services.review_record(policy=policy, outcome="  ", by=users["dsl"])


def test_a_case_review_asks_for_a_policy_review_linked_to_the_case(
    approved_policy: Callable[..., Policy], users: dict[str, User], login_as: Callable[[User], Client], org: Organisation
) -> None:
    from upstander.cases.models import Case

    policy = approved_policy(PolicyKind.ONLINE_SAFETY)
    case = Case.objects.create(organisation=org, number=1, review={"policies": "Add group chats to the policy."})
    client = login_as(users["dsl"])
    form = client.get(reverse("prevention:review_request") + f"?case={case.pk}").content.decode()
    assert "Add group chats to the policy." in form
    client.post(reverse("prevention:review_request"), {"case": case.pk, "policy": policy.pk, "reason": "Add group chats."})
    review = PolicyReview.objects.get(policy=policy)
    assert review.case == case and review.done_on is None
    assert selectors.policy_state(policy) == PolicyState.REVIEW_ASKED
    second = services.version_create(policy=policy, text="# With group chats", change_summary="Group chats", by=users["dsl"])
    services.version_approve(version=second, approved_on=timezone.localdate(), approved_by="Gov", by=users["dsl"])
    review.refresh_from_db()
    assert review.done_on is not None and review.version == second


def test_a_case_of_another_organisation_cannot_be_linked(
    approved_policy: Callable[..., Policy], users: dict[str, User], login_as: Callable[[User], Client], other_org: Organisation
) -> None:
    from upstander.cases.models import Case

    policy = approved_policy()
    theirs = Case.objects.create(organisation=other_org, number=1)
    response = login_as(users["dsl"]).post(reverse("prevention:review_request"), {"case": theirs.pk, "policy": policy.pk, "reason": "x"})
    assert response.status_code == 404
    with pytest.raises(PreventionError):
        services.policy_review_request(policy=policy, case=theirs, reason="x", by=users["dsl"])
    assert not PolicyReview.objects.exists()


def test_due_reviews_show_on_the_dsl_s_and_senior_leader_s_home_page_but_not_staff_s(
    approved_policy: Callable[..., Policy], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    policy = approved_policy()
    Policy.objects.filter(pk=policy.pk).update(review_due_on=timezone.localdate() - timedelta(days=1))
    for role in ("dsl", "senior_leader"):
        assert "1 policy review due, 1 overdue" in login_as(users[role]).get("/").content.decode(), role
    assert "policy review" not in login_as(users["staff"]).get("/").content.decode()


def test_the_digest_says_what_is_due_in_counts_only(
    approved_policy: Callable[..., Policy], users: dict[str, User], org: Organisation
) -> None:
    policy = approved_policy()
    Policy.objects.filter(pk=policy.pk).update(review_due_on=timezone.localdate() - timedelta(days=1))
    call_command("case_digest", stdout=StringIO())
    (message,) = [m for m in mail.outbox if "Hill School" in m.subject]
    assert "1 policy review is due" in message.body and "Acceptable use" not in message.body


def test_prevention_due_command_lists_reviews_acknowledgements_and_training(
    approved_policy: Callable[..., Policy], users: dict[str, User], org: Organisation, other_org: Organisation
) -> None:
    policy = approved_policy(PolicyKind.AUP_STAFF)
    Policy.objects.filter(pk=policy.pk).update(review_due_on=timezone.localdate() + timedelta(days=5))
    services.acknowledgements_send(version=policy.versions.get(), audience="staff", by=users["dsl"])
    services.training_record(
        organisation=org, user=users["staff"], kind="prevent", completed_on=timezone.localdate() - timedelta(days=700),
        expires_on=timezone.localdate() + timedelta(days=7), by=users["dsl"],
    )
    out = StringIO()
    call_command("prevention", "due", "--organisation", "hill", "--json", stdout=out)
    (entry,) = json.loads(out.getvalue())
    assert entry["slug"] == "hill"
    assert entry["reviews"][0]["state"] == "Review due soon"
    assert entry["acknowledgements"][0]["outstanding"] == 5
    prevent = [t for t in entry["training"] if t["training"] == "The Prevent duty" and t["person"] == users["staff"].full_name]
    assert prevent and prevent[0]["state"].startswith("runs out")
    text = StringIO()
    call_command("prevention", "due", stdout=text)
    assert "Vale College (vale)\n  Nothing due." in text.getvalue()


def test_a_reviewed_case_links_to_asking_for_a_policy_review(
    users: dict[str, User], login_as: Callable[[User], Client], org: Organisation, approved_policy: Callable[..., Policy]
) -> None:
    from upstander.cases.models import Case

    policy = approved_policy(PolicyKind.ONLINE_SAFETY)
    case = Case.objects.create(organisation=org, number=1, status="reviewed", reviewed_at=timezone.now(),
                               review={"policies": "Add group chats."})
    services.policy_review_request(policy=policy, case=case, reason="Add group chats.")
    page = login_as(users["dsl"]).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("prevention:review_request") + f"?case={case.pk}" in page
    assert reverse("prevention:policy", args=[policy.pk]) in page and "review due" in page


def test_the_owner_and_publishing_can_be_changed_but_not_to_an_outsider(
    approved_policy: Callable[..., Policy], users: dict[str, User], login_as: Callable[[User], Client],
    make_user: Callable[..., User], other_org: Organisation,
) -> None:
    policy = approved_policy(PolicyKind.AUP_STAFF)
    client = login_as(users["senior_leader"])
    client.post(reverse("prevention:policy_settings", args=[policy.pk]),
                {"title": "Staff AUP", "owner": users["deputy_dsl"].pk, "is_public": "on"})
    policy.refresh_from_db()
    assert (policy.title, policy.owner, policy.is_public) == ("Staff AUP", users["deputy_dsl"], True)
    outsider = make_user("x@vale.test", role="dsl", organisation=other_org)
    client.post(reverse("prevention:policy_settings", args=[policy.pk]), {"title": "T", "owner": outsider.pk})
    policy.refresh_from_db()
    assert policy.owner == users["deputy_dsl"] and policy.title == "Staff AUP"


def test_a_structured_review_that_says_policies_must_change_offers_the_policy_review(
    users: dict[str, User], login_as: Callable[[User], Client], org: Organisation
) -> None:
    from upstander.cases.models import Case

    case = Case.objects.create(organisation=org, number=1, status="reviewed", reviewed_at=timezone.now(),
                               review={"version": 2, "policy_change": "yes"})
    page = login_as(users["dsl"]).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "This review says a policy should change." in page
    assert "This review says a policy should change." not in login_as(users["staff"]).get(
        reverse("cases:detail", args=[case.pk])
    ).content.decode()
