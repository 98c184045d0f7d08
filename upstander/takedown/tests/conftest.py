"""Fixtures for takedown: the cases app's (reports, cases, triage) plus evidence on a case."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from upstander.cases.models import Case
from upstander.cases.tests.conftest import case, dsl, open_case, submit, triage  # noqa: F401
from upstander.evidence.adding import evidence_add_file, evidence_add_text
from upstander.evidence.models import EvidenceItem


def _png(colour: str = "red") -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, "PNG")
    return out.getvalue()


PNG = _png()


@pytest.fixture(autouse=True)
def _platform_profiles(db: None) -> None:
    """The seed migration's rows: a transactional test elsewhere in the suite flushes them."""
    from upstander.takedown.directory import seed_rows
    from upstander.takedown.models import PlatformProfile

    for row in seed_rows():
        PlatformProfile.objects.get_or_create(slug=row["slug"], defaults=row)


@pytest.fixture
def add_evidence() -> Callable[..., EvidenceItem]:
    """`add_evidence(case, text=..., url=..., sealed=False)`: an item on the case's first report."""

    def add(on: Case, *, text: str = "You are disgusting, everyone hates you", url: str = "https://www.instagram.com/p/abc123/",
            sealed: bool = False, **metadata: Any) -> EvidenceItem:  # fmt: skip
        report = on.case_reports.first().report  # type: ignore[union-attr]
        if sealed:
            return evidence_add_file(report=report, data=PNG, filename="image.png", sexual_image=True,
                                     added_by_label="test")  # fmt: skip
        return evidence_add_text(
            report=report, text=text, kind="web_page", url=url, added_by_label="test",
            metadata={"platform": "instagram", "handles": "mean_account_99", **metadata},
        )  # fmt: skip

    return add


@pytest.fixture
def triaged(case: Case, triage: Callable[..., Case]) -> Case:  # noqa: F811 (the cases fixtures, imported above)
    """A pupil-on-pupil insult case on Instagram, triaged."""
    return triage(case, categories=["insult", "harassment"])
