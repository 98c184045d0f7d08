"""Each bad upload is refused with a reason, and nothing else is lost."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import User
from upstander.evidence import conf, selectors
from upstander.evidence.adding import evidence_add_file, evidence_add_text
from upstander.evidence.models import EvidenceItem
from upstander.evidence.tests.factories import png_bytes, png_claiming_size
from upstander.evidence.vault.errors import UploadRefused
from upstander.reports.models import Report

pytestmark = pytest.mark.django_db


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("a.txt", "hello")
    return out.getvalue()


BAD_UPLOADS: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "too big": (lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * (1024 * 1024 + 1), "file_too_large", "the limit is 1.0 MB"),
    "wrong type": (_zip, "unsupported_type", "ZIP archive"),
    "a program": (lambda: b"MZ\x90\x00" + b"\0" * 100, "unsupported_type", "Windows program"),
    "a web page": (lambda: b"<!doctype html><script>alert(1)</script>", "unsupported_type", "scripts"),
    "bomb": (lambda: png_claiming_size(width=20_000, height=20_000), "decompression_bomb", "too large in pixels"),
    "damaged image": (lambda: png_bytes()[:60], "corrupt_image", "could not be read"),
    "empty": (lambda: b"", "empty", "The file is empty"),
}


@pytest.fixture
def existing(report: Report) -> list[EvidenceItem]:
    return [
        evidence_add_file(report=report, data=png_bytes(colour="red"), filename="first.png"),
        evidence_add_text(report=report, text="the first message", kind="message"),
    ]


@pytest.mark.parametrize("case", list(BAD_UPLOADS))
def test_each_bad_upload_is_refused_with_a_clear_reason_and_nothing_else_is_lost(
    settings: Any, report: Report, existing: list[EvidenceItem], case: str
) -> None:
    settings.EVIDENCE_MAX_FILE_MB = 1
    make, code, words = BAD_UPLOADS[case]
    with pytest.raises(UploadRefused) as refused:
        evidence_add_file(report=report, data=make(), filename="upload.png")
    assert refused.value.code == code
    assert words in str(refused.value)
    assert list(EvidenceItem.objects.filter(report=report)) == existing
    assert selectors.evidence_verify().ok
    assert [t.text for t in selectors.evidence_texts_for_report(report_id=report.pk)] == ["the first message"]


def test_the_per_report_limit_counts_everything_already_held(
    settings: Any, report: Report, existing: list[EvidenceItem]
) -> None:
    settings.EVIDENCE_MAX_REPORT_MB = 1
    evidence_add_file(report=report, data=b"x" * 600_000, filename="log.txt")
    with pytest.raises(UploadRefused, match="per report") as refused:
        evidence_add_file(report=report, data=b"y" * 500_000, filename="log2.txt")
    assert refused.value.code == "report_too_large"
    assert EvidenceItem.objects.filter(report=report).count() == 3


def test_the_limit_applies_per_report_not_across_reports(
    settings: Any, report: Report, outsider_report: Report
) -> None:
    settings.EVIDENCE_MAX_REPORT_MB = 1
    evidence_add_file(report=report, data=b"x" * 900_000, filename="log.txt")
    evidence_add_file(report=outsider_report, data=b"y" * 900_000, filename="log.txt")


def test_a_refused_upload_on_the_staff_form_says_why_beside_the_field(
    settings: Any, login_as: Callable[[User], Client], users: dict[str, User], report: Report,
    existing: list[EvidenceItem],
) -> None:  # fmt: skip
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login_as(users["dsl"])
    response = client.post(
        reverse("evidence:add", args=[report.pk, "file"]), {"file": SimpleUploadedFile("homework.docx", _zip())}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "ZIP archive" in page and "Word, Excel" in page
    assert EvidenceItem.objects.filter(report=report).count() == 2


def test_an_oversized_file_on_the_staff_form_is_refused_before_it_is_read(
    settings: Any, login_as: Callable[[User], Client], users: dict[str, User], report: Report
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.EVIDENCE_MAX_FILE_MB = 1
    upload = SimpleUploadedFile("big.png", b"\x89PNG" + b"\0" * (conf.MB + 10))
    response = login_as(users["dsl"]).post(reverse("evidence:add", args=[report.pk, "file"]), {"file": upload})
    assert response.status_code == 400
    assert "the limit is 1 MB per file" in response.content.decode()
    assert not EvidenceItem.objects.exists()
