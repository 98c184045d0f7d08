"""Sealed items (nude or sexual images, UKCIS): kept and hashed, but never shown, read, copied or
exported, by any URL and for any role, until the DSL unseals them with a reason."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import User
from upstander.audit.models import AuditEvent
from upstander.evidence import conf, selectors
from upstander.evidence.adding import evidence_add_file
from upstander.evidence.custody import OCR_TEXT, PREVIEW, EvidenceSealed
from upstander.evidence.derived import evidence_derive
from upstander.evidence.models import CustodyEvent, EvidenceItem
from upstander.evidence.sealing import evidence_seal, evidence_unseal
from upstander.evidence.tests.factories import png_bytes
from upstander.evidence.tests.helpers import run_tasks
from upstander.evidence.vault import bundle
from upstander.evidence.viewing import evidence_open
from upstander.reports.models import Report

pytestmark = pytest.mark.django_db

ROLES = ["staff", "dsl", "deputy_dsl", "senior_leader", "org_admin", "authority_lead"]
SEALED_BYTES = png_bytes(size=(90, 70), colour="pink")
SEALED_NAME = "private-photo-of-someone.png"


@pytest.fixture(autouse=True)
def _no_ocr(settings: Any) -> None:
    settings.EVIDENCE_TESSERACT = "no-such-tesseract"


@pytest.fixture
def sealed(report: Report) -> EvidenceItem:
    return evidence_add_file(
        report=report, data=SEALED_BYTES, filename=SEALED_NAME, sexual_image=True, added_by_label="anonymous reporter",
        metadata={"description": "a photo sent round the year group"},
    )  # fmt: skip


def _every_url(item: EvidenceItem) -> list[tuple[str, str, dict[str, Any]]]:
    report_id = item.report_id
    return [
        ("get", reverse("evidence:report", args=[report_id]), {}),
        ("get", reverse("evidence:item", args=[item.pk]), {}),
        ("get", reverse("evidence:download", args=[item.pk]), {}),
        ("get", reverse("evidence:preview", args=[item.pk]), {}),
        ("get", reverse("evidence:redacted", args=[item.pk]), {}),
        ("post", reverse("evidence:redact", args=[item.pk]), {"redact-boxes": "0,0,10,10", "redact-reason": "x"}),
        ("post", reverse("evidence:seal", args=[item.pk]), {"seal-reason": "again"}),
        ("post", reverse("evidence:export", args=[report_id]), {}),
        ("post", reverse("evidence:export", args=[report_id]), {"include_sealed": [str(item.pk)]}),
        ("get", reverse("audit:object", args=["evidence.evidenceitem", item.pk]), {}),
    ]


def _zip_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("role", ROLES)
def test_no_url_gives_anyone_a_sealed_items_content_before_it_is_unsealed(
    login_as: Callable[[User], Client], users: dict[str, User], sealed: EvidenceItem, role: str
) -> None:
    client = login_as(users[role])
    for method, url, data in _every_url(sealed):
        response = getattr(client, method)(url, data)
        body = response.content
        assert SEALED_BYTES not in body, url
        assert SEALED_NAME.encode() not in body and b"sent round the year group" not in body, url
        if response.get("Content-Type") == "application/zip":
            assert all(member != SEALED_BYTES for member in _zip_members(body).values())
        if "/download/" in url or "/preview/" in url or "/redacted/" in url or "/redact/" in url:
            assert response.status_code == 403, (role, url)
    sealed.refresh_from_db()
    assert sealed.sealed and not sealed.has_preview and not sealed.has_redacted_preview
    assert not CustodyEvent.objects.filter(item=sealed, action__in=["downloaded", "redacted", "unsealed"]).exists()


def test_safeguarding_leads_see_that_it_exists_with_its_hash_and_the_ukcis_rule(
    login_as: Callable[[User], Client], users: dict[str, User], sealed: EvidenceItem
) -> None:
    for role in ("dsl", "deputy_dsl"):
        client = login_as(users[role])
        listing = client.get(reverse("evidence:report", args=[sealed.report_id])).content.decode()
        assert "sealed item" in listing and sealed.sha256 in listing
        page = client.get(reverse("evidence:item", args=[sealed.pk])).content.decode()
        assert "This item is sealed" in page and sealed.sha256 in page and "UKCIS" in page
        assert "<img" not in page and reverse("evidence:download", args=[sealed.pk]) not in page
    deputy_page = login_as(users["deputy_dsl"]).get(reverse("evidence:item", args=[sealed.pk])).content.decode()
    assert "Only the designated safeguarding lead can unseal this item." in deputy_page


def test_the_vault_refuses_a_sealed_items_content_whoever_asks(sealed: EvidenceItem, users: dict[str, User]) -> None:
    for what in ("original", "preview", "redacted"):
        with pytest.raises(EvidenceSealed):
            evidence_open(item=sealed, by=users["dsl"], what=what)
    assert selectors.evidence_item_text(item=sealed) is None
    assert conf.store().get(sealed.sha256) == SEALED_BYTES  # still kept, still verifiable
    assert selectors.evidence_verify().ok


def test_a_sealed_item_is_withheld_from_an_export_and_listed_by_hash(
    login_as: Callable[[User], Client], users: dict[str, User], sealed: EvidenceItem
) -> None:
    response = login_as(users["dsl"]).post(reverse("evidence:export", args=[sealed.report_id]))
    members = _zip_members(response.content)
    manifest = json.loads(members["manifest.json"])
    assert manifest["evidence"] == []
    assert [w["sha256"] for w in manifest["withheld"]] == [sealed.sha256]
    assert manifest["withheld"][0]["original_name"] == f"sealed-item-{sealed.pk}"
    assert "sent round the year group" not in members["manifest.json"].decode()
    assert CustodyEvent.objects.get(item=sealed, action="exported").detail["included"] is False


def test_a_deputy_cannot_put_a_sealed_item_in_an_export(
    login_as: Callable[[User], Client], users: dict[str, User], sealed: EvidenceItem
) -> None:
    response = login_as(users["deputy_dsl"]).post(
        reverse("evidence:export", args=[sealed.report_id]),
        {"include_sealed": [str(sealed.pk)], "sealed_reason": "police asked"},
    )
    assert response.status_code == 400
    assert "Only the DSL can include sealed items" in response.content.decode()
    assert not AuditEvent.objects.filter(action="exported").exists()


def test_the_dsl_can_include_a_sealed_item_for_the_police_with_a_recorded_reason(
    login_as: Callable[[User], Client], users: dict[str, User], sealed: EvidenceItem
) -> None:
    client = login_as(users["dsl"])
    url = reverse("evidence:export", args=[sealed.report_id])
    missing_reason = client.post(url, {"include_sealed": [str(sealed.pk)]})
    assert missing_reason.status_code == 400 and "Give the reason" in missing_reason.content.decode()
    response = client.post(url, {"include_sealed": [str(sealed.pk)], "sealed_reason": "PC Smith, ref 42/1234"})
    members = _zip_members(response.content)
    assert SEALED_BYTES in members.values()
    assert bundle.verify_bundle(response.content).ok
    event = CustodyEvent.objects.get(item=sealed, action="exported")
    assert event.reason == "PC Smith, ref 42/1234" and event.detail["included"] is True
    audit = AuditEvent.objects.get(action="exported")
    assert audit.detail["sealed_included"] == [sealed.pk] and audit.detail["sealed_reason"] == "PC Smith, ref 42/1234"


def test_only_the_dsl_unseals_and_the_reason_is_recorded(
    login_as: Callable[[User], Client], users: dict[str, User], sealed: EvidenceItem
) -> None:
    url = reverse("evidence:unseal", args=[sealed.pk])
    assert login_as(users["deputy_dsl"]).post(url, {"unseal-reason": "wrongly marked"}).status_code == 403
    client = login_as(users["dsl"])
    assert client.post(url, {"unseal-reason": "marked by mistake: a screenshot of a chat"}).status_code == 302
    sealed.refresh_from_db()
    assert not sealed.sealed and sealed.derive_state == "pending"
    event = CustodyEvent.objects.get(item=sealed, action="unsealed")
    assert event.reason == "marked by mistake: a screenshot of a chat" and event.actor_id == users["dsl"].pk
    run_tasks()
    sealed.refresh_from_db()
    assert sealed.has_preview
    assert client.get(reverse("evidence:download", args=[sealed.pk])).content == SEALED_BYTES


def test_sealing_deletes_previews_and_text_everywhere_the_same_bytes_are(
    report: Report, outsider_report: Report, users: dict[str, User]
) -> None:
    data = png_bytes(colour="orange")
    mine = evidence_add_file(report=report, data=data, filename="a.png")
    theirs = evidence_add_file(report=outsider_report, data=data, filename="b.png")
    evidence_derive(item_id=mine.pk)
    conf.store().put_derived(kind=OCR_TEXT, sha256=mine.sha256, data=b"words")
    assert conf.store().derived_exists(kind=PREVIEW, sha256=mine.sha256)
    evidence_seal(item=mine, by=users["dsl"], reason="it is a nude image")
    assert not conf.store().derived_exists(kind=PREVIEW, sha256=mine.sha256)
    assert not conf.store().derived_exists(kind=OCR_TEXT, sha256=mine.sha256)
    # The other organisation's copy makes no preview either while any copy is sealed.
    evidence_derive(item_id=theirs.pk)
    theirs.refresh_from_db()
    assert not theirs.has_preview and theirs.derive_state == "not_needed"
    assert not conf.store().derived_exists(kind=PREVIEW, sha256=mine.sha256)


def test_an_item_sealed_while_its_work_waits_gets_no_preview_or_ocr(report: Report, users: dict[str, User]) -> None:
    item = evidence_add_file(report=report, data=png_bytes(colour="teal"), filename="a.png")
    evidence_seal(item=item, by=users["deputy_dsl"], reason="may be a sexual image")
    run_tasks()
    item.refresh_from_db()
    assert item.sealed and not item.has_preview and item.ocr_state == "withheld"
    assert list(conf.store().derived_items()) == []


def test_sealed_items_give_no_text_for_analysis(report: Report, sealed: EvidenceItem) -> None:
    assert selectors.evidence_texts_for_report(report_id=report.pk) == []


def test_sealing_needs_a_reason(sealed: EvidenceItem, report: Report, users: dict[str, User]) -> None:
    item = evidence_add_file(report=report, data=png_bytes(colour="navy"), filename="a.png")
    with pytest.raises(ValueError, match="reason"):
        evidence_seal(item=item, by=users["dsl"], reason="  ")
    with pytest.raises(ValueError, match="reason"):
        evidence_unseal(item=sealed, by=users["dsl"], reason="")
    assert EvidenceItem.objects.get(pk=item.pk).sealed is False
