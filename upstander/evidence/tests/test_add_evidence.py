"""Adding evidence through the services the report form, the API and email intake call."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django_tasks_db.models import DBTaskResult

from upstander.accounts.models import User
from upstander.audit.models import AuditEvent
from upstander.evidence import conf, selectors
from upstander.evidence.adding import evidence_add_email, evidence_add_file, evidence_add_text
from upstander.evidence.models import CustodyEvent, EvidenceItem, EvidenceKind, OcrState
from upstander.evidence.tests.factories import photo_with_exif, png_bytes
from upstander.evidence.vault import crypto
from upstander.evidence.vault.errors import UploadRefused
from upstander.reports.models import Report

pytestmark = pytest.mark.django_db

EMAIL = (
    b"From: Sam Sender <sam@example.net>\r\nTo: Jo <jo@example.org>\r\nSubject: you are a loser\r\n"
    b"Date: Tue, 03 Nov 2026 21:14:00 +0000\r\nMessage-ID: <1@example.net>\r\nMIME-Version: 1.0\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\nNobody at school likes you. Don't come back.\r\n"
)


def _queued(item: EvidenceItem) -> bool:
    return DBTaskResult.objects.filter(
        task_path="upstander.evidence.tasks.derive_evidence", args_kwargs__args=[item.pk]
    ).exists()


def test_a_screenshot_is_stored_encrypted_under_its_hash_with_custody_and_audit(report: Report) -> None:
    data = png_bytes(size=(200, 120))
    item = evidence_add_file(
        report=report, data=data, filename="../../Snap chat.PNG", added_by_label="anonymous reporter",
        metadata={"platform": "snapchat", "handles": ["@mean_one", "07700 900123"], "description": "Group chat"},
    )  # fmt: skip
    assert (item.kind, item.sha256, item.size) == (EvidenceKind.IMAGE, crypto.sha256_hex(data), len(data))
    assert item.safe_name == "Snap chat.png" and item.original_name == "../../Snap chat.PNG"
    assert item.handle_list == ["@mean_one", "07700 900123"]
    assert item.key_id == conf.keyring().active_key_id
    stored = Path(settings.EVIDENCE_DIR) / "objects" / item.sha256[:2] / item.sha256[2:4] / item.sha256
    assert stored.is_file() and data not in stored.read_bytes()
    assert conf.store().get(item.sha256) == data
    event = CustodyEvent.objects.get(item=item)
    assert (event.seq, event.action, event.actor_label) == (1, "added", "anonymous reporter")
    assert event.detail["metadata"]["platform"] == "snapchat"
    assert (item.custody_seq, item.custody_head) == (1, event.row_hash)
    audit = AuditEvent.objects.get(action="created", object_type="evidence.evidenceitem")
    assert audit.ip_address is None and audit.actor_label == "anonymous reporter"
    assert item.ocr_state == OcrState.PENDING and _queued(item)


def test_the_key_is_generated_once_under_var_in_embedded_mode(report: Report) -> None:
    evidence_add_file(report=report, data=png_bytes(), filename="a.png")
    key_file = Path(settings.VAR_DIR) / "evidence.keys"
    assert key_file.is_file() and oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert conf.keyring().active_key_id == conf.keyring().active_key_id


def test_a_key_from_the_environment_is_used_and_no_key_file_is_made(report: Report, settings: object) -> None:
    ring = crypto.KeyRing.generate(key_id="from-env")
    settings.EVIDENCE_KEY = ring.to_string()  # type: ignore[attr-defined]
    item = evidence_add_file(report=report, data=png_bytes(), filename="a.png")
    assert item.key_id == "from-env"
    assert not (Path(settings.VAR_DIR) / "evidence.keys").exists()  # type: ignore[attr-defined]


def test_a_staff_upload_records_the_user_and_their_address(report: Report, users: dict[str, User]) -> None:
    from django.test import RequestFactory

    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    item = evidence_add_file(report=report, data=png_bytes(), filename="a.png", added_by=users["dsl"], request=request)
    assert item.added_by == users["dsl"] and "dsl@hill.test" in item.added_by_label
    assert AuditEvent.objects.get(action="created").ip_address == "203.0.113.9"


def test_exif_capture_time_is_read_and_the_location_is_noted(report: Report) -> None:
    item = evidence_add_file(report=report, data=photo_with_exif(), filename="IMG_0001.JPG")
    assert item.captured_at == datetime(2024, 7, 5, 13, 22, 10, tzinfo=UTC)
    assert item.captured_at_source == "exif"
    assert item.file_metadata["has_gps"] is True and item.file_metadata["camera"] == "Apple iPhone 15"


def test_a_capture_time_given_by_a_person_wins_over_exif(report: Report) -> None:
    given = datetime(2024, 7, 6, 9, 0, tzinfo=UTC)
    item = evidence_add_file(report=report, data=photo_with_exif(), filename="x.jpg", metadata={"captured_at": given})
    assert (item.captured_at, item.captured_at_source) == (given, "given")


def test_the_same_file_twice_in_one_report_is_one_item_with_the_second_sending_recorded(report: Report) -> None:
    data = png_bytes()
    first = evidence_add_file(report=report, data=data, filename="a.png")
    again = evidence_add_file(report=report, data=data, filename="copy of a.png")
    assert again.pk == first.pk and EvidenceItem.objects.count() == 1
    assert list(CustodyEvent.objects.filter(item=first).values_list("action", flat=True)) == ["added", "added_again"]


def test_the_same_file_in_two_reports_is_two_items_over_one_stored_object(
    report: Report, outsider_report: Report
) -> None:
    data = png_bytes()
    a = evidence_add_file(report=report, data=data, filename="a.png")
    b = evidence_add_file(report=outsider_report, data=data, filename="b.png")
    assert a.pk != b.pk and a.sha256 == b.sha256
    assert list(conf.store().digests()) == [a.sha256]


def test_a_sealed_upload_gets_no_background_work(report: Report) -> None:
    item = evidence_add_file(report=report, data=png_bytes(), filename="a.png", sexual_image=True)
    assert item.sealed and item.ocr_state == OcrState.WITHHELD and not _queued(item)
    assert list(CustodyEvent.objects.filter(item=item).values_list("action", flat=True)) == ["added", "sealed"]
    assert conf.store().exists(item.sha256)  # still hashed and kept


def test_sending_a_file_again_marked_sexual_seals_the_existing_item(report: Report) -> None:
    data = png_bytes()
    item = evidence_add_file(report=report, data=data, filename="a.png")
    evidence_add_file(report=report, data=data, filename="a.png", sexual_image=True)
    item.refresh_from_db()
    assert item.sealed


def test_a_pasted_message_and_a_web_page_record_are_kept_as_text(report: Report) -> None:
    message = evidence_add_text(report=report, text="  nobody likes you  ", kind="message")
    page = evidence_add_text(
        report=report, text="A fake profile with my photo", kind="web_page", url="https://www.instagram.com/fake.me/",
        metadata={"platform": "instagram", "posted_at": "2026-11-01T18:30"},
    )  # fmt: skip
    assert conf.store().get(message.sha256) == b"nobody likes you"
    assert (page.kind, page.url, page.safe_name) == ("web_page", "https://www.instagram.com/fake.me/", "web-page.txt")
    assert page.posted_at is not None and page.posted_at.utcoffset() is not None
    texts = selectors.evidence_texts_for_report(report_id=report.pk)
    assert [(t.item_id, t.source, t.text) for t in texts] == [
        (message.pk, "pasted", "nobody likes you"),
        (page.pk, "pasted", "A fake profile with my photo"),
    ]


def test_a_web_page_record_needs_its_address(report: Report) -> None:
    with pytest.raises(UploadRefused, match="address"):
        evidence_add_text(report=report, text="it said things", kind="web_page")
    with pytest.raises(UploadRefused, match="not a web address"):
        evidence_add_text(report=report, text="it said things", kind="web_page", url="javascript:alert(1)")


def test_empty_text_and_unknown_metadata_are_refused(report: Report) -> None:
    with pytest.raises(UploadRefused, match="no text"):
        evidence_add_text(report=report, text="   ", kind="message")
    with pytest.raises(ValueError, match="unknown evidence metadata"):
        evidence_add_text(report=report, text="x", kind="message", metadata={"colour": "red"})
    with pytest.raises(UploadRefused, match="future"):
        evidence_add_text(report=report, text="x", kind="message", metadata={"posted_at": "2999-01-01T00:00"})


def test_an_email_is_kept_whole_and_its_headers_fill_the_record(report: Report) -> None:
    item = evidence_add_email(report=report, raw=EMAIL, added_by_label="email from jo@example.org")
    assert item.kind == EvidenceKind.EMAIL and conf.store().get(item.sha256) == EMAIL
    assert item.file_metadata["email_subject"] == "you are a loser"
    assert item.posted_at == datetime(2026, 11, 3, 21, 14, tzinfo=UTC)
    assert item.handle_list == ["sam@example.net", "jo@example.org"]
    assert (item.channel, item.platform, item.safe_name) == ("email", "email", "you are a loser.eml")
    assert _queued(item)


def test_an_email_upload_through_the_file_route_is_an_email_item_too(report: Report) -> None:
    assert evidence_add_file(report=report, data=EMAIL, filename="saved.eml").kind == EvidenceKind.EMAIL


def test_something_that_is_not_an_email_is_refused_by_the_email_route(report: Report) -> None:
    with pytest.raises(UploadRefused, match="not a saved e-mail"):
        evidence_add_email(report=report, raw=png_bytes())


def test_a_case_can_be_linked_later(report: Report) -> None:
    item = evidence_add_text(report=report, text="x", kind="message")
    assert item.case_id is None
