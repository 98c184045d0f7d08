"""Every evidence page, for every role: who reaches what, what is audited, how files leave."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from upstander.accounts.models import User
from upstander.audit.models import AuditEvent
from upstander.evidence import urls as evidence_urls
from upstander.evidence.adding import evidence_add_file
from upstander.evidence.derived import evidence_derive
from upstander.evidence.models import CustodyEvent, EvidenceItem
from upstander.evidence.tests.factories import png_bytes
from upstander.evidence.viewing import evidence_redact
from upstander.reports.models import Report

pytestmark = pytest.mark.django_db

ROLES = ["staff", "dsl", "deputy_dsl", "senior_leader", "org_admin", "authority_lead"]
LEADS = {"dsl", "deputy_dsl"}
IMAGE = png_bytes(size=(300, 200), colour="lightblue")


@pytest.fixture
def item(settings: Any, report: Report, users: dict[str, User]) -> EvidenceItem:
    settings.EVIDENCE_TESSERACT = "no-such-tesseract"  # previews only: keeps these tests fast
    made = evidence_add_file(report=report, data=IMAGE, filename="chat.png")
    evidence_derive(item_id=made.pk)
    evidence_redact(item=made, by=users["dsl"], boxes=[(0, 0, 100, 50)], reason="other pupils' names")
    made.refresh_from_db()
    assert made.has_preview and made.has_redacted_preview
    return made


@pytest.fixture
def sealed(report: Report) -> EvidenceItem:
    return evidence_add_file(report=report, data=png_bytes(colour="pink"), filename="sealed.png", sexual_image=True)


@pytest.fixture
def outsider_item(settings: Any, outsider_report: Report) -> EvidenceItem:
    settings.EVIDENCE_TESSERACT = "no-such-tesseract"
    made = evidence_add_file(report=outsider_report, data=png_bytes(colour="green"), filename="theirs.png")
    evidence_derive(item_id=made.pk)
    return made


def every_request(item: EvidenceItem, sealed: EvidenceItem) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(url name, method, url, data) for every evidence URL; POSTs carry empty forms (no changes)."""
    report_id = item.report_id
    return [
        ("report", "get", reverse("evidence:report", args=[report_id]), {}),
        ("add", "get", reverse("evidence:add", args=[report_id, "file"]), {}),
        ("add", "get", reverse("evidence:add", args=[report_id, "message"]), {}),
        ("add", "get", reverse("evidence:add", args=[report_id, "web-page"]), {}),
        ("add", "post", reverse("evidence:add", args=[report_id, "message"]), {"text": ""}),
        ("export", "post", reverse("evidence:export", args=[report_id]), {"include_sealed": [str(sealed.pk)]}),
        ("item", "get", reverse("evidence:item", args=[item.pk]), {}),
        ("download", "get", reverse("evidence:download", args=[item.pk]), {}),
        ("preview", "get", reverse("evidence:preview", args=[item.pk]), {}),
        ("redacted", "get", reverse("evidence:redacted", args=[item.pk]), {}),
        ("seal", "post", reverse("evidence:seal", args=[item.pk]), {"seal-reason": ""}),
        ("unseal", "post", reverse("evidence:unseal", args=[sealed.pk]), {"unseal-reason": ""}),
        ("redact", "post", reverse("evidence:redact", args=[item.pk]), {"redact-boxes": "", "redact-reason": ""}),
    ]


def test_the_matrix_covers_every_evidence_url(item: EvidenceItem, sealed: EvidenceItem) -> None:
    names = {p.name for p in evidence_urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == {name for name, *_ in every_request(item, sealed)}


def _expected(role: str, name: str, method: str) -> int:
    if role not in LEADS:
        return 403
    if name == "unseal" and role == "deputy_dsl":
        return 403  # only the DSL unseals
    # Every POST above is an empty or incomplete form: the page comes back with its errors.
    return 400 if method == "post" else 200


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_only_what_it_should(
    login_as: Callable[[User], Client], users: dict[str, User], item: EvidenceItem, sealed: EvidenceItem, role: str
) -> None:
    client = login_as(users[role])
    for name, method, url, data in every_request(item, sealed):
        response = getattr(client, method)(url, data)
        assert response.status_code == _expected(role, name, method), (role, name, url, response.status_code)
    assert not CustodyEvent.objects.filter(action__in=["sealed", "unsealed"]).exclude(item=sealed).exists()


@pytest.mark.parametrize("role", sorted(LEADS))
def test_another_organisations_evidence_is_not_found(
    login_as: Callable[[User], Client], users: dict[str, User], outsider_item: EvidenceItem, role: str
) -> None:
    client = login_as(users[role])
    for _name, method, url, data in every_request(outsider_item, outsider_item):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (url, response.status_code)
    assert not CustodyEvent.objects.filter(item=outsider_item).exclude(action="added").exists()
    assert not AuditEvent.objects.filter(action__in=["viewed", "downloaded", "exported"]).exists()


def test_each_page_rejects_the_wrong_method(
    login_as: Callable[[User], Client], users: dict[str, User], item: EvidenceItem
) -> None:
    client = login_as(users["dsl"])
    assert client.post(reverse("evidence:report", args=[item.report_id])).status_code == 405
    assert client.get(reverse("evidence:export", args=[item.report_id])).status_code == 405
    assert client.post(reverse("evidence:item", args=[item.pk])).status_code == 405
    assert client.post(reverse("evidence:download", args=[item.pk])).status_code == 405
    assert client.get(reverse("evidence:seal", args=[item.pk])).status_code == 405
    assert client.get(reverse("evidence:unseal", args=[item.pk])).status_code == 405
    assert client.get(reverse("evidence:redact", args=[item.pk])).status_code == 405
    assert client.get(reverse("evidence:add", args=[item.report_id, "nonsense"])).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client: Client, item: EvidenceItem) -> None:
    response = client.get(reverse("evidence:download", args=[item.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_every_view_of_an_item_is_audited_and_on_its_custody_trail(
    login_as: Callable[[User], Client], users: dict[str, User], item: EvidenceItem
) -> None:
    client = login_as(users["deputy_dsl"])
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    for name in ("item", "preview", "download", "redacted"):
        assert client.get(reverse(f"evidence:{name}", args=[item.pk])).status_code == 200
    audits = AuditEvent.objects.filter(id__gt=before, object_type="evidence.evidenceitem", object_id=str(item.pk))
    assert [(a.action, a.detail.get("what")) for a in audits] == [
        ("viewed", None), ("viewed", "preview"), ("downloaded", "original"), ("downloaded", "redacted"),
    ]  # fmt: skip
    assert all(a.actor_id == users["deputy_dsl"].pk and a.ip_address == "127.0.0.1" for a in audits)
    trail = list(CustodyEvent.objects.filter(item=item).values_list("action", "detail__what", "actor_id"))[-4:]
    deputy = users["deputy_dsl"].pk
    assert trail == [
        ("viewed", "item page", deputy), ("viewed", "preview", deputy), ("downloaded", "original", deputy),
        ("downloaded", "redacted", deputy),
    ]  # fmt: skip


def test_the_evidence_list_is_audited(
    login_as: Callable[[User], Client], users: dict[str, User], item: EvidenceItem
) -> None:
    login_as(users["dsl"]).get(reverse("evidence:report", args=[item.report_id]))
    audit = AuditEvent.objects.filter(action="viewed", object_type="reports.report").get()
    assert audit.detail == {"evidence_list": [item.pk]}


def test_a_download_is_an_attachment_that_is_never_sniffed(
    login_as: Callable[[User], Client], users: dict[str, User], item: EvidenceItem
) -> None:
    response = login_as(users["dsl"]).get(reverse("evidence:download", args=[item.pk]))
    assert response.content == IMAGE
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="chat.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "no-store"


def test_the_preview_holds_no_location_or_camera_data(
    settings: Any, login_as: Callable[[User], Client], users: dict[str, User], report: Report
) -> None:
    from PIL import Image

    from upstander.evidence.tests.factories import photo_with_exif

    settings.EVIDENCE_TESSERACT = "no-such-tesseract"
    photo = evidence_add_file(report=report, data=photo_with_exif(gps=True), filename="IMG.JPG")
    evidence_derive(item_id=photo.pk)
    response = login_as(users["dsl"]).get(reverse("evidence:preview", args=[photo.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    preview = Image.open(io.BytesIO(response.content))
    assert not preview.getexif() and b"iPhone" not in response.content


def test_the_item_page_shows_the_record_hash_and_custody_trail(
    login_as: Callable[[User], Client], users: dict[str, User], item: EvidenceItem
) -> None:
    page = login_as(users["dsl"]).get(reverse("evidence:item", args=[item.pk])).content.decode()
    for expected in (item.sha256, "chat.png", "Custody trail", "Redacted preview made", "other pupils&#x27; names",
                     reverse("evidence:preview", args=[item.pk]), "OCR is unavailable", "tesseract-ocr"):  # fmt: skip
        assert expected in page


def test_a_dsl_adds_a_web_page_record_with_its_metadata(
    login_as: Callable[[User], Client], users: dict[str, User], report: Report
) -> None:
    response = login_as(users["dsl"]).post(
        reverse("evidence:add", args=[report.pk, "web-page"]),
        {"url": "https://example.com/post/1", "text": "A post calling her names", "platform": "x",
         "handles": "@someone\n@another", "posted_at": "2026-11-01T18:30", "captured_by": "Ms Lead"},
    )  # fmt: skip
    item = EvidenceItem.objects.get(report=report)
    assert response.status_code == 302 and response["Location"] == reverse("evidence:item", args=[item.pk])
    assert (item.kind, item.url, item.platform, item.captured_by) == (
        "web_page",
        "https://example.com/post/1",
        "x",
        "Ms Lead",
    )
    assert item.added_by == users["dsl"] and item.handle_list == ["@someone", "@another"]


def test_a_dsl_uploads_a_file_marked_sexual_and_it_is_sealed_at_once(
    login_as: Callable[[User], Client], users: dict[str, User], report: Report
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("photo.png", png_bytes(colour="purple"))
    client = login_as(users["dsl"])
    client.post(reverse("evidence:add", args=[report.pk, "file"]), {"file": upload, "sexual_image": "on"})
    item = EvidenceItem.objects.get(report=report)
    assert item.sealed and item.derive_state == "not_needed"


def test_an_export_is_a_signed_zip_download(
    login_as: Callable[[User], Client], users: dict[str, User], item: EvidenceItem
) -> None:
    response = login_as(users["deputy_dsl"]).post(reverse("evidence:export", args=[item.report_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="evidence-TEST-')
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "manifest.sig" in names and "evidence/001-chat.png" in names
