"""Fixtures: a closed case about two pupils, with evidence, whose records are due for review."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from upstander.accounts.models import Organisation, User
from upstander.cases.models import Case
from upstander.cases.services import case_close, case_party_add
from upstander.cases.tests.conftest import dsl, open_case, submit, triage  # noqa: F401
from upstander.evidence.models import EvidenceItem
from upstander.evidence.services import evidence_add_file, evidence_add_text
from upstander.people.models import Person, PersonKind

ACCOUNT = (
    "Jordan Blake keeps posting pictures of Sam Patel with cruel captions on @jb_banter_99. "
    "Riley Okafor saw it too. Call 07700 900123 or email jordan.blake@example.com."
)


def png(colour: str) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def pupils(org: Organisation) -> dict[str, Person]:
    def make(first: str, last: str, upn: str) -> Person:
        return Person.objects.create(organisation=org, kind=PersonKind.PUPIL, first_name=first, last_name=last,
                                     external_id=upn, year_group="Year 9")  # fmt: skip

    return {"sam": make("Sam", "Patel", "UPN-SAM-1"), "jordan": make("Jordan", "Blake", "UPN-JOR-2"),
            "riley": make("Riley", "Okafor", "UPN-RIL-3")}  # fmt: skip


@pytest.fixture
def closed_case(
    open_case: Callable[..., Case],  # noqa: F811 (the cases fixtures, imported above)
    triage: Callable[..., Case],  # noqa: F811
    dsl: User,  # noqa: F811
    pupils: dict[str, Person],
) -> Case:
    case = open_case(account=ACCOUNT, people_involved="Jordan Blake, @jb_banter_99", anonymous=False,
                     reporter_name="Karen Davies", reporter_email="karen.davies@example.net")  # fmt: skip
    case = triage(case)
    case_party_add(case=case, by=dsl, request=None, role="target", kind="pupil", person=pupils["sam"])
    case_party_add(case=case, by=dsl, request=None, role="alleged_perpetrator", kind="pupil", person=pupils["jordan"],
                   identifier="@jb_banter_99")  # fmt: skip
    report = case.case_reports.first().report  # type: ignore[union-attr]
    evidence_add_text(report=report, text="Jordan Blake: look at Sam lol", kind="message", added_by_label="test",
                      metadata={"description": "Group chat message from Jordan Blake", "handles": "@jb_banter_99"})  # fmt: skip
    evidence_add_file(report=report, data=png("red"), filename="shot.png", added_by_label="test",
                      metadata={"description": "Screenshot of the post"})  # fmt: skip
    evidence_add_file(report=report, data=png("blue"), filename="sealed.png", sexual_image=True, added_by_label="test")
    case_close(case=case, outcome="sanctions", reason="Jordan Blake sanctioned; Sam Patel supported.",
               follow_up_on=timezone.localdate(), by=dsl, request=None, open_work_reason="Done in person.")  # fmt: skip
    Case.objects.filter(pk=case.pk).update(records_review_on=timezone.localdate() - timedelta(days=1))
    case.refresh_from_db()
    return case


@pytest.fixture
def items(closed_case: Case) -> list[EvidenceItem]:
    return list(EvidenceItem.objects.filter(report__case_link__case=closed_case).order_by("pk"))


@pytest.fixture(autouse=True)
def _run_on_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Vault objects are removed once the erasure commits (on_commit); a test's own transaction never
    commits, so the removal runs at once here."""
    monkeypatch.setattr("upstander.evidence.erasure.on_commit", lambda run: run())
