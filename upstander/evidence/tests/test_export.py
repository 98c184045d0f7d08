"""Export bundles: signed with the organisation's key, checkable offline, audited and custody-logged."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

from upstander.accounts.models import Organisation, User
from upstander.audit.models import AuditEvent
from upstander.evidence.adding import evidence_add_file, evidence_add_text
from upstander.evidence.bundles import ExportedBundle, evidence_export_bundle, evidence_signing_key
from upstander.evidence.models import CustodyEvent, EvidenceItem, OrganisationSigningKey
from upstander.evidence.tests.factories import png_bytes
from upstander.evidence.tests.helpers import run_command
from upstander.evidence.vault import bundle
from upstander.reports.models import Report, ReportMessage

pytestmark = pytest.mark.django_db
SCREENSHOT = png_bytes(size=(160, 90), colour="lightyellow")


@pytest.fixture
def items(report: Report) -> list[EvidenceItem]:
    return [
        evidence_add_file(report=report, data=SCREENSHOT, filename="Insta comments.png",
                          metadata={"platform": "instagram", "handles": "@troll_99"}),
        evidence_add_text(report=report, text="u r so ugly no wonder nobody talks 2 u", kind="message"),
        evidence_add_file(report=report, data=png_bytes(colour="pink"), filename="secret.png", sexual_image=True),
    ]  # fmt: skip


@pytest.fixture
def exported(report: Report, items: list[EvidenceItem], users: dict[str, User]) -> ExportedBundle:
    ReportMessage.objects.create(report=report, author_kind="staff", author=users["dsl"], body="Can you send the link?")
    return evidence_export_bundle(report=report, by=users["dsl"])


def _trusted(organisation: Organisation) -> str:
    return OrganisationSigningKey.objects.get(organisation=organisation).public_key_pem


def test_a_bundle_verifies_against_the_organisations_key(exported: ExportedBundle, report: Report) -> None:
    result = bundle.verify_bundle(exported.data, trusted_public_key=_trusted(report.organisation))
    assert result.ok, result.problems
    assert result.files_checked == 7  # README, summary, public key, two checkpoint files and the two included files


def test_the_manifest_lists_every_file_with_its_sha256(exported: ExportedBundle, items: list[EvidenceItem]) -> None:
    with zipfile.ZipFile(io.BytesIO(exported.data)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert archive.read("evidence/001-Insta comments.png") == SCREENSHOT
    assert [e["sha256"] for e in manifest["evidence"]] == [items[0].sha256, items[1].sha256]
    assert [w["sha256"] for w in manifest["withheld"]] == [items[2].sha256]
    first = manifest["evidence"][0]["metadata"]
    assert first["platform"] == "Instagram" and first["handles"] == ["@troll_99"]
    assert first["custody_head_sha256"] == items[0].custody_head
    assert exported.included == (items[0].pk, items[1].pk) and exported.withheld == (items[2].pk,)


def test_one_changed_byte_makes_the_bundle_fail_to_verify(exported: ExportedBundle, report: Report) -> None:
    data = bytearray(exported.data)
    data[bytes(data).index(SCREENSHOT) + 40] ^= 0x01  # images are stored uncompressed in the ZIP
    result = bundle.verify_bundle(bytes(data), trusted_public_key=_trusted(report.organisation))
    assert not result.ok
    assert any("evidence/001-Insta comments.png" in p for p in result.problems)


def test_verify_bundle_checks_a_file_and_exits_non_zero_when_it_is_changed(
    exported: ExportedBundle, report: Report, tmp_path: Path
) -> None:
    good = tmp_path / "bundle.zip"
    good.write_bytes(exported.data)
    code, out, _ = run_command("verify-bundle", str(good), "--organisation", report.organisation.slug)
    assert code == 0 and "The bundle verifies" in out
    code, out, _ = run_command("verify-bundle", str(good))
    assert code == 0 and "confirm fingerprint" in out
    bad = tmp_path / "changed.zip"
    data = bytearray(exported.data)
    data[bytes(data).index(SCREENSHOT) + 10] ^= 0x80
    bad.write_bytes(bytes(data))
    code, _, err = run_command("verify-bundle", str(bad))
    assert code == 1 and "does NOT verify" in err and "evidence/001-Insta comments.png" in err


def test_a_bundle_signed_by_another_organisation_fails_against_this_ones_key(
    exported: ExportedBundle, report: Report, other_org: Organisation, tmp_path: Path
) -> None:
    evidence_signing_key(organisation=other_org)
    path = tmp_path / "b.zip"
    path.write_bytes(exported.data)
    code, _, err = run_command("verify-bundle", str(path), "--organisation", other_org.slug)
    assert code == 1 and "not the trusted key" in err


def test_an_export_is_audited_and_on_every_items_custody_trail(
    exported: ExportedBundle, items: list[EvidenceItem], users: dict[str, User]
) -> None:
    audit = AuditEvent.objects.get(action="exported")
    assert audit.actor_id == users["dsl"].pk and audit.object_type == "reports.report"
    assert audit.detail["bundle_sha256"] == exported.sha256 and audit.detail["withheld"] == [items[2].pk]
    events = CustodyEvent.objects.filter(action="exported").order_by("item_id")
    assert [(e.item_id, e.detail["included"], e.detail["bundle_sha256"]) for e in events] == [
        (items[0].pk, True, exported.sha256), (items[1].pk, True, exported.sha256), (items[2].pk, False, exported.sha256),
    ]  # fmt: skip


def test_each_organisation_has_its_own_signing_key_kept_sealed(
    report: Report, other_org: Organisation, users: dict[str, User]
) -> None:
    first = evidence_signing_key(organisation=report.organisation)
    assert evidence_signing_key(organisation=report.organisation).fingerprint == first.fingerprint
    assert evidence_signing_key(organisation=other_org).fingerprint != first.fingerprint
    row = OrganisationSigningKey.objects.get(organisation=report.organisation)
    assert b"PRIVATE KEY" not in bytes(row.sealed_private_key) and row.fingerprint == first.fingerprint


def test_the_summary_holds_the_account_messages_and_custody_but_not_sealed_names(
    exported: ExportedBundle, tmp_path: Path
) -> None:
    with zipfile.ZipFile(io.BytesIO(exported.data)) as archive:
        text = pdf_text(archive.read("summary.pdf"))
    for expected in ("They keep posting about me.", "Can you send the link?", "Insta comments.png): added",
                     "sealed item): sealed", "Withheld items"):  # fmt: skip
        assert expected in text
    assert "secret.png" not in text
    # Words, not codes (issue 13): the report's reference is called that, and details read as words.
    assert "Report reference" in text and "Case reference" not in text and "has gps" not in text.lower()


def pdf_text(data: bytes) -> str:
    """The PDF's text, read back with pypdf (pure Python; no poppler needed)."""
    import io as _io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(_io.BytesIO(data)).pages)


def test_a_bundle_holds_the_signed_checkpoints_of_its_own_trails_only(
    report: Report, items: list[EvidenceItem], users: dict[str, User], outsider_report: Report, tmp_path: Path
) -> None:
    elsewhere = evidence_add_text(report=outsider_report, text="another school's evidence", kind="message")
    call_command("audit", "checkpoint", stdout=io.StringIO())

    exported = evidence_export_bundle(report=report, by=users["dsl"])

    assert bundle.verify_bundle(exported.data, trusted_public_key=_trusted(report.organisation)).ok
    with zipfile.ZipFile(io.BytesIO(exported.data)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        lines = [json.loads(line) for line in archive.read("checkpoints/checkpoints.jsonl").splitlines()]
        (tmp_path / "checkpoints.jsonl").write_bytes(archive.read("checkpoints/checkpoints.jsonl"))
        (tmp_path / "keys.pem").write_bytes(archive.read("checkpoints/public-keys.pem"))
    assert {"checkpoints/checkpoints.jsonl", "checkpoints/public-keys.pem"} <= {f["path"] for f in manifest["files"]}
    own_audit_chain = f"audit:org:{report.organisation_id}"  # and the installation's, when it has rows
    assert sorted(line["chain"] for line in lines if line["chain"] != "audit") == sorted(
        [own_audit_chain, *(f"custody:{item.pk}" for item in items)]
    )
    assert f"audit:org:{outsider_report.organisation_id}" not in {line["chain"] for line in lines}
    assert f"custody:{elsewhere.pk}" not in {line["chain"] for line in lines}
    # The copy in the bundle checks the trails later, line by line, by its signatures.
    code, out, err = run_command(
        "verify", "--checkpoints", str(tmp_path / "checkpoints.jsonl"), "--public-key", str(tmp_path / "keys.pem")
    )
    assert code == 0, err
    assert "3 signed checkpoint(s) checked" in out


@pytest.mark.django_db(transaction=True)
def test_an_export_outside_a_transaction_signs_a_fresh_checkpoint_of_its_trails_first(
    report: Report, items: list[EvidenceItem], users: dict[str, User]
) -> None:
    heads = {f"custody:{item.pk}": (item.custody_seq, item.custody_head) for item in items}

    exported = evidence_export_bundle(report=report, by=users["dsl"])

    with zipfile.ZipFile(io.BytesIO(exported.data)) as archive:
        lines = [json.loads(line) for line in archive.read("checkpoints/checkpoints.jsonl").splitlines()]
    assert {line["chain"]: (line["seq"], line["head"]) for line in lines if line["chain"].startswith("custody:")} == heads
    # Rows deleted from an append-only table by Django's flush after this test: the triggers are
    # lifted for the flush only (upstander/core/sqlite/base.py), and stand again afterwards.
