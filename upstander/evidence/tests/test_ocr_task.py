"""Screenshots are read with Tesseract in the background; the text is stored (encrypted, derived)
and given to analysis. Without Tesseract the app runs and the item page says OCR is unavailable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import User
from upstander.evidence import conf, selectors
from upstander.evidence.adding import evidence_add_file, evidence_add_text
from upstander.evidence.custody import OCR_TEXT
from upstander.evidence.models import OcrState
from upstander.evidence.tests.factories import screenshot_with_text, truetype_font
from upstander.evidence.tests.helpers import run_tasks
from upstander.evidence.vault import ocr
from upstander.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(not ocr.ocr_available(), reason="Tesseract is not installed (Debian package tesseract-ocr)")
@pytest.mark.skipif(truetype_font(20) is None, reason="No TrueType font (Debian package fonts-dejavu-core)")
def test_ocr_reads_the_text_of_a_screenshot_and_analysis_gets_it(
    report: Report, login_as: Callable[[User], Client], users: dict[str, User]
) -> None:
    screenshot = screenshot_with_text(["nobody wants you here", "meet me after school"])
    item = evidence_add_file(report=report, data=screenshot, filename="chat.png")
    evidence_add_text(report=report, text="and another message", kind="message")
    run_tasks()
    item.refresh_from_db()
    assert item.ocr_state == OcrState.DONE and item.has_text and item.has_preview
    stored = conf.store().read_raw_derived(kind=OCR_TEXT, sha256=item.sha256)
    assert b"nobody" not in stored  # encrypted like everything else
    texts = selectors.evidence_texts_for_report(report_id=report.pk)
    assert [t.source for t in texts] == ["ocr", "pasted"]
    for word in ("nobody", "wants", "meet", "after", "school"):
        assert word in texts[0].text.lower()
    page = login_as(users["dsl"]).get(reverse("evidence:item", args=[item.pk])).content.decode()
    assert "Text read from the image" in page and "school" in page.lower()


def test_without_tesseract_the_item_page_says_ocr_is_unavailable(
    settings: Any, report: Report, login_as: Callable[[User], Client], users: dict[str, User]
) -> None:
    settings.EVIDENCE_TESSERACT = "no-such-tesseract"
    item = evidence_add_file(report=report, data=screenshot_with_text(["hello"]), filename="a.png")
    client = login_as(users["dsl"])
    pending = client.get(reverse("evidence:item", args=[item.pk])).content.decode()
    assert "OCR is unavailable" in pending and "tesseract-ocr" in pending
    run_tasks()
    item.refresh_from_db()
    assert item.ocr_state == OcrState.UNAVAILABLE and item.has_preview
    page = client.get(reverse("evidence:item", args=[item.pk])).content.decode()
    assert "OCR is unavailable" in page and "Install the Debian package" in page


def test_an_email_text_is_extracted_for_analysis(report: Report) -> None:
    from upstander.evidence.adding import evidence_add_email

    raw = (
        b"From: a@example.net\r\nTo: b@example.org\r\nSubject: hi\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>You are <b>worthless</b></p><script>x()</script>\r\n"
    )
    evidence_add_email(report=report, raw=raw)
    run_tasks()
    texts = selectors.evidence_texts_for_report(report_id=report.pk)
    assert [(t.source, t.text) for t in texts] == [("email", "Subject: hi\n\nYou are worthless")]


def test_a_vault_failure_is_retried_then_shown_on_the_item(settings: Any, report: Report) -> None:
    from upstander.evidence.tasks import MAX_ATTEMPTS, derive_evidence

    settings.EVIDENCE_TESSERACT = "no-such-tesseract"
    item = evidence_add_file(report=report, data=screenshot_with_text(["x"]), filename="a.png")
    conf.store().delete(item.sha256)
    for _ in range(MAX_ATTEMPTS):
        derive_evidence.call(item.pk)
    item.refresh_from_db()
    assert item.derive_state == "failed" and item.derive_attempts == MAX_ATTEMPTS
    assert "BlobNotFound" in item.derive_error and item.ocr_state == OcrState.FAILED
