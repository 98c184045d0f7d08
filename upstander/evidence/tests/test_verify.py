"""`upstander evidence verify`: any change to a stored blob, a hash in the database or a custody
trail is reported, and the command exits non-zero."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from upstander.accounts.models import User
from upstander.evidence import conf
from upstander.evidence.adding import evidence_add_file, evidence_add_text
from upstander.evidence.bundles import evidence_signing_key
from upstander.evidence.custody import OCR_TEXT
from upstander.evidence.models import CustodyEvent, EvidenceItem
from upstander.evidence.sealing import evidence_seal
from upstander.evidence.tests.factories import png_bytes
from upstander.evidence.tests.helpers import run_command
from upstander.reports.models import Report
from upstander.testing import tamper

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(report: Report) -> list[EvidenceItem]:
    return [
        evidence_add_file(report=report, data=png_bytes(colour="red"), filename="a.png"),
        evidence_add_text(report=report, text="you will regret it", kind="message"),
    ]


def _blob(digest: str) -> Path:
    return Path(settings.EVIDENCE_DIR) / "objects" / digest[:2] / digest[2:4] / digest


def _without_triggers(sql: str, params: list[object]) -> None:
    """Tamper as someone with database access would: past the append-only triggers."""
    tamper("evidence_custodyevent", sql, params)


def test_an_untouched_vault_verifies(items: list[EvidenceItem]) -> None:
    evidence_signing_key(organisation=items[0].report.organisation)
    code, out, err = run_command("verify")
    assert code == 0, err
    assert "2 stored object(s), 2 item(s), 2 custody event(s), 1 signing key(s), 0 signed checkpoint(s) checked" in out


def test_changing_one_byte_of_a_stored_blob_is_reported(items: list[EvidenceItem]) -> None:
    path = _blob(items[0].sha256)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    code, _, err = run_command("verify")
    assert code == 1
    assert f"original {items[0].sha256}: Authentication failed" in err
    assert f"(item {items[0].pk})" in err


def test_a_changed_hash_in_the_database_is_reported(items: list[EvidenceItem]) -> None:
    forged = "f" * 64
    EvidenceItem.objects.filter(pk=items[1].pk).update(sha256=forged)
    code, out, err = run_command("verify")
    assert code == 1
    assert f"original {forged}: the database refers to it but it is not in the store" in err
    assert f"item {items[1].pk}: the database says its SHA-256 is {forged}" in err
    assert "belong to no item" in out


def test_a_missing_blob_is_reported(items: list[EvidenceItem]) -> None:
    _blob(items[1].sha256).unlink()
    code, _, err = run_command("verify")
    assert code == 1 and "not in the store" in err


def test_a_damaged_derived_file_is_reported(items: list[EvidenceItem]) -> None:
    conf.store().put_derived(kind=OCR_TEXT, sha256=items[0].sha256, data=b"text")
    path = Path(settings.EVIDENCE_DIR) / "derived" / OCR_TEXT / items[0].sha256[:2] / items[0].sha256[2:4]
    target = path / items[0].sha256
    target.write_bytes(target.read_bytes()[:-1] + b"\0")
    code, _, err = run_command("verify")
    assert code == 1 and f"derived {OCR_TEXT} {items[0].sha256}" in err


def test_a_changed_custody_event_is_reported(items: list[EvidenceItem]) -> None:
    event = CustodyEvent.objects.get(item=items[0], seq=1)
    _without_triggers("UPDATE evidence_custodyevent SET actor_label = %s WHERE id = %s", ["someone else", event.pk])
    code, _, err = run_command("verify")
    assert code == 1
    assert f"item {items[0].pk}: custody trail broken at row 1: its content does not match its hash" in err


def test_deleting_the_newest_custody_event_is_reported(items: list[EvidenceItem], users: dict[str, User]) -> None:
    evidence_seal(item=items[0], by=users["dsl"], reason="looks like a nude image")
    newest = CustodyEvent.objects.get(item=items[0], seq=2)
    _without_triggers("DELETE FROM evidence_custodyevent WHERE id = %s", [newest.pk])
    code, _, err = run_command("verify")
    assert code == 1
    assert "the chain head records 2 rows but 1 were found (rows removed)" in err


def test_removing_a_whole_trail_is_reported(items: list[EvidenceItem]) -> None:
    _without_triggers("DELETE FROM evidence_custodyevent WHERE item_id = %s", [items[1].pk])
    code, _, err = run_command("verify")
    assert code == 1 and f"item {items[1].pk}: it has no custody events at all" in err


def test_the_orm_and_the_database_refuse_to_change_custody_events(items: list[EvidenceItem]) -> None:
    from django.db import DatabaseError, transaction

    event = CustodyEvent.objects.get(item=items[0])
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        CustodyEvent.objects.filter(pk=event.pk).update(reason="x")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE evidence_custodyevent SET reason = 'x' WHERE id = %s", [event.pk])


def test_a_stray_file_in_the_vault_is_reported(items: list[EvidenceItem]) -> None:
    (Path(settings.EVIDENCE_DIR) / "objects" / "notes.txt").write_text("hello")
    code, _, err = run_command("verify")
    assert code == 1 and "not part of the vault layout" in err
